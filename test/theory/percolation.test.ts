import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { DegreeDistribution } from '../../src/theory/degree.js';
import { evolve } from '../../src/theory/de.js';
import { Ensemble } from '../../src/theory/ensemble.js';
import { giantOfLearned, giantOfUniform, percolationAt, percolationThreshold } from '../../src/theory/percolation.js';

describe('percolation of the skill association graph (THEORY.md §7)', () => {
  it('one-mode check: Poisson(2) graph (texts of degree 2) has giant fraction 0.796812', () => {
    const giant = giantOfUniform(DegreeDistribution.poisson(2), DegreeDistribution.fixed(2), 1);
    expect(Math.abs(giant.giant - 0.796812)).toBeLessThan(1e-6);
    expect(giant.giant).toBeCloseTo(1 - Math.exp(-2 * giant.giant), 12);
    expect(giant.criterion).toBeCloseTo(2, 12);
  });

  it('PP with all skills occupied: a giant component iff d²R > 1', () => {
    for (const d of [2, 3, 4]) {
      expect(percolationThreshold(Ensemble.pp(d), { kind: 'uniform', phi: 1 })).toBeCloseTo(1 / (d * d), 9);
    }
    expect(percolationAt(Ensemble.pp(3), 0.1, { kind: 'uniform', phi: 1 }).giant).toBe(0);
    expect(percolationAt(Ensemble.pp(3), 0.2, { kind: 'uniform', phi: 1 }).giant).toBeGreaterThan(0.1);
  });

  test.prop([
    fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 2, maxLength: 6 }).filter((w) => w.slice(1).some((v) => v > 0)),
    fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 2, maxLength: 6 }).filter((w) => w.slice(2).some((v) => v > 0)),
    fc.double({ min: 0, max: 1, noNaN: true }),
  ])('degree-dependent occupation: sums match closed forms; all learned = uniform φ = 1; S ≤ occupied', (sw, tw, q) => {
    const skills = DegreeDistribution.fromCounts(sw);
    const texts = DegreeDistribution.fromCounts(tw);
    const learned = giantOfLearned(skills, texts, q);
    // Direct sums over k with φ_k = 1 − q^k.
    let criterionSum = 0;
    let share = 0;
    let edgeMiss = 0;
    for (let k = 0; k <= skills.maxDegree(); k++) {
      const phi = 1 - q ** k;
      const edgeWeight = (k * skills.probability(k)) / skills.mean();
      criterionSum += edgeWeight * phi * (k - 1);
      share += skills.probability(k) * phi * (1 - learned.v ** k);
      edgeMiss += k === 0 ? 0 : edgeWeight * phi * (1 - learned.v ** (k - 1));
    }
    expect(learned.criterion).toBeCloseTo(criterionSum * texts.edgeDerivative(1), 9);
    if (learned.exists) {
      expect(learned.giant).toBeCloseTo(share, 9);
      expect(learned.u).toBeCloseTo(1 - edgeMiss, 7);
    }
    expect(learned.giant).toBeLessThanOrEqual(1 - skills.node(q) + 1e-9);
    // q = 0: every skill with a text is learned, which is uniform occupation φ = 1 when no skill has degree 0.
    if (skills.probability(0) === 0) expect(giantOfLearned(skills, texts, 0).giant).toBeCloseTo(giantOfUniform(skills, texts, 1).giant, 9);
  });

  it('learned skills percolate once they emerge (PP d = 3), the giant close to the learned share far above', () => {
    const pp = Ensemble.pp(3);
    const far = percolationAt(pp, 2.5, { kind: 'learned' });
    expect(far.occupied).toBeCloseTo(evolve(pp, 2.5).learned, 12);
    expect(far.occupied - far.giant).toBeLessThan(0.01);
    const existence = percolationThreshold(pp, { kind: 'learned' })!;
    expect(percolationAt(pp, existence * 0.999, { kind: 'learned' }).exists).toBe(false);
    expect(percolationAt(pp, existence * 1.001, { kind: 'learned' }).exists).toBe(true);
  });
});
