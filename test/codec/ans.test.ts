// The rANS stack (codec/entropy/ans.ts) and the adaptive integer coder: whatever is pushed pops back in reverse,
// bits-back pops on the encoder side are undone exactly, and the coded size approaches the information content.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { AnsStack, M, quantize } from '../../codec/entropy/ans.js';
import { IntegerCoder } from '../../codec/entropy/adaptive.js';

type Op = { kind: 'sym'; start: number; freq: number } | { kind: 'uniform'; j: number; n: number } | { kind: 'bits'; v: number; bits: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.integer({ min: 1, max: M }).chain((freq) => fc.integer({ min: 0, max: M - freq }).map((start): Op => ({ kind: 'sym', start, freq }))),
  fc.integer({ min: 1, max: M }).chain((n) => fc.integer({ min: 0, max: n - 1 }).map((j): Op => ({ kind: 'uniform', j, n }))),
  fc.integer({ min: 1, max: 16 }).chain((bits) => fc.integer({ min: 0, max: 2 ** bits - 1 }).map((v): Op => ({ kind: 'bits', v, bits }))),
);

describe('AnsStack', () => {
  test.prop([fc.array(op, { maxLength: 300 })])('pops what was pushed, in reverse, and drains', (ops) => {
    const enc = new AnsStack();
    for (const o of ops) {
      if (o.kind === 'sym') enc.push(o.start, o.freq);
      else if (o.kind === 'uniform') enc.pushUniform(o.j, o.n);
      else enc.pushBits(o.v, o.bits);
    }
    const dec = AnsStack.fromPayload(enc.finish());
    for (let i = ops.length - 1; i >= 0; i--) {
      const o = ops[i];
      if (o.kind === 'sym') {
        const slot = dec.peek();
        expect(slot >= o.start && slot < o.start + o.freq).toBe(true);
        dec.pop(o.start, o.freq);
      } else if (o.kind === 'uniform') expect(dec.popUniform(o.n)).toBe(o.j);
      else expect(dec.popBits(o.bits)).toBe(o.v);
    }
    expect(dec.isDrained()).toBe(true);
  });

  test.prop([fc.array(fc.tuple(fc.integer({ min: 2, max: 1000 }), fc.nat()), { minLength: 1, maxLength: 200 })])(
    'bits-back: uniform pops taken by the encoder are given back by the decoder',
    (steps) => {
      // Encoder: pop a choice among n (gaining bits), then push a symbol; decoder: pop the symbol, push the choice.
      const enc = new AnsStack();
      const choices: number[] = [];
      for (const [n, v] of steps) {
        choices.push(enc.popUniform(n));
        enc.pushBits(v % 256, 8);
      }
      const dec = AnsStack.fromPayload(enc.finish());
      for (let i = steps.length - 1; i >= 0; i--) {
        expect(dec.popBits(8)).toBe(steps[i][1] % 256);
        dec.pushUniform(choices[i], steps[i][0]);
      }
      expect(dec.isDrained()).toBe(true);
    },
  );

  test('coded size is within 1% + 8 bytes of the information content', () => {
    const enc = new AnsStack();
    let info = 0;
    for (let i = 0; i < 20000; i++) {
      const freq = 1 + ((i * 7919) % 4000);
      enc.push((i * 31) % (M - freq), freq);
      info += Math.log2(M / freq);
    }
    expect(enc.finish().length * 8).toBeLessThan(info * 1.01 + 64);
  });

  test('a payload shorter than its state or with an impossible state is refused', () => {
    expect(() => AnsStack.fromPayload(Uint8Array.of(1, 2))).toThrow(/shorter/);
    expect(() => AnsStack.fromPayload(Uint8Array.of(0, 0, 0, 0))).toThrow(/out of range/);
  });
});

describe('quantize', () => {
  test.prop([fc.array(fc.nat({ max: 1e6 }), { minLength: 1, maxLength: 2000 })])('frequencies total M, each at least 1', (weights) => {
    const out = new Uint32Array(weights.length);
    quantize(weights, weights.length, out);
    expect(out.reduce((a, b) => a + b, 0)).toBe(M);
    expect(Math.min(...out)).toBeGreaterThanOrEqual(1);
  });
});

describe('IntegerCoder', () => {
  const setup = fc.tuple(fc.oneof(fc.nat({ max: 40 }), fc.nat(), fc.constant(2 ** 32 - 1)), fc.constantFrom(2, 4, 8, 16));
  test.prop([setup.chain(([maxValue, direct]) => fc.tuple(fc.constant(maxValue), fc.constant(direct), fc.array(fc.oneof(fc.nat({ max: Math.min(40, maxValue) }), fc.nat({ max: maxValue }), fc.constant(maxValue)), { maxLength: 200 })))])(
    'codes any integers up to its maximum below 2^32 and adapts',
    ([maxValue, direct, values]) => {
      const planner = new IntegerCoder(maxValue, direct);
      const plans = values.map((v) => planner.plan(v));
      const enc = new AnsStack();
      for (let i = plans.length - 1; i >= 0; i--) IntegerCoder.push(enc, plans[i]);
      const dec = AnsStack.fromPayload(enc.finish());
      const decoder = new IntegerCoder(maxValue, direct);
      expect(values.map(() => decoder.pop(dec, maxValue, 'value'))).toEqual(values);
      expect(dec.isDrained()).toBe(true);
    },
  );

  test('refuses values above its maximum, and a direct range that is not a power of two', () => {
    expect(() => new IntegerCoder(100).plan(101)).toThrow(RangeError);
    expect(() => new IntegerCoder(100, 6)).toThrow(RangeError);
  });

  test('a payload is copied, not written into, by decoding (bits-back pushes)', () => {
    const enc = new AnsStack();
    for (let i = 0; i < 50; i++) enc.pushUniform(i % 7, 7);
    const payload = Buffer.from(enc.finish());
    const before = Buffer.from(payload);
    const dec = AnsStack.fromPayload(payload);
    for (let i = 0; i < 50; i++) {
      dec.popUniform(7);
      dec.pushUniform(3, 11);
      dec.popUniform(11);
    }
    expect(payload.equals(before)).toBe(true);
  });
});
