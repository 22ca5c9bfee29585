// What the codec's entropy coder reads from a model (THEORY.md §8: a text is coded as its set of learned skills,
// at ≈ Σ −log2 p(s) bits with the model's skill frequencies): the coding order (learned skills by descending
// document frequency, ties by key, i.e. by skill index since keys are sorted) and, for context modelling, each
// symbol's strongest associates in the skill association graph of §7 (learned skills sharing training texts),
// counted on CSR lists of learned symbols with one dense tally per symbol: O(Σ_t deg(t)²) time, no pair objects.

import { transpose, type Csr, type SkillTextGraph } from '../graph/bipartite.js';
import type { AssociationData, CodingTables, Vocabulary } from './types.js';

/**
 * The vocabulary a model keeps (types.ts Vocabulary) from the folded words its extractor met in training: those
 * that are not skills, and those whose key the model has (with minCount > 1 some keys are dropped; their words are
 * stemmed when met again).
 */
export function vocabularyTable(folded: ReadonlyMap<string, string | null>, keys: readonly string[]): Vocabulary {
  const skillOf = new Map<string, number>();
  keys.forEach((key, i) => skillOf.set(key, i));
  const words: string[] = [];
  for (const [word, key] of folded) if (!word.includes('\n') && (key === null || skillOf.has(key))) words.push(word);
  words.sort();
  const skills = Int32Array.from(words, (word) => {
    const key = folded.get(word)!;
    return key === null ? -1 : skillOf.get(key)!;
  });
  return { words, skills };
}

/** Each skill's coding symbol (its place in `order`), or -1 for a skill not learned. */
export function symbolsOfSkills(order: Uint32Array, skills: number): Int32Array {
  const symbolOf = new Int32Array(skills).fill(-1);
  for (let i = 0; i < order.length; i++) symbolOf[order[i]] = i;
  return symbolOf;
}

/** Learned skills by descending count, ties by skill index (= key order). */
export function codingTables(counts: Uint32Array, learned: Uint8Array, texts: number): CodingTables {
  const symbols: number[] = [];
  for (let s = 0; s < learned.length; s++) if (learned[s] === 1) symbols.push(s);
  symbols.sort((a, b) => counts[b] - counts[a] || a - b);
  const order = Uint32Array.from(symbols);
  return { order, frequencies: order.map((s) => counts[s]), texts };
}

/**
 * For every coding symbol, at most `maxNeighbors` other symbols that share at least `minPairCount` training texts
 * with it, by descending pair count, ties by symbol. Works on the texts' lists of learned symbols only, each pair
 * counted once: symbol i tallies only the symbols after it in its texts' (ascending) lists, where a cursor per text
 * stands at i, since the symbols are taken in ascending order. A pair's count then enters both symbols' lists of
 * best associates, kept by insertion into a short sorted list (no per-symbol sort of all candidates); the order is
 * total, so what a list keeps does not depend on the order of insertion.
 */
export function associationData(graph: SkillTextGraph, coding: CodingTables, maxNeighbors: number, minPairCount: number): AssociationData {
  const symbols = coding.order.length;
  const symbolOf = symbolsOfSkills(coding.order, graph.skills);
  const symbolTexts = transpose(learnedSymbolsOfTexts(graph, symbolOf), symbols);
  const { offsets: tOff, targets: tSym } = transpose(symbolTexts, graph.texts); // each text's symbols, ascending
  const { offsets: sOff, targets: sTxt } = symbolTexts;
  const cursor = tOff.slice(0, graph.texts);
  const tally = new Uint32Array(symbols);
  const touched = new Int32Array(symbols);
  const best = new BestAssociates(symbols, maxNeighbors);
  for (let i = 0; i < symbols; i++) {
    let n = 0;
    for (let e = sOff[i], end = sOff[i + 1]; e < end; e++) {
      const t = sTxt[e];
      for (let f = ++cursor[t], fEnd = tOff[t + 1]; f < fEnd; f++) {
        const j = tSym[f];
        if (tally[j]++ === 0) touched[n++] = j;
      }
    }
    for (let k = 0; k < n; k++) {
      const j = touched[k];
      const c = tally[j];
      tally[j] = 0;
      if (c < minPairCount) continue;
      best.offer(i, j, c);
      best.offer(j, i, c);
    }
  }
  const offsets = new Uint32Array(symbols + 1);
  for (let i = 0; i < symbols; i++) offsets[i + 1] = offsets[i] + best.kept[i];
  const neighbors = new Uint32Array(offsets[symbols]);
  const pairCounts = new Uint32Array(offsets[symbols]);
  for (let i = 0; i < symbols; i++) {
    neighbors.set(best.symbol.subarray(i * maxNeighbors, i * maxNeighbors + best.kept[i]), offsets[i]);
    pairCounts.set(best.count.subarray(i * maxNeighbors, i * maxNeighbors + best.kept[i]), offsets[i]);
  }
  return { offsets, neighbors, pairCounts, maxNeighbors, minPairCount };
}

/** Per symbol, its best associates so far: a list sorted by descending pair count, then ascending symbol. */
class BestAssociates {
  /** Symbol i's list is symbol/count[i·size, i·size + kept[i]). */
  readonly symbol: Uint32Array;
  readonly count: Uint32Array;
  readonly kept: Int32Array;

  constructor(symbols: number, private readonly size: number) {
    this.symbol = new Uint32Array(symbols * size);
    this.count = new Uint32Array(symbols * size);
    this.kept = new Int32Array(symbols);
  }

  /** Inserts associate j of symbol i with pair count c into i's list; what falls off the end is dropped. */
  offer(i: number, j: number, c: number): void {
    const { symbol, count, size } = this;
    const base = i * size;
    const kept = this.kept[i];
    let at = kept;
    while (at > 0 && (count[base + at - 1] < c || (count[base + at - 1] === c && symbol[base + at - 1] > j))) at--;
    if (at >= size) return;
    for (let m = Math.min(kept, size - 1); m > at; m--) {
      count[base + m] = count[base + m - 1];
      symbol[base + m] = symbol[base + m - 1];
    }
    count[base + at] = c;
    symbol[base + at] = j;
    if (kept < size) this.kept[i] = kept + 1;
  }
}

/** text → the coding symbols of its learned skills (CSR). */
export function learnedSymbolsOfTexts(graph: SkillTextGraph, symbolOf: Int32Array): Csr {
  const { offsets: off, targets } = graph.textSkills;
  const offsets = new Int32Array(graph.texts + 1);
  const symbols = new Int32Array(graph.edges);
  let written = 0;
  for (let t = 0; t < graph.texts; t++) {
    for (let e = off[t], end = off[t + 1]; e < end; e++) {
      const j = symbolOf[targets[e]];
      if (j >= 0) symbols[written++] = j;
    }
    offsets[t + 1] = written;
  }
  return { offsets, targets: symbols.subarray(0, written) };
}
