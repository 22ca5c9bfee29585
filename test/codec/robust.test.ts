import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { erasureDE, slotsForTargetLoss } from '../../src/theory/erasure.js';
import { parseDegreeSpec } from '../../src/theory/degree.js';
import { InputError, ParamError } from '../../src/util/errors.js';
import { Prng } from '../../src/util/prng.js';
import type { SkillRecord } from '../../codec/block-coder.js';
import { MAX_BLOCK, RobustCoder, robustMode, type RobustOptions } from '../../codec/robust/index.js';

const SYMBOLS = 300;

function coder(values: Record<string, unknown> = {}): RobustCoder {
  return new RobustCoder(SYMBOLS, robustMode.optionsFrom({ block: 16, ...values }));
}

function record(symbols: number[]): SkillRecord {
  return { symbols: Uint32Array.from(symbols), novelCount: 0, chars: 0 };
}

const symbolSets = fc.uniqueArray(fc.integer({ min: 0, max: SYMBOLS - 1 }), { maxLength: 24 }).map((a) => a.sort((x, y) => x - y));
const blocks = fc.array(symbolSets, { minLength: 1, maxLength: 16 });

function randomBlock(records: number, skills: number, rng: Prng): SkillRecord[] {
  return Array.from({ length: records }, () => {
    const set = new Set<number>();
    while (set.size < skills) set.add(rng.nextInt(SYMBOLS));
    return record([...set].sort((a, b) => a - b));
  });
}

describe('robust block coder', () => {
  test.prop([blocks, fc.constantFrom('liva8', 'x^3', '0.5x^2+0.5x^4'), fc.constantFrom(0.01, 0.1)])(
    'decodes every block exactly on a clean channel (the encoder keeps a placement that peels completely)',
    (sets, repetition, targetLoss) => {
      const c = coder({ repetition, targetLoss: targetLoss });
      const decoded = c.decodeBlock(c.encodeBlock(sets.map(record)), sets.length);
      expect(decoded.map((r) => Array.from(r.symbols))).toEqual(sets);
      expect(decoded.every((r) => r.missing === undefined)).toBe(true);
    },
  );

  test.prop([blocks, fc.double({ min: 0, max: 0.8, noNaN: true }), fc.integer()])(
    'after slot erasures returns only sent skills and counts the rest as missing',
    (sets, erasure, seed) => {
      const c = coder({ erasure: 0.1, targetLoss: 0.05 });
      const payload = c.erasePayload(c.encodeBlock(sets.map(record)), sets.length, erasure, new Prng(seed));
      const decoded = c.decodeBlock(payload, sets.length);
      decoded.forEach((r, i) => {
        const sent = new Set(sets[i]);
        for (const s of r.symbols) expect(sent.has(s)).toBe(true);
        expect(r.symbols.length + (r.missing ?? 0)).toBe(sets[i].length);
      });
    },
  );

  test.prop([blocks, fc.nat(), fc.integer({ min: 1, max: 255 }), fc.boolean()])(
    'a flipped or truncated payload is refused or yields only sent skills, never a crash',
    (sets, position, flip, truncate) => {
      const c = coder({ checksumBits: 32 });
      const payload = c.encodeBlock(sets.map(record));
      const damaged = truncate ? payload.slice(0, position % payload.length) : payload.slice();
      if (!truncate) damaged[position % damaged.length] ^= flip;
      try {
        c.decodeBlock(damaged, sets.length).forEach((r, i) => {
          const sent = new Set(sets[i]);
          for (const s of r.symbols) expect(sent.has(s)).toBe(true);
        });
      } catch (err) {
        expect(err).toBeInstanceOf(InputError);
      }
    },
  );

  it('decodes a block of 20 000 records (the sparse decoder keeps nothing per possible item)', () => {
    const records = 20000;
    const block = randomBlock(records, 5, new Prng(11));
    const c = coder({ block: records });
    const decoded = c.decodeBlock(c.encodeBlock(block), records);
    expect(decoded.map((r) => Array.from(r.symbols))).toEqual(block.map((r) => Array.from(r.symbols)));
  });

  it('encodes the same block to the same bytes', () => {
    const block = randomBlock(16, 10, new Prng(3));
    expect(coder().encodeBlock(block)).toEqual(coder().encodeBlock(block));
  });

  it('sizes frames through the §8 DE and reports the predicted loss per frame', () => {
    const c = coder({ erasure: 0.1, targetLoss: 0.05 });
    const block = randomBlock(16, 20, new Prng(9));
    const payload = c.encodeBlock(block);
    const summary = c.summarizeBlock(payload, block.length);
    const sizing = slotsForTargetLoss(parseDegreeSpec('liva8'), 320, 0.05, 0.1, 8);
    expect(summary.skills).toBe(320);
    expect(summary.slots).toBeGreaterThanOrEqual(sizing.slots);
    expect(summary.predictedLoss).toBeLessThanOrEqual(0.05);
    expect(summary.predictedLoss).toBeCloseTo(erasureDE(parseDegreeSpec('liva8'), 320 / summary.slots, 0.1).loss, 12);
    expect(summary.erasedSlots).toBe(0);
    const erased = c.summarizeBlock(c.erasePayload(payload, block.length, 0.3, new Prng(1)), block.length);
    expect(erased.erasedSlots).toBeGreaterThan(0.2 * summary.slots);
    expect(erased.erasedSlots).toBeLessThan(0.4 * summary.slots);
  });

  it('sets the frame size from --overhead', () => {
    const c = coder({ overhead: 2 });
    const block = randomBlock(4, 25, new Prng(2));
    expect(c.summarizeBlock(c.encodeBlock(block), 4).slots).toBeGreaterThanOrEqual(200);
  });

  it('codes an empty block and records without skills', () => {
    const c = coder();
    const sets = [[], [5, 9], []];
    expect(c.decodeBlock(c.encodeBlock(sets.map(record)), 3).map((r) => Array.from(r.symbols))).toEqual(sets);
    expect(c.decodeBlock(c.encodeBlock([record([])]), 1)).toEqual([{ symbols: new Uint32Array(0) }]);
  });

  it('refuses records that are not ascending distinct symbols of the model', () => {
    expect(() => coder().encodeBlock([record([3, 3])])).toThrow(/ascending, distinct/);
    expect(() => coder().encodeBlock([record([SYMBOLS])])).toThrow(InputError);
  });
});

