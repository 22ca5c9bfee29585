import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { MAX_LIST_VALUES, parseNumberList } from '../../cli/flags.js';
import { UsageError } from '../../src/util/errors.js';

const any = (): boolean => true;

describe('number lists and sweeps (cli/flags.ts, every list flag)', () => {
  fcTest.prop([fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 20 })])(
    'A:B:STEP holds A, A + STEP, ... up to B included, each within [A, B]',
    (a100, span100, step100) => {
      const [a, b, step] = [a100 / 100, (a100 + span100) / 100, step100 / 100];
      const values = parseNumberList(`${a}:${b}:${step}`, 'erasure', any, 'anything');
      expect(values[0]).toBe(a);
      expect(values).toHaveLength(Math.floor(span100 / step100) + 1);
      values.forEach((v, i) => {
        expect(v).toBeCloseTo(a + i * step, 10);
        expect(v).toBeLessThanOrEqual(b + 1e-12);
      });
    },
  );

  fcTest.prop([fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 })])('a comma list parses back to its numbers', (xs) => {
    expect(parseNumberList(xs.join(','), 'sweep', any, 'anything')).toEqual(xs.map((x) => Number(String(x))));
  });

  fcTest.prop([fc.constantFrom('', '0:1', '1:0:0.1', '0:1:0', '0:1:-1', 'a,b', '0,,1', '0:1:0.1:2', '0.5,2')])('malformed or out-of-range specs are usage errors naming the option', (spec) => {
    expect(() => parseNumberList(spec, 'erasure', (x) => x >= 0 && x <= 1, 'in [0, 1]')).toThrow(UsageError);
    expect(() => parseNumberList(spec, 'erasure', (x) => x >= 0 && x <= 1, 'in [0, 1]')).toThrow(/--erasure/);
  });

  const fraction = (x: number): boolean => x > 0 && x < 1;
  it('reads a comma-separated list or a sweep, checking every value', () => {
    expect(parseNumberList('0.1, 0.2,0.5', 'alpha', fraction, 'in (0, 1)')).toEqual([0.1, 0.2, 0.5]);
    expect(parseNumberList('0.05:0.25:0.05', 'alpha', fraction, 'in (0, 1)')).toEqual([0.05, 0.1, 0.15, 0.2, 0.25]);
    expect(() => parseNumberList('0.5:1.5:0.5', 'alpha', fraction, 'in (0, 1)')).toThrow("--alpha '0.5:1.5:0.5'");
    expect(() => parseNumberList('0.1,,0.2', 'alpha', fraction, 'in (0, 1)')).toThrow(UsageError);
    expect(() => parseNumberList('1:2', 'scale', (x) => x > 0, '> 0')).toThrow('--scale');
  });

  it(`refuses a sweep of more than ${MAX_LIST_VALUES} values, naming the flag and the count`, () => {
    expect(parseNumberList(`1:${MAX_LIST_VALUES}:1`, 'sizes', any, 'anything')).toHaveLength(MAX_LIST_VALUES);
    expect(() => parseNumberList(`0:${MAX_LIST_VALUES}:1`, 'erasure', any, 'anything')).toThrow(`--erasure '0:${MAX_LIST_VALUES}:1': ${MAX_LIST_VALUES + 1} values is more than ${MAX_LIST_VALUES}`);
  });

  it('refuses a list where the flag takes one value or a sweep', () => {
    expect(() => parseNumberList('1,2', 'ratio', any, 'anything', false)).toThrow("--ratio '1,2': expected one number or a sweep");
    expect(parseNumberList('1:2:1', 'ratio', any, 'anything', false)).toEqual([1, 2]);
  });
});
