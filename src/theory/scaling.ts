// The scaling law of testing error in R (THEORY.md §5): skill-level error ε(R) = ε₀Λ(q*) and text-level error
// 1 − P(1 − ε) from density evolution, the share of skills seen in no training text ε₀Λ(0) beside them, and two
// least-squares fits over the points past emergence (R above R* or R_c where they exist, and ε > 0):
// semi-log ln ε = intercept + slope·R (PP model: slope ≈ −d, since ε ≈ e^{−dR}) and log-log
// ln ε = c + exponent·ln R (for heavy-tailed empirical Λ).

import { evolve } from './de.js';
import type { Ensemble } from './ensemble.js';
import { thresholdReport } from './thresholds.js';

export interface ScalingPoint {
  ratio: number;
  learned: number;
  skillError: number;
  textError: number;
  /** ε₀Λ(0): skills that appear in no training text. */
  unseen: number;
  iterations: number;
}

export interface ScalingFit {
  /** Semi-log fit ln ε = intercept + slope·R. */
  slope: number;
  intercept: number;
  /** Log-log fit ln ε = exponentIntercept + exponent·ln R. */
  exponent: number;
  exponentIntercept: number;
  /** The ratios the fits used. */
  fromRatio: number;
  toRatio: number;
  count: number;
}

export interface ScalingLaw {
  points: ScalingPoint[];
  /** R* or R_c, above which the fits start (null: the whole sweep). */
  emergenceRatio: number | null;
  fit: ScalingFit | null;
}

/** Least squares y = a + b·x; returns [a, b]. */
function lineFit(xs: number[], ys: number[]): [number, number] {
  const n = xs.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
  }
  const b = sxy / sxx;
  return [my - b * mx, b];
}

/** Testing errors over a sweep of ratios and the fitted scaling law. */
export function scalingLaw(ensemble: Ensemble, ratios: number[]): ScalingLaw {
  const points = ratios.map((ratio): ScalingPoint => {
    const de = evolve(ensemble, ratio);
    return {
      ratio,
      learned: de.learned,
      skillError: de.skillError,
      textError: de.textError,
      unseen: ensemble.prior * ensemble.at(ratio).skillDegree.node(0),
      iterations: de.iterations,
    };
  });
  const report = thresholdReport(ensemble);
  const emergenceRatio = report.threshold?.ratio ?? report.jump?.ratio ?? null;
  const used = points.filter((p) => (emergenceRatio === null || p.ratio > emergenceRatio) && p.skillError > 0 && Number.isFinite(Math.log(p.skillError)));
  if (used.length < 2) return { points, emergenceRatio, fit: null };
  const logErrors = used.map((p) => Math.log(p.skillError));
  const [intercept, slope] = lineFit(used.map((p) => p.ratio), logErrors);
  const [exponentIntercept, exponent] = lineFit(used.map((p) => Math.log(p.ratio)), logErrors);
  return {
    points,
    emergenceRatio,
    fit: { slope, intercept, exponent, exponentIntercept, fromRatio: used[0].ratio, toRatio: used[used.length - 1].ratio, count: used.length },
  };
}
