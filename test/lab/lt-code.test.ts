// The LT code of the separation baseline (lab/rate/lt-code.ts): the robust soliton is a distribution, the peeling
// decoder gives back the exact source bytes whenever it recovers a packet, recovers everything with enough packets
// received, and nothing with fewer than k.
import { describe, expect, it } from 'vitest';
import { binomialTailAtLeast, ltDecode, ltEncode, MARGIN_STEP, packetsForReception, receptionMargin, robustSoliton, solitonBeta } from '../../lab/rate/lt-code.js';
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

  it('the binomial tail by hand: P[Bin(4, ½) ≥ 2] = 11/16, P[Bin(3, 0.9) ≥ 2] = 0.972, ≥ 3 = 0.729', () => {
    expect(binomialTailAtLeast(4, 0.5, 2)).toBeCloseTo(11 / 16, 12);
    expect(binomialTailAtLeast(3, 0.9, 2)).toBeCloseTo(0.972, 12);
    expect(binomialTailAtLeast(3, 0.9, 3)).toBeCloseTo(0.729, 12);
    expect(binomialTailAtLeast(5, 0.9, 0)).toBe(1);
    expect(binomialTailAtLeast(5, 0.9, 6)).toBe(0);
  });

  it('packets for reception by hand: the smallest n with P[Bin(n, 1 − e₀) ≥ r] ≥ 0.99, not r/(1 − e₀)', () => {
    // r = 1, e₀ = ½: 1 − 2⁻ⁿ ≥ 0.99 first at n = 7 (2⁻⁶ = 0.0156, 2⁻⁷ = 0.0078); the mean design sends 2.
    expect(packetsForReception(1, 0.5, 0.99)).toBe(7);
    // r = 2, e₀ = ½: 1 − (n + 1)/2ⁿ ≥ 0.99 first at n = 11 (11/1024 = 0.0107, 12/2048 = 0.0059).
    expect(packetsForReception(2, 0.5, 0.99)).toBe(11);
    // r = 3, e₀ = 0.1: n = 4 gives 0.9⁴ + 4·0.9³·0.1 = 0.9477, n = 5 gives 1 − (10⁻⁵ + 4.5·10⁻⁴ + 8.1·10⁻³) = 0.99144.
    expect(packetsForReception(3, 0.1, 0.99)).toBe(5);
    expect(packetsForReception(3, 0.1, 0.9)).toBe(4);
    // No erasures: exactly r.
    expect(packetsForReception(1000, 0, 0.99)).toBe(1000);
    expect(packetsForReception(0, 0.3, 0.99)).toBe(0);
    expect(() => packetsForReception(10, 1, 0.99)).toThrow(RangeError);
  });

  it('packets for reception grow with e₀ and with the confidence, are minimal, and add about 2.33 σ at 0.99', () => {
    const r = 1000;
    let last = 0;
    for (let e = 0; e <= 0.5 + 1e-9; e += 0.05) {
      const n = packetsForReception(r, e, 0.99);
      expect(n).toBeGreaterThanOrEqual(last);
      expect(n).toBeGreaterThanOrEqual(Math.ceil(r / (1 - e)));
      expect(binomialTailAtLeast(n, 1 - e, r)).toBeGreaterThanOrEqual(0.99);
      if (e > 0) {
        expect(n).toBeGreaterThan(Math.ceil(r / (1 - e)));
        expect(binomialTailAtLeast(n - 1, 1 - e, r)).toBeLessThan(0.99);
        // Normal approximation: n(1 − e) − 2.326·√(n·e(1 − e)) ≈ r, within a few packets.
        const normal = (z: number): number => {
          const p = 1 - e;
          const root = (z * Math.sqrt(e * p) + Math.sqrt(z * z * e * p + 4 * p * r)) / (2 * p);
          return root * root;
        };
        expect(Math.abs(n - normal(2.326))).toBeLessThan(4);
      }
      last = n;
    }
    expect(packetsForReception(r, 0.1, 0.999)).toBeGreaterThan(packetsForReception(r, 0.1, 0.99));
    expect(packetsForReception(r, 0.1, 0.99)).toBeGreaterThan(packetsForReception(r, 0.1, 0.5));
  });

  it('at e₀ = 0.1 the designed n receives r packets in about 99 % of seeded channel draws, the mean design in about half', () => {
    const r = 1000;
    const rng = new Prng(7);
    const shortfalls = (n: number): number => {
      let short = 0;
      for (let t = 0; t < 2000; t++) {
        let got = 0;
        for (let j = 0; j < n; j++) if (rng.next() >= 0.1) got++;
        if (got < r) short++;
      }
      return short / 2000;
    };
    expect(shortfalls(packetsForReception(r, 0.1, 0.99))).toBeLessThan(0.02);
    expect(shortfalls(Math.ceil(r / 0.9))).toBeGreaterThan(0.3);
  });
});
