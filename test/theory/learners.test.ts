import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { kSkill, oneSkill, parseLearner, poissonSuccess, successProbability, type Learner } from '../../src/theory/learners.js';
import { ParamError } from '../../src/util/errors.js';

function choose(n: number, k: number): number {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return c;
}

const phiVector = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }).filter((v) => v.some((x) => x > 0));

describe('learners (THEORY.md §2)', () => {
  it('parses 1, K, phi and noisy specs', () => {
    expect(parseLearner('1')).toMatchObject({ label: '1', deterministic: true, maxNovel: 1 });
    expect(Array.from(parseLearner('3').phi)).toEqual([1, 1, 1]);
    expect(parseLearner('phi:1,0.5,0.1')).toMatchObject({ deterministic: false, maxNovel: 3 });
    expect(parseLearner('phi:1,0,0')).toMatchObject({ deterministic: true, maxNovel: 1 });
    expect(Array.from(parseLearner('noisy:0.8').phi)).toEqual([0.8]);
    expect(kSkill(2).label).toBe('2');
    expect(oneSkill().phi[0]).toBe(1);
  });

  it.each(['0', '-1', 'phi:', 'phi:1,2', 'phi:0,0', 'noisy:1.5', 'noisy:0.5,0.5', 'two', '1.5', 'phi:a', ''])('rejects %j quoting it', (spec) => {
    expect(() => parseLearner(spec)).toThrow(ParamError);
    expect(() => parseLearner(spec)).toThrow(`'${spec}'`);
  });

  test.prop([phiVector, fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 1, noNaN: true })])('s_j(p) is the binomial sum of THEORY §2', (phi, j, p) => {
    const learner = parseLearner(`phi:${phi.join(',')}`);
    let direct = 0;
    for (let m = 0; m <= j - 1; m++) direct += choose(j - 1, m) * p ** m * (1 - p) ** (j - 1 - m) * (phi[m] ?? 0);
    expect(successProbability(learner, j, p)).toBeCloseTo(direct, 12);
  });

  test.prop([phiVector, fc.double({ min: 0, max: 30, noNaN: true })])('P_suc(y) is the Poisson sum, and the limit of s_j(y/(j−1))', (phi, y) => {
    const learner: Learner = parseLearner(`phi:${phi.join(',')}`);
    let direct = 0;
    let factorial = 1;
    for (let m = 0; m < phi.length; m++) {
      if (m > 0) factorial *= m;
      direct += (Math.exp(-y) * y ** m * phi[m]) / factorial;
    }
    expect(poissonSuccess(learner, y)).toBeCloseTo(direct, 12);
    const j = 200_001;
    if (y < 5) expect(successProbability(learner, j, y / (j - 1))).toBeCloseTo(direct, 4);
  });

  test.prop([fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 20, noNaN: true })])('1-skill closed forms', (j, p, y) => {
    expect(successProbability(oneSkill(), j, p)).toBeCloseTo((1 - p) ** (j - 1), 12);
    expect(poissonSuccess(oneSkill(), y)).toBeCloseTo(Math.exp(-y), 14);
  });

  test.prop([fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 1, noNaN: true })])('K-skill succeeds at least as often as 1-skill', (k, j, p) => {
    expect(successProbability(kSkill(k), j, p)).toBeGreaterThanOrEqual(successProbability(oneSkill(), j, p) - 1e-15);
    expect(poissonSuccess(kSkill(k), p * 10)).toBeGreaterThanOrEqual(poissonSuccess(oneSkill(), p * 10) - 1e-15);
  });
});
