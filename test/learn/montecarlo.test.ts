import { describe, expect, it } from 'vitest';
import { meanInterval, simulatePoint, studentQuantile975, trialSeeds } from '../../src/learn/montecarlo.js';
import { ensembleFromSpecs, type EnsembleSpecs } from '../../src/theory/ensemble.js';
import { ParamError } from '../../src/util/errors.js';

// Density evolution and percolation against seeded Monte-Carlo with 10^5 skills, away from the thresholds
// (THEORY.md §3, §4, §7): R* = 1/0.818469 = 1.2218 for x^3, 1/0.938635 = 1.0654 for liva8; the jumps sit at
// R_c = 1.037886 (PP d = 3) and 1.466350 (PP d = 4).
const N = 100_000;
const cases: Array<{ name: string; specs: EnsembleSpecs; ratios: number[] }> = [
  { name: 'IRSA x^3', specs: { skillDegree: 'x^3' }, ratios: [1.0, 1.15, 1.5] },
  { name: 'IRSA liva8', specs: { skillDegree: 'liva8' }, ratios: [0.85, 1.3] },
  { name: 'PP d=3', specs: { pp: 3 }, ratios: [0.8, 1.4] },
  { name: 'PP d=4', specs: { pp: 4 }, ratios: [1.2, 2.0] },
  { name: 'PP d=3, 2-skill learner', specs: { pp: 3, learner: '2' }, ratios: [1.0] },
  { name: 'PP d=3, noisy 1-skill learner 0.8', specs: { pp: 3, learner: 'noisy:0.8' }, ratios: [1.4] },
  { name: 'PP d=3, prior ε0 = 0.5', specs: { pp: 3, prior: 0.5 }, ratios: [1.0] },
  { name: 'empirical view (both sides drawn; R0 = 1.9565, thinned below it)', specs: { skillDegree: 'poisson:4.5', textDegree: '0.3x+0.4x^2+0.3x^4' }, ratios: [1.0, 1.9] },
];

describe('Monte-Carlo against density evolution', () => {
  for (const { name, specs, ratios } of cases) {
    it(`${name}: learned fraction and covered texts within 0.02 of DE at R = ${ratios.join(', ')}`, () => {
      const ensemble = ensembleFromSpecs(specs);
      for (const ratio of ratios) {
        const point = simulatePoint(ensemble, ratio, { skills: N, trials: 1, seed: 2026 });
        expect(point.texts).toBe(Math.round(ratio * N));
        expect(Math.abs(point.measured.mean - point.predicted)).toBeLessThan(0.02);
        expect(Math.abs(point.textsCovered.mean - point.predictedTextsCovered)).toBeLessThan(0.02);
      }
    });
  }

  it('beyond R* (load below G*) fewer than 1e-3 of the skills stay unlearned', () => {
    for (const [specs, ratio] of [[{ skillDegree: 'x^3' }, 1.5], [{ skillDegree: 'liva8' }, 1.3], [{ skillDegree: 'x^2' }, 2.4]] as const) {
      const point = simulatePoint(ensembleFromSpecs(specs), ratio, { skills: N, trials: 1, seed: 99 });
      expect(point.predicted).toBe(1);
      expect(1 - point.measured.mean).toBeLessThan(1e-3);
    }
  });

  it('the giant component of learned skills lands within 0.02 of percolation theory', () => {
    for (const [specs, ratio] of [[{ pp: 3 }, 0.8], [{ pp: 3 }, 1.4], [{ pp: 4 }, 1.2], [{ skillDegree: 'liva8' }, 0.85], [{ skillDegree: 'x^3' }, 1.15]] as const) {
      const point = simulatePoint(ensembleFromSpecs(specs), ratio, { skills: N, trials: 1, seed: 7 });
      expect(point.predictedGiant).toBeGreaterThan(0.05);
      expect(Math.abs(point.giant.mean - point.predictedGiant)).toBeLessThan(0.02);
    }
  });

  it('is reproducible from its seed, and trials differ from each other', () => {
    const ensemble = ensembleFromSpecs({ pp: 3 });
    const a = simulatePoint(ensemble, 0.9, { skills: 2000, trials: 4, seed: 5 });
    expect(simulatePoint(ensemble, 0.9, { skills: 2000, trials: 4, seed: 5 })).toEqual(a);
    expect(a.measured.low!).toBeLessThan(a.measured.mean);
    expect(a.measured.high!).toBeGreaterThan(a.measured.mean);
    expect(new Set(trialSeeds(5, 4)).size).toBe(4);
    expect(() => simulatePoint(ensemble, 0.9, { skills: 0, trials: 1, seed: 5 })).toThrow(/^skills 0: /);
    expect(() => simulatePoint(ensemble, 0.9, { skills: 10, trials: 1.5, seed: 5 })).toThrow(/^trials 1.5: /);
  });

  it('refuses graphs too small for a finite degree as a usage error naming --skills and --ratio', () => {
    const irsa = () => simulatePoint(ensembleFromSpecs({ skillDegree: 'liva8' }), 0.5, { skills: 10, trials: 1, seed: 1 });
    expect(irsa).toThrow(ParamError);
    expect(irsa).toThrow(/^skills 10 at ratio 0.5: a skill of degree 8 .* among 5/);
    expect(() => simulatePoint(ensembleFromSpecs({ textDegree: 'fixed:12' }), 2, { skills: 10, trials: 1, seed: 1 })).toThrow(/a text of degree 12/);
    expect(simulatePoint(ensembleFromSpecs({ skillDegree: 'liva8' }), 0.8, { skills: 10, trials: 1, seed: 1 }).texts).toBe(8);
  });
});

describe('confidence interval', () => {
  it("uses Student's t quantiles", () => {
    expect(studentQuantile975(1)).toBeCloseTo(12.7062, 3);
    expect(studentQuantile975(2)).toBeCloseTo(4.3027, 3);
    expect(studentQuantile975(9)).toBeCloseTo(2.2622, 3);
    expect(studentQuantile975(1000)).toBeCloseTo(1.9623, 3);
    const i = meanInterval([1, 2, 3]);
    expect(i.mean).toBe(2);
    expect(i.high! - 2).toBeCloseTo(4.3027 / Math.sqrt(3), 3);
    expect(meanInterval([5]).low).toBeNull();
    expect(meanInterval([0.9, 1, 1], 0, 1).high).toBe(1);
  });
});
