// Monte-Carlo simulation of SCNS learning beside density evolution (THEORY.md §3, §7): for an ensemble at a ratio
// R, draw random skill-text graphs of N skills from seeded Prngs, peel them with the ensemble's learner (skills
// known beforehand with probability 1 − ε₀), and measure the learned fraction, the share of training texts fully
// covered and the giant component of learned skills in the association graph; report the mean over trials with a
// 95% confidence interval (Student's t) beside DE's learned fraction and percolation's giant component.
// Trial k uses the same seed at every ratio (common random numbers), so curves over R are smooth.

import { Prng } from '../util/prng.js';
import { ParamError } from '../util/errors.js';
import type { SkillTextGraph } from '../graph/bipartite.js';
import { agGraph, configurationGraph, irsaGraph } from '../graph/random.js';
import { associationComponents } from '../graph/association.js';
import { peelGraph } from './peel.js';
import type { Ensemble } from '../theory/ensemble.js';
import { evolve } from '../theory/de.js';
import { giantOfLearned } from '../theory/percolation.js';

/** Largest graph `simulate` draws: 10^8 skills or edges (the Int32 CSR limit is 2^31 − 1 edges). */
const MAX_SIMULATED_SKILLS = 100_000_000;
/** Most trials per ratio. */
const MAX_TRIALS = 1_000_000;

export interface Interval {
  mean: number;
  /** The 95% confidence interval of the mean; null with a single trial. */
  low: number | null;
  high: number | null;
}

export interface SimulatedPoint {
  ratio: number;
  skills: number;
  texts: number;
  trials: number;
  /** Learned fraction (known skills included), measured and predicted by DE. */
  measured: Interval;
  predicted: number;
  /** Share of all skills in the largest component of learned skills, measured and predicted by percolation. */
  giant: Interval;
  predictedGiant: number;
  /** Share of training texts whose skills were all learned, measured and predicted by DE. */
  textsCovered: Interval;
  predictedTextsCovered: number;
  /** Peeling rounds until the fixed point. */
  rounds: Interval;
}

export interface SimulationOptions {
  skills: number;
  trials: number;
  seed: number;
  /** Called after each trial (progress reporting). */
  onTrial?: () => void;
}

/** One random graph of `skills` skills from the ensemble at ratio R (T = round(R·N) texts). */
function sampleGraph(ensemble: Ensemble, ratio: number, skills: number, rng: Prng): SkillTextGraph {
  const sides = ensemble.at(ratio);
  const texts = Math.round(ratio * skills);
  switch (ensemble.drawnSide) {
    case 'skill':
      return irsaGraph(skills, texts, sides.skillDegree.sampler(), rng);
    case 'text':
      return agGraph(skills, texts, sides.textDegree.sampler(), rng);
    case 'both':
      return configurationGraph(skills, texts, sides.skillDegree.sampler(), sides.textDegree.sampler(), rng);
  }
}

/**
 * A node picks its degree's worth of distinct neighbours, so a finite degree distribution needs at least its largest
 * degree of nodes on the other side: refused up front as a usage error (Poisson draws that exceed it are too rare to
 * check here; random.ts reports them).
 */
function refuseTooSmallGraphs(ensemble: Ensemble, ratio: number, skills: number): void {
  if (ensemble.drawnSide === 'both') return; // the configuration model counts a repeated pair once instead
  const sides = ensemble.at(ratio);
  const texts = Math.round(ratio * skills);
  const [side, drawn, others, otherName] =
    ensemble.drawnSide === 'skill' ? ['skill', sides.skillDegree, texts, 'texts'] : ['text', sides.textDegree, skills, 'skills'];
  const degree = drawn.maxDegree(); // Infinity for Poisson: not checked here
  if (Number.isFinite(degree) && degree > others) {
    throw new ParamError((n) => `${n('skills')} ${skills} at ${n('ratio')} ${ratio}: a ${side} of degree ${degree} cannot find that many distinct ${otherName} among ${others}`);
  }
}

interface TrialMeasures {
  learned: number;
  giant: number;
  textsCovered: number;
  rounds: number;
}

