// Thresholds of learning (THEORY.md §4).
//
// Threshold R* (IRSA view: Poisson text side of mean Λ'(1)/R). The fixed points of DE are parametrised by
// y = Λ'(1)p/R, the mean number of other novel skills in a text: q = 1 − P_suc(y), p = ε₀ λ(q), so a fixed point
// with p > 0 exists at R iff R = R(y) := ε₀ Λ'(1) λ(1 − P_suc(y)) / y for some y > 0. When λ(1 − φ_1) = 0 (no
// degree-1 skills and a learner that surely teaches a lone novel skill) R(y) → 2ε₀Λ_2(1 − φ_2) as y → 0 and → 0 as
// y → ∞, so R* = sup_y R(y), the load G* = 1/R*. For the 1-skill learner this is THEORY's
// G* = inf_q −ln(1−q)/Λ'(q) (y = −ln(1−q)), and the y → 0 limit is the stability bound G* ≤ 1/(2Λ_2).
// The sup is located on a log grid of y and refined by golden-section search (accurate far beyond 1e-6).
// Skills of degree 0 (Λ_0 > 0) do not prevent p* = 0; they are never learned, so above R* the learned fraction is
// 1 − ε₀Λ_0 rather than 1.
//
// Jump (emergence) when skills can have degree 0 or 1: the cold-start fixed point (p_0 = 1) is discontinuous in R
// at R_c, the warm-start one (p_0 = 0) at the lower spinodal R_l < R_c (hysteresis between them). Found for any
// ensemble and learner by scanning R geometrically and bisecting on R for the largest drop of the fixed point
// (to 1e-9 relative), reporting both sides. PP model, 1-skill learner, prior ε₀: the unlearned fraction solves
// ε = ε₀ exp(−dR e^{−dε}); R(ε) = ln(ε₀/ε) e^{dε}/d has stationary points where u ln(1/u) = 1/(dε₀), u = ε/ε₀,
// two roots iff dε₀ > e: the larger gives R_c, the smaller R_l (ε₀ = 1: THEORY.md §4's closed form).

import { evolve } from './de.js';
import type { Ensemble } from './ensemble.js';
import { phiAt, poissonSuccess } from './learners.js';

export interface RatioLoad {
  ratio: number;
  /** G = 1/R. */
  load: number;
}

export interface Threshold extends RatioLoad {
  /** The degree-2 stability limit R(0+) = 2ε₀Λ_2(1 − φ_2) (G* ≤ its load), null when it is 0. */
  stabilityBound: RatioLoad | null;
  /** Unlearned fraction on the cold-start branch just below R* (0 when the transition is continuous). */
  skillErrorBelow: number;
}

function ratioLoad(ratio: number): RatioLoad {
  return { ratio, load: 1 / ratio };
}

/** R* and G* of an IRSA-view ensemble, or null when DE never reaches p* = 0 (THEORY.md §4). */
export function threshold(ensemble: Ensemble): Threshold | null {
  const skills = ensemble.skillDegree;
  if (ensemble.view !== 'irsa' || skills === null) return null;
  const { learner, prior } = ensemble;
  const phi1 = phiAt(learner, 1);
  if (skills.edge(1 - phi1) !== 0) return null;
  const scale = prior * skills.mean();
  const ratioAt = (y: number): number => (scale * skills.edge(1 - poissonSuccess(learner, y))) / y;
  const limit = 2 * prior * skills.probability(2) * (1 - phiAt(learner, 2));
  // Log grid of y, then golden-section search on log y around the best grid point.
  const points = 2000;
  const [logLo, logHi] = [Math.log(1e-7), Math.log(1e3)];
  const logYAt = (i: number): number => logLo + ((logHi - logLo) * i) / (points - 1);
  let best = 0;
  let bestValue = -Infinity;
  for (let i = 0; i < points; i++) {
    const value = ratioAt(Math.exp(logYAt(i)));
    if (value > bestValue) [best, bestValue] = [i, value];
  }
  let a = logYAt(Math.max(0, best - 1));
  let b = logYAt(Math.min(points - 1, best + 1));
  const invPhi = (Math.sqrt(5) - 1) / 2;
  let c = b - invPhi * (b - a);
  let d = a + invPhi * (b - a);
  let fc = ratioAt(Math.exp(c));
  let fd = ratioAt(Math.exp(d));
  for (let i = 0; i < 200 && b - a > 1e-13; i++) {
    if (fc > fd) {
      [b, d, fd] = [d, c, fc];
      c = b - invPhi * (b - a);
      fc = ratioAt(Math.exp(c));
    } else {
      [a, c, fc] = [c, d, fd];
      d = a + invPhi * (b - a);
      fd = ratioAt(Math.exp(d));
    }
  }
  const interior = Math.max(fc, fd, bestValue);
  const ratio = Math.max(interior, limit);
  const yStar = Math.exp(fc > fd ? c : d);
  const skillErrorBelow = interior > limit ? prior * skills.node(1 - poissonSuccess(learner, yStar)) : 0;
  return { ...ratioLoad(ratio), stabilityBound: limit > 0 ? ratioLoad(limit) : null, skillErrorBelow };
}

