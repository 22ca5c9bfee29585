// The stream measurement under fast-check, on a model trained on fixtures/corpora/tiny.txt: for any list of texts
// (corpus sentences, shuffled words, arbitrary Unicode), the bytes of the codec's stream are fully attributed,
// every record comes back in order, compact mode returns exactly each text's learned skills, robust mode never
// returns a skill that was not sent, and a channel that erases every slot leaves nothing to recover.

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { createExtractor, trainModel, type SkillModel } from '../../src/model/index.js';
import { Prng } from '../../src/util/prng.js';
import { encodeTexts, readBack } from '../../lab/rate/stream.js';

const corpus = readFileSync('fixtures/corpora/tiny.txt', 'utf8').split('\n').filter((l) => l.trim() !== '');
const words = [...new Set(corpus.join(' ').split(/\s+/))];
let model: SkillModel;
let learnedKeys: (text: string) => string[];

beforeAll(async () => {
  model = await trainModel(corpus, { seed: 5 });
  const extractor = createExtractor(model.extractor);
  const learned = new Set(model.skills.keys.filter((_, i) => model.skills.learned[i] === 1));
  learnedKeys = (text) => extractor.extract(text).filter((k) => learned.has(k)).sort();
});

const keysOf = (symbols: Uint32Array): string[] => Array.from(symbols, (s) => model.skills.keys[model.coding.order[s]]).sort();
const text = fc.oneof(fc.constantFrom(...corpus), fc.array(fc.constantFrom(...words), { maxLength: 12 }).map((w) => w.join(' ')), fc.string({ unit: 'grapheme', maxLength: 40 }));
const texts = fc.array(text, { maxLength: 30 });

describe('one skillzip stream measured', () => {
  fcTest.prop([texts, fc.constantFrom<Record<string, boolean>>({}, { context: false })], { numRuns: 25 })('compact: bytes add up and each record returns its learned skills', async (list, options) => {
    const stream = await encodeTexts(model, list, { mode: 'compact', options });
    const back = readBack(model, stream);
    const b = back.bytes;
    expect(b.header + b.frames + b.trailer).toBe(stream.length);
    expect(b.bytes).toBe(stream.length);
    expect(b.payload).toBeLessThanOrEqual(b.frames);
    expect(b.frameCount).toBe(list.length === 0 ? 0 : Math.ceil(list.length / 1024));
    expect(back.symbols.map(keysOf)).toEqual(list.map(learnedKeys));
    expect(back.slotFrames).toEqual([]);
  });

  fcTest.prop([texts, fc.double({ min: 0, max: 0.5, noNaN: true }), fc.integer({ min: 1, max: 8 }), fc.integer()], { numRuns: 25 })(
    'robust: every frame is described, no wrong skill survives any erasure, and erasing every slot loses every skill',
    async (list, erasure, block, seed) => {
      const stream = await encodeTexts(model, list, { mode: 'robust', options: { overhead: 2, block } });
      const clean = readBack(model, stream);
      expect(clean.bytes.header + clean.bytes.frames + clean.bytes.trailer).toBe(stream.length);
      expect(clean.slotFrames).toHaveLength(clean.bytes.frameCount);
      const sent = list.map(learnedKeys);
      expect(clean.slotFrames.reduce((n, f) => n + f.skills, 0)).toBe(sent.reduce((n, k) => n + k.length, 0));
      const lossy = readBack(model, stream, { erasure, rng: new Prng(seed) });
      lossy.symbols.forEach((symbols, i) => expect(keysOf(symbols).every((k) => sent[i].includes(k))).toBe(true));
      const erased = readBack(model, stream, { erasure: 1, rng: new Prng(seed) });
      expect(erased.symbols.every((s) => s.length === 0)).toBe(true);
    },
  );
});
