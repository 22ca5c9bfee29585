// The LT code of the separation baseline (lab/rate/lt-code.ts): the robust soliton is a distribution, the peeling
// decoder gives back the exact source bytes whenever it recovers a packet, recovers everything with enough packets
// received, and nothing with fewer than k.
import { describe, expect, it } from 'vitest';
import { ltDecode, ltEncode, robustSoliton } from '../../lab/rate/lt-code.js';
import { Prng } from '../../src/util/prng.js';

function sources(k: number, seed: number): Uint8Array[] {
  const rng = new Prng(seed);
  return Array.from({ length: k }, () => Uint8Array.from({ length: 16 }, () => rng.nextInt(256)));
}

describe('LT code', () => {
  it('the robust soliton is a cumulative distribution over 1..k with mass on degree 1', () => {
    const cdf = robustSoliton(500);
    expect(cdf[500]).toBeCloseTo(1, 12);
    expect(cdf[1]).toBeGreaterThan(0);
    for (let d = 2; d <= 500; d++) expect(cdf[d]).toBeGreaterThanOrEqual(cdf[d - 1]);
  });

  it('decodes the exact bytes: all of them from about 1.36 k received packets, only correct ones from fewer than k', () => {
    const k = 400;
    const packets = sources(k, 1);
    const coded = ltEncode(packets, Math.ceil(1.6 * k), new Prng(2));
    const rng = new Prng(3);
    const all = ltDecode(k, coded, coded.payloads.map(() => true));
    expect(all).toEqual(packets);
    const lossy = ltDecode(k, coded, coded.payloads.map(() => rng.next() >= 0.15));
    expect(lossy.filter((p) => p === null).length).toBe(0);
    const starved = ltDecode(k, coded, coded.payloads.map((_, j) => j < 0.9 * k));
    expect(starved.some((p) => p === null)).toBe(true);
    starved.forEach((p, i) => p !== null && expect(p).toEqual(packets[i]));
  });
});