describe('robust mode options', () => {
  const options = fc.record({
    repetition: fc.constantFrom('liva8', 'crdsa3', '0.25x^2+0.75x^5'),
    sized: fc.oneof(fc.record({ targetLoss: fc.double({ min: 0.02, max: 0.5, noNaN: true }) }), fc.record({ overhead: fc.double({ min: 1, max: 10, noNaN: true }) })),
    erasure: fc.double({ min: 0, max: 0.1, noNaN: true }),
    block: fc.integer({ min: 1, max: MAX_BLOCK }),
    checksumBits: fc.integer({ min: 0, max: 32 }),
  });

  test.prop([options])('survive the stream header unchanged', ({ sized, ...rest }) => {
    const parsed = robustMode.optionsFrom({ ...rest, ...sized });
    const read: RobustOptions = robustMode.readOptions(robustMode.writeOptions(parsed));
    expect(robustMode.describeOptions(read)).toEqual(robustMode.describeOptions(parsed));
    expect(read.repetition.spec).toBe(parsed.repetition.spec);
  });

  it('takes liva8, target loss 0.01, a clean channel and one record per frame by default', () => {
    expect(robustMode.describeOptions(robustMode.optionsFrom({}))).toEqual({
      repetition: 'liva8',
      targetLoss: 0.01,
      erasure: 0,
      block: 1,
      checksumBits: 8,
    });
  });

  it('refuses impossible or contradictory options with a usage error', () => {
    expect(() => robustMode.optionsFrom({ targetLoss: 0.001, erasure: 0.1 })).toThrow(/erasure floor/);
    expect(() => robustMode.optionsFrom({ targetLoss: 0.01, overhead: 2 })).toThrow(/not both/);
    expect(() => robustMode.optionsFrom({ repetition: 'poisson:3' })).toThrow(ParamError);
    expect(() => robustMode.optionsFrom({ repetition: '0.5+0.5x^3' })).toThrow(/degree 0/);
    expect(() => robustMode.optionsFrom({ block: 0 })).toThrow(/robust mode: block must be an integer/);
    expect(() => robustMode.optionsFrom({ erasure: 'lots' })).toThrow(/robust mode: erasure must be a number/);
  });

  test.prop([fc.uint8Array({ maxLength: 40 })])('reads malformed header bytes as an InputError, never a crash', (bytes) => {
    try {
      robustMode.readOptions(bytes);
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
    }
  });
});
