// Robust layered frames on a layered model, end to end (codec/robust robustLayersOf, lab/rate/uep.ts): the coder's
// view of model.layers against a brute-force oracle, a robust layered stream through the container decoding to exactly
// what a word stream of the same model decodes to, and the equal-bits comparison on a clean and an erasing channel.

import { describe, expect, it } from 'vitest';
import { robustLayersOf } from '../../codec/robust/index.js';
import { WordNetDb } from '../../src/concepts/wordnet.js';
import { trainModel } from '../../src/model/index.js';
import { heldOut } from '../../lab/rate/held-out.js';
import { encodeTexts, readBack } from '../../lab/rate/stream.js';
import { BIT_MATCH, spread, uepPoints } from '../../lab/rate/uep.js';
import { WordNet } from '../../lab/rate/wordnet.js';
import { decode, encode } from '../codec/helpers.js';
import { CONCEPT_SENTENCES } from '../concepts/sentences.js';

const TEXTS = [
  ...CONCEPT_SENTENCES,
  'The judge and the jury left the court at noon.',
  'A puppy and a kitten slept in the kitchen.',
  'The lorry and the van drove to the bank.',
  'Fish swam in the river by the road.',
];

describe('robust layered frames of a layered model', async () => {
  // Each word alone in a text of its own as well, so that peeling learns every skill.
  const words = [...new Set(TEXTS.join(' ').toLowerCase().match(/[a-z]+/g))];
  const model = await trainModel([...TEXTS, ...words.map((w) => `${w}.`)], { skills: 'layered:1' });
  const layers = model.layers!;

  it('maps each word symbol to the base symbol of its concept', () => {
    const view = robustLayersOf(model);
    expect(view.concepts).toBe(layers.keys.length);
    view.conceptOf.forEach((b, w) => expect(layers.keys[layers.coding.order[b]]).toBe(layers.keys[layers.conceptOfSymbol[w]]));
    expect(() => robustLayersOf({ ...model, layers: undefined })).toThrow(/needs a layered model/);
  });

  it('decodes a robust layered stream to exactly the word stream\'s records on a clean channel', async () => {
    const words = readBack(model, await encodeTexts(model, TEXTS, { mode: 'robust', options: { block: 4 } }));
    const layered = readBack(model, await encodeTexts(model, TEXTS, { mode: 'robust', options: { block: 4, repetitionBase: 'x^3' } }));
    expect(layered.symbols.map((s) => Array.from(s))).toEqual(words.symbols.map((s) => Array.from(s)));
    expect(words.symbols.some((s) => s.length > 0)).toBe(true);
  });

  it('codes the same robust layered stream on worker threads', async () => {
    const text = Array.from({ length: 12 }, () => TEXTS.join('\n')).join('\n') + '\n';
    const options = { mode: 'robust', modeOptions: { block: 4, repetitionBase: 'x^3' } };
    const one = await encode(model, text, options);
    expect(Buffer.from(await encode(model, text, { ...options, threads: 2 })).equals(Buffer.from(one))).toBe(true);
    expect((await decode(model, one, { threads: 2 })).records).toEqual((await decode(model, one)).records);
  });

  it('compares layered and word-only frames at equal bits', () => {
    const data = heldOut(model, TEXTS, new WordNet(WordNetDb.load()));
    const [clean, erased] = uepPoints(model, data, { settings: [{ repetitionBase: 'x^3', repetition: 'liva8', overhead: 1.5 }], erasures: [0, 0.3], block: 4, trials: 3, seed: 7 });
    // Bits come in whole bytes a frame here (3 frames): equal within a few bytes, not BIT_MATCH.
    for (const w of clean.wordOnly) expect(Math.abs(w.bitsPerText - clean.layered.bitsPerText)).toBeLessThanOrEqual(Math.max(BIT_MATCH * clean.layered.bitsPerText, (3 * 8) / TEXTS.length));
    // A clean channel delivers every learned skill, layered or not, and no concept alone.
    expect(clean.layered.conceptsOnly).toBe(0);
    expect(clean.layered.base.measured).toBe(0);
    expect(clean.layered.refinement.measured).toBe(0);
    for (const w of clean.wordOnly) {
      expect(w.recall.mean).toBe(clean.layered.recall.mean);
      expect(w.wordnet.mean).toBe(clean.layered.wordnet.mean);
      expect(w.words.measured).toBe(0);
    }
    expect(erased.layered.recall.mean).toBeLessThan(clean.layered.recall.mean);
    for (const loss of [erased.layered.base, erased.layered.refinement]) {
      expect(loss.measured).toBeGreaterThanOrEqual(0);
      expect(loss.measured).toBeLessThanOrEqual(1);
      expect(loss.predicted).toBeGreaterThan(0);
    }
  });

  it('gives the t interval of a few draws', () => {
    const s = spread([1, 2, 3]);
    expect(s.mean).toBe(2);
    expect(s.halfWidth).toBeCloseTo(4.303 * Math.sqrt(1 / 3), 12);
    expect(spread([5]).halfWidth).toBeNaN();
  });
});
