// Composition density evolution (docs/THEORY.md §10): skills typed by degree band, texts by how many skills of each
// band they hold, one edge message p_b per band, with a fraction f of the texts kept. Written here (no library does DE).

import type { CorpusStructure } from './corpus-structure.js';
import type { Learner } from './learners.js';

export interface CompositionOptions {
  /** Stop when max_b |Δp_b| ≤ tolerance (default 1e-12). */
  tolerance?: number;
  /** Give up after this many rounds (default 10 000); `converged` is false then. */
  maxIterations?: number;
}

/**
 * The skill side of the recursion: from x_b (a text of a band-b skill is absent or fails to teach it) and the
 * current messages p, the next edge messages (added up over band-b edges into sums[b], not yet divided by E_b),
 * and the unlearned probability added up per degree k into sums[k].
 */
export interface SkillSide {
  edgeMessages(x: Float64Array, p: Float64Array, sums: Float64Array): void;
  unlearnedByDegree(x: Float64Array, p: Float64Array, sums: Float64Array): void;
}

export interface CompositionPrediction {
  /** Share of all N skills learned; share of the kept texts' edges whose skill is learned; share of texts whose skills all are. */
  learned: number;
  edgeLearned: number;
  textsCovered: number;
  /** learnedByDegree[k]: predicted learned share of the skills of degree k (NaN where there are none). */
  learnedByDegree: Float64Array;
  /** Fixed point per dense band: p_b (an edge from a band-b skill carries a novel skill) and q_b. */
  p: Float64Array;
  q: Float64Array;
  iterations: number;
  converged: boolean;
}

/**
 * The configuration side within each band: a degree-k skill of band b is unlearned with probability x_b^k, and
 * its message along one edge is x_b^{k−1}. Degrees for which `skip(k)` holds are left to another side.
 */
export function bandSide(structure: CorpusStructure, skip: (k: number) => boolean = () => false): SkillSide {
  const degrees: number[] = [];
  for (let k = 1; k < structure.degreeCounts.length; k++) if (structure.degreeCounts[k] > 0 && !skip(k)) degrees.push(k);
  const { degreeCounts: n, bandOfDegree } = structure;
  return {
    edgeMessages(x, _p, sums) {
      for (const k of degrees) sums[bandOfDegree[k]] += k * n[k] * x[bandOfDegree[k]] ** (k - 1);
    },
    unlearnedByDegree(x, _p, sums) {
      sums[0] += n[0]; // a skill in no text is never learned
      for (const k of degrees) sums[k] += n[k] * x[bandOfDegree[k]] ** k;
    },
  };
}

/**
 * The distribution of M = Σ_b Binomial(n_b, p_b), truncated to M < length: the number of novel skills among
 * independent groups. `logP`/`logQ` hold ln p_b and ln(1 − p_b) (−Infinity at 0).
 */
class NovelCount {
  private readonly scratch: Float64Array;

  constructor(readonly length: number) {
    this.scratch = new Float64Array(length);
  }

  /** out ← pmf of Binomial(n, p) (p = e^{logP}, 1 − p = e^{logQ}), truncated. */
  binomial(n: number, logP: number, logQ: number, out: Float64Array): void {
    out.fill(0);
    if (logP === -Infinity) {
      out[0] = 1;
      return;
    }
    if (logQ === -Infinity) {
      if (n < this.length) out[n] = 1;
      return;
    }
    let logBinom = 0;
    for (let m = 0; m <= n && m < this.length; m++) {
      out[m] = Math.exp(logBinom + m * logP + (n - m) * logQ);
      logBinom += Math.log(n - m) - Math.log(m + 1);
    }
  }

  /** a ← a ⊛ b, truncated. */
  convolve(a: Float64Array, b: Float64Array): void {
    const out = this.scratch;
    out.fill(0);
    for (let i = 0; i < this.length; i++) {
      if (a[i] === 0) continue;
      for (let j = 0; i + j < this.length; j++) out[i + j] += a[i] * b[j];
    }
    a.set(out);
  }
}

/**
 * The text side: for every band b, Σ_c H(c) c_b σ_b(c), where σ_b(c) = E[φ_{M+1}] and M, the tagged band-b skill's
 * novel co-skills, is the sum of Binomial(c_{b'} − [b' = b], p_{b'}) (leave-one-out convolutions over the bands by
 * prefix and suffix products, so no division by 1 − p_b).
 */
