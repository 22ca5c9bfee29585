// The corpus statistics that composition DE and the pair correction need (docs/THEORY.md §10), read off a built
// skill-text graph in O(edges) time: skill types by degree band, every text's composition, and the two-step
// neighbourhoods of the skills of degree 2–5, grouped by (band, which of the skill's texts hold the neighbour).

import type { SkillTextGraph } from '../graph/bipartite.js';

/**
 * How skills are typed by their full-corpus degree K: bands b(K) = K for K ≤ 4, 4 + ⌊log₂K⌋ above; exact K; or one
 * type for all (the configuration model, where composition DE is plain empirical DE).
 */
export type Typing = 'bands' | 'exact' | 'single';

/** The band label of degree K (labels, not dense indices: band 5 holds no degree). */
export function bandOf(degree: number, typing: Typing): number {
  if (typing === 'single') return 0;
  return typing === 'exact' || degree <= 4 ? degree : 4 + Math.floor(Math.log2(degree));
}

/** Skills of degree LOW_MIN..LOW_MAX get the pair correction: at most 2^5 subsets of their texts. */
export const LOW_MIN = 2;
export const LOW_MAX = 5;

export interface CorpusStructure {
  typing: Typing;
  skills: number;
  edges: number;
  /** degreeCounts[k] = N_k, the number of skills of degree k. */
  degreeCounts: Float64Array;
  /** Dense band index of every degree k ≥ 1 (−1 where N_k = 0, and for k = 0), and the label b(K) of every dense band. */
  bandOfDegree: Int32Array;
  bandLabels: Int32Array;
  /** Distinct text compositions in CSR: composition c holds counts[i] skills of band bands[i] for i in offsets[c]..offsets[c+1], and texts[c] texts have it. */
  compositions: { offsets: Int32Array; bands: Int32Array; counts: Int32Array; texts: Float64Array };
  /** The largest number of skills in a text. */
  maxTextDegree: number;
}

/** Distinct text compositions gathered one text at a time, kept once each with their number of texts (CSR). */
export class CompositionTable {
  private readonly index = new Map<string, number>();
  private readonly offsets = [0];
  private readonly bands: number[] = [];
  private readonly counts: number[] = [];
  private readonly texts: number[] = [];

  /** Adds `weight` texts holding countOf(b) skills of each band b of `bands` (ascending, each count > 0). */
  add(bands: readonly number[], countOf: (band: number) => number, weight: number): void {
    const key = bands.map((b) => `${b}:${countOf(b)}`).join(',');
    let c = this.index.get(key);
    if (c === undefined) {
      c = this.texts.length;
      this.index.set(key, c);
      for (const b of bands) {
        this.bands.push(b);
        this.counts.push(countOf(b));
      }
      this.offsets.push(this.bands.length);
      this.texts.push(0);
    }
    this.texts[c] += weight;
  }

  build(): CorpusStructure['compositions'] {
    return { offsets: Int32Array.from(this.offsets), bands: Int32Array.from(this.bands), counts: Int32Array.from(this.counts), texts: Float64Array.from(this.texts) };
  }
}

