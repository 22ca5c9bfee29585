import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { DegreeDistribution, parseDegreeSpec } from '../../src/theory/degree.js';
import { densityEvolution, evolve, textFailure } from '../../src/theory/de.js';
import { predictEmpirical } from '../../src/theory/empirical.js';
import { Ensemble, ensembleFromSpecs, type EnsembleSpecs } from '../../src/theory/ensemble.js';
import { kSkill, oneSkill, parseLearner, successProbability } from '../../src/theory/learners.js';

/** A random ensemble of each view, with specs small enough to keep DE fast. */
const ensembleSpecs: fc.Arbitrary<EnsembleSpecs> = fc.oneof(
  fc.double({ min: 0.5, max: 6, noNaN: true }).map((d) => ({ pp: d })),
  fc.constantFrom('x^2', 'x^3', 'liva8', '0.2x+0.8x^3', '0.1+0.5x^2+0.4x^4').map((s) => ({ skillDegree: s })),
  fc.constantFrom('fixed:3', '0.5x^2+0.5x^5', 'x^4').map((s) => ({ textDegree: s })),
  fc.constantFrom('poisson:6', '0.3x+0.3x^2+0.4x^6').map((s) => ({ skillDegree: s, textDegree: '0.5x^2+0.5x^3' })),
);

describe('density evolution (THEORY.md §3)', () => {
  it('stops at a fixed point of p = ε0 λ(q), q = 1 − P_suc(d p) (PP model: ε = exp(−dR e^{−dε}))', () => {
    for (const [d, ratio] of [[3, 0.8], [3, 1.3], [4, 2]]) {
      const result = evolve(Ensemble.pp(d), ratio);
      expect(result.converged).toBe(true);
      const eps = result.skillError;
      expect(eps).toBeCloseTo(Math.exp(-d * ratio * Math.exp(-d * eps)), 12);
      expect(result.textError).toBeCloseTo(1 - Math.exp(-d * eps), 12);
      expect(result.p).toBeCloseTo(eps, 12);
    }
  });

  it('learns everything above R* = 2 for x^2 and solves p = 1 − e^{−2p/R} below it', () => {
    const x2 = ensembleFromSpecs({ skillDegree: 'x^2' });
    expect(evolve(x2, 2.2).learned).toBeGreaterThan(1 - 1e-9);
    const below = evolve(x2, 1.6);
    expect(below.p).toBeCloseTo(1 - Math.exp((-2 * below.p) / 1.6), 12);
    expect(below.p).toBeGreaterThan(0.3);
  });

  it('records the learned fraction of every round, rising to the fixed point', () => {
    const result = evolve(ensembleFromSpecs({ skillDegree: 'x^3' }), 1.1, { trajectory: true });
    const t = result.trajectory as Float64Array;
    expect(t.length).toBe(result.iterations);
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThanOrEqual(t[i - 1] - 1e-15);
    expect(t[t.length - 1]).toBeCloseTo(result.learned, 12);
    expect(t[0]).toBeCloseTo(1 - parseDegreeSpec('x^3').node(1 - Math.exp(-3 / 1.1)), 12);
  });

  it('uses the text side exactly: Σ_j ρ_j s_j(p) for finite text degrees, the Poisson limit for Poisson ones', () => {
    const texts = parseDegreeSpec('0.2x+0.5x^3+0.3x^6');
    for (const learner of [oneSkill(), kSkill(2), parseLearner('phi:1,0.5,0.2')]) {
      const fail = textFailure(texts, learner);
      for (const p of [0, 0.1, 0.5, 0.9, 1]) {
        let success = 0;
        for (const j of [1, 3, 6]) success += ((j * texts.probability(j)) / texts.mean()) * successProbability(learner, j, p);
        expect(fail(p)).toBeCloseTo(1 - success, 12);
      }
    }
    // Binomial(n, 3/n) text degrees approach Poisson(3).
    const n = 3000;
    const binomial = DegreeDistribution.fromCoefficients(
      Array.from({ length: n + 1 }, (_, k) => {
        let log = 0;
        for (let i = 0; i < k; i++) log += Math.log((n - i) / (i + 1));
        return Math.exp(log + k * Math.log(3 / n) + (n - k) * Math.log1p(-3 / n));
      }).map((v, _, all) => v / all.reduce((s, x) => s + x, 0)),
    );
    for (const learner of [oneSkill(), kSkill(2)]) {
      expect(textFailure(binomial, learner)(0.4)).toBeCloseTo(textFailure(DegreeDistribution.poisson(3), learner)(0.4), 3);
    }
  });

  test.prop([ensembleSpecs, fc.double({ min: 0.05, max: 3, noNaN: true }), fc.double({ min: 0.05, max: 3, noNaN: true })])(
    'the learned fraction does not decrease with R',
    (specs, a, b) => {
      const ensemble = ensembleFromSpecs(specs);
      const top = ensemble.maxRatio();
      const [lo, hi] = [Math.min(a, b, top), Math.min(Math.max(a, b), top)];
      expect(evolve(ensemble, hi).learned).toBeGreaterThanOrEqual(evolve(ensemble, lo).learned - 1e-9);
    },
  );

  test.prop([ensembleSpecs, fc.integer({ min: 2, max: 4 }), fc.double({ min: 0.05, max: 3, noNaN: true })])(
    'a K-skill learner learns at least as much as the 1-skill learner',
    (specs, k, r) => {
      const one = ensembleFromSpecs(specs);
      const many = ensembleFromSpecs({ ...specs, learner: String(k) });
      const ratio = Math.min(r, one.maxRatio());
      expect(evolve(many, ratio).learned).toBeGreaterThanOrEqual(evolve(one, ratio).learned - 1e-9);
    },
  );

  test.prop([ensembleSpecs, fc.double({ min: 0.05, max: 3, noNaN: true }), fc.double({ min: 0.05, max: 1, noNaN: true })])(
    'a prior (ε0 < 1) and a warm start never learn less than a cold start from scratch',
    (specs, r, prior) => {
      const cold = ensembleFromSpecs(specs);
      const ratio = Math.min(r, cold.maxRatio());
      const base = evolve(cold, ratio);
      expect(evolve(ensembleFromSpecs({ ...specs, prior }), ratio).learned).toBeGreaterThanOrEqual(base.learned - 1e-9);
      expect(evolve(cold, ratio, { start: 0 }).learned).toBeGreaterThanOrEqual(base.learned - 1e-9);
      for (const share of [base.learned, base.edgeLearned, base.textsCovered, base.textError]) {
        expect(share).toBeGreaterThanOrEqual(-1e-12);
        expect(share).toBeLessThanOrEqual(1 + 1e-12);
      }
    },
  );

  it('gives up after maxIterations and says so', () => {
    const result = evolve(ensembleFromSpecs({ skillDegree: 'x^2' }), 2, { maxIterations: 50 });
    expect(result.iterations).toBe(50);
    expect(result.converged).toBe(false);
  });
});

