import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { evolve } from '../../src/theory/de.js';
import { DegreeDistribution } from '../../src/theory/degree.js';
import { Ensemble, ensembleFromSpecs } from '../../src/theory/ensemble.js';
import { kSkill, parseLearner } from '../../src/theory/learners.js';
import { jump, locateJump, ppJumpClosedForm, threshold, thresholdReport } from '../../src/theory/thresholds.js';

describe('threshold R* and load G* (THEORY.md §4)', () => {
  it.each([
    ['x^2', 0.5],
    ['x^3', 0.818469],
    ['liva8', 0.938635],
  ])('%s -> G* = %f', (spec, load) => {
    const found = threshold(ensembleFromSpecs({ skillDegree: spec }));
    expect(found).not.toBeNull();
    expect(Math.abs((found?.load as number) - load)).toBeLessThan(1e-6);
    expect(found?.ratio).toBeCloseTo(1 / load, 5);
  });

  it('matches G* = inf_q −ln(1−q)/Λ\'(q) and the stability bound 1/(2Λ_2)', () => {
    const liva8 = ensembleFromSpecs({ skillDegree: 'liva8' });
    const found = threshold(liva8)!;
    const skills = liva8.skillDegree as DegreeDistribution;
    let inf = Infinity;
    for (let i = 1; i < 200_000; i++) {
      const q = i / 200_000;
      inf = Math.min(inf, -Math.log(1 - q) / skills.nodeDerivative(q));
    }
    expect(found.load).toBeCloseTo(inf, 7);
    expect(found.load).toBeLessThanOrEqual(found.stabilityBound!.load);
    expect(found.stabilityBound!.load).toBeCloseTo(1, 12);
    expect(threshold(ensembleFromSpecs({ skillDegree: 'x^2' }))!.skillErrorBelow).toBe(0);
    expect(found.skillErrorBelow).toBeGreaterThan(0.3);
  });

  it.each([
    ['x^3', '1'],
    ['liva8', '1'],
    ['0.3x^2+0.7x^5', '1'],
    ['x^3', '2'],
    ['liva8', 'phi:1,0.5,0.25'],
  ])('%s with learner %s: is where DE stops reaching p* = 0', (spec, learner) => {
    const ensemble = ensembleFromSpecs({ skillDegree: spec, learner });
    const r = threshold(ensemble)!.ratio;
    expect(evolve(ensemble, r * 1.001).p).toBeLessThan(1e-12);
    expect(evolve(ensemble, r * 0.999).p).toBeGreaterThan(1e-3);
  });

  test.prop([
    fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 6 }).filter((w) => w.some((v) => v > 0)),
    fc.integer({ min: 2, max: 3 }),
  ])('respects the stability bound, and a K-skill learner needs no more texts', (weights, k) => {
    const skills = DegreeDistribution.fromCounts([0, 0, ...weights]);
    const one = threshold(new Ensemble('irsa', skills, null))!;
    if (one.stabilityBound) expect(one.load).toBeLessThanOrEqual(one.stabilityBound.load * (1 + 1e-9));
    expect(threshold(new Ensemble('irsa', skills, null, kSkill(k)))!.ratio).toBeLessThanOrEqual(one.ratio * (1 + 1e-9));
  });

  it('does not exist with degree-1 or Poisson skills, or a noisy learner', () => {
    expect(threshold(ensembleFromSpecs({ skillDegree: '0.1x+0.9x^3' }))).toBeNull();
    expect(threshold(ensembleFromSpecs({ skillDegree: 'x^3', learner: 'noisy:0.9' }))).toBeNull();
    expect(threshold(Ensemble.pp(3))).toBeNull();
  });
});

describe('emergence jump (THEORY.md §4)', () => {
  it.each([
    [3, 1.037886],
    [4, 1.46635],
  ])('PP d = %i: numeric and closed form both give R_c = %f and agree on the lower spinodal', (d, rc) => {
    const ensemble = Ensemble.pp(d);
    const found = jump(ensemble)!;
    expect(Math.abs(found.ratio - rc)).toBeLessThan(1e-5);
    expect(Math.abs(found.closedForm!.ratio - rc)).toBeLessThan(1e-5);
    expect(Math.abs(found.ratio / found.closedForm!.ratio - 1)).toBeLessThan(1e-7);
    expect(Math.abs(found.lowerRatio! / found.closedForm!.lowerRatio - 1)).toBeLessThan(1e-7);
    expect(found.lowerRatio!).toBeLessThan(found.ratio);
    // Both sides of the jump are fixed points of ε = exp(−dR e^{−dε}).
    for (const side of [found.before, found.after]) {
      expect(side.skillError).toBeCloseTo(Math.exp(-d * found.ratio * Math.exp(-d * side.skillError)), 6);
    }
    expect(found.before.skillError - found.after.skillError).toBeGreaterThan(0.4);
  });

  it('d = 4 jumps from about 0.70 to about 0.003 unlearned', () => {
    const found = jump(Ensemble.pp(4))!;
    expect(found.before.skillError).toBeCloseTo(0.7, 2);
    expect(found.after.skillError).toBeCloseTo(0.003, 3);
  });

  it('does not jump when d ≤ e, and the closed form needs the 1-skill PP model', () => {
    expect(jump(Ensemble.pp(2))).toBeNull();
    expect(ppJumpClosedForm(Ensemble.pp(2.7))).toBeNull();
    expect(ppJumpClosedForm(Ensemble.pp(4, kSkill(2)))).toBeNull();
    expect(ppJumpClosedForm(ensembleFromSpecs({ skillDegree: 'x^3' }))).toBeNull();
  });

  it('a noisy 1-skill learner (φ_1 = a) in the PP model jumps at R_c / a: P_suc = a e^{−y} rescales R', () => {
    const found = jump(Ensemble.pp(4, parseLearner('noisy:0.8')))!;
    expect(found.ratio).toBeCloseTo(1.46635 / 0.8, 5);
    expect(found.closedForm).toBeNull();
  });

  it('follows the prior in the closed form: ε0 d > e', () => {
    const found = jump(Ensemble.pp(4, undefined, 0.8))!;
    expect(found.ratio / found.closedForm!.ratio).toBeCloseTo(1, 7);
    expect(ppJumpClosedForm(Ensemble.pp(3, undefined, 0.8))).toBeNull();
  });

  it('reports the threshold where it exists and the jump otherwise', () => {
    const irsa = thresholdReport(ensembleFromSpecs({ skillDegree: 'liva8' }));
    expect(irsa.threshold).not.toBeNull();
    expect(irsa.jump).toBeNull();
    const pp = thresholdReport(Ensemble.pp(3));
    expect(pp.threshold).toBeNull();
    expect(pp.jump?.ratio).toBeCloseTo(1.037886, 5);
  });

  it('locates a step of any decreasing function and ignores continuous curves', () => {
    expect(locateJump((r) => (r < Math.PI ? 0.9 - 0.01 * r : 0.1 - 0.01 * r))!.ratio).toBeCloseTo(Math.PI, 8);
    expect(locateJump((r) => Math.exp(-r))).toBeNull();
  });
});