export function textSide(structure: CorpusStructure, learner: Learner): (p: Float64Array, taught: Float64Array) => void {
  const { offsets, bands, counts, texts } = structure.compositions;
  const length = Math.min(learner.maxNovel, structure.maxTextDegree);
  const novel = new NovelCount(length);
  const bandCount = structure.bandLabels.length;
  const logP = new Float64Array(bandCount);
  const logQ = new Float64Array(bandCount);
  let widest = 0;
  for (let c = 0; c + 1 < offsets.length; c++) widest = Math.max(widest, offsets[c + 1] - offsets[c]);
  const full = Array.from({ length: widest }, () => new Float64Array(length));
  const prefix = Array.from({ length: widest + 1 }, () => new Float64Array(length));
  const suffix = Array.from({ length: widest + 1 }, () => new Float64Array(length));
  const tagged = new Float64Array(length);
  prefix[0][0] = 1;
  const prepare = (p: Float64Array, taught: Float64Array): void => {
    for (let b = 0; b < bandCount; b++) {
      logP[b] = Math.log(p[b]);
      logQ[b] = Math.log1p(-p[b]);
    }
    taught.fill(0);
  };
  if (length === 1) {
    // Only M = 0 counts: σ_b(c) = φ_1 Π_{b'} (1 − p_{b'})^{c_{b'} − [b' = b]}: the product over the whole text (one
    // exp per composition, a sum of logs) divided by the tagged skill's own factor; zero factors counted apart.
    const phi1 = learner.phi[0];
    const inverse = new Float64Array(bandCount);
    return (p, taught) => {
      prepare(p, taught);
      for (let b = 0; b < bandCount; b++) inverse[b] = 1 / (1 - p[b]);
      for (let c = 0; c + 1 < offsets.length; c++) {
        let log = 0;
        let zeros = 0;
        for (let i = offsets[c]; i < offsets[c + 1]; i++) {
          if (logQ[bands[i]] === -Infinity) zeros += counts[i];
          else log += counts[i] * logQ[bands[i]];
        }
        if (zeros > 1) continue; // two novel skills for sure: the text teaches none
        const all = texts[c] * phi1 * Math.exp(log);
        for (let i = offsets[c]; i < offsets[c + 1]; i++) {
          const own = logQ[bands[i]];
          if (own === -Infinity) taught[bands[i]] += counts[i] * all;
          else if (zeros === 0) taught[bands[i]] += counts[i] * all * inverse[bands[i]];
        }
      }
    };
  }
  return (p, taught) => {
    prepare(p, taught);
    for (let c = 0; c + 1 < offsets.length; c++) {
      const start = offsets[c];
      const width = offsets[c + 1] - start;
      for (let i = 0; i < width; i++) novel.binomial(counts[start + i], logP[bands[start + i]], logQ[bands[start + i]], full[i]);
      for (let i = 0; i < width; i++) {
        prefix[i + 1].set(prefix[i]);
        novel.convolve(prefix[i + 1], full[i]);
      }
      suffix[width].fill(0);
      suffix[width][0] = 1;
      for (let i = width - 1; i > 0; i--) {
        suffix[i].set(suffix[i + 1]);
        novel.convolve(suffix[i], full[i]);
      }
      for (let i = 0; i < width; i++) {
        const b = bands[start + i];
        novel.binomial(counts[start + i] - 1, logP[b], logQ[b], tagged);
        novel.convolve(tagged, prefix[i]);
        novel.convolve(tagged, suffix[i + 1]);
        let sigma = 0;
        for (let m = 0; m < length; m++) sigma += tagged[m] * learner.phi[m];
        taught[b] += texts[c] * counts[start + i] * sigma;
      }
    }
  };
}

/** Share of texts all of whose skills are learned: E[γ_M] over all bands, γ_0 = 1, γ_m = φ_m (THEORY §3's covered texts). */
function coveredTexts(structure: CorpusStructure, learner: Learner, p: Float64Array): number {
  const { offsets, bands, counts, texts } = structure.compositions;
  const length = Math.min(learner.maxNovel, structure.maxTextDegree) + 1;
  const novel = new NovelCount(length);
  const total = new Float64Array(length);
  const group = new Float64Array(length);
  let covered = 0;
  let all = 0;
  for (let c = 0; c + 1 < offsets.length; c++) {
    total.fill(0);
    total[0] = 1;
    for (let i = offsets[c]; i < offsets[c + 1]; i++) {
      novel.binomial(counts[i], Math.log(p[bands[i]]), Math.log1p(-p[bands[i]]), group);
      novel.convolve(total, group);
    }
    let gamma = total[0];
    for (let m = 1; m < length; m++) gamma += total[m] * learner.phi[m - 1];
    covered += texts[c] * gamma;
    all += texts[c];
  }
  return all > 0 ? covered / all : 0;
}