describe('empirical predictions for the trainer', () => {
  const skills = DegreeDistribution.fromCounts([0, 500, 300, 120, 50, 20, 10]);
  const texts = DegreeDistribution.fromCounts([0, 100, 300, 400, 200]);

  it('is DE on the histograms, thinned by the fraction of texts kept', () => {
    const full = predictEmpirical(skills, texts, oneSkill());
    const direct = densityEvolution({ ratio: skills.mean() / texts.mean(), skillDegree: skills, textDegree: texts }, oneSkill());
    expect(full.learned).toBe(direct.learned);
    expect(full.ratio).toBeCloseTo(skills.mean() / texts.mean(), 12);
    const half = predictEmpirical(skills, texts, oneSkill(), 0.5);
    expect(half.ratio).toBeCloseTo(full.ratio / 2, 12);
    expect(half.learned).toBe(densityEvolution({ ratio: half.ratio, skillDegree: skills.thin(0.5), textDegree: texts }, oneSkill()).learned);
    expect(half.learned).toBeLessThan(full.learned);
    // Edge-weighted share: 1 − q λ(q); frequent skills are learned more often than rare ones.
    expect(full.edgeLearned).toBeCloseTo(1 - full.q * skills.edge(full.q), 14);
    expect(full.edgeLearned).toBeGreaterThan(full.learned);
    expect(full.giantComponent).toBeGreaterThanOrEqual(0);
    expect(full.giantComponent).toBeLessThanOrEqual(full.learned);
  });

  it('agrees with the empirical ensemble of the command line', () => {
    const ensemble = new Ensemble('empirical', skills, texts);
    const ratio = 0.6 * ensemble.maxRatio();
    expect(evolve(ensemble, ratio).learned).toBeCloseTo(predictEmpirical(skills, texts, oneSkill(), 0.6).learned, 12);
  });
});
