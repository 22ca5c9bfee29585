import { describe, expect, it } from 'vitest';
import { Ensemble, ensembleFromSpecs } from '../../src/theory/ensemble.js';
import { scalingLaw } from '../../src/theory/scaling.js';

const sweep = (a: number, b: number, step: number): number[] => Array.from({ length: Math.round((b - a) / step) + 1 }, (_, i) => a + i * step);

describe('scaling law (THEORY.md §5)', () => {
  it('PP above R_c: ε(R) ≈ e^{−dR}, a semi-log slope near −d', () => {
    for (const d of [3, 4]) {
      const law = scalingLaw(Ensemble.pp(d), sweep(0.5, 6, 0.25));
      expect(law.emergenceRatio).toBeCloseTo(d === 3 ? 1.037886 : 1.46635, 5);
      expect(law.fit).not.toBeNull();
      expect(law.fit!.fromRatio).toBeGreaterThan(law.emergenceRatio!);
      expect(Math.abs(law.fit!.slope + d)).toBeLessThan(0.15);
      for (const p of law.points) {
        expect(p.unseen).toBeCloseTo(Math.exp(-d * p.ratio), 14);
        expect(p.skillError).toBeGreaterThanOrEqual(p.unseen - 1e-15);
        expect(p.textError).toBeCloseTo(1 - Math.exp(-d * p.skillError), 12);
      }
    }
  });

  it('fits by least squares: residuals sum to zero and are orthogonal to R (semi-log) and ln R (log-log)', () => {
    // Texts of degree 1 or 3 (a 1-skill learner needs texts with one novel skill to start), skills Poisson(2.4R).
    const law = scalingLaw(ensembleFromSpecs({ textDegree: '0.3x+0.7x^3' }), sweep(1, 5, 0.5));
    const fit = law.fit!;
    const used = law.points.filter((p) => p.ratio >= fit.fromRatio && p.ratio <= fit.toRatio);
    expect(used.length).toBe(fit.count);
    const semi = used.map((p) => Math.log(p.skillError) - fit.intercept - fit.slope * p.ratio);
    const logLog = used.map((p) => Math.log(p.skillError) - fit.exponentIntercept - fit.exponent * Math.log(p.ratio));
    expect(semi.reduce((s, r) => s + r, 0)).toBeCloseTo(0, 9);
    expect(semi.reduce((s, r, i) => s + r * used[i].ratio, 0)).toBeCloseTo(0, 9);
    expect(logLog.reduce((s, r) => s + r, 0)).toBeCloseTo(0, 9);
    expect(logLog.reduce((s, r, i) => s + r * Math.log(used[i].ratio), 0)).toBeCloseTo(0, 9);
    expect(fit.slope).toBeLessThan(0);
    expect(fit.exponent).toBeLessThan(0);
  });

  it('has no fit past R* where DE learns every skill (IRSA x^3)', () => {
    const law = scalingLaw(ensembleFromSpecs({ skillDegree: 'x^3' }), sweep(1.5, 3, 0.5));
    expect(law.emergenceRatio).toBeCloseTo(1 / 0.818469, 5);
    expect(law.fit).toBeNull();
    for (const p of law.points) expect(p.skillError).toBeLessThan(1e-12);
  });
});