/**
 * One round of the composition recursion, in two halves: `texts` sets q_b (a text fails to teach a band-b skill)
 * and x_b = 1 − f + f·q_b from the messages p; `skills` then replaces p by the next messages and returns max_b |Δp_b|.
 */
export interface CompositionRound {
  /** E_b, the edges ending in each dense band. */
  edgesInBand: Float64Array;
  texts(p: Float64Array, fraction: number, q: Float64Array, x: Float64Array): void;
  skills(x: Float64Array, p: Float64Array): number;
}

export function compositionRound(structure: CorpusStructure, learner: Learner, side: SkillSide): CompositionRound {
  const bandCount = structure.bandLabels.length;
  const edgesInBand = new Float64Array(bandCount);
  structure.degreeCounts.forEach((n, k) => {
    if (n > 0) edgesInBand[structure.bandOfDegree[k]] += k * n;
  });
  const teach = textSide(structure, learner);
  const sums = new Float64Array(bandCount);
  return {
    edgesInBand,
    texts(p, fraction, q, x) {
      teach(p, sums);
      for (let b = 0; b < bandCount; b++) {
        q[b] = 1 - sums[b] / edgesInBand[b];
        x[b] = 1 - fraction + fraction * q[b];
      }
    },
    skills(x, p) {
      sums.fill(0);
      side.edgeMessages(x, p, sums);
      let step = 0;
      for (let b = 0; b < bandCount; b++) {
        const next = sums[b] / edgesInBand[b];
        step = Math.max(step, Math.abs(next - p[b]));
        p[b] = next;
      }
      return step;
    },
  };
}

/** Share of all skills that the skill side leaves unlearned at x and p, and the learned share per degree. */
export function unlearnedShares(structure: CorpusStructure, side: SkillSide, x: Float64Array, p: Float64Array): { unlearned: number; learnedByDegree: Float64Array } {
  const unlearned = new Float64Array(structure.degreeCounts.length);
  side.unlearnedByDegree(x, p, unlearned);
  let skillsUnlearned = 0;
  const learnedByDegree = new Float64Array(unlearned.length).fill(NaN);
  unlearned.forEach((u, k) => {
    const n = structure.degreeCounts[k];
    if (n === 0) return;
    skillsUnlearned += u;
    learnedByDegree[k] = 1 - u / n;
  });
  return { unlearned: skillsUnlearned / structure.skills, learnedByDegree };
}

/** Runs the composition recursion to its fixed point with the given skill side (bandSide for plain composition DE). */
export function evolveComposition(
  structure: CorpusStructure,
  learner: Learner,
  fraction: number,
  side: SkillSide,
  options: CompositionOptions = {},
): CompositionPrediction {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`the fraction of texts kept must be in (0, 1], got ${fraction}`);
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 10_000;
  const bandCount = structure.bandLabels.length;
  const round = compositionRound(structure, learner, side);
  const p = new Float64Array(bandCount).fill(1);
  const q = new Float64Array(bandCount);
  const x = new Float64Array(bandCount);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    round.texts(p, fraction, q, x);
    const step = round.skills(x, p);
    iterations++;
    converged = step <= tolerance;
  }
  round.texts(p, fraction, q, x);
  const { unlearned, learnedByDegree } = unlearnedShares(structure, side, x, p);
  // A kept edge's skill is unlearned when its text fails (q_b) and its other texts do (p_b): Σ_b E_b p_b q_b over f·E.
  let edgesUnlearned = 0;
  for (let b = 0; b < bandCount; b++) edgesUnlearned += round.edgesInBand[b] * p[b] * q[b];
  return {
    learned: 1 - unlearned,
    edgeLearned: 1 - edgesUnlearned / structure.edges,
    textsCovered: coveredTexts(structure, learner, p),
    learnedByDegree,
    p,
    q,
    iterations,
    converged,
  };
}

/** Composition DE (docs/THEORY.md §10): every skill's message x_b^{k−1} within its band. */
export function compositionDE(structure: CorpusStructure, learner: Learner, fraction = 1, options?: CompositionOptions): CompositionPrediction {
  return evolveComposition(structure, learner, fraction, bandSide(structure), options);
}
