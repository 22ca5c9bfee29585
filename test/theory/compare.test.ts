// compareEmergence against values that do not come from the modules it calls: the liva8 learning threshold
// R* = 1/0.938635 (docs/THEORY.md §4: every skill learned above it, few below), the PP model's text degree (Poisson(D)
// by its definition), the Arora–Goyal reference β* ≈ 4.5019 and competence ≈ 0.5498 for k = 8, θ = 0.1, α = 0.1, the
// Chinchilla excess loss δ(N, D) = 406.4/N^0.34 + 410.7/D^0.28 written out here, and TAP's exact 2, 3, 7, 127,
// 2^127 − 1 (§9).

import { describe, expect, it } from 'vitest';
import { compareEmergence, emergenceShapes } from '../../src/theory/compare.js';
import { Ensemble, ensembleFromSpecs } from '../../src/theory/ensemble.js';
import { UNCONSTRAINED } from '../../src/theory/tap.js';

const PARAMETERS = 70e9;
const TOKENS = 1.4e12;
/** The Chinchilla excess loss of §9, written out independently of src/theory/competence.ts. */
const excessLoss = (n: number, d: number): number => 406.4 / n ** 0.34 + 410.7 / d ** 0.28;
const tap = { initial: 2, alpha: 1, kernel: 'constant' as const, extinction: 0, linearRate: 0, constraints: UNCONSTRAINED, capacity: null, blowupLog10: 100 };

describe('compareEmergence', () => {
  // c is chosen so that θ = c·δ(N, D) = 0.1 at scale 1: the reference point of the bound.
  const lossToFailure = 0.1 / excessLoss(PARAMETERS, TOKENS);
  const scale = { alpha: 0.1, lossToFailure, parameters: PARAMETERS, tokens: TOKENS, tupleSize: 1, failure: 'exact' as const, degree: 'k' as const };
  const threshold = 1 / 0.938635;
  const result = compareEmergence({ ensemble: ensembleFromSpecs({ skillDegree: 'liva8' }), ratios: [1, 1.5, 2], scale, k: 8, scales: [1, 10], tap, tapSteps: 4 });

  it('DE: few skills learned below the liva8 threshold R* = 1/0.938635, all of them above it', () => {
    expect(1).toBeLessThan(threshold);
    expect(result.de[0].learned).toBeLessThan(0.5);
    for (const p of result.de.slice(1)) {
      expect(p.ratio).toBeGreaterThan(threshold);
      expect(p.learned).toBeCloseTo(1, 10);
      expect(p.textError).toBeCloseTo(0, 10);
    }
  });

  it('AG: the reference β* ≈ 4.5019 and competence ≈ 0.5498 at θ = 0.1, and θ following δ(N·s, D·s)', () => {
    expect(result.k).toBe(8);
    const [one, ten] = result.ag;
    expect(one.theta).toBeCloseTo(0.1, 12);
    expect(one.beta).toBeCloseTo(4.5019, 4);
    expect(one.competence).toBeCloseTo(0.5498, 4);
    expect(ten.excessLoss).toBeCloseTo(excessLoss(10 * PARAMETERS, 10 * TOKENS), 12);
    expect(ten.theta).toBeCloseTo(lossToFailure * excessLoss(10 * PARAMETERS, 10 * TOKENS), 12);
    expect(ten.competence).toBeGreaterThan(one.competence);
  });

  it('TAP: α = 1, μ = 0, M0 = 2 gives exactly 2, 3, 7, 127, 2^127 − 1', () => {
    expect(result.tap.points.map((p) => p.exact?.toString())).toEqual(['2', '3', '7', '127', '170141183460469231731687303715884105727']);
    expect(2n ** 127n - 1n).toBe(170141183460469231731687303715884105727n);
  });

  it('takes k from the ensemble when not given: the PP model with texts Poisson(4) has k = 4', () => {
    const pp = compareEmergence({ ensemble: Ensemble.pp(4), ratios: [0.5, 3], scale, scales: [1], tap, tapSteps: 1 });
    expect(pp.k).toBeCloseTo(4, 12);
  });

  it('draws all three on [0, 1] × [0, 1], TAP along its requested steps even when it stops early', () => {
    const slow = { ...tap, alpha: 0.05 };
    const run = compareEmergence({ ensemble: Ensemble.pp(4), ratios: [0.5, 1.5, 3], scale, scales: [0.1, 1, 10], tap: slow, tapSteps: 30 });
    const shapes = emergenceShapes(run, 100);
    expect(shapes).toHaveLength(3);
    for (const s of shapes) for (const [x, y] of s.points) expect(x >= 0 && x <= 1 && y >= 0 && y <= 1).toBe(true);
    expect(run.tap.stop).toBe('overflow');
    const tapShape = shapes[2].points;
    expect(tapShape[tapShape.length - 1][0]).toBeLessThan(1);
    expect(tapShape[tapShape.length - 1][1]).toBe(1);
  });
});
