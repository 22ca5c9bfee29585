// Layered robust frames (codec/robust, THEORY.md §8 "Layered robust frames"): concepts as base items with their own
// repetition and words as refinement items in one slot frame. A clean channel gives back exactly the words (word
// mode's output); under erasures only sent words and sent concepts come back, a concept only when none of its words
// did; the decoder's use of "a recovered word reveals its concept" recovers at least what plain peeling does; the
// header options round-trip and word streams keep their bytes; each layer's loss on long frames meets its DE.

import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import type { SkillRecord } from '../../codec/block-coder.js';
import { readFrameBody, writeFrameBody } from '../../codec/container.js';
import { decodeImpliedSlotFrame, decodeSlotFrame } from '../../codec/robust/decode-slots.js';
import { RobustCoder, robustMode, type RobustLayers } from '../../codec/robust/index.js';
import { ClassPlacement } from '../../codec/robust/placement.js';
import { buildSlotFrame } from '../../codec/robust/slot-frame.js';
import { eraseSlots } from '../../codec/robust/channel.js';
import { DegreeDistribution, parseDegreeSpec } from '../../src/theory/degree.js';
import { classesErasureDE } from '../../src/theory/erasure.js';
import { InputError, ParamError } from '../../src/util/errors.js';
import { Prng } from '../../src/util/prng.js';

const WORDS = 240;
const CONCEPTS = 70;
/** Word w's concept: words below 220 share concepts 0..49 (4 or 5 words each), words 220..239 are alone in 50..69. */
const LAYERS: RobustLayers = { concepts: CONCEPTS, conceptOf: Uint32Array.from({ length: WORDS }, (_, w) => (w < 220 ? w % 50 : w - 170)) };
const refines = (w: number): boolean => w < 220;

function coder(values: Record<string, unknown> = {}): RobustCoder {
  return new RobustCoder(WORDS, robustMode.optionsFrom({ block: 16, repetitionBase: 'x^3', ...values }), LAYERS);
}

function record(symbols: readonly number[]): SkillRecord {
  return { symbols: Uint32Array.from(symbols), novelCount: 0, chars: 0 };
}

const symbolSets = fc.uniqueArray(fc.integer({ min: 0, max: WORDS - 1 }), { maxLength: 24 }).map((a) => a.sort((x, y) => x - y));
const blocks = fc.array(symbolSets, { minLength: 1, maxLength: 16 });

