import { describe, expect } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { parseNumbers } from '../../cli/commands/rate.js';
import { UsageError } from '../../src/util/errors.js';

const any = (): boolean => true;

describe('number lists and ranges of the rate options', () => {
  fcTest.prop([fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 20 })])(
    'A:B:STEP holds A, A + STEP, ... up to B included, each within [A, B]',
    (a100, span100, step100) => {
      const [a, b, step] = [a100 / 100, (a100 + span100) / 100, step100 / 100];
      const values = parseNumbers(`${a}:${b}:${step}`, 'erasure', any, 'anything');
      expect(values[0]).toBe(a);
      expect(values).toHaveLength(Math.floor(span100 / step100) + 1);
      values.forEach((v, i) => {
        expect(v).toBeCloseTo(a + i * step, 10);
        expect(v).toBeLessThanOrEqual(b + 1e-12);
      });
    },
  );

  fcTest.prop([fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 })])('a comma list parses back to its numbers', (xs) => {
    expect(parseNumbers(xs.join(','), 'sweep', any, 'anything')).toEqual(xs.map((x) => Number(String(x))));
  });

  fcTest.prop([fc.constantFrom('', '0:1', '1:0:0.1', '0:1:0', '0:1:-1', 'a,b', '0,,1', '0:1:0.1:2', '0.5,2')])('malformed or out-of-range specs are usage errors naming the option', (spec) => {
    expect(() => parseNumbers(spec, 'erasure', (x) => x >= 0 && x <= 1, 'in [0, 1]')).toThrow(UsageError);
    expect(() => parseNumbers(spec, 'erasure', (x) => x >= 0 && x <= 1, 'in [0, 1]')).toThrow(/--erasure/);
  });
});
