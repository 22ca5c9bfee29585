// Bits-back set coding with grouped position pushes (codec/compact/sets.ts): any ascending set of any size, pushed by
// SetEncoder with a fixed-width element code, pops back through SetDecoder exactly and drains the stack — across
// group boundaries (radix products up to 1024) and past them (a single radix above 1024); a repeated element is
// refused as corrupt data; the grouping costs little over log2 of the element codes minus log2 n!.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { AnsStack } from '../../codec/entropy/ans.js';
import { SetDecoder, SetEncoder } from '../../codec/compact/sets.js';
import { InputError } from '../../src/util/errors.js';

const BITS = 16;

function encode(sets: Uint32Array[]): Uint8Array {
  const capacity = Math.max(1, ...sets.map((s) => s.length));
  const encoder = new SetEncoder(capacity);
  const stack = new AnsStack();
  for (let r = sets.length - 1; r >= 0; r--) {
    const set = sets[r];
    encoder.push(stack, set.length, (i) => stack.pushBits(set[i], BITS));
  }
  return stack.finish();
}

function decode(payload: Uint8Array, sizes: number[]): Uint32Array[] {
  const stack = AnsStack.fromPayload(payload);
  const decoder = new SetDecoder();
  const out = sizes.map((n) => {
    const set = new Uint32Array(n);
    for (let m = 0; m < n; m++) decoder.insert(stack, set, m, n, stack.popBits(BITS));
    return set;
  });
  expect(stack.isDrained()).toBe(true);
  return out;
}

const sets = fc.array(fc.uniqueArray(fc.nat({ max: (1 << BITS) - 1 }), { maxLength: 60 }).map((a) => Uint32Array.from(a).sort()), { minLength: 1, maxLength: 20 });

describe('bits-back sets with grouped positions', () => {
  test.prop([sets])('decode(encode(sets)) = sets', (input) => {
    const decoded = decode(encode(input), input.map((s) => s.length));
    expect(decoded.map((s) => Array.from(s))).toEqual(input.map((s) => Array.from(s)));
  });

  test.prop([fc.integer({ min: 1020, max: 1100 })], { numRuns: 5 })('a set large enough for radices above the group size', (n) => {
    const set = Uint32Array.from({ length: n }, (_, i) => i * 37 + 5);
    expect(Array.from(decode(encode([set]), [n])[0])).toEqual(Array.from(set));
  });

  test('a set costs about its element codes less log2 n!', () => {
    const n = 40;
    const set = Uint32Array.from({ length: n }, (_, i) => 3 * i + 1);
    const bits = 8 * encode([set]).length;
    let log2Factorial = 0;
    for (let i = 2; i <= n; i++) log2Factorial += Math.log2(i);
    const ideal = n * BITS - log2Factorial;
    expect(bits).toBeGreaterThan(ideal - 40);
    expect(bits).toBeLessThan(ideal + 40);
  });

  test('a repeated element is corrupt data', () => {
    const stack = new AnsStack();
    const decoder = new SetDecoder();
    const set = new Uint32Array(2);
    decoder.insert(stack, set, 0, 2, 7);
    expect(() => decoder.insert(stack, set, 1, 2, 7)).toThrow(InputError);
  });
});