describe('layered robust frames', () => {
  test.prop([blocks, fc.constantFrom('liva8', 'x^2', 'x^3'), fc.constantFrom('x^3', 'liva8', '0.5x^3+0.5x^5'), fc.constantFrom(0.01, 0.1)])(
    'give back exactly the words, and no concept, on a clean channel',
    (sets, repetition, repetitionBase, targetLoss) => {
      const c = coder({ repetition, repetitionBase, targetLoss });
      const decoded = c.decodeBlock(c.encodeBlock(sets.map(record)), sets.length);
      expect(decoded.map((r) => Array.from(r.symbols))).toEqual(sets);
      expect(decoded.every((r) => r.missing === undefined && r.concepts === undefined)).toBe(true);
    },
  );

  test.prop([blocks, fc.double({ min: 0, max: 0.8, noNaN: true }), fc.integer()])(
    'after slot erasures give back only sent words, and sent concepts none of whose words came back',
    (sets, erasure, seed) => {
      const c = coder({ erasure: 0.1, overhead: 1.2, repetition: 'x^2' });
      const decoded = c.decodeBlock(c.erasePayload(c.encodeBlock(sets.map(record)), sets.length, erasure, new Prng(seed)), sets.length);
      decoded.forEach((r, i) => {
        const sent = new Set(sets[i]);
        for (const w of r.symbols) expect(sent.has(w)).toBe(true);
        expect(r.symbols.length + (r.missing ?? 0)).toBe(sets[i].length);
        const sentConcepts = new Set(sets[i].map((w) => LAYERS.conceptOf[w]));
        const said = new Set(Array.from(r.symbols, (w) => LAYERS.conceptOf[w]));
        for (const b of r.concepts ?? []) {
          expect(sentConcepts.has(b)).toBe(true);
          expect(said.has(b)).toBe(false);
        }
      });
    },
  );

  test.prop([fc.integer({ min: 20, max: 400 }), fc.double({ min: 0.05, max: 0.4, noNaN: true }), fc.integer()])(
    'cancelling the concepts of recovered words recovers a superset of plain peeling',
    (records, erasure, seed) => {
      const rng = new Prng(seed);
      const items: number[] = [];
      const implies = (item: number): number => (item < records * CONCEPTS ? -1 : Math.floor((item - records * CONCEPTS) / WORDS) * CONCEPTS + LAYERS.conceptOf[(item - records * CONCEPTS) % WORDS]);
      const concepts = new Set<number>();
      for (let r = 0; r < records; r++) {
        const words = new Set<number>();
        while (words.size < 6) words.add(rng.nextInt(WORDS));
        for (const w of words) {
          items.push(records * CONCEPTS + r * WORDS + w);
          concepts.add(r * CONCEPTS + LAYERS.conceptOf[w]);
        }
      }
      items.push(...concepts);
      const slots = Math.ceil(items.length / 1.4);
      const placement = new ClassPlacement([parseDegreeSpec('x^3'), parseDegreeSpec('x^2')], [0, records * CONCEPTS], slots, seed);
      const frame = buildSlotFrame(Uint32Array.from(items), placement, 8);
      eraseSlots(frame, erasure, rng);
      const universe = records * (CONCEPTS + WORDS);
      const plain = decodeSlotFrame(frame, placement, universe, items.length, 8);
      const implied = new Set(decodeImpliedSlotFrame(frame, placement, universe, items.length, 8, false, implies));
      for (const item of plain) expect(implied.has(item)).toBe(true);
      const sent = new Set(items);
      for (const item of implied) expect(sent.has(item)).toBe(true);
    },
  );

  it('meets each layer\'s DE loss within 0.02 on long frames (implication included)', () => {
    // 2,000 records of 8 words over 240 words and 70 concepts, in one frame at 1.3 slots per item, e = 0.1.
    const rng = new Prng(5);
    const records = Array.from({ length: 2000 }, () => {
      const set = new Set<number>();
      while (set.size < 8) set.add(rng.nextInt(WORDS));
      return record([...set].sort((a, b) => a - b));
    });
    const c = new RobustCoder(WORDS, robustMode.optionsFrom({ block: 2000, repetitionBase: 'x^3', repetition: 'x^2', overhead: 1.3 }), LAYERS);
    const payload = c.encodeBlock(records);
    const summary = c.summarizeBlock(payload, records.length);
    const decoded = c.decodeBlock(c.erasePayload(payload, records.length, 0.1, rng), records.length);
    // Measured: refinement items lost (words of several-word concepts), and concepts lost (neither the concept nor
    // any of its words delivered); W counts each concept's refining words in its record.
    let words = 0;
    let wordsLost = 0;
    let concepts = 0;
    let conceptsLost = 0;
    const histogram = [0];
    records.forEach((r, i) => {
      const perConcept = new Map<number, number>();
      for (const w of r.symbols) perConcept.set(LAYERS.conceptOf[w], (perConcept.get(LAYERS.conceptOf[w]) ?? 0) + (refines(w) ? 1 : 0));
      for (const k of perConcept.values()) histogram[k] = (histogram[k] ?? 0) + 1;
      const delivered = new Set([...Array.from(decoded[i].symbols, (w) => LAYERS.conceptOf[w]), ...(decoded[i].concepts ?? [])]);
      const got = new Set(decoded[i].symbols);
      for (const w of r.symbols) {
        if (!refines(w)) continue;
        words++;
        if (!got.has(w)) wordsLost++;
      }
      concepts += perConcept.size;
      for (const b of perConcept.keys()) if (!delivered.has(b)) conceptsLost++;
    });
    expect(summary).toMatchObject({ concepts, refinementItems: words });
    const W = DegreeDistribution.fromCounts(Array.from(histogram, (n) => n ?? 0), 'words per concept');
    const predicted = classesErasureDE(
      [
        { repetition: parseDegreeSpec('x^3'), load: concepts / summary.slots, impliedBy: { by: 1, count: W } },
        { repetition: parseDegreeSpec('x^2'), load: words / summary.slots },
      ],
      0.1,
    ).classes;
    expect(Math.abs(conceptsLost / concepts - predicted[0].loss)).toBeLessThan(0.02);
    expect(Math.abs(wordsLost / words - predicted[1].loss)).toBeLessThan(0.02);
    expect(conceptsLost / concepts).toBeLessThan(wordsLost / words);
  });

  it('delivers concepts and missing counts through the container\'s frame body', () => {
    // A frame body (codec/container.ts) whose robust payload lost half its slots: the records read back keep the
    // coder's concepts-only deliveries and missing counts.
    const c = coder({ overhead: 1.5, repetition: 'x^2' });
    const rng = new Prng(3);
    const records = Array.from({ length: 16 }, () => record([...new Set(Array.from({ length: 10 }, () => rng.nextInt(220)))].sort((x, y) => x - y)));
    const body = writeFrameBody(c, false, records);
    const payload = c.encodeBlock(records);
    expect(Buffer.from(body.subarray(body.length - payload.length)).equals(Buffer.from(payload))).toBe(true);
    const erased = c.erasePayload(payload, records.length, 0.5, rng);
    const damaged = new Uint8Array([...body.subarray(0, body.length - payload.length), ...erased]);
    const read = readFrameBody(c, false, damaged, records.length, 'frame 0').records;
    const direct = c.decodeBlock(erased, records.length);
    expect(read.map((r) => [Array.from(r.symbols), Array.from(r.concepts ?? []), r.missing ?? 0])).toEqual(direct.map((r) => [Array.from(r.symbols), Array.from(r.concepts ?? []), r.missing ?? 0]));
    expect(read.some((r) => (r.concepts?.length ?? 0) > 0)).toBe(true);
    expect(read.some((r) => (r.missing ?? 0) > 0)).toBe(true);
  });

  it('round-trips its header options, and word streams keep their option bytes', () => {
    const layered = robustMode.optionsFrom({ repetitionBase: 'x^3', targetLossBase: 0.002, targetLoss: 0.05, erasure: 0.05 });
    const back = robustMode.readOptions(robustMode.writeOptions(layered));
    expect(robustMode.describeOptions(back)).toEqual(robustMode.describeOptions(layered));
    expect(robustMode.describeOptions(back)).toMatchObject({ repetitionBase: '1x^3', targetLossBase: 0.002, targetLoss: 0.05 });
    const byOverhead = robustMode.optionsFrom({ repetitionBase: 'liva8', overhead: 1.5 });
    expect(robustMode.readOptions(robustMode.writeOptions(byOverhead)).base).toMatchObject({ targetLoss: null });
    // The base layer's fields follow the word options, which keep the bytes a word stream has.
    const plain = robustMode.writeOptions(robustMode.optionsFrom({ targetLoss: 0.05, erasure: 0.05 }));
    const bytes = robustMode.writeOptions(layered);
    expect(bytes.subarray(0, plain.length)).toEqual(plain);
    expect(bytes.length).toBe(plain.length + 1 + '1x^3'.length + 1 + 8);
  });

  it('refuses bad base options and damaged base headers', () => {
    expect(() => robustMode.optionsFrom({ targetLossBase: 0.01 })).toThrow(/needs repetitionBase/);
    expect(() => robustMode.optionsFrom({ repetitionBase: 'x^2', targetLossBase: 0.001, erasure: 0.1 })).toThrow(/targetLossBase 0.001 is below the erasure floor/);
    expect(() => robustMode.optionsFrom({ repetitionBase: 'poisson:3' })).toThrow(ParamError);
    const bytes = robustMode.writeOptions(robustMode.optionsFrom({ repetitionBase: 'x^3' }));
    expect(() => robustMode.readOptions(bytes.subarray(0, bytes.length - 3))).toThrow(/truncated/);
    const badSizing = bytes.slice();
    badSizing[bytes.length - 9] = 7;
    expect(() => robustMode.readOptions(badSizing)).toThrow(/base sizing byte 7/);
    expect(() => new RobustCoder(WORDS, robustMode.optionsFrom({ repetitionBase: 'x^3' }))).toThrow(/needs a layered model/);
    expect(() => new RobustCoder(WORDS, robustMode.optionsFrom({}), LAYERS)).toThrow(/needs the base layer/);
  });

  test.prop([blocks, fc.nat(), fc.integer({ min: 1, max: 255 }), fc.boolean()])('a flipped payload byte is refused, or decoded or repaired to only sent words and concepts', (sets, position, flip, repair) => {
    const c = coder({ checksumBits: 32 });
    const payload = c.encodeBlock(sets.map(record));
    const damaged = payload.slice();
    damaged[position % damaged.length] ^= flip;
    let decoded;
    try {
      decoded = repair ? c.repairBlock(damaged, sets.length) : c.decodeBlock(damaged, sets.length);
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      return;
    }
    decoded.forEach((r, i) => {
      const sent = new Set(sets[i]);
      for (const w of r.symbols) expect(sent.has(w)).toBe(true);
      const sentConcepts = new Set(sets[i].map((w) => LAYERS.conceptOf[w]));
      for (const b of r.concepts ?? []) expect(sentConcepts.has(b)).toBe(true);
    });
  });
});
