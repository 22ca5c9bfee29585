// What the codec's entropy coder reads from a model (THEORY.md §8: a text is coded as its set of learned skills,
// at ≈ Σ −log2 p(s) bits with the model's skill frequencies): the coding order (learned skills by descending
// document frequency, ties by key, i.e. by skill index since keys are sorted) and, for context modelling, each
// symbol's strongest associates in the skill association graph of §7 (learned skills sharing training texts),
// counted on CSR lists of learned symbols with one dense tally per symbol: O(Σ_t deg(t)²) time, no pair objects.

import { transpose, type Csr, type SkillTextGraph } from '../graph/bipartite.js';
import type { AssociationData, CodingTables } from './types.js';

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
 * with it, by descending pair count, ties by symbol. Works on the texts' lists of learned symbols only, and keeps
 * each symbol's best associates by insertion into a short sorted list (no per-symbol sort of all candidates).
 */
export function associationData(graph: SkillTextGraph, coding: CodingTables, maxNeighbors: number, minPairCount: number): AssociationData {
  const symbols = coding.order.length;
  const symbolOf = new Int32Array(graph.skills).fill(-1);
  for (let i = 0; i < symbols; i++) symbolOf[coding.order[i]] = i;
  const textSymbols = learnedSymbolsOfTexts(graph, symbolOf);
  const symbolTexts = transpose(textSymbols, symbols);
  const { offsets: tOff, targets: tSym } = textSymbols;
  const { offsets: sOff, targets: sTxt } = symbolTexts;
  const tally = new Uint32Array(symbols);
  const touched = new Int32Array(symbols);
  const bestSymbol = new Int32Array(maxNeighbors);
  const bestCount = new Uint32Array(maxNeighbors);
  const offsets = new Uint32Array(symbols + 1);
  const neighbors: number[] = [];
  const pairCounts: number[] = [];
  for (let i = 0; i < symbols; i++) {
    let n = 0;
    for (let e = sOff[i], end = sOff[i + 1]; e < end; e++) {
      const t = sTxt[e];
      for (let f = tOff[t], fEnd = tOff[t + 1]; f < fEnd; f++) {
        const j = tSym[f];
        if (tally[j]++ === 0) touched[n++] = j;
      }
    }
    tally[i] = 0; // a symbol is no associate of itself
    let kept = 0;
    for (let k = 0; k < n; k++) {
      const j = touched[k];
      const c = tally[j];
      tally[j] = 0;
      if (c < minPairCount || j === i) continue;
      // insert (c, j) into the list sorted by descending count, then ascending symbol; drop what falls off the end
      let at = kept;
      while (at > 0 && (bestCount[at - 1] < c || (bestCount[at - 1] === c && bestSymbol[at - 1] > j))) at--;
      if (at >= maxNeighbors) continue;
      for (let m = Math.min(kept, maxNeighbors - 1); m > at; m--) {
        bestCount[m] = bestCount[m - 1];
        bestSymbol[m] = bestSymbol[m - 1];
      }
      bestCount[at] = c;
      bestSymbol[at] = j;
      if (kept < maxNeighbors) kept++;
    }
    for (let k = 0; k < kept; k++) {
      neighbors.push(bestSymbol[k]);
      pairCounts.push(bestCount[k]);
    }
    offsets[i + 1] = neighbors.length;
  }
  return { offsets, neighbors: Uint32Array.from(neighbors), pairCounts: Uint32Array.from(pairCounts), maxNeighbors, minPairCount };
}

/** text → the coding symbols of its learned skills (CSR). */
function learnedSymbolsOfTexts(graph: SkillTextGraph, symbolOf: Int32Array): Csr {
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
