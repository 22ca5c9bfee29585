// Density evolution of SCNS learning on a skill-text graph ensemble, with the figures reported at its fixed point
// (testing errors, edges to learned skills, texts fully covered): docs/THEORY.md §3, §5. Written here: no library
// does DE; the text side has closed forms when it is Poisson or the learner is 1-skill.

import type { DegreeDistribution } from './degree.js';
import type { Ensemble, EnsembleSides } from './ensemble.js';
import { poissonSuccess, successProbability, type Learner } from './learners.js';

export interface DeOptions {
  /** p_0: 1 = cold start (default), 0 = warm start (everything the prior allows already learned). */
  start?: number;
  /** Stop when |p_i − p_{i−1}| ≤ tolerance (default 1e-14). */
  tolerance?: number;
  /** Give up after this many rounds (default 1e6); `converged` is false then. */
  maxIterations?: number;
  /** Record the learned fraction after every round. */
  trajectory?: boolean;
}

export interface DeResult {
  ratio: number;
  /** Fixed point: probability that a skill→text edge still carries a novel skill. */
  p: number;
  /** Fixed point: probability that a text fails to teach the tagged skill. */
  q: number;
  iterations: number;
  converged: boolean;
  learned: number;
  skillError: number;
  textError: number;
  edgeLearned: number;
  textsCovered: number;
  /** Learned fraction after rounds 1..iterations (when asked for). */
  trajectory?: Float64Array;
}

/** q(p): the probability that a text fails to teach a tagged skill when each other skill is novel w.p. p. */
export function textFailure(textDegree: DegreeDistribution, learner: Learner): (p: number) => number {
  const poissonMean = textDegree.poissonMean;
  if (poissonMean !== null) return (p) => 1 - poissonSuccess(learner, poissonMean * p);
  if (learner.maxNovel === 1) {
    const phi1 = learner.phi[0];
    return (p) => 1 - phi1 * textDegree.edge(1 - p);
  }
  // ρ_j = j P_j / P'(1), the degree of the text at the end of a random edge.
  const coefficients = textDegree.coefficients() as Float64Array;
  const mean = textDegree.mean();
  return (p) => {
    let success = 0;
    for (let j = 1; j < coefficients.length; j++) {
      if (coefficients[j] > 0) success += ((j * coefficients[j]) / mean) * successProbability(learner, j, p);
    }
    return 1 - success;
  };
}

/** Share of training texts whose skills are all learned when each is novel to the other texts w.p. p. */
function coveredTexts(textDegree: DegreeDistribution, learner: Learner, p: number): number {
  // γ_0 = 1, γ_m = φ_m: reuse s_j and P_suc with the vector shifted by one (φ'_{m+1} = γ_m).
  const shifted: Learner = {
    label: `${learner.label} (whole text)`,
    phi: Float64Array.of(1, ...learner.phi),
    deterministic: learner.deterministic,
    maxNovel: learner.maxNovel + 1,
  };
  const poissonMean = textDegree.poissonMean;
  if (poissonMean !== null) return poissonSuccess(shifted, poissonMean * p);
  const coefficients = textDegree.coefficients() as Float64Array;
  let covered = 0;
  for (let j = 0; j < coefficients.length; j++) {
    // A text of degree j: s_{j+1}(p) sums over m = 0..j of its novel skills with weight γ_m.
    if (coefficients[j] > 0) covered += coefficients[j] * successProbability(shifted, j + 1, p);
  }
  return covered;
}

/** Runs density evolution on the two sides of an ensemble at one ratio. */
export function densityEvolution(sides: EnsembleSides, learner: Learner, prior = 1, options: DeOptions = {}): DeResult {
  const { skillDegree, textDegree } = sides;
  const tolerance = options.tolerance ?? 1e-14;
  const maxIterations = options.maxIterations ?? 1_000_000;
  const fail = textFailure(textDegree, learner);
  const trajectory: number[] | undefined = options.trajectory ? [] : undefined;
  let p = options.start ?? 1;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    const q = fail(p);
    const next = prior * skillDegree.edge(q);
    iterations++;
    trajectory?.push(1 - prior * skillDegree.node(q));
    const step = Math.abs(next - p);
    p = next;
    if (step <= tolerance) {
      converged = true;
      break;
    }
  }
  const q = fail(p);
  const skillError = prior * skillDegree.node(q);
  return {
    ratio: sides.ratio,
    p,
    q,
    iterations,
    converged,
    learned: 1 - skillError,
    skillError,
    textError: 1 - textDegree.node(1 - skillError),
    edgeLearned: 1 - prior * q * skillDegree.edge(q),
    textsCovered: coveredTexts(textDegree, learner, p),
    ...(trajectory ? { trajectory: Float64Array.from(trajectory) } : {}),
  };
}

/** Density evolution of an ensemble at ratio R (its learner and prior). */
export function evolve(ensemble: Ensemble, ratio: number, options?: DeOptions): DeResult {
  return densityEvolution(ensemble.at(ratio), ensemble.learner, ensemble.prior, options);
}
