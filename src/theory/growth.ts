// Growing (or thinning) a corpus in theory (docs/THEORY.md §11): the composition-DE ensemble of a corpus m times
// the size of a sample, with never-seen skills, from the sample's degree counts, band compositions and novel mass.

import { bandOf, CompositionTable, type CorpusStructure } from './corpus-structure.js';
import { Prng } from '../util/prng.js';

/** What a sample corpus contributes: N_k, its texts' compositions by band label, its novel mass ν. */
export interface CorpusSummary {
  /** degreeCounts[k] = N_k, the sample's skills of degree k. */
  degreeCounts: ArrayLike<number>;
  /** Distinct compositions in CSR by band *label* (bandOf(k, 'bands')): counts[i] skills of band bands[i]. */
  compositions: { offsets: ArrayLike<number>; bands: ArrayLike<number>; counts: ArrayLike<number>; texts: ArrayLike<number> };
  /** Share of occurrences whose skill no other document holds (docs/THEORY.md §10). */
  novelMass: number;
  /** The novel mass of each band's edges (index: band label); new texts draw their never-seen skills where the
   *  sample's texts hold theirs. When absent, every edge of a new text is never-seen with probability novelMass. */
  novelMassByBand?: ArrayLike<number>;
}

/** New texts are this many seeded copies of the sample's compositions at most, each with its share of the weight. */
const MAX_REPLICAS = 3;
/** Good–Turing's (k+1)·N_{k+1}/N_k is used for degrees up to this one, k itself above (where it is noise). */
const GOOD_TURING_MAX = 5;

/** A CorpusStructure from compositions by band label and counts by degree (dense bands in ascending label order). */
export function structureFrom(
  degreeCounts: Float64Array,
  compositions: { offsets: Int32Array; bands: ArrayLike<number>; counts: Int32Array; texts: Float64Array },
): CorpusStructure {
  const labels = [...new Set(Array.from(degreeCounts.keys()).filter((k) => k > 0 && degreeCounts[k] > 0).map((k) => bandOf(k, 'bands')))].sort((a, b) => a - b);
  const dense = new Map(labels.map((label, i) => [label, i]));
  const bandOfDegree = Int32Array.from(degreeCounts, (n, k) => (k > 0 && n > 0 ? (dense.get(bandOf(k, 'bands')) as number) : -1));
  const bands = Int32Array.from(compositions.bands, (label) => {
    const b = dense.get(label);
    if (b === undefined) throw new RangeError(`a composition holds band ${label}, which no skill degree falls in`);
    return b;
  });
  let skills = 0;
  let edges = 0;
  degreeCounts.forEach((n, k) => {
    skills += n;
    edges += k * n;
  });
  let maxTextDegree = 0;
  for (let c = 0; c + 1 < compositions.offsets.length; c++) {
    let degree = 0;
    for (let i = compositions.offsets[c]; i < compositions.offsets[c + 1]; i++) degree += compositions.counts[i];
    maxTextDegree = Math.max(maxTextDegree, degree);
  }
  return { typing: 'bands', skills, edges, degreeCounts, bandOfDegree, bandLabels: Int32Array.from(labels), compositions: { ...compositions, bands }, maxTextDegree };
}

/** The sample itself as a CorpusStructure. */
export function sampleStructure(summary: CorpusSummary): CorpusStructure {
  const { offsets, bands, counts, texts } = summary.compositions;
  return structureFrom(Float64Array.from(summary.degreeCounts), { offsets: Int32Array.from(offsets), bands, counts: Int32Array.from(counts), texts: Float64Array.from(texts) });
}

/** Poisson(mean): exact up to a mean of 30, the normal approximation above (bands are log₂-wide there). */
function poisson(rng: Prng, mean: number): number {
  if (mean <= 30) return rng.nextPoisson(mean);
  const z = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
}

/** Draws from weights w[i] (i ≥ 0) by a cumulative table and binary search. */
class Sampler {
  private readonly cumulative: Float64Array;

  constructor(
    readonly values: Int32Array,
    weights: ArrayLike<number>,
  ) {
    this.cumulative = new Float64Array(values.length);
    let sum = 0;
    for (let i = 0; i < values.length; i++) this.cumulative[i] = sum += weights[i];
  }

  draw(rng: Prng): number {
    const u = rng.next() * this.cumulative[this.cumulative.length - 1];
    let [lo, hi] = [0, this.cumulative.length - 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo];
  }
}

export interface GrownCorpus {
  structure: CorpusStructure;
  /** The novel mass of the grown corpus: ν scaled by how its Good–Turing N₁/E falls with size. */
  novelMass: number;
}

