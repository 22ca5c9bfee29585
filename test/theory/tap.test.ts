import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { MAX_EXACT_BITS, tapDifferential, tapIncrement, tapTrajectory, UNCONSTRAINED, type TapParams } from '../../src/theory/tap.js';
import { ParamError } from '../../src/util/errors.js';

const base: TapParams = {
  initial: 2,
  alpha: 1,
  kernel: 'constant',
  extinction: 0,
  linearRate: 0,
  constraints: UNCONSTRAINED,
  capacity: null,
  blowupLog10: 100,
};
const LOG10_2 = Math.log10(2);

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

describe('TAP map', () => {
  it('gives 2, 3, 7, 127, 2^127 − 1 exactly for α = 1, μ = 0, M0 = 2, then log space, then stops at overflow', () => {
    const run = tapTrajectory(base, 10);
    expect(run.points.slice(0, 5).map((p) => p.exact)).toEqual([2n, 3n, 7n, 127n, 2n ** 127n - 1n]);
    expect(run.points[4].value).toBe(2 ** 127);
    // M_5 = 2^(2^127 − 1) − 2^127: only its logarithm fits a double.
    expect(run.points[5].exact).toBeNull();
    expect(run.points[5].value).toBeNull();
    expect(run.points[5].log10 / (2 ** 127 * LOG10_2)).toBeCloseTo(1, 12);
    // M_6 would have log2 M_6 ≈ 2^(1.7e38): beyond doubles, so the run ends there, saying why.
    expect(run.points).toHaveLength(6);
    expect(run.stop).toBe('overflow');
    expect(run.blowupTime).toBe(5);
  });

  it('switches from BigInt to log2 magnitudes when the next power would exceed MAX_EXACT_BITS', () => {
    const m0 = 17; // 2^17 − 18 = 131054 > MAX_EXACT_BITS
    expect(2 ** m0 - m0 - 1 + m0).toBeGreaterThan(MAX_EXACT_BITS);
    const run = tapTrajectory({ ...base, initial: m0 }, 2);
    expect(run.points[1].exact).toBe(131071n);
    expect(run.points[2].exact).toBeNull();
    expect(run.points[2].log10 / (131071 * LOG10_2)).toBeCloseTo(1, 12);
  });

  it('carries values between 2^1000 and 2^1024 as doubles and takes one more step in log space from them', () => {
    const run = tapTrajectory({ ...base, initial: 1010, alpha: 0.5 }, 3);
    // M_1 = 1010 + 0.5(2^1010 − 1011) ≈ 2^1009: still a double; M_2 has log2 ≈ 2^1009; M_3 is beyond.
    expect(run.points[1].value as number).toBeCloseTo(2 ** 1009, -295);
    expect(run.points[2].value).toBeNull();
    expect(run.points[2].log10 / ((2 ** 1009 - 1) * LOG10_2)).toBeCloseTo(1, 12);
    expect(run.stop).toBe('overflow');
    expect(run.points).toHaveLength(3);
  });

  it('sums the power kernel α_i = α^{i−1} exactly in BigInt (α = 2: Σ 2^{i−1} C(M, i))', () => {
    const run = tapTrajectory({ ...base, initial: 3, alpha: 2, kernel: 'power' }, 2);
    expect(run.points[1].exact).toBe(3n + 3n * 2n + 1n * 4n);
    const m = 13;
    let sum = 0n;
    let c = 1n;
    for (let i = 1; i <= m; i++) {
      c = (c * BigInt(m - i + 1)) / BigInt(i);
      if (i >= 2) sum += 2n ** BigInt(i - 1) * c;
    }
    expect(run.points[2].exact).toBe(13n + sum);
  });

  test.prop([fc.integer({ min: 1, max: 40 }), fc.double({ min: 0.001, max: 3, noNaN: true }), fc.constantFrom('constant' as const, 'power' as const), fc.double({ min: 0, max: 1, noNaN: true })])(
    'the closed forms in doubles match the sum Σ_{i=2}^{M} α_i C(M, i) term by term',
    (m, alpha, kernel, mu) => {
      const run = tapTrajectory({ ...base, initial: m, alpha, kernel, extinction: mu }, 1);
      let sum = 0;
      for (let i = 2; i <= m; i++) sum += (kernel === 'constant' ? alpha : alpha ** (i - 1)) * binomial(m, i);
      const expected = m * (1 - mu) + sum;
      expect(Math.abs((run.points[1].value as number) - expected)).toBeLessThanOrEqual(1e-9 * expected + 1e-12);
    },
  );

  const params = fc.record({
    initial: fc.double({ min: 0.5, max: 30, noNaN: true }),
    alpha: fc.double({ min: 1e-4, max: 2, noNaN: true }),
    kernel: fc.constantFrom('constant' as const, 'power' as const),
    extinction: fc.double({ min: 0, max: 1, noNaN: true }),
    linearRate: fc.double({ min: 0, max: 1, noNaN: true }),
    constraints: fc.record({
      architecture: fc.double({ min: 0.01, max: 1, noNaN: true }),
      data: fc.double({ min: 0.01, max: 1, noNaN: true }),
      context: fc.double({ min: 0.01, max: 1, noNaN: true }),
    }),
    capacity: fc.option(fc.double({ min: 30, max: 1e12, noNaN: true }), { nil: null }),
    blowupLog10: fc.constant(100),
  });

  test.prop([params, fc.double({ min: 1.0001, max: 3, noNaN: true })])(
    'is monotone in α: a larger α never gives fewer objects, nor a later blow-up',
    (p, factor) => {
      const low = tapTrajectory(p, 40);
      const high = tapTrajectory({ ...p, alpha: p.alpha * factor }, 40);
      const common = Math.min(low.points.length, high.points.length);
      expect(high.points.length).toBeLessThanOrEqual(low.points.length);
      for (let t = 0; t < common; t++) expect(high.points[t].log10).toBeGreaterThanOrEqual(low.points[t].log10 - 1e-12 * Math.abs(low.points[t].log10));
      if (low.blowupTime !== null) expect(high.blowupTime as number).toBeLessThanOrEqual(low.blowupTime);
    },
  );

  test.prop([params])('never shows an Infinity: values are finite or null, logs finite, capacity respected', (p) => {
    const run = tapTrajectory(p, 60);
    for (const q of run.points) {
      expect(q.value === null || Number.isFinite(q.value)).toBe(true);
      expect(Number.isNaN(q.log10) || q.log10 === Infinity).toBe(false);
      if (p.capacity !== null) expect(q.value as number).toBeLessThanOrEqual(p.capacity * (1 + 1e-12));
    }
    if (run.stop === 'overflow') expect(p.capacity).toBeNull();
  });

  it('makes the two-scale variant grow exponentially, (1 + α₁)^t, while the combinatorial term is negligible', () => {
    const run = tapTrajectory({ ...base, alpha: 1e-12, linearRate: 0.2 }, 8);
    for (const q of run.points) expect((q.value as number) / (2 * 1.2 ** q.t)).toBeCloseTo(1, 8);
  });

  it('decays by (1 − μ)^t when extinction dominates, and fills a capacity without passing it', () => {
    const decay = tapTrajectory({ ...base, alpha: 1e-12, extinction: 0.25 }, 10);
    expect((decay.points[10].value as number) / (2 * 0.75 ** 10)).toBeCloseTo(1, 9);
    const capped = tapTrajectory({ ...base, alpha: 0.5, capacity: 1000, constraints: { architecture: 0.5, data: 0.8, context: 0.9 } }, 30);
    expect(capped.stop).toBe('steps');
    expect(capped.points[30].value as number).toBeCloseTo(1000, 6);
    expect(capped.blowupTime).toBeNull();
  });

  it('lets constraint factors delay the blow-up', () => {
    const free = tapTrajectory({ ...base, alpha: 0.05 }, 200).blowupTime as number;
    const constrained = tapTrajectory({ ...base, alpha: 0.05, constraints: { architecture: 0.5, data: 0.5, context: 0.5 } }, 200).blowupTime as number;
    expect(constrained).toBeGreaterThan(free);
  });

  it('rejects parameters out of range with a message naming them', () => {
    expect(() => tapTrajectory({ ...base, extinction: 1.5 }, 3)).toThrow(/mu/);
    expect(() => tapTrajectory({ ...base, initial: 0 }, 3)).toThrow(/M0/);
    expect(() => tapTrajectory({ ...base, constraints: { architecture: 2, data: 1, context: 1 } }, 3)).toThrow(/architecture/);
    expect(() => tapTrajectory({ ...base, capacity: 1 }, 3)).toThrow(/capacity/);
    expect(() => tapTrajectory(base, -1)).toThrow(ParamError);
  });
});

