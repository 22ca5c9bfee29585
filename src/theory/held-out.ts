// Held-out recall (docs/THEORY.md §10–§11): the share of an unseen text's skill occurrences that are learned skills,
// from the corpus's novel mass (occurrences whose skill no other document holds) and its learned share by degree.

import type { SkillTextGraph } from '../graph/bipartite.js';

/**
 * The leave-one-document-out novel edges by skill degree: novel[k] counts the edges of degree-k skills that appear in
 * no other document than the edge's own. `documents[t]` is text t's document.
 */
export function novelEdgesByDegree(graph: SkillTextGraph, documents: ArrayLike<number>): Float64Array {
  if (documents.length !== graph.texts) throw new RangeError(`${documents.length} document numbers for ${graph.texts} texts`);
  const { offsets, targets } = graph.skillTexts;
  let maxDegree = 0;
  for (let s = 0; s < graph.skills; s++) maxDegree = Math.max(maxDegree, offsets[s + 1] - offsets[s]);
  const novel = new Float64Array(maxDegree + 1);
  for (let s = 0; s < graph.skills; s++) {
    const first = documents[targets[offsets[s]]];
    let single = true;
    for (let e = offsets[s] + 1; e < offsets[s + 1] && single; e++) single = documents[targets[e]] === first;
    if (single) novel[offsets[s + 1] - offsets[s]] += offsets[s + 1] - offsets[s];
  }
  return novel;
}

/**
 * The novel mass ν: the share of the graph's edges whose skill appears in no other document than the edge's own;
 * when every text is its own document this is Good–Turing's N₁/E.
 */
export function novelMass(graph: SkillTextGraph, documents: ArrayLike<number>): number {
  if (graph.edges === 0) return 0;
  return novelEdgesByDegree(graph, documents).reduce((sum, n) => sum + n, 0) / graph.edges;
}

/**
 * Predicted held-out recall (1 − ν)·Σ_k (k·N_k/E)·ℓ_k: an unseen occurrence is a never-seen skill with probability
 * ν, otherwise a skill of degree k with probability k·N_k/E, learned with probability ℓ_k (`learnedByDegree[k]`,
 * NaN or absent where N_k = 0).
 */
export function heldOutRecall(degreeCounts: ArrayLike<number>, learnedByDegree: ArrayLike<number>, novel: number): number {
  let edges = 0;
  let learned = 0;
  for (let k = 1; k < degreeCounts.length; k++) {
    if (degreeCounts[k] === 0) continue;
    edges += k * degreeCounts[k];
    learned += k * degreeCounts[k] * learnedByDegree[k];
  }
  return edges > 0 ? (1 - novel) * (learned / edges) : 0;
}

/** The measured learned share of the skills of each degree: counts[s] is skill s's degree, learned[s] its flag. */
export function learnedShareByDegree(counts: ArrayLike<number>, learned: ArrayLike<number>): Float64Array {
  let maxDegree = 0;
  for (let s = 0; s < counts.length; s++) maxDegree = Math.max(maxDegree, counts[s]);
  const skills = new Float64Array(maxDegree + 1);
  const share = new Float64Array(maxDegree + 1);
  for (let s = 0; s < counts.length; s++) {
    skills[counts[s]]++;
    share[counts[s]] += learned[s];
  }
  for (let k = 0; k <= maxDegree; k++) share[k] = skills[k] > 0 ? share[k] / skills[k] : NaN;
  return share;
}
