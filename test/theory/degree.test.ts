import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { DegreeDistribution, degreeFromJson, parseDegreeSpec, parsePolynomial } from '../../src/theory/degree.js';
import { InputError, ParamError } from '../../src/util/errors.js';
import { Prng } from '../../src/util/prng.js';

/** Random finite distributions: 1..12 weights, at least one on degree ≥ 1. */
const finiteDistribution = fc
  .array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 12 })
  .filter((w) => w.slice(1).some((v) => v > 0))
  .map((w) => DegreeDistribution.fromCounts(w));

function directSum(d: DegreeDistribution, f: (k: number) => number): number {
  let sum = 0;
  for (let k = 0; k <= d.maxDegree(); k++) sum += d.probability(k) * f(k);
  return sum;
}

describe('degree specs', () => {
  it('reads presets, polynomials, Poisson and fixed degrees', () => {
    expect(Array.from(parseDegreeSpec('liva8').coefficients() as Float64Array)).toEqual([0, 0, 0.5, 0.28, 0, 0, 0, 0, 0.22]);
    expect(parseDegreeSpec('LIVA8').mean()).toBeCloseTo(3.6, 12);
    for (const spec of ['x^3', 'x3', '1x^3', '1*x^3', 'fixed:3', 'crdsa3', ' x ^ 3 ']) {
      expect(Array.from(parseDegreeSpec(spec).coefficients() as Float64Array), spec).toEqual([0, 0, 0, 1]);
    }
    expect(Array.from(parseDegreeSpec('0.5*x^2+0.25x+0.25').coefficients() as Float64Array)).toEqual([0.25, 0.25, 0.5]);
    const poisson = parseDegreeSpec('poisson:2.5');
    expect(poisson.poissonMean).toBe(2.5);
    expect(poisson.maxDegree()).toBe(Infinity);
    expect(poisson.spec).toBe('poisson:2.5');
  });

  const bad = ['0.5x^2+0.6x^3', '-0.5x^2+1.5x^3', 'foo', 'poisson:-1', 'poisson:', 'poisson:abc', 'poisson:NaN', 'fixed:2.5', 'fixed:0', 'x^',
    'NaN', 'x^2+x^2', '', 'gamma:3', '0.5x^2+', '1e400x^2', 'x^9999999', '0x^2', '2**x', 'constructor', 'toString', '__proto__'];
  it.each(bad)('rejects %j with a usage error that quotes it', (spec) => {
    let error: unknown;
    try {
      parseDegreeSpec(spec);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ParamError);
    expect((error as Error).message).toContain(`'${spec}'`);
  });

  test.prop([fc.string({ maxLength: 20 })])('any string either parses to a distribution or is a usage error', (spec) => {
    try {
      const d = parseDegreeSpec(spec);
      expect(d.mean()).toBeGreaterThan(0);
      expect(d.node(1)).toBeCloseTo(1, 9);
    } catch (err) {
      expect(err).toBeInstanceOf(ParamError);
    }
  });

  test.prop([finiteDistribution])('a polynomial spec parses back to the same coefficients', (d) => {
    const back = parseDegreeSpec(d.toPolynomial());
    const a = d.coefficients() as Float64Array;
    const b = back.coefficients() as Float64Array;
    expect(b.length).toBe(a.length);
    a.forEach((v, k) => expect(Math.abs(b[k] - v)).toBeLessThanOrEqual(1e-15));
    expect(Array.from(parsePolynomial(d.toPolynomial()))).toEqual(Array.from(a));
  });

  it('reads @file.json through the reader it is given, node and edge perspective', () => {
    const files: Record<string, string> = {
      'node.json': '{"perspective": "node", "counts": [0, 2, 6, 2]}',
      'edge.json': '{"perspective": "edge", "probabilities": [0, 0.2, 0.4, 0.4]}',
      'bad.json': '{"perspective": "node", "counts": [0, -1]}',
      'broken.json': '{"perspective": ',
      'side.json': '{"counts": [1, 2]}',
    };
    const read = (path: string): string => {
      if (!(path in files)) throw new Error('ENOENT');
      return files[path];
    };
    expect(Array.from(parseDegreeSpec('@node.json', read).coefficients() as Float64Array)).toEqual([0, 0.2, 0.6, 0.2]);
    // λ_k ∝ kΛ_k: Λ ∝ (0.2/1, 0.4/2, 0.4/3).
    const edge = parseDegreeSpec('@edge.json', read);
    const z = 0.2 + 0.2 + 0.4 / 3;
    expect(edge.probability(1)).toBeCloseTo(0.2 / z, 12);
    expect(edge.probability(3)).toBeCloseTo(0.4 / 3 / z, 12);
    expect(edge.edge(0.5)).toBeCloseTo(0.2 + 0.4 * 0.5 + 0.4 * 0.25, 12);
    for (const name of ['bad.json', 'broken.json', 'side.json', 'missing.json']) {
      expect(() => parseDegreeSpec(`@${name}`, read), name).toThrow(InputError);
      expect(() => parseDegreeSpec(`@${name}`, read), name).toThrow(name);
    }
    expect(() => parseDegreeSpec('@node.json')).toThrow(ParamError);
    expect(() => degreeFromJson('{"perspective": "edge", "counts": [3, 1]}', 'e.json')).toThrow(/degree 0/);
  });

  it('rejects invalid histograms and coefficients with an input error naming them', () => {
    expect(() => DegreeDistribution.fromCounts([0, NaN], 'corpus skills')).toThrow(/corpus skills/);
    expect(() => DegreeDistribution.fromCounts([5], 'h')).toThrow(InputError);
    expect(() => DegreeDistribution.fromCounts([], 'h')).toThrow(InputError);
    expect(() => DegreeDistribution.fromCoefficients([0, 0.5, 0.4], 'c')).toThrow(InputError);
    expect(() => DegreeDistribution.poisson(0)).toThrow(InputError);
  });
});

