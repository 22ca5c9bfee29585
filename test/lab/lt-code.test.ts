// The LT code of the separation baseline (lab/rate/lt-code.ts): the robust soliton is a distribution, the peeling
// decoder gives back the exact source bytes whenever it recovers a packet, recovers everything with enough packets
// received, and nothing with fewer than k.
import { describe, expect, it } from 'vitest';
import { ltDecode, ltEncode, MARGIN_STEP, receptionMargin, robustSoliton, solitonBeta } from '../../lab/rate/lt-code.js';
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

  it("Luby's β by hand for k = 1100 (c = 0.1, δ = 0.5): R = 25.52, spike at 43, β = 1 + Σ τ = 1.192", () => {
    const k = 1100;
    const r = 0.1 * Math.log(k / 0.5) * Math.sqrt(k);
    let tau = (r * Math.log(r / 0.5)) / k;
    for (let d = 1; d < 43; d++) tau += r / (d * k);
    expect(Math.round(k / r)).toBe(43);
    expect(solitonBeta(k)).toBeCloseTo(1 + tau, 12);
    expect(solitonBeta(k)).toBeCloseTo(1.192, 3);
  });

  it('the reception margin starts at β − 1, steps by MARGIN_STEP, and decodes every draw at the margin', () => {
    for (const k of [50, 300]) {
      const margin = receptionMargin(k, 10, new Prng(k));
      const steps = (margin - (solitonBeta(k) - 1)) / MARGIN_STEP;
      expect(Math.abs(steps - Math.round(steps))).toBeLessThan(1e-9);
      expect(steps).toBeGreaterThanOrEqual(0);
      const empty = Array.from({ length: k }, () => new Uint8Array(0));
      const rng = new Prng(99);
      let failures = 0;
      for (let t = 0; t < 20; t++) {
        const coded = ltEncode(empty, Math.ceil(k * (1 + margin)), rng);
        if (ltDecode(k, coded, coded.payloads.map(() => true)).some((p) => p === null)) failures++;
      }
      expect(failures).toBeLessThanOrEqual(6);
    }
    expect(receptionMargin(0, 10, new Prng(1))).toBe(0);
  });
});
