// The extractor's settings (DESIGN.md src/skills): everything that decides which skill keys a text gives, stored in
// every model so that encoding repeats training's extraction exactly.

import type { ConceptSettings } from '../concepts/concepts.js';

/** How text becomes skills; stored in the model so that encoding repeats exactly the extraction of training. */
export interface ExtractorSettings {
  /** Version of skillzip's extraction procedure (segmentation, normalisation); bumped when its output changes. */
  version: number;
  /** ISO 639-1 language code, e.g. 'en'. */
  lang: string;
  /** Unicode normalisation applied before case folding. */
  normalization: 'NFKC';
  /** The stopword list: package, its version, and the list's name in it. */
  stopwords: { package: string; version: string; list: string };
  /** The stemmer: package, its version, and the algorithm's name in it. */
  stemmer: { package: string; version: string; algorithm: string };
  /** Words shorter than this many code points are not skills. */
  minLength: number;
  /** Multi-word skills (collocations), or null when off. Each entry is a skill key made of stems joined by '_'. */
  collocations: { minCount: number; minPmi: number; keys: string[] } | null;
  /**
   * Concept skills (src/concepts/concepts.ts): a word WordNet knows becomes its concept at this level instead of its
   * stem. Absent: word skills (every model before them). Encoding needs no WordNet: the model's vocabulary holds the
   * key of every word met in training, and other words are stemmed.
   */
  concepts?: ConceptSettings;
}
