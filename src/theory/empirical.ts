// Predictions for a trained corpus (THEORY.md §1 "Empirical" view): density evolution on the corpus's own skill and
// text degree histograms, optionally keeping a fraction f of the texts (Λ thinned binomially, Λ_f(x) = Λ(1−f+fx)),
// with the giant component of learned skills (§7, degree-dependent occupation). The trainer puts these beside its
// measurements; the formulas of each figure are in de.ts and percolation.ts.

import type { DegreeDistribution } from './degree.js';
import { densityEvolution, type DeOptions, type DeResult } from './de.js';
import type { Learner } from './learners.js';
import { giantOfLearned } from './percolation.js';

export interface EmpiricalPrediction extends DeResult {
  /** Giant component of learned skills in the association graph, as a share of all skills. */
  giantComponent: number;
}

/**
 * DE for skills with degree histogram `skillDegrees` and texts with `textDegrees` (e.g. DegreeDistribution.fromCounts
 * of the corpus's histograms), learner `learner`, keeping a fraction `fraction` of the texts. `ratio` in the result
 * is the thinned Λ'(1)/P'(1) = fraction · T/N.
 */
export function predictEmpirical(
  skillDegrees: DegreeDistribution,
  textDegrees: DegreeDistribution,
  learner: Learner,
  fraction = 1,
  options?: DeOptions,
): EmpiricalPrediction {
  const skills = skillDegrees.thin(fraction);
  const sides = { ratio: skills.mean() / textDegrees.mean(), skillDegree: skills, textDegree: textDegrees };
  const result = densityEvolution(sides, learner, 1, options);
  return { ...result, giantComponent: giantOfLearned(skills, textDegrees, result.q, 1).giant };
}
