import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  cleanThreshold,
  erasureDE,
  erasureFloor,
  slotsForOverhead,
  slotsForTargetLoss,
} from '../../src/theory/erasure.js';
import { ParamError } from '../../src/util/errors.js';
import { parseDegreeSpec } from '../../src/theory/degree.js';

const liva8 = parseDegreeSpec('liva8');
const x2 = parseDegreeSpec('x^2');
const x3 = parseDegreeSpec('x^3');

describe('erasure density evolution (THEORY.md §8)', () => {
  it('finds the clean-channel thresholds G* of THEORY.md §4', () => {
    expect(cleanThreshold(liva8)).toBeCloseTo(0.938635, 5);
    expect(cleanThreshold(x2)).toBeCloseTo(0.5, 6);
    expect(cleanThreshold(x3)).toBeCloseTo(0.818469, 5);
    // Items in a single slot are lost at any load: no complete decoding, G* = 0.
    expect(cleanThreshold(parseDegreeSpec('0.5x+0.5x^3'))).toBe(0);
  });

  it('reproduces the liva8, e = 0.1 reference losses', () => {
    expect(erasureFloor(liva8, 0.1)).toBeCloseTo(0.5 * 0.01 + 0.28 * 0.001 + 0.22e-8, 12);
    expect(Math.abs(erasureDE(liva8, 1e-6, 0.1).loss - 0.0053)).toBeLessThan(0.0001);
    expect(Math.abs(erasureDE(liva8, 0.5, 0.1).loss - 0.022)).toBeLessThan(0.0005);
    expect(Math.abs(erasureDE(liva8, 0.7, 0.1).loss - 0.065)).toBeLessThan(0.0005);
  });

  it('decodes everything below G* on a clean channel and jumps above it', () => {
    for (const G of [0.3, 0.8, 0.93]) {
      const result = erasureDE(liva8, G, 0);
      expect(result.converged).toBe(true);
      expect(result.loss).toBeLessThan(1e-9);
    }
    expect(erasureDE(liva8, 0.945, 0).loss).toBeGreaterThan(0.2);
  });

  test.prop([fc.double({ min: 0, max: 1.5, noNaN: true }), fc.double({ min: 0, max: 1.5, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true })])(
    'the loss grows with G and stays between the floor Λ(e) and 1',
    (g1, g2, e) => {
      const [lo, hi] = g1 <= g2 ? [g1, g2] : [g2, g1];
      const a = erasureDE(liva8, lo, e).loss;
      const b = erasureDE(liva8, hi, e).loss;
      expect(a).toBeLessThanOrEqual(b + 1e-9);
      expect(a).toBeGreaterThanOrEqual(erasureFloor(liva8, e) - 1e-12);
      expect(b).toBeLessThanOrEqual(1);
    },
  );

  it('rejects loads and erasure rates outside their range', () => {
    expect(() => erasureDE(liva8, -0.1, 0)).toThrow(ParamError);
    expect(() => erasureDE(liva8, 0.5, 1.2)).toThrow(/erasure probability/);
  });
});

describe('slot sizing from a target loss', () => {
  test.prop([fc.integer({ min: 1, max: 5000 }), fc.constantFrom(0.002, 0.01, 0.05), fc.constantFrom(0, 0.02, 0.04)])(
    'gives the smallest slot count whose DE loss meets the target',
    (items, target, e) => {
      const sizing = slotsForTargetLoss(liva8, items, target, e, 8);
      expect(sizing.slots).toBeGreaterThanOrEqual(8);
      expect(sizing.predictedLoss).toBeLessThanOrEqual(target);
      expect(sizing.load).toBeCloseTo(items / sizing.slots, 12);
      if (sizing.slots > 8) expect(erasureDE(liva8, items / (sizing.slots - 1), e).loss).toBeGreaterThan(target);
    },
  );

  it('sizes a clean-channel frame just below G*', () => {
    const sizing = slotsForTargetLoss(liva8, 10_000, 0.01, 0);
    expect(sizing.load).toBeLessThan(0.938635);
    expect(sizing.load).toBeGreaterThan(0.93);
  });

  it('reports infeasible targets below the erasure floor', () => {
    expect(() => slotsForTargetLoss(liva8, 100, 0.005, 0.1)).toThrow(/floor/);
    expect(() => slotsForTargetLoss(liva8, 100, 0, 0)).toThrow(ParamError);
  });

  it('sets the slot count directly from an overhead (slots per item)', () => {
    expect(slotsForOverhead(liva8, 100, 1.25, 0.1).slots).toBe(125);
    expect(slotsForOverhead(liva8, 3, 1.25, 0, 8).slots).toBe(8);
    expect(slotsForOverhead(liva8, 100, 1.25, 0.1).predictedLoss).toBeCloseTo(erasureDE(liva8, 0.8, 0.1).loss, 12);
    expect(() => slotsForOverhead(liva8, 100, 0, 0)).toThrow(/overhead/);
  });
});