/**
 * The ensemble of a corpus `scale` ≥ 1 times the sample (docs/THEORY.md §11): every edge typed by its skill's degree
 * in the grown corpus. A sample skill of degree k gets K = k + Poisson((scale − 1)·λ̂_k) (λ̂_k by Good–Turing); the new
 * texts repeat the sample's compositions, each edge a never-seen skill with the novel mass ν_b of its band b (ν
 * without them) — so never-seen skills arrive where the sample's own document-novel skills sit, together with the
 * same rare co-skills — their degree following the
 * sample's skills that a 1/scale subsample of it misses (weights K·N_K·(1 − 1/scale)^K); N_K = E_K/K. Seeded.
 */
export function growCorpus(summary: CorpusSummary, scale: number, seed: number): GrownCorpus {
  if (!(scale >= 1)) throw new RangeError(`a grown corpus is at least the sample's size, got scale ${scale}`);
  const n = summary.degreeCounts;
  const rng = new Prng(seed);
  const degrees = Int32Array.from({ length: n.length }, (_, k) => k);
  const rate = (k: number): number => (k <= GOOD_TURING_MAX && k + 1 < n.length && n[k] > 0 ? ((k + 1) * n[k + 1]) / n[k] : k);
  // Per band label, the sample degree of a random band edge (weights k·N_k).
  const byBand = new Map<number, Sampler>();
  for (const label of new Set(Array.from(summary.compositions.bands))) {
    byBand.set(label, new Sampler(degrees, Array.from(n, (count, k) => (k > 0 && bandOf(k, 'bands') === label ? k * count : 0))));
  }
  const novel = new Sampler(degrees, Array.from(n, (count, k) => k * count * (1 - 1 / scale) ** k));
  // The grown corpus's edges by skill degree K, and one text's skills by band label, in typed arrays: Maps here cost
  // most of a training run's verdict. Labels stay below 64 (bandOf: 4 + log2 K).
  let edgesByDegree = new Float64Array(64);
  let maxDegree = 0;
  const perBand = new Int32Array(64);
  const labels: number[] = [];
  const table = new CompositionTable();
  const grown = (k: number, extra: number): number => k + (extra > 0 ? poisson(rng, extra * rate(k)) : 0);

  const addText = (c: number, weight: number, fresh: boolean): void => {
    const { offsets: o, bands: b, counts: cs } = summary.compositions;
    labels.length = 0;
    for (let i = o[c]; i < o[c + 1]; i++) {
      const sampler = byBand.get(b[i]) as Sampler;
      const novelMass = summary.novelMassByBand?.[b[i]] ?? summary.novelMass;
      for (let j = 0; j < cs[i]; j++) {
        const K = fresh && rng.next() < novelMass ? novel.draw(rng) : grown(sampler.draw(rng), scale - 1);
        const label = bandOf(K, 'bands');
        if (perBand[label]++ === 0) labels.push(label);
        if (K >= edgesByDegree.length) {
          const larger = new Float64Array(Math.max(2 * edgesByDegree.length, K + 1));
          larger.set(edgesByDegree);
          edgesByDegree = larger;
        }
        edgesByDegree[K] += weight;
        if (K > maxDegree) maxDegree = K;
      }
    }
    labels.sort((x, y) => x - y);
    table.add(labels, (l) => perBand[l], weight);
    for (const l of labels) perBand[l] = 0;
  };

  const compositions = summary.compositions.texts.length;
  const replicas = scale > 1 ? Math.min(MAX_REPLICAS, Math.ceil(scale - 1)) : 0;
  for (let c = 0; c < compositions; c++) {
    const copies = summary.compositions.texts[c];
    for (let t = 0; t < copies; t++) {
      addText(c, 1, false);
      for (let r = 0; r < replicas; r++) addText(c, (scale - 1) / replicas, true);
    }
  }
  const degreeCounts = new Float64Array(maxDegree + 1);
  for (let K = 0; K <= maxDegree; K++) if (edgesByDegree[K] !== 0) degreeCounts[K] = edgesByDegree[K] / K;
  const structure = structureFrom(degreeCounts, table.build());
  const goodTuring = (counts: ArrayLike<number>, edges: number): number => (counts.length > 1 ? counts[1] / edges : 0);
  const sampleEdges = Array.from(n).reduce((sum, count, k) => sum + k * count, 0);
  const before = goodTuring(n, sampleEdges);
  const novelMass = before > 0 ? summary.novelMass * (goodTuring(degreeCounts, structure.edges) / before) : summary.novelMass;
  return { structure, novelMass };
}