/** Degree, band and composition statistics of a graph (typing fixed by the full graph's degrees). */
export function corpusStructure(graph: SkillTextGraph, typing: Typing = 'bands'): CorpusStructure {
  const { skillTexts, textSkills } = graph;
  let maxDegree = 0;
  for (let s = 0; s < graph.skills; s++) maxDegree = Math.max(maxDegree, skillTexts.offsets[s + 1] - skillTexts.offsets[s]);
  const degreeCounts = new Float64Array(maxDegree + 1);
  for (let s = 0; s < graph.skills; s++) degreeCounts[skillTexts.offsets[s + 1] - skillTexts.offsets[s]]++;
  const labels: number[] = [];
  const bandOfDegree = new Int32Array(maxDegree + 1).fill(-1);
  const denseOfLabel = new Map<number, number>();
  for (let k = 1; k <= maxDegree; k++) {
    if (degreeCounts[k] === 0) continue;
    const label = bandOf(k, typing);
    if (!denseOfLabel.has(label)) {
      denseOfLabel.set(label, labels.length);
      labels.push(label);
    }
    bandOfDegree[k] = denseOfLabel.get(label) as number;
  }

  // Every text's composition, deduplicated by its key (bands ascending).
  const perBand = new Int32Array(labels.length);
  const table = new CompositionTable();
  let maxTextDegree = 0;
  const touched: number[] = [];
  for (let t = 0; t < graph.texts; t++) {
    const start = textSkills.offsets[t];
    const end = textSkills.offsets[t + 1];
    maxTextDegree = Math.max(maxTextDegree, end - start);
    touched.length = 0;
    for (let e = start; e < end; e++) {
      const s = textSkills.targets[e];
      const b = bandOfDegree[skillTexts.offsets[s + 1] - skillTexts.offsets[s]];
      if (perBand[b]++ === 0) touched.push(b);
    }
    touched.sort((a, b) => a - b);
    table.add(touched, (b) => perBand[b], 1);
    for (const b of touched) perBand[b] = 0;
  }
  return {
    typing,
    skills: graph.skills,
    edges: graph.edges,
    degreeCounts,
    bandOfDegree,
    bandLabels: Int32Array.from(labels),
    compositions: table.build(),
    maxTextDegree,
  };
}

/**
 * The two-step neighbourhoods of the skills of degree LOW_MIN..LOW_MAX: for skill i of the list (degree
 * degrees[i]), entries offsets[i]..offsets[i+1] say that counts[e] other skills of band bands[e] sit in exactly the
 * skill's texts whose positions are the bits of masks[e] (a skill shared by several of those texts counted once).
 */
export interface LowDegreeNeighbourhoods {
  skills: Int32Array;
  degrees: Int32Array;
  offsets: Int32Array;
  bands: Int32Array;
  masks: Int32Array;
  counts: Int32Array;
}

/** The neighbourhoods of the low-degree skills of `graph`, typed as in `structure`. */
export function lowDegreeNeighbourhoods(graph: SkillTextGraph, structure: CorpusStructure): LowDegreeNeighbourhoods {
  const { skillTexts, textSkills } = graph;
  const degreeOf = (s: number): number => skillTexts.offsets[s + 1] - skillTexts.offsets[s];
  const mask = new Int32Array(graph.skills);
  const groups = new Int32Array(structure.bandLabels.length << LOW_MAX);
  const skills: number[] = [];
  const degrees: number[] = [];
  const offsets = [0];
  const bands: number[] = [];
  const masks: number[] = [];
  const counts: number[] = [];
  const neighbours: number[] = [];
  const keys: number[] = [];
  for (let s = 0; s < graph.skills; s++) {
    const k = degreeOf(s);
    if (k < LOW_MIN || k > LOW_MAX) continue;
    neighbours.length = 0;
    for (let i = 0; i < k; i++) {
      const t = skillTexts.targets[skillTexts.offsets[s] + i];
      for (let e = textSkills.offsets[t]; e < textSkills.offsets[t + 1]; e++) {
        const u = textSkills.targets[e];
        if (u === s) continue;
        if (mask[u] === 0) neighbours.push(u);
        mask[u] |= 1 << i;
      }
    }
    keys.length = 0;
    for (const u of neighbours) {
      const key = (structure.bandOfDegree[degreeOf(u)] << LOW_MAX) | mask[u];
      if (groups[key]++ === 0) keys.push(key);
      mask[u] = 0;
    }
    keys.sort((a, b) => a - b);
    for (const key of keys) {
      bands.push(key >> LOW_MAX);
      masks.push(key & ((1 << LOW_MAX) - 1));
      counts.push(groups[key]);
      groups[key] = 0;
    }
    skills.push(s);
    degrees.push(k);
    offsets.push(bands.length);
  }
  return {
    skills: Int32Array.from(skills),
    degrees: Int32Array.from(degrees),
    offsets: Int32Array.from(offsets),
    bands: Int32Array.from(bands),
    masks: Int32Array.from(masks),
    counts: Int32Array.from(counts),
  };
}
