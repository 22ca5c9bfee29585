// Compact mode (codec/compact/): decode(encode(sets)) = sets for every model fixture and every block of sets of
// learned skills, without context, with the recency cache, and with the cache and associations (also on sets built
// from association neighbourhoods, where the encoder's choice of associates is exercised); the size without
// context sits at the unigram set-entropy bound Σ −log2 p(s) − log2 k!; repeated topics and associated skills cost
// less with context; damaged payloads give an InputError, never another exception or a hang.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { CompactCoder, compactMode, type CompactOptions } from '../../codec/compact/index.js';
import type { SkillRecord } from '../../codec/block-coder.js';
import { InputError } from '../../src/util/errors.js';
import { Prng } from '../../src/util/prng.js';
import { fixtureModel } from './fixture-model.js';

const fixtures = [
  fixtureModel({ skills: 1, learnedShare: 1, maxNeighbors: 0, seed: 1 }),
  fixtureModel({ skills: 40, learnedShare: 0.7, maxNeighbors: 4, seed: 2 }),
  fixtureModel({ skills: 3000, learnedShare: 0.8, maxNeighbors: 16, seed: 3 }),
  fixtureModel({ skills: 70000, learnedShare: 0.95, maxNeighbors: 8, seed: 4 }),
];

function setsOf(n: number): fc.Arbitrary<Uint32Array[]> {
  const symbol = fc.oneof(fc.nat({ max: Math.max(0, Math.min(n, 50) - 1) }), fc.nat({ max: Math.max(0, n - 1) }));
  const set = n === 0 ? fc.constant(new Uint32Array(0)) : fc.uniqueArray(symbol, { maxLength: Math.min(n, 40) }).map((a) => Uint32Array.from(a).sort());
  return fc.array(set, { minLength: 1, maxLength: 60 });
}

const record = (symbols: Uint32Array): SkillRecord => ({ symbols, novelCount: 0, chars: 0 });

const settings: CompactOptions[] = [
  { context: false, associations: false },
  { context: true, associations: false },
  { context: true, associations: true },
];
const FULL: CompactOptions = { context: true, associations: true };
const PLAIN: CompactOptions = { context: false, associations: false };

function roundTrip(coder: CompactCoder, sets: Uint32Array[]): void {
  const decoded = coder.decodeBlock(coder.encodeBlock(sets.map(record)), sets.length);
  expect(decoded.map((d) => Array.from(d.symbols))).toEqual(sets.map((s) => Array.from(s)));
}

/** Sets made of a few skills and some of their associates, and associates of those (chains of support). */
function associatedSetsOf(model: (typeof fixtures)[number]): fc.Arbitrary<Uint32Array[]> {
  const n = model.coding.order.length;
  const { offsets, neighbors } = model.association;
  const grow = (seeds: number[], picks: number[]): Uint32Array => {
    const set = new Set(seeds.map((s) => s % n));
    let p = 0;
    for (const s of [...set]) {
      for (let a = offsets[s]; a < offsets[s + 1] && p < picks.length; a++, p++) {
        if (picks[p] % 3 === 0) continue;
        set.add(neighbors[a]);
        const e = neighbors[a];
        if (picks[p] % 3 === 2 && offsets[e + 1] > offsets[e]) set.add(neighbors[offsets[e]]);
      }
    }
    return Uint32Array.from(set).sort();
  };
  const one = fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.array(fc.nat(), { maxLength: 40 })).map(([seeds, picks]) => grow(seeds, picks));
  return fc.array(one, { minLength: 1, maxLength: 40 });
}

describe('compact mode round trip', () => {
  for (const model of fixtures) {
    const n = model.coding.order.length;
    for (const options of settings) {
      test.prop([setsOf(n)], { numRuns: 40 })(`${n} symbols, ${JSON.stringify(options)}`, (sets) => roundTrip(new CompactCoder(model, options), sets));
    }
    if (model.association.maxNeighbors > 0) {
      test.prop([associatedSetsOf(model)], { numRuns: 60 })(`${n} symbols, sets of associates, with associations`, (sets) => roundTrip(new CompactCoder(model, FULL), sets));
    }
  }

  test('the whole alphabet in one record, and empty records', () => {
    const model = fixtures[2];
    const all = Uint32Array.from(model.coding.order.keys());
    const coder = new CompactCoder(model, FULL);
    const sets = [all, new Uint32Array(0), all.subarray(0, 5), all, all.subarray(3, 9)];
    const decoded = coder.decodeBlock(coder.encodeBlock(sets.map(record)), sets.length);
    expect(decoded.map((d) => d.symbols.length)).toEqual([all.length, 0, 5, all.length, 6]);
    expect(Array.from(decoded[0].symbols)).toEqual(Array.from(all));
  });

  test('sets that are not ascending and distinct, or use unknown symbols, are refused', () => {
    const coder = new CompactCoder(fixtures[1], PLAIN);
    expect(() => coder.encodeBlock([record(Uint32Array.of(3, 2))])).toThrow(InputError);
    expect(() => coder.encodeBlock([record(Uint32Array.of(2, 2))])).toThrow(InputError);
    expect(() => coder.encodeBlock([record(Uint32Array.of(1e6))])).toThrow(InputError);
  });
});

