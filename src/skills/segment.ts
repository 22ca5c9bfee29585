// Word segmentation for skill extraction. Scripts written with spaces are cut by one Unicode regex (letters,
// marks and digits, with inner apostrophes so that "jury's" and "don't" stay whole for the stemmer); only a run
// holding characters of a script written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar) goes through
// Intl.Segmenter, which is some twenty times slower (DESIGN.md, measured speeds). A text that is all ASCII, where
// the regex's classes are just [A-Za-z0-9] and the apostrophe ', is cut by a character loop that gives the same
// words without a match object per word, and hashes each word as it goes (the FNV-1a hash that SpanMemo looks
// words up by), so that a word's characters are read once before the lookup.

import { FNV_OFFSET, FNV_PRIME, SpanMemo } from './span-memo.js';

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const NON_ASCII = /[^\x00-\x7f]/;
const APOSTROPHE = 0x27;
/** 1 for the ASCII characters in [\p{L}\p{M}\p{N}]: letters and digits. */
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, c) => (/[\p{L}\p{M}\p{N}]/u.test(String.fromCharCode(c)) ? 1 : 0));

/** Receives each word with its [start, end) code-unit offsets in the text. */
export type WordVisitor = (word: string, start: number, end: number) => void;
/** Receives the [start, end) code-unit offsets of each word in the text, and its hash (SpanMemo.hash). */
export type SpanVisitor = (start: number, end: number, hash: number) => void;

export class WordSegmenter {
  private readonly word = new RegExp(WORD);
  private segmenter: Intl.Segmenter | undefined;

  constructor(private readonly locale: string) {}

  /** Calls `visit` for every word of `text`, in order. */
  forEachWord(text: string, visit: WordVisitor): void {
    if (!NON_ASCII.test(text)) {
      forEachAsciiSpan(text, (start, end) => visit(text.slice(start, end), start, end));
      return;
    }
    const word = this.word;
    const mixed = UNSPACED.test(text); // one scan of the text spares a test per word in the usual case
    word.lastIndex = 0;
    for (let m = word.exec(text); m !== null; m = word.exec(text)) {
      const run = m[0];
      const start = m.index;
      if (mixed && UNSPACED.test(run)) this.segmentUnspaced(run, start, visit);
      else visit(run, start, start + run.length);
    }
  }

  /**
   * Calls `visit` for the place and hash of every word of `text`, in order; an ASCII text is cut without making
   * strings.
   */
  forEachSpan(text: string, visit: SpanVisitor): void {
    if (NON_ASCII.test(text)) this.forEachWord(text, (_word, start, end) => visit(start, end, SpanMemo.hash(text, start, end)));
    else forEachAsciiSpan(text, visit);
  }

  private segmentUnspaced(run: string, offset: number, visit: WordVisitor): void {
    this.segmenter ??= new Intl.Segmenter(this.locale, { granularity: 'word' });
    for (const s of this.segmenter.segment(run)) {
      if (s.isWordLike) visit(s.segment, offset + s.index, offset + s.index + s.segment.length);
    }
  }
}

/** The places and hashes of the words of an ASCII text, exactly as WORD cuts it. */
function forEachAsciiSpan(text: string, visit: SpanVisitor): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (ASCII_WORD[c] === 0) {
      i++;
      continue;
    }
    const start = i;
    let hash = FNV_OFFSET;
    for (;;) {
      do {
        hash = Math.imul(hash ^ c, FNV_PRIME);
        c = ++i < n ? text.charCodeAt(i) : 0;
      } while (ASCII_WORD[c] === 1);
      // an apostrophe continues the word only when a word character follows it
      if (c !== APOSTROPHE || i + 1 >= n || ASCII_WORD[text.charCodeAt(i + 1)] === 0) break;
      hash = Math.imul(hash ^ c, FNV_PRIME);
      c = text.charCodeAt(++i);
    }
    visit(start, i, hash);
  }
}
