// Text → skills (DESIGN.md, src/skills; THEORY.md §1: a text "requires" the skills it mentions). A skill is a
// normalised word stem: NFKC, case folding (locale-independent lower-casing), stopwords removed (the list the
// settings name: src/skills/languages.ts), words shorter than `minLength` code points dropped, then stemmed with the
// language's Snowball stemmer (`snowball-stemmers`), memoised per word type (as written, and folded). Optional multi-word skills (collocations found by
// ./collocations.ts) join the stems of two adjacent words with '_', which no stem contains. With concept skills
// (settings.concepts), training passes a ConceptMap (src/concepts/concepts.ts) that turns the words WordNet knows
// into their concepts before stemming. Deterministic: the output depends only on the text and the settings, which
// the model stores (with its vocabulary, for concept skills).

import type { ExtractorSettings } from './settings.js';
import { InputError } from '../util/errors.js';
import {
  STEMMER_PACKAGE,
  STOPWORD_PACKAGES,
  isStopwordPackage,
  languageLists,
  loadStemmer,
  loadStopwords,
  packageVersion,
  supportedLanguages,
  type StopwordPackage,
} from './languages.js';
import { WordSegmenter } from './segment.js';
import { indexOfSorted } from '../util/sorted.js';
import type { ConceptMap } from '../concepts/concepts.js';

/** Version of the extraction procedure; bump whenever the keys it produces for some text change. */
export const EXTRACTOR_VERSION = 1;
/** Separator of the stems of a collocation key. */
export const COLLOCATION_SEPARATOR = '_';
/** The memo of word types is cleared when it grows past this, so that endless streams of new words stay bounded. */
const MEMO_LIMIT = 1 << 20;

export interface ExtractorOptions {
  lang?: string;
  minLength?: number;
  /** The stopword package (default: the language's first in STOPWORD_PACKAGES; 'stopword' gives earlier models' lists). */
  stopwords?: StopwordPackage;
}

/** Settings for `lang` with the installed packages' versions, collocations off. */
export function defaultExtractorSettings(options: ExtractorOptions = {}): ExtractorSettings {
  const lang = options.lang ?? 'en';
  const { stopwordPackage, stopwordList, stemmerAlgorithm } = languageLists(lang, options.stopwords);
  return {
    version: EXTRACTOR_VERSION,
    lang,
    normalization: 'NFKC',
    stopwords: { package: stopwordPackage, version: packageVersion(stopwordPackage), list: stopwordList },
    stemmer: { package: STEMMER_PACKAGE, version: packageVersion(STEMMER_PACKAGE), algorithm: stemmerAlgorithm },
    minLength: options.minLength ?? 2,
    collocations: null,
  };
}

/** Receives every skill occurrence of a text: its key and the words it was written as. */
export type SkillVisitor = (key: string, surface: string) => void;

export interface Extractor {
  readonly settings: ExtractorSettings;
  /** The skill key of one word, or null when the word is not a skill (stopword, too short). */
  keyOf(word: string): string | null;
  /**
   * Every word of the text in order, as its place [start, end) in the text's NFKC form `normalized` and its hash
   * (SpanMemo.hash); without collocations, the words' keyOf are scan's keys.
   */
  forEachSpan(text: string, visit: (normalized: string, start: number, end: number, hash: number) => void): void;
  /** Every skill occurrence of the text in order, repeats included, with its surface form (the NFKC text). */
  scan(text: string, visit: SkillVisitor): void;
  /**
   * Every single-word skill occurrence (no collocations) with the key of the word just before it when that word is
   * a skill too and only white space separates them (the adjacency that collocations are made of), else null.
   */
  scanWords(text: string, visit: (key: string, surface: string, previousKey: string | null, previousSurface: string) => void): void;
  /** The distinct skill keys of the text, in order of first occurrence. */
  extract(text: string): string[];
  /** The folded words (NFKC, lower case) met so far with their keys (null: not a skill), since the memo was last cleared. */
  foldedWords(): ReadonlyMap<string, string | null>;
  /** Records a folded word's key found by another extractor of the same settings (a worker thread's), as if met here. */
  rememberFolded(folded: string, key: string | null): void;
}

/**
 * Folded words whose keys are known beforehand (a model's vocabulary), consulted before stemming: words sorted by
 * code unit order, and for words[i] the index skills[i] of its key in `keys`, or -1 when it is not a skill.
 */
export interface KnownWords {
  words: readonly string[];
  skills: Int32Array;
  keys: readonly string[];
}

/** A word as the extractor folds it before its stopword, concept and stem look-ups: NFKC, lower case, ’ as '. */
export function foldWord(word: string): string {
  return word.normalize('NFKC').toLowerCase().replace(/’/g, "'");
}

/**
 * An extractor for `settings`. Settings recorded with other versions of the procedure or of the word-list packages
 * are refused (InputError): the same settings must give the same keys. `concepts` maps words to concept skills
 * (training a model whose settings have concepts); without it, words outside `known` are stemmed.
 */
