// What the codec's entropy coder reads from a model (THEORY.md §8: a text is coded as its set of learned skills,
// at ≈ Σ −log2 p(s) bits with the model's skill frequencies): the coding order (learned skills by descending
// document frequency, ties by key, i.e. by skill index since keys are sorted) and, for context modelling, each
// symbol's strongest associates in the skill association graph of §7 (learned skills sharing training texts),
// counted on the CSR graph with one dense tally per symbol: O(Σ_t deg(t)²) time, no pair objects.

import type { SkillTextGraph } from '../graph/bipartite.js';
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
 * with it, by descending pair count, ties by symbol.
 */
export function associationData(graph: SkillTextGraph, coding: CodingTables, maxNeighbors: number, minPairCount: number): AssociationData {
  const symbols = coding.order.length;
  const symbolOf = new Int32Array(graph.skills).fill(-1);
  for (let i = 0; i < symbols; i++) symbolOf[coding.order[i]] = i;
  const { skillTexts, textSkills } = graph;
  const tally = new Uint32Array(symbols);
  const touched = new Int32Array(symbols);
  const offsets = new Uint32Array(symbols + 1);
  const neighbors: number[] = [];
  const pairCounts: number[] = [];
  for (let i = 0; i < symbols; i++) {
    const s = coding.order[i];
    let n = 0;
    for (let e = skillTexts.offsets[s]; e < skillTexts.offsets[s + 1]; e++) {
      const t = skillTexts.targets[e];
      for (let f = textSkills.offsets[t]; f < textSkills.offsets[t + 1]; f++) {
        const j = symbolOf[textSkills.targets[f]];
        if (j < 0 || j === i) continue;
        if (tally[j]++ === 0) touched[n++] = j;
      }
    }
    let kept = 0;
    for (let k = 0; k < n; k++) {
      const j = touched[k];
      if (tally[j] >= minPairCount) touched[kept++] = j;
      else tally[j] = 0;
    }
    const strongest = touched.subarray(0, kept).sort((a, b) => tally[b] - tally[a] || a - b);
    for (let k = 0; k < Math.min(kept, maxNeighbors); k++) {
      neighbors.push(strongest[k]);
      pairCounts.push(tally[strongest[k]]);
    }
    offsets[i + 1] = neighbors.length;
    for (let k = 0; k < kept; k++) tally[touched[k]] = 0;
  }
  return { offsets, neighbors: Uint32Array.from(neighbors), pairCounts: Uint32Array.from(pairCounts), maxNeighbors, minPairCount };
}