describe('generating functions', () => {
  test.prop([finiteDistribution, fc.double({ min: 0, max: 1, noNaN: true })])('Λ, Λ\', λ, λ\' agree with their sums', (d, x) => {
    const mean = directSum(d, (k) => k);
    expect(d.mean()).toBeCloseTo(mean, 10);
    expect(d.node(x)).toBeCloseTo(directSum(d, (k) => x ** k), 12);
    expect(d.nodeDerivative(x)).toBeCloseTo(directSum(d, (k) => (k === 0 ? 0 : k * x ** (k - 1))), 10);
    expect(d.edge(x)).toBeCloseTo(directSum(d, (k) => (k === 0 ? 0 : k * x ** (k - 1))) / mean, 10);
    expect(d.edgeDerivative(x)).toBeCloseTo(directSum(d, (k) => (k < 2 ? 0 : k * (k - 1) * x ** (k - 2))) / mean, 8);
  });

  test.prop([fc.double({ min: 0.01, max: 40, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })])('Poisson closed forms', (m, x) => {
    const d = DegreeDistribution.poisson(m);
    let total = 0;
    let first = 0;
    let gf = 0;
    for (let k = 0; k < 200; k++) {
      total += d.probability(k);
      first += k * d.probability(k);
      gf += d.probability(k) * x ** k;
    }
    expect(total).toBeCloseTo(1, 10);
    expect(first).toBeCloseTo(m, 8);
    expect(d.node(x)).toBeCloseTo(gf, 10);
    expect(d.edge(x)).toBeCloseTo(d.node(x), 14);
    expect(d.edgeDerivative(x)).toBeCloseTo(m * d.node(x), 10);
  });
});

describe('thinning Λ_f(x) = Λ(1 − f + f x)', () => {
  test.prop([finiteDistribution])('f = 1 is the identity', (d) => {
    expect(d.thin(1)).toBe(d);
    expect(Array.from(d.thin(1).coefficients() as Float64Array)).toEqual(Array.from(d.coefficients() as Float64Array));
    // The shortcut agrees with the binomial computation it skips: f just below 1 keeps every coefficient.
    const nearly = d.thin(1 - 1e-12);
    for (let k = 0; k <= d.maxDegree(); k++) expect(nearly.probability(k)).toBeCloseTo(d.probability(k), 9);
  });

  test.prop([finiteDistribution, fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })])(
    'matches the composed generating function, scales the mean and composes',
    (d, f, g, x) => {
      const t = d.thin(f);
      expect(t.node(x)).toBeCloseTo(d.node(1 - f + f * x), 12);
      expect(t.edge(x)).toBeCloseTo(d.edge(1 - f * (1 - x)), 10);
      expect(t.mean()).toBeCloseTo(f * d.mean(), 10);
      expect(t.thin(g).node(x)).toBeCloseTo(d.thin(f * g).node(x), 10);
    },
  );

  it('thins Poisson(m) to Poisson(f m) and rejects f outside (0, 1]', () => {
    expect(DegreeDistribution.poisson(4).thin(0.25).poissonMean).toBe(1);
    expect(() => DegreeDistribution.poisson(4).thin(0)).toThrow(RangeError);
    expect(() => DegreeDistribution.poisson(4).thin(1.5)).toThrow(RangeError);
  });
});

describe('degree sampler', () => {
  it('draws liva8 and Poisson degrees with the right frequencies, the same for the same seed', () => {
    const liva8 = parseDegreeSpec('liva8');
    const draw = liva8.sampler();
    const rng = new Prng(7);
    const counts = new Array(9).fill(0);
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[draw(rng)]++;
    for (let k = 0; k <= 8; k++) expect(Math.abs(counts[k] / n - liva8.probability(k))).toBeLessThan(0.006);
    const again = liva8.sampler();
    const [a, b] = [new Prng(3), new Prng(3)];
    for (let i = 0; i < 100; i++) expect(draw(a)).toBe(again(b));
    const poisson = DegreeDistribution.poisson(3).sampler();
    let sum = 0;
    for (let i = 0; i < n; i++) sum += poisson(rng);
    expect(Math.abs(sum / n - 3)).toBeLessThan(0.03);
  });
});
