// Word segmentation for skill extraction. Scripts written with spaces are cut by one Unicode regex (letters,
// marks and digits, with inner apostrophes so that "jury's" and "don't" stay whole for the stemmer); only a run
// holding characters of a script written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar) goes through
// Intl.Segmenter, which is some twenty times slower (DESIGN.md, measured speeds).

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/** Receives each word with its [start, end) code-unit offsets in the text. */
export type WordVisitor = (word: string, start: number, end: number) => void;

export class WordSegmenter {
  private readonly word = new RegExp(WORD);
  private segmenter: Intl.Segmenter | undefined;

  constructor(private readonly locale: string) {}

  /** Calls `visit` for every word of `text`, in order. */
  forEachWord(text: string, visit: WordVisitor): void {
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

  private segmentUnspaced(run: string, offset: number, visit: WordVisitor): void {
    this.segmenter ??= new Intl.Segmenter(this.locale, { granularity: 'word' });
    for (const s of this.segmenter.segment(run)) {
      if (s.isWordLike) visit(s.segment, offset + s.index, offset + s.index + s.segment.length);
    }
  }
}
