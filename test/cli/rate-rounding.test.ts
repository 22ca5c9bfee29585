// Tables over seeds round each mean to what its 95 % interval supports (cli/present/rate.ts): the half-width to two
// significant digits, the mean to the same decimal place; hand-worked cases and a property against the unrounded pair.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { roundToInterval } from '../../cli/present/rate.js';

describe('rounding to the interval', () => {
  it('oracle values', () => {
    expect(roundToInterval(60117.8, 747.659)).toEqual([60120, 750]);
    expect(roundToInterval(0.792095, 0.00987)).toEqual([0.7921, 0.0099]);
    expect(roundToInterval(0.395123, 0.0071)).toEqual([0.3951, 0.0071]);
    expect(roundToInterval(103361, 1038.11)).toEqual([103400, 1000]);
    expect(roundToInterval(-2.34567, 0.5)).toEqual([-2.35, 0.5]);
  });

  it('moves a mean by at most half its last kept digit, and keeps two significant digits of the half-width', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-9, max: 1e5, noNaN: true }), (mean, half) => {
        const [m, h] = roundToInterval(mean, half);
        const place = 10 ** (Math.floor(Math.log10(half)) - 1);
        expect(Math.abs(m - mean)).toBeLessThanOrEqual(place / 2 + 1e-9 * Math.max(1, Math.abs(mean)));
        expect(Math.abs(h - half)).toBeLessThanOrEqual(place / 2 + 1e-12 * half);
        expect(h / place).toBeGreaterThanOrEqual(9.99);
        expect(h / place).toBeLessThanOrEqual(100.01);
      }),
    );
  });
});
