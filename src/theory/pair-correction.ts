// The pair correction of composition DE (docs/THEORY.md §10): a skill of degree 2–5 is unlearned unless one of its
// kept texts teaches it, by inclusion–exclusion over subsets of its texts with every co-skill counted once, so
// that rare skills recurring together (short cycles) are seen. Still density evolution: nothing is peeled.

import { bandSide, evolveComposition, type CompositionOptions, type CompositionPrediction, type SkillSide } from './composition.js';
import { LOW_MAX, LOW_MIN, type CorpusStructure, type LowDegreeNeighbourhoods } from './corpus-structure.js';
import type { Learner } from './learners.js';

/** Whether the pair correction applies: a learner that learns only a text's one novel skill (φ_m = 0 for m ≥ 2). */
export function pairCorrectable(learner: Learner): boolean {
  return learner.maxNovel === 1;
}

/**
 * The skill side with the pair correction. For a low-degree skill with texts 1..K and A ⊆ {1..K},
 * w_A = Π_{u ∈ U_A} (1 − p_{b(u)}) over the distinct co-skills U_A of the texts in A; with a = f·φ_1 (a text is kept and
 * its coin succeeds), P(unlearned) = Σ_A (−a)^{|A|} w_A and its message to text i sums the A not holding i.
 * ln w_A = L(all) − L(masks disjoint from A), L by a subset-sum (zeta) transform over the co-skills' masks; a band
 * with p_b = 1 contributes a zero factor, counted apart so that no ∞ − ∞ arises.
 */
export function pairSide(structure: CorpusStructure, hoods: LowDegreeNeighbourhoods, learner: Learner, fraction: number): SkillSide {
  if (!pairCorrectable(learner)) throw new RangeError(`the pair correction needs a learner with φ_m = 0 for m ≥ 2, not '${learner.label}'`);
  const others = bandSide(structure, (k) => k >= LOW_MIN && k <= LOW_MAX);
  const a = fraction * learner.phi[0];
  const subsets = 1 << LOW_MAX;
  const logs = new Float64Array(subsets);
  const zeros = new Int32Array(subsets);
  const terms = new Float64Array(subsets);
  const size = new Int32Array(subsets);
  const sign = new Float64Array(subsets);
  for (let A = 1; A < subsets; A++) size[A] = size[A & (A - 1)] + 1;
  for (let A = 0; A < subsets; A++) sign[A] = (-a) ** size[A];
  const logQ = new Float64Array(structure.bandLabels.length);

  /** terms[A] = (−a)^{|A|} w_A for low skill i; returns its degree. */
  const subsetTerms = (i: number): number => {
    const k = hoods.degrees[i];
    const full = (1 << k) - 1;
    logs.fill(0, 0, full + 1);
    zeros.fill(0, 0, full + 1);
    for (let e = hoods.offsets[i]; e < hoods.offsets[i + 1]; e++) {
      const lq = logQ[hoods.bands[e]];
      if (lq === -Infinity) zeros[hoods.masks[e]] += hoods.counts[e];
      else logs[hoods.masks[e]] += hoods.counts[e] * lq;
    }
    for (let bit = 1; bit <= full; bit <<= 1) {
      for (let M = 0; M <= full; M++) {
        if (M & bit) {
          logs[M] += logs[M ^ bit];
          zeros[M] += zeros[M ^ bit];
        }
      }
    }
    for (let A = 0; A <= full; A++) {
      const rest = full ^ A;
      terms[A] = zeros[full] > zeros[rest] ? 0 : sign[A] * Math.exp(logs[full] - logs[rest]);
    }
    return k;
  };
  const prepare = (p: Float64Array): void => {
    for (let b = 0; b < logQ.length; b++) logQ[b] = Math.log1p(-p[b]);
  };

  return {
    edgeMessages(x, p, sums) {
      others.edgeMessages(x, p, sums);
      prepare(p);
      for (let i = 0; i < hoods.skills.length; i++) {
        const k = subsetTerms(i);
        let messages = 0; // Σ_i Σ_{A ∌ i} = Σ_A (k − |A|)
        for (let A = 0; A < 1 << k; A++) messages += (k - size[A]) * terms[A];
        sums[structure.bandOfDegree[k]] += messages;
      }
    },
    unlearnedByDegree(x, p, sums) {
      others.unlearnedByDegree(x, p, sums);
      prepare(p);
      for (let i = 0; i < hoods.skills.length; i++) {
        const k = subsetTerms(i);
        let unlearned = 0;
        for (let A = 0; A < 1 << k; A++) unlearned += terms[A];
        sums[k] += unlearned;
      }
    },
  };
}

/** Composition DE with the pair correction for the skills of degree 2–5, self-consistent (docs/THEORY.md §10). */
export function pairCorrectedDE(
  structure: CorpusStructure,
  hoods: LowDegreeNeighbourhoods,
  learner: Learner,
  fraction = 1,
  options?: CompositionOptions,
): CompositionPrediction {
  return evolveComposition(structure, learner, fraction, pairSide(structure, hoods, learner, fraction), options);
}