export function createExtractor(settings: ExtractorSettings, known: KnownWords | null = null, concepts: ConceptMap | null = null): Extractor {
  if (settings.version !== EXTRACTOR_VERSION) {
    throw new InputError(`the model's extractor is version ${settings.version}, this skillzip has version ${EXTRACTOR_VERSION}`);
  }
  if (!supportedLanguages().includes(settings.lang)) throw new InputError(`the model's language '${settings.lang}' is not supported here`);
  const stopwords = settings.stopwords.package;
  if (!isStopwordPackage(stopwords)) throw new InputError(`the model's stopwords come from '${stopwords}', which skillzip does not know (known: ${STOPWORD_PACKAGES.join(', ')})`);
  const installed = defaultExtractorSettings({ lang: settings.lang, minLength: settings.minLength, stopwords });
  for (const part of ['stopwords', 'stemmer'] as const) {
    if (JSON.stringify(settings[part]) !== JSON.stringify(installed[part])) {
      throw new InputError(
        `the model's ${part} are ${JSON.stringify(settings[part])} but this installation has ${JSON.stringify(installed[part])}: retrain the model`,
      );
    }
  }
  if (concepts !== null && settings.concepts?.level !== concepts.level) throw new InputError(`a concept map of level ${concepts.level} does not fit these extractor settings`);
  return new SkillExtractor(settings, known, concepts);
}

class SkillExtractor implements Extractor {
  private stopwords: Set<string> | undefined;
  private stemmer: { stem(word: string): string } | undefined;
  private readonly segmenter: WordSegmenter;
  private readonly collocations: Set<string> | null;
  private readonly memo = new Map<string, string | null>();
  private readonly folded = new Map<string, string | null>();

  constructor(
    readonly settings: ExtractorSettings,
    private readonly known: KnownWords | null,
    private readonly concepts: ConceptMap | null,
  ) {
    this.segmenter = new WordSegmenter(settings.lang);
    this.collocations = settings.collocations ? new Set(settings.collocations.keys) : null;
  }

  keyOf(word: string): string | null {
    let key = this.memo.get(word);
    if (key === undefined) {
      key = this.foldedKey(foldWord(word));
      remember(this.memo, word, key);
    }
    return key;
  }

  /** The key of a folded word; memoised apart from the words as written, so 'The', 'THE' and 'the' stem once. */
  private foldedKey(folded: string): string | null {
    let key = this.folded.get(folded);
    const known = key === undefined && this.known !== null ? indexOfSorted(this.known.words, folded) : -1;
    if (known >= 0) {
      const skill = this.known!.skills[known];
      key = skill < 0 ? null : this.known!.keys[skill]; // not memoised: the lookup is cheap
    } else if (key === undefined) {
      // the word lists and the stemmer are loaded on the first word that needs them (with a model's vocabulary, a
      // process that meets only known words never loads them)
      this.stopwords ??= loadStopwords(this.settings.stopwords.package as StopwordPackage, this.settings.stopwords.list);
      const skip = this.stopwords.has(folded) || codePointLength(folded, this.settings.minLength) < this.settings.minLength;
      const concept = skip || this.concepts === null ? null : this.concepts.conceptOf(folded);
      if (concept !== null) key = concept;
      else {
        this.stemmer ??= loadStemmer(this.settings.stemmer.algorithm);
        key = skip ? null : this.stemmer.stem(folded) || null;
      }
      remember(this.folded, folded, key);
    }
    return key;
  }

  scanWords(text: string, visit: (key: string, surface: string, previousKey: string | null, previousSurface: string) => void): void {
    const normalized = text.normalize('NFKC');
    let previousKey: string | null = null;
    let previousSurface = '';
    let previousEnd = 0;
    this.segmenter.forEachWord(normalized, (word, start, end) => {
      const key = this.keyOf(word);
      if (key !== null) visit(key, word, previousKey !== null && isBlank(normalized, previousEnd, start) ? previousKey : null, previousSurface);
      previousKey = key;
      previousSurface = word;
      previousEnd = end;
    });
  }

  forEachSpan(text: string, visit: (normalized: string, start: number, end: number, hash: number) => void): void {
    const normalized = text.normalize('NFKC');
    this.segmenter.forEachSpan(normalized, (start, end, hash) => visit(normalized, start, end, hash));
  }

  scan(text: string, visit: SkillVisitor): void {
    const collocations = this.collocations;
    if (collocations === null) {
      // the common case, without the adjacency bookkeeping of scanWords
      this.segmenter.forEachWord(text.normalize('NFKC'), (word) => {
        const key = this.keyOf(word);
        if (key !== null) visit(key, word);
      });
      return;
    }
    this.scanWords(text, (key, surface, previousKey, previousSurface) => {
      visit(key, surface);
      if (previousKey !== null) {
        const pair = previousKey + COLLOCATION_SEPARATOR + key;
        if (collocations.has(pair)) visit(pair, `${previousSurface} ${surface}`);
      }
    });
  }

  foldedWords(): ReadonlyMap<string, string | null> {
    return this.folded;
  }

  rememberFolded(folded: string, key: string | null): void {
    if (!this.folded.has(folded)) remember(this.folded, folded, key);
  }

  extract(text: string): string[] {
    const keys: string[] = [];
    const seen = new Set<string>();
    this.scan(text, (key) => {
      if (!seen.has(key)) {
        seen.add(key);
        keys.push(key);
      }
    });
    return keys;
  }
}

/** Memoises in a map that is cleared when it grows past MEMO_LIMIT. */
function remember(memo: Map<string, string | null>, word: string, key: string | null): void {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(word, key);
}

/** The number of code points of `s`, counted no further than `enough`. */
function codePointLength(s: string, enough: number): number {
  if (s.length >= 2 * enough) return enough;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++; // a low surrogate continues the code point before it
  }
  return n;
}

/** Whether text[start, end) is only white space (adjacent words for collocations). */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!(c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || (c > 0x7f && /\s/.test(text[i])))) return false;
  }
  return true;
}