describe('compact mode rate', () => {
  test('without context the size is within 2% of Σ −log2 p(s) − log2 k! plus the lengths’ entropy', () => {
    const model = fixtures[2];
    const freqs = model.coding.frequencies;
    const total = freqs.reduce((a, b) => a + b, 0);
    const cum = new Float64Array(freqs.length + 1);
    freqs.forEach((f, i) => (cum[i + 1] = cum[i] + f));
    const prng = new Prng(11);
    // Draw sets from the model's own unigram distribution, as the bound assumes.
    const sets: Uint32Array[] = [];
    const lengthCounts = new Map<number, number>();
    let bound = 0;
    for (let r = 0; r < 1000; r++) {
      const k = 1 + prng.nextInt(12);
      const set = new Set<number>();
      while (set.size < k) {
        const u = prng.next() * total;
        let lo = 0;
        let hi = freqs.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (cum[mid + 1] <= u) lo = mid + 1;
          else hi = mid;
        }
        set.add(lo);
      }
      const symbols = Uint32Array.from(set).sort();
      sets.push(symbols);
      lengthCounts.set(k, (lengthCounts.get(k) ?? 0) + 1);
      for (const s of symbols) bound -= Math.log2(freqs[s] / total);
      for (let i = 2; i <= k; i++) bound -= Math.log2(i);
    }
    for (const c of lengthCounts.values()) bound -= c * Math.log2(c / sets.length);
    const coder = new CompactCoder(model, PLAIN);
    let bits = 0;
    for (let f = 0; f < sets.length; f += 250) bits += 8 * coder.encodeBlock(sets.slice(f, f + 250).map(record)).length;
    expect(bits / bound).toBeGreaterThan(0.97);
    expect(bits / bound).toBeLessThan(1.02);
  });
});

describe('compact mode context', () => {
  test('records that repeat the skills of the records before them cost far less with context', () => {
    const model = fixtures[2];
    const n = model.coding.order.length;
    const prng = new Prng(5);
    const topic = Array.from({ length: 20 }, () => prng.nextInt(n));
    const sets = Array.from({ length: 400 }, () => Uint32Array.from(new Set(Array.from({ length: 6 }, () => topic[prng.nextInt(20)]))).sort());
    const size = (options: CompactOptions): number => new CompactCoder(model, options).encodeBlock(sets.map(record)).length;
    expect(size(FULL)).toBeLessThan(0.6 * size(PLAIN));
  });

  test('records of strongly associated skills cost less with associations than with the cache alone', () => {
    const model = fixtures[2];
    const n = model.coding.order.length;
    const { offsets, neighbors } = model.association;
    const prng = new Prng(6);
    // each record: a skill never seen before in the frame and its first three associates
    const sets = Array.from({ length: 300 }, () => {
      const c = prng.nextInt(n);
      const set = new Set([c]);
      for (let a = offsets[c]; a < Math.min(offsets[c + 1], offsets[c] + 3); a++) set.add(neighbors[a]);
      return Uint32Array.from(set).sort();
    });
    const size = (associations: boolean): number => new CompactCoder(model, { context: true, associations }).encodeBlock(sets.map(record)).length;
    expect(size(true)).toBeLessThan(0.9 * size(false));
  });
});

describe('compact mode on damaged payloads', () => {
  test.prop([fc.nat(), fc.nat({ max: 255 }), fc.boolean()], { numRuns: 300 })('decoding fails with InputError or returns sets', (at, value, cut) => {
    const model = fixtures[2];
    const coder = new CompactCoder(model, FULL);
    const sets = Array.from({ length: 20 }, (_, i) => Uint32Array.from({ length: i % 9 }, (_, j) => j * 7 + i));
    const payload = coder.encodeBlock(sets.map(record)).slice();
    const damaged = cut ? payload.subarray(0, at % payload.length) : payload;
    if (!cut) damaged[at % damaged.length] ^= 1 + (value % 255);
    try {
      const decoded = coder.decodeBlock(damaged, sets.length);
      for (const d of decoded) for (let i = 1; i < d.symbols.length; i++) expect(d.symbols[i]).toBeGreaterThan(d.symbols[i - 1]);
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
    }
  });
});

describe('compact mode after a damaged payload', () => {
  test.prop([fc.nat(), fc.nat({ max: 255 })], { numRuns: 200 })('the same coder decodes the next intact payload exactly', (at, value) => {
    const model = fixtures[2];
    const coder = new CompactCoder(model, FULL);
    const sets = Array.from({ length: 30 }, (_, i) => Uint32Array.from({ length: 3 + (i % 9) }, (_, j) => j * 11 + (i % 5)));
    const payload = coder.encodeBlock(sets.map(record)).slice();
    const damaged = payload.slice();
    damaged[at % damaged.length] ^= 1 + (value % 255);
    try {
      coder.decodeBlock(damaged, sets.length);
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
    }
    expect(coder.decodeBlock(payload, sets.length).map((d) => Array.from(d.symbols))).toEqual(sets.map((s) => Array.from(s)));
  });
});

describe('compact mode options', () => {
  test('header bytes round trip, malformed bytes are refused', () => {
    for (const options of settings) expect(compactMode.readOptions(compactMode.writeOptions(options))).toEqual(options);
    for (const bad of [Uint8Array.of(2), Uint8Array.of(7), Uint8Array.of(1, 1), new Uint8Array(0)]) expect(() => compactMode.readOptions(bad)).toThrow(InputError);
    expect(compactMode.optionsFrom({})).toEqual(FULL);
    expect(compactMode.optionsFrom({ context: false })).toEqual(PLAIN);
    expect(compactMode.optionsFrom({ context: false, associations: true })).toEqual(PLAIN);
    expect(compactMode.optionsFrom({ associations: false })).toEqual({ context: true, associations: false });
  });
});
