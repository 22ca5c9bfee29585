// Layered streams (issue #17; codec/layered.ts, codec/refinement.ts, docs/FORMAT.md "Layered frames"): decoding both
// layers gives exactly what word mode gives for the same model and input, record by record; the base alone gives
// the concept sets (the word-mode records' symbols mapped through conceptOfSymbol, deduplicated); a partial
// refinement delivers the refined concepts' words and the others as concepts; a damaged refinement costs only the
// refinement (its records come back as concepts, reported); a truncated stream, chunk splits and threads behave as
// for word streams. Over fixture models with random concept groupings and over small layered models trained on text.
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { ByteReader } from '../../codec/bytes.js';
import { INDEXED_VERSION, readTrailer, TRAILER_FOOTER_BYTES } from '../../codec/container.js';
import { layerMapOf, RefinementCoder } from '../../codec/refinement.js';
import { trainModel, type SkillModel } from '../../src/model/index.js';
import { InputError, ParamError } from '../../src/util/errors.js';
import { Prng } from '../../src/util/prng.js';
import { fixtureModel, layeredFixture } from './fixture-model.js';
import { decode, decodeUntilError, encode } from './helpers.js';

const words = fixtureModel({ skills: 300, learnedShare: 0.8, maxNeighbors: 8, seed: 61 });
const models = [layeredFixture(words, 1.5, 1), layeredFixture(words, 4, 2), layeredFixture(words, 40, 3)];

function lines(model: SkillModel, seed: number, count: number): string {
  const prng = new Prng(seed);
  const keys = model.skills.keys;
  // skewed towards the frequent keys, so that records repeat words and concepts
  return Array.from({ length: count }, () => Array.from({ length: prng.nextInt(10) }, () => (prng.next() < 0.9 ? keys[Math.floor(keys.length * prng.next() ** 2)] : `w${prng.nextInt(50)}`)).join(' ')).join('\n') + '\n';
}

/** The concept set a word-mode record must come back as from the base layer alone. */
function conceptsOf(model: SkillModel, symbols: Uint32Array): number[] {
  const map = layerMapOf(model);
  return [...new Set(Array.from(symbols, (w) => map.baseOf[w]))].sort((a, b) => a - b);
}

/** The byte offset and length of frame `i` of a (single-member) stream, from its trailer's index. */
function frameAt(bytes: Uint8Array, i: number): { start: number; length: number } {
  const length = new ByteReader(bytes, 't', bytes.length - TRAILER_FOOTER_BYTES).uint32();
  const index = readTrailer(new ByteReader(bytes, 't', bytes.length - TRAILER_FOOTER_BYTES - length), INDEXED_VERSION)!.index!;
  return { start: index.headerBytes + index.frameBytes.slice(0, i).reduce((a, b) => a + b, 0), length: index.frameBytes[i] };
}