describe('TAP differential variant', () => {
  it('follows dM/dt = −μM exactly when growth is negligible, and e^{α₁t} in the two-scale case', () => {
    const decay = tapDifferential({ ...base, alpha: 1e-12, extinction: 0.5 }, 8, 0.5);
    for (const q of decay.points) expect((q.value as number) / (2 * Math.exp(-0.5 * q.t))).toBeCloseTo(1, 8);
    const grow = tapDifferential({ ...base, alpha: 1e-12, linearRate: 0.3 }, 10, 0.5);
    for (const q of grow.points) expect((q.value as number) / (2 * Math.exp(0.3 * q.t))).toBeCloseTo(1, 7);
  });

  it('agrees with a fine Runge–Kutta integration before the blow-up, whose time matches an independent quadrature', () => {
    const p = { ...base, alpha: 0.05 };
    const run = tapDifferential(p, 20, 1);
    const f = (m: number): number => tapIncrement(p, m);
    let m = 2;
    const h = 1e-3;
    for (let step = 1; step <= 20_000; step++) {
      const k1 = f(m);
      const k2 = f(m + (h / 2) * k1);
      const k3 = f(m + (h / 2) * k2);
      const k4 = f(m + h * k3);
      m += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
      if (step % 1000 === 0 && step / 1000 < run.points.length) {
        expect((run.points[step / 1000].value as number) / m).toBeCloseTo(1, 7);
      }
    }
    // Blow-up time: ∫_2^∞ dm / (0.05(2^m − m − 1)) by composite Simpson on [2, 80] (the tail is below 2^-80).
    let integral = 0;
    const n = 200_000;
    const g = (x: number): number => 1 / (0.05 * (2 ** x - x - 1));
    const width = (80 - 2) / n;
    for (let i = 0; i <= n; i++) integral += (i === 0 || i === n ? 1 : i % 2 ? 4 : 2) * g(2 + i * width);
    integral *= width / 3;
    const long = tapDifferential(p, 100, 1);
    expect(long.stop).toBe('blowup');
    expect(long.blowupTime as number).toBeCloseTo(integral, 7);
    expect(long.points[long.points.length - 1].t).toBeLessThan(integral);
  });

  it('reports a blow-up at t = 0 when M0 is already past the threshold', () => {
    const run = tapDifferential({ ...base, initial: 1e6, blowupLog10: 3 }, 5, 1);
    expect(run).toMatchObject({ blowupTime: 0, stop: 'blowup' });
    expect(run.points.map((q) => q.value)).toEqual([1e6]);
    expect(() => tapDifferential(base, 2_000_000, 1)).toThrow(/steps/);
  });

  it('approaches an equilibrium (a capacity) without passing it', () => {
    const run = tapDifferential({ ...base, alpha: 0.01, capacity: 1000 }, 30, 10);
    expect(run.stop).toBe('steps');
    for (const q of run.points) expect(q.value as number).toBeLessThanOrEqual(1000);
    expect(run.points[30].value as number).toBeCloseTo(1000, 6);
  });
});
