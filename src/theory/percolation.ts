// Site percolation on the skill association graph (THEORY.md §7): skills are vertices, two skills are joined when
// they share a training text, and a site is occupied when its skill is learned. Configuration-model percolation
// (Newman, Strogatz, Watts 2001; Callaway et al. 2000) on the bipartite skill-text graph, derived here:
//
//   u = 1 − Σ_k λ_k φ_k (1 − v^{k−1}),   v = ρ(u),   S = Σ_k Λ_k φ_k (1 − v^k)
//   giant component iff [Σ_k λ_k φ_k (k − 1)] · ρ'(1) > 1
//
// with u (v) the probability that a text→skill (skill→text) edge does not lead to the giant component.
// Degree-dependent occupation φ_k = 1 − ε₀ q*^k (a degree-k skill is learned unless all k of its texts fail, DE's
// q*) has closed forms through the generating functions alone:
//   Σ_k Λ_k φ_k (1 − v^k)       = 1 − Λ(v) − ε₀ (Λ(q) − Λ(qv))
//   Σ_k λ_k φ_k (1 − v^{k−1})   = 1 − λ(v) − ε₀ q (λ(q) − λ(qv))
//   Σ_k λ_k φ_k (k − 1)          = λ'(1) − ε₀ q² λ'(q)
// Uniform occupation φ (cruder): u = 1 − φ + φ λ(v), S = φ (1 − Λ(v)), giant iff φ λ'(1) ρ'(1) > 1; in the PP model
// with every skill occupied that is d²R > 1. With texts of degree exactly 2 the association graph is a one-mode
// configuration graph: Poisson(c) skills give S = 1 − e^{−cS} (c = 2: 0.796812).

import type { DegreeDistribution } from './degree.js';
import { evolve } from './de.js';
import type { Ensemble } from './ensemble.js';

export type Occupation = { kind: 'learned' } | { kind: 'uniform'; phi: number };

export interface GiantComponent {
  /** Share of all skills in the giant component of occupied skills. */
  giant: number;
  u: number;
  v: number;
  /** The branching factor of the existence criterion; a giant component exists iff it exceeds 1. */
  criterion: number;
  exists: boolean;
}

/** One occupation rule on one pair of sides: U(v) (the u-update), the giant share S(v), and the criterion. */
interface OccupiedGraph {
  textDegree: DegreeDistribution;
  edgeMiss: (v: number) => number;
  nodeShare: (v: number) => number;
  criterion: number;
}

function learnedOccupation(skillDegree: DegreeDistribution, textDegree: DegreeDistribution, q: number, prior: number): OccupiedGraph {
  const lq = skillDegree.edge(q);
  const nq = skillDegree.node(q);
  return {
    textDegree,
    edgeMiss: (v) => skillDegree.edge(v) + prior * q * (lq - skillDegree.edge(q * v)),
    nodeShare: (v) => 1 - skillDegree.node(v) - prior * (nq - skillDegree.node(q * v)),
    criterion: (skillDegree.edgeDerivative(1) - prior * q * q * skillDegree.edgeDerivative(q)) * textDegree.edgeDerivative(1),
  };
}

function uniformOccupation(skillDegree: DegreeDistribution, textDegree: DegreeDistribution, phi: number): OccupiedGraph {
  if (!(phi >= 0 && phi <= 1)) throw new RangeError(`occupation probability must be in [0, 1], got ${phi}`);
  return {
    textDegree,
    edgeMiss: (v) => 1 - phi + phi * skillDegree.edge(v),
    nodeShare: (v) => phi * (1 - skillDegree.node(v)),
    criterion: phi * skillDegree.edgeDerivative(1) * textDegree.edgeDerivative(1),
  };
}

/**
 * Occupation given degree by degree, occupied[k] = φ_k (e.g. composition DE's learned share of degree-k skills):
 * the sums of the header over the coefficients Λ_k.
 */
