// Means and 95 % intervals over seeds (lab/rate/seeds.ts): Student-t on a hand-worked sample, and the leaf-by-leaf
// summary of reports of one shape.
import { describe, expect, it } from 'vitest';
import { interval95, summarise } from '../../lab/rate/seeds.js';

describe('intervals over seeds', () => {
  it('oracle: 1, 2, 3, 4, 5 → mean 3, s = √2.5, half-width t₀.₉₇₅,₄ · s/√5 = 2.776 · 0.7071', () => {
    const { mean, low, high } = interval95([1, 2, 3, 4, 5]);
    expect(mean).toBe(3);
    expect(high - mean).toBeCloseTo(2.776 * Math.sqrt(2.5 / 5), 12);
    expect(mean - low).toBeCloseTo(high - mean, 12);
    expect(interval95([7])).toEqual({ mean: 7, low: 7, high: 7 });
    expect(interval95([2, 2, 2])).toEqual({ mean: 2, low: 2, high: 2 });
  });

  it('summarises reports leaf by leaf: numbers averaged, other values the first report\'s', () => {
    const a = { id: 'a', rate: { bytes: 10 }, points: [{ y: 1, label: 'p' }], gone: null as number | null };
    const b = { id: 'b', rate: { bytes: 20 }, points: [{ y: 3, label: 'q' }], gone: 4 as number | null };
    const { mean, low, high } = summarise([a, b]);
    expect(mean).toEqual({ id: 'a', rate: { bytes: 15 }, points: [{ y: 2, label: 'p' }], gone: 4 });
    expect(low.rate.bytes).toBeCloseTo(15 - 12.706 * 5, 9);
    expect(high.points[0].y).toBeCloseTo(2 + 12.706 * 1, 9);
  });
});