/** One side of a discontinuity: the fixed point's learned fraction and skill error. */
export interface Side {
  learned: number;
  skillError: number;
}

export interface Jump {
  /** R_c: where the cold-start fixed point jumps. */
  ratio: number;
  /** The lower spinodal R_l: where the warm-start fixed point jumps (null if it does not within the scan). */
  lowerRatio: number | null;
  /** Cold-start fixed point just below and just above R_c. */
  before: Side;
  after: Side;
  /** The PP closed form (1-skill learner), to compare with; null for other ensembles. */
  closedForm: { ratio: number; lowerRatio: number } | null;
}

/** A jump smaller than this in the unlearned fraction is treated as a steep but continuous curve. */
const MIN_JUMP = 1e-4;

export interface Discontinuity {
  ratio: number;
  /** The function just below and just above the discontinuity. */
  before: number;
  after: number;
}

/**
 * The largest downward jump of a decreasing function of R (an unlearned fraction): scanned on a geometric grid
 * from 1e-3 by factors of 2^(1/8) until the function falls below 1e-9 or R reaches `top`, then bisected on R to
 * 1e-9 relative. Null when the largest drop is smaller than MIN_JUMP (a steep but continuous curve).
 */
export function locateJump(error: (ratio: number) => number, top = 1e4): Discontinuity | null {
  const grid: number[] = [];
  const errors: number[] = [];
  for (let r = Math.min(1e-3, top); ; r *= 2 ** (1 / 8)) {
    const ratio = Math.min(r, top);
    grid.push(ratio);
    errors.push(error(ratio));
    if (ratio >= top || errors[errors.length - 1] < 1e-9) break;
  }
  let at = -1;
  let drop = 0;
  for (let i = 0; i + 1 < grid.length; i++) {
    if (errors[i] - errors[i + 1] > drop) [at, drop] = [i, errors[i] - errors[i + 1]];
  }
  if (at < 0) return null;
  let [a, b, ea, eb] = [grid[at], grid[at + 1], errors[at], errors[at + 1]];
  while (b - a > 1e-9 * b) {
    const m = 0.5 * (a + b);
    const em = error(m);
    if (ea - em >= em - eb) [b, eb] = [m, em];
    else [a, ea] = [m, em];
  }
  return ea - eb > MIN_JUMP ? { ratio: 0.5 * (a + b), before: ea, after: eb } : null;
}

/** The emergence jump of an ensemble found numerically (THEORY.md §4), or null when the curve is continuous. */
export function jump(ensemble: Ensemble): Jump | null {
  const top = Math.min(ensemble.maxRatio(), 1e4);
  const cold = locateJump((r) => evolve(ensemble, r, { start: 1 }).skillError, top);
  if (!cold) return null;
  const warm = locateJump((r) => evolve(ensemble, r, { start: 0 }).skillError, top);
  const side = (skillError: number): Side => ({ learned: 1 - skillError, skillError });
  return {
    ratio: cold.ratio,
    lowerRatio: warm && warm.ratio <= cold.ratio ? warm.ratio : null,
    before: side(cold.before),
    after: side(cold.after),
    closedForm: ppJumpClosedForm(ensemble),
  };
}

/** The PP model's closed-form jump and lower spinodal for the 1-skill learner, or null (no jump, other model). */
export function ppJumpClosedForm(ensemble: Ensemble): { ratio: number; lowerRatio: number } | null {
  const d = ensemble.textDegree?.poissonMean;
  const { learner, prior } = ensemble;
  if (ensemble.view !== 'pp' || d == null || learner.maxNovel !== 1 || learner.phi[0] !== 1) return null;
  const c = 1 / (d * prior);
  if (c >= 1 / Math.E) return null;
  const h = (u: number): number => u * Math.log(1 / u) - c;
  // h rises on (0, 1/e) and falls on (1/e, 1); each root by bisection.
  const root = (lo: number, hi: number, rising: boolean): number => {
    for (let i = 0; i < 200 && hi - lo > 1e-17; i++) {
      const mid = 0.5 * (lo + hi);
      if (h(mid) > 0 === rising) hi = mid;
      else lo = mid;
    }
    return 0.5 * (lo + hi);
  };
  const ratioAt = (u: number): number => (Math.log(1 / u) * Math.exp(d * prior * u)) / d;
  return { ratio: ratioAt(root(1 / Math.E, 1, false)), lowerRatio: ratioAt(root(0, 1 / Math.E, true)) };
}

export interface ThresholdReport {
  threshold: Threshold | null;
  jump: Jump | null;
}

/** R* and G* where they exist, otherwise the jump: what `theory threshold` prints. */
export function thresholdReport(ensemble: Ensemble): ThresholdReport {
  const found = threshold(ensemble);
  return { threshold: found, jump: found ? null : jump(ensemble) };
}