describe('layered streams', () => {
  test.prop([fc.constantFrom(...models), fc.nat(10000), fc.integer({ min: 1, max: 40 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 5 })], { numRuns: 30 })(
    'both layers decode to the word-mode records; the base alone to their concept sets',
    async (model, seed, maxRecords, keepNovel, cuts) => {
      const text = lines(model, seed, 50);
      const options = { maxRecords, keepNovel, modeOptions: { context: seed % 3 !== 0, associations: seed % 3 === 1 } };
      const layered = await encode(model, text, options, cuts);
      const word = await encode(model, text, { ...options, layered: false });
      expect(layered[5] & 2).toBe(2); // the header's layered flag
      expect(word[5] & 2).toBe(0);
      const expected = (await decode(model, word)).records;
      expect((await decode(model, layered, {}, cuts)).records).toEqual(expected);
      const base = (await decode(model, layered, { layers: 'base' }, cuts)).records;
      expect(base.map((r) => Array.from(r.concepts ?? []))).toEqual(expected.map((r) => conceptsOf(model, r.symbols)));
      expect(base.every((r) => r.symbols.length === 0)).toBe(true);
      expect(base.map((r) => [r.index, r.novelCount, r.novel])).toEqual(expected.map((r) => [r.index, r.novelCount, r.novel]));
    },
    60_000,
  );

  test.prop([fc.constantFrom(...models), fc.nat(10000), fc.double({ min: 0, max: 14, noNaN: true })], { numRuns: 20 })(
    'a partial refinement delivers the concepts of at least B bits as their words and the others as concepts',
    async (model, seed, bits) => {
      const text = lines(model, seed, 40);
      const expected = (await decode(model, await encode(model, text, { layered: false }))).records;
      const records = (await decode(model, await encode(model, text, { refineMinInformation: bits }))).records;
      const { frequencies, texts } = model.layers!.coding;
      const refined = (b: number): boolean => -Math.log2(frequencies[b] / texts) >= bits;
      const map = layerMapOf(model);
      records.forEach((record, r) => {
        const all = Array.from(expected[r].symbols);
        expect(Array.from(record.symbols)).toEqual(all.filter((w) => refined(map.baseOf[w])));
        expect(Array.from(record.concepts ?? [])).toEqual(conceptsOf(model, expected[r].symbols).filter((b) => !refined(b)));
      });
    },
    60_000,
  );

  it('a fully refined frame pays nothing for the chance of an unrefined concept: concepts of one word cost no bits', () => {
    const model = models[0];
    const map = layerMapOf(model);
    const singles = Array.from({ length: map.concepts }, (_, b) => b).filter((b) => map.size(b) === 1);
    expect(singles.length).toBeGreaterThan(20);
    const bases = Array.from({ length: 30 }, (_, r) => Uint32Array.from(singles.slice(r % 10, (r % 10) + 1 + (r % 4))));
    const records = bases.map((set) => ({ symbols: Uint32Array.from(set, (b) => map.members[map.memberStart[b]]).sort() }));
    const coder = new RefinementCoder(model);
    const all = coder.encode(records, bases, () => true);
    expect(Buffer.from(all).equals(Buffer.from(coder.encode([], [], () => true)))).toBe(true); // only the frame's flag
    // one concept left unrefined: every concept then has its refined-or-not flag
    const partial = coder.encode(records, bases, (b) => b !== singles[10]);
    expect(partial.length).toBeGreaterThan(all.length);
    const back = coder.decode(partial, bases);
    back.forEach((record, r) => {
      expect(Array.from(record.concepts)).toEqual(bases[r].includes(singles[10]) ? [singles[10]] : []);
      expect(Array.from(record.symbols)).toEqual(Array.from(records[r].symbols).filter((w) => map.baseOf[w] !== singles[10]));
    });
    expect(coder.decode(all, bases).map((r) => Array.from(r.symbols))).toEqual(records.map((r) => Array.from(r.symbols)));
  });

  test.prop([fc.constantFrom(...models), fc.nat(10000), fc.integer({ min: 0, max: 3 })], { numRuns: 30 })(
    'the refinement decodes to the refined words and the unrefined concepts; a truncated one is an InputError',
    async (model, seed, mode) => {
      const records = (await decode(model, await encode(model, lines(model, seed, 30), { layered: false, maxRecords: 30 }))).records;
      const map = layerMapOf(model);
      const bases = records.map((r) => Uint32Array.from(conceptsOf(model, r.symbols)));
      const refined = (b: number): boolean => mode === 0 || (mode === 1 ? false : (b * 7 + seed) % mode !== 0);
      const coder = new RefinementCoder(model);
      const payload = coder.encode(records, bases, refined);
      coder.decode(payload, bases).forEach((back, r) => {
        expect(Array.from(back.symbols)).toEqual(Array.from(records[r].symbols).filter((w) => refined(map.baseOf[w])));
        expect(Array.from(back.concepts)).toEqual(Array.from(bases[r]).filter((b) => !refined(b)));
      });
      if (bases.some((set) => set.length > 0)) expect(() => coder.decode(payload.subarray(0, payload.length - 4), bases)).toThrow(InputError);
    },
    60_000,
  );

  it('a damaged refinement costs only the refinement: its records come back as concepts, reported', async () => {
    const model = models[1];
    const text = lines(model, 5, 60);
    const bytes = Buffer.from(await encode(model, text, { maxRecords: 10 }));
    const expected = (await decode(model, bytes)).records;
    const base = (await decode(model, bytes, { layers: 'base' })).records;
    const frame = frameAt(bytes, 2);
    const damaged = Buffer.from(bytes);
    damaged[frame.start + frame.length - 5] ^= 0x24; // the refinement's last byte, before the frame's CRC32
    const out = await decodeUntilError(model, damaged);
    expect(out.error).toBeUndefined();
    expect(out.records.slice(0, 20)).toEqual(expected.slice(0, 20));
    expect(out.records.slice(20, 30)).toEqual(base.slice(20, 30));
    expect(out.records.slice(30)).toEqual(expected.slice(30));
    expect(out.damaged).toHaveLength(1);
    expect(out.damaged[0]).toMatchObject({ frame: 2, firstRecord: 20, lastRecord: 29, refinementLost: true });
    expect(out.damaged[0].message).toMatch(/^input: frame 2 \(records 20–29\) is damaged \(CRC mismatch\) in its refinement: its records are delivered as the \d+ concepts of its base layer/);
    // damage in the base layer (or before it) is a corrupt frame, as in word mode
    const broken = Buffer.from(bytes);
    broken[frame.start + 8] ^= 0x24;
    const failed = await decodeUntilError(model, broken);
    expect(failed.error?.message).toMatch(/frame 2 \(records 20–29\) is corrupt/);
    expect(failed.records).toEqual(expected.slice(0, 20));
  });

  it('a truncated layered stream delivers its whole frames, then names the cut frame', async () => {
    const model = models[0];
    const bytes = await encode(model, lines(model, 8, 30), { maxRecords: 8 });
    const expected = (await decode(model, bytes)).records;
    const frame = frameAt(bytes, 2);
    const out = await decodeUntilError(model, bytes.subarray(0, frame.start + 9));
    expect(out.records).toEqual(expected.slice(0, 16));
    expect(out.error?.message).toMatch(/frame 2 \(records 16–23\) is truncated/);
  });

  it('the same bytes and records for 1 and 2 threads, and every thread count of the machine (0)', async () => {
    const model = models[2];
    const text = lines(model, 9, 120);
    const one = Buffer.from(await encode(model, text, { maxRecords: 9 }));
    const records = (await decode(model, one)).records;
    const base = (await decode(model, one, { layers: 'base' })).records;
    for (const threads of [0, 2]) {
      expect(Buffer.from(await encode(model, text, { maxRecords: 9, threads })).equals(one)).toBe(true);
      expect((await decode(model, one, { threads })).records).toEqual(records);
      expect((await decode(model, one, { threads, layers: 'base' })).records).toEqual(base);
      expect((await decode(model, one, { threads, records: { first: 7, last: 31 } })).records).toEqual(records.slice(7, 32));
    }
  }, 60_000);

  it('is refused for a word model and asked of robust mode; robust mode writes word frames by default', async () => {
    await expect(encode(words, 'x', { layered: true })).rejects.toThrow(ParamError);
    await expect(encode(words, 'x', { refineMinInformation: 3 })).rejects.toThrow(/layered streams only/);
    await expect(encode(models[0], 'x', { mode: 'robust', layered: true })).rejects.toThrow(/robust mode has no separable layers/);
    const robust = await encode(models[0], lines(models[0], 4, 10), { mode: 'robust' });
    expect(robust[5] & 2).toBe(0);
  });

  const SENTENCES = [
    'The dog.', 'A truck!', 'The jury.', 'Cars and trucks.', 'The dog and the cat.', 'The jury and the juror.',
    'The dog chased the cat across the yard.', 'A jury heard the juror and the court.', 'The truck hit the car.',
    'Dogs and cats ate the food in the kitchen.', 'The court sent the jury home; the dog slept.', 'A cat.', 'Food!',
    'The river bank flooded the road.', 'Trucks and cars on the road by the river.', 'The judge and the jury.',
  ];
  test.prop(
    [fc.integer({ min: 0, max: 3 }), fc.subarray(SENTENCES, { minLength: 4 }), fc.array(fc.constantFrom(...SENTENCES, 'Nothing known here.', 'A juror drove a truck to court.'), { maxLength: 12 }), fc.integer({ min: 1, max: 5 })],
    { numRuns: 12 },
  )('on small trained layered models, both layers give word mode and the base gives the concepts', async (level, corpus, input, maxRecords) => {
    const model = await trainModel(corpus, { skills: `layered:${level}` });
    const text = input.join('\n') + '\n';
    const expected = (await decode(model, await encode(model, text, { layered: false, maxRecords }))).records;
    const bytes = await encode(model, text, { maxRecords });
    expect((await decode(model, bytes)).records).toEqual(expected);
    expect((await decode(model, bytes, { layers: 'base' })).records.map((r) => Array.from(r.concepts ?? []))).toEqual(expected.map((r) => conceptsOf(model, r.symbols)));
  }, 60_000);
});
