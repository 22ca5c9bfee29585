// Three theories of emergence on one set of parameters (THEORY.md §3 and §9): the density-evolution learned fraction
// of [LCH]'s skill-text graph against R (src/theory/de.ts), the Arora–Goyal guaranteed competence against scale
// ([AG], src/theory/competence.ts) and the TAP trajectory ([TAP], src/theory/tap.ts). Each keeps its own axis;
// `emergenceShapes` puts them on a common [0, 1] × [0, 1] frame (position along each sweep, and the learned
// fraction, the competence, and log10 M_t over the blow-up threshold) so that the shapes of the three transitions
// can be drawn together. No new mathematics here: the modules named above carry the sources.

import { evolve } from './de.js';
import type { Ensemble } from './ensemble.js';
import { competenceAgainstScale, type ScaleParams, type ScalePoint } from './competence.js';
import { tapTrajectory, type TapParams, type TapTrajectory } from './tap.js';

export interface DePoint {
  ratio: number;
  learned: number;
  textError: number;
  iterations: number;
}

export interface Comparison {
  /** The density-evolution learned fraction (cold start) at every R of the sweep. */
  de: DePoint[];
  /** The mean text degree at the largest R: the k used by the Arora–Goyal bound unless given. */
  k: number;
  ag: ScalePoint[];
  tap: TapTrajectory;
  /** The steps asked of TAP (its trajectory stops early when it leaves the double range). */
  tapSteps: number;
}

export interface ComparisonInput {
  ensemble: Ensemble;
  ratios: readonly number[];
  scale: Omit<ScaleParams, 'k'>;
  /** Skills per text for AG; undefined means the ensemble's mean text degree at the largest R. */
  k?: number;
  scales: readonly number[];
  tap: TapParams;
  tapSteps: number;
}

export function compareEmergence(input: ComparisonInput): Comparison {
  const de = input.ratios.map((ratio) => {
    const r = evolve(input.ensemble, ratio);
    return { ratio, learned: r.learned, textError: r.textError, iterations: r.iterations };
  });
  const k = input.k ?? input.ensemble.at(Math.max(...input.ratios)).textDegree.mean();
  return {
    de,
    k,
    ag: competenceAgainstScale({ ...input.scale, k }, input.scales),
    tap: tapTrajectory(input.tap, input.tapSteps),
    tapSteps: input.tapSteps,
  };
}

export interface ShapeSeries {
  name: string;
  points: Array<[number, number]>;
}

/** The three curves on a common frame: x = position along each sweep in [0, 1], y in [0, 1] as in the header. */
export function emergenceShapes(c: Comparison, blowupLog10: number): ShapeSeries[] {
  const along = (i: number, n: number): number => (n > 1 ? i / (n - 1) : 0);
  return [
    { name: 'DE learned fraction (over R)', points: c.de.map((p, i) => [along(i, c.de.length), p.learned]) },
    { name: 'AG guaranteed competence (over scale)', points: c.ag.map((p, i) => [along(i, c.ag.length), p.competence]) },
    {
      name: 'TAP log10 M / blow-up threshold (over t)',
      points: c.tap.points.map((p) => [along(p.t, c.tapSteps + 1), Math.min(1, Math.max(0, p.log10 / blowupLog10))]),
    },
  ];
}