function degreeOccupation(skillDegree: DegreeDistribution, textDegree: DegreeDistribution, occupied: ArrayLike<number>): OccupiedGraph {
  const probs = skillDegree.coefficients();
  if (probs === null) throw new RangeError('a degree-by-degree occupation needs a finite skill degree distribution');
  const mean = skillDegree.mean();
  const phi = (k: number): number => (k < occupied.length && probs[k] > 0 ? occupied[k] : 0);
  let criterion = 0;
  for (let k = 2; k < probs.length; k++) criterion += ((k * probs[k]) / mean) * phi(k) * (k - 1);
  return {
    textDegree,
    edgeMiss: (v) => {
      let reach = 0;
      for (let k = 1; k < probs.length; k++) if (probs[k] > 0) reach += ((k * probs[k]) / mean) * phi(k) * (1 - v ** (k - 1));
      return 1 - reach;
    },
    nodeShare: (v) => {
      let share = 0;
      for (let k = 1; k < probs.length; k++) if (probs[k] > 0) share += probs[k] * phi(k) * (1 - v ** k);
      return share;
    },
    criterion: criterion * textDegree.edgeDerivative(1),
  };
}

/** Solves u = U(v), v = ρ(u) from u = 0 (the smallest fixed point, the physical one); u = v = 1 below criticality. */
function solve(graph: OccupiedGraph): GiantComponent {
  const { textDegree, edgeMiss, nodeShare, criterion } = graph;
  if (!(criterion > 1)) return { giant: 0, u: 1, v: 1, criterion, exists: false };
  let u = 0;
  let v = textDegree.edge(u);
  for (let i = 0; i < 1_000_000; i++) {
    const next = edgeMiss(v);
    const step = Math.abs(next - u);
    u = next;
    v = textDegree.edge(u);
    if (step <= 1e-15) break;
  }
  return { giant: Math.max(0, nodeShare(v)), u, v, criterion, exists: true };
}

/** The giant component of learned skills, occupation φ_k = 1 − ε₀ q^k (q = DE's fixed point q*). */
export function giantOfLearned(skillDegree: DegreeDistribution, textDegree: DegreeDistribution, q: number, prior = 1): GiantComponent {
  return solve(learnedOccupation(skillDegree, textDegree, q, prior));
}

/** The giant component when a skill of degree k is occupied with probability occupied[k]. */
export function giantOfOccupied(skillDegree: DegreeDistribution, textDegree: DegreeDistribution, occupied: ArrayLike<number>): GiantComponent {
  return solve(degreeOccupation(skillDegree, textDegree, occupied));
}

/** The giant component when every skill is occupied independently with probability phi. */
export function giantOfUniform(skillDegree: DegreeDistribution, textDegree: DegreeDistribution, phi: number): GiantComponent {
  return solve(uniformOccupation(skillDegree, textDegree, phi));
}

export interface PercolationPoint extends GiantComponent {
  ratio: number;
  /** Share of occupied skills: DE's learned fraction, or φ. */
  occupied: number;
}

/** The occupied graph of an ensemble at ratio R, and the share of skills occupied. */
function occupiedAt(ensemble: Ensemble, ratio: number, occupation: Occupation): { occupied: number; graph: OccupiedGraph } {
  const { skillDegree, textDegree } = ensemble.at(ratio);
  if (occupation.kind === 'uniform') return { occupied: occupation.phi, graph: uniformOccupation(skillDegree, textDegree, occupation.phi) };
  const de = evolve(ensemble, ratio);
  return { occupied: de.learned, graph: learnedOccupation(skillDegree, textDegree, de.q, ensemble.prior) };
}

/** Percolation of an ensemble at ratio R. */
export function percolationAt(ensemble: Ensemble, ratio: number, occupation: Occupation): PercolationPoint {
  const { occupied, graph } = occupiedAt(ensemble, ratio, occupation);
  return { ratio, occupied, ...solve(graph) };
}

/**
 * The smallest ratio at which a giant component exists (criterion crosses 1), found on a geometric scan of R up to
 * the ensemble's largest ratio (or 1e4) and refined by bisection to 1e-12 relative; null when it never exists.
 */
export function percolationThreshold(ensemble: Ensemble, occupation: Occupation): number | null {
  const criterion = (ratio: number): number => occupiedAt(ensemble, ratio, occupation).graph.criterion;
  const top = Math.min(ensemble.maxRatio(), 1e4);
  let lo = Math.min(1e-4, top);
  if (criterion(lo) > 1) return lo;
  let hi = lo;
  while (hi < top) {
    lo = hi;
    hi = Math.min(top, hi * 1.25);
    if (criterion(hi) > 1) {
      for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
        const mid = 0.5 * (lo + hi);
        if (criterion(mid) > 1) hi = mid;
        else lo = mid;
      }
      return hi;
    }
  }
  return null;
}