/** One trial: graph, prior, peeling, measures. */
function runTrial(ensemble: Ensemble, ratio: number, skills: number, seed: number): TrialMeasures {
  const rng = new Prng(seed);
  const graph = sampleGraph(ensemble, ratio, skills, rng);
  let known: Uint8Array | undefined;
  if (ensemble.prior < 1) {
    known = new Uint8Array(skills);
    for (let s = 0; s < skills; s++) known[s] = rng.next() < ensemble.prior ? 0 : 1;
  }
  const result = peelGraph(graph, { phi: ensemble.learner.phi, known, rng });
  let learned = 0;
  for (let s = 0; s < skills; s++) learned += result.learned[s];
  let covered = 0;
  for (let t = 0; t < graph.texts; t++) if (result.residualCounts[t] === 0) covered++;
  return {
    learned: learned / skills,
    giant: associationComponents(graph.textSkills, result.learned).giantFraction,
    textsCovered: graph.texts > 0 ? covered / graph.texts : 1,
    rounds: result.rounds,
  };
}

/** The seeds of the trials: the first `trials` outputs of Prng(seed). */
export function trialSeeds(seed: number, trials: number): number[] {
  const rng = new Prng(seed);
  return Array.from({ length: trials }, () => rng.nextUint32());
}

/** Simulates the ensemble at ratio R over `trials` random graphs. */
export function simulatePoint(ensemble: Ensemble, ratio: number, options: SimulationOptions): SimulatedPoint {
  const { skills, trials, seed } = options;
  if (!(Number.isInteger(skills) && skills >= 1 && skills <= MAX_SIMULATED_SKILLS)) {
    throw new ParamError((n) => `${n('skills')} ${skills}: must be an integer from 1 to ${MAX_SIMULATED_SKILLS}`);
  }
  if (!(Number.isInteger(trials) && trials >= 1 && trials <= MAX_TRIALS)) throw new ParamError((n) => `${n('trials')} ${trials}: must be an integer from 1 to ${MAX_TRIALS}`);
  refuseTooSmallGraphs(ensemble, ratio, skills);
  const measures = trialSeeds(seed, trials).map((s) => {
    const measure = runTrial(ensemble, ratio, skills, s);
    options.onTrial?.();
    return measure;
  });
  const de = evolve(ensemble, ratio);
  const sides = ensemble.at(ratio);
  const fraction = (pick: (m: TrialMeasures) => number): Interval => meanInterval(measures.map(pick), 0, 1);
  return {
    ratio,
    skills,
    texts: Math.round(ratio * skills),
    trials,
    measured: fraction((m) => m.learned),
    predicted: de.learned,
    giant: fraction((m) => m.giant),
    predictedGiant: giantOfLearned(sides.skillDegree, sides.textDegree, de.q, ensemble.prior).giant,
    textsCovered: fraction((m) => m.textsCovered),
    predictedTextsCovered: de.textsCovered,
    rounds: meanInterval(measures.map((m) => m.rounds), 0),
  };
}

/** Mean and 95% confidence interval mean ± t_{0.975, n−1} · sd / √n, clipped to the range [min, max] of the values. */
export function meanInterval(values: number[], min = -Infinity, max = Infinity): Interval {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, low: null, high: null };
  const variance = values.reduce((a, v) => a + (v - mean) * (v - mean), 0) / (n - 1);
  const half = studentQuantile975(n - 1) * Math.sqrt(variance / n);
  return { mean, low: Math.max(min, mean - half), high: Math.min(max, mean + half) };
}

/**
 * t_{0.975, ν}: solves A(t | ν) = 0.95 by bisection, with A(t | ν) = P(|T| < t) from the finite series of
 * Abramowitz & Stegun 26.7.3–26.7.4 in θ = atan(t/√ν) (exact for integer ν).
 */
export function studentQuantile975(nu: number): number {
  const twoSided = (t: number): number => {
    const theta = Math.atan(t / Math.sqrt(nu));
    const c2 = Math.cos(theta) ** 2;
    const sin = Math.sin(theta);
    let term = 1;
    let sum = 1;
    if (nu % 2 === 0) {
      for (let k = 2; k <= nu - 2; k += 2) {
        term *= (c2 * (k - 1)) / k;
        sum += term;
      }
      return sin * sum;
    }
    if (nu === 1) return (2 / Math.PI) * theta;
    term = Math.cos(theta);
    sum = term;
    for (let k = 3; k <= nu - 2; k += 2) {
      term *= (c2 * (k - 1)) / k;
      sum += term;
    }
    return (2 / Math.PI) * (theta + sin * sum);
  };
  let lo = 0;
  let hi = 20;
  while (twoSided(hi) < 0.95) hi *= 2;
  for (let i = 0; i < 100; i++) {
    const mid = 0.5 * (lo + hi);
    if (twoSided(mid) < 0.95) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
