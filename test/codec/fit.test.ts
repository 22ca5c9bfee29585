// The encoder's judgement of whether the model fits its input (codec/streams.ts, src/model/feasibility.ts): the
// learned share of the input's skill occurrences against the predicted held-out recall stored in the header; judged
// at 200 occurrences and at the end, reported at most once, the same whatever the input's chunks.

import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { STREAM_VERSION, readHeader } from '../../codec/container.js';
import { ByteReader } from '../../codec/bytes.js';
import { EncodeStream } from '../../codec/streams.js';
import { FIT_MIN_OCCURRENCES, FIT_TOLERANCE, learnedShareCheck, type LearnedShareCheck } from '../../src/model/feasibility.js';
import type { SkillModel } from '../../src/model/types.js';
import { Prng } from '../../src/util/prng.js';
import { fixtureModel } from './fixture-model.js';
import { run, split } from './helpers.js';

const base = fixtureModel({ skills: 400, learnedShare: 0.8, maxNeighbors: 4, seed: 5 });

/** The fixture model with a predicted held-out recall, as a format-2 model carries it. */
function withPrediction(predicted: number): SkillModel {
  const feasibility = { novelMass: 0, novelMassBy: 'texts', documents: 0, charactersPerText: 1, compositions: { offsets: new Uint32Array(1), bands: new Uint32Array(0), counts: new Uint32Array(0), texts: new Uint32Array(0) }, heldOutRecall: { predicted, composition: predicted } } as const;
  return { ...base, stats: { ...base.stats, feasibility } };
}

/** Lines of `lines` texts of 8 skills each: learned skills, or with probability `novel` a word the model never saw. */
function texts(lines: number, novel: number, seed: number): string {
  const prng = new Prng(seed);
  const learned = base.skills.keys.filter((_, i) => base.skills.learned[i] === 1);
  return Array.from({ length: lines }, () => Array.from({ length: 8 }, () => (prng.next() < novel ? `zz${prng.nextInt(1e6)}q` : learned[prng.nextInt(learned.length)])).join(' ')).join('\n') + '\n';
}

async function encodeWatching(model: SkillModel, text: string, cuts: number[] = []): Promise<{ bytes: Buffer; misfits: LearnedShareCheck[]; final: LearnedShareCheck }> {
  const encoder = new EncodeStream(model, { maxRecords: 7 });
  const misfits: LearnedShareCheck[] = [];
  encoder.on('misfit', (check: LearnedShareCheck) => misfits.push(check));
  const bytes = Buffer.concat(await run<Buffer>(encoder, split(new TextEncoder().encode(text), cuts)));
  return { bytes, misfits, final: encoder.learnedShare() };
}

describe('learnedShareCheck', () => {
  it('judges only with a prediction and at least FIT_MIN_OCCURRENCES occurrences, at a shortfall above FIT_TOLERANCE', () => {
    expect(learnedShareCheck(50, 100, 0.9).fits).toBeNull();
    expect(learnedShareCheck(100, FIT_MIN_OCCURRENCES, null).fits).toBeNull();
    expect(learnedShareCheck(FIT_MIN_OCCURRENCES * (0.9 - FIT_TOLERANCE), FIT_MIN_OCCURRENCES, 0.9).fits).toBe(true);
    expect(learnedShareCheck(FIT_MIN_OCCURRENCES * (0.9 - FIT_TOLERANCE) - 1, FIT_MIN_OCCURRENCES, 0.9).fits).toBe(false);
    expect(learnedShareCheck(0, 0, 0.9)).toEqual({ measured: 1, predicted: 0.9, occurrences: 0, fits: null });
  });
});

describe('EncodeStream and the fit of its model', () => {
  it('stores the predicted recall in the header (to a millionth), and null for a model without one', async () => {
    for (const [model, expected] of [[withPrediction(0.9439122), 0.943912], [base, null]] as const) {
      const { bytes } = await encodeWatching(model, texts(3, 0, 1));
      const header = readHeader(new ByteReader(bytes, 'test'), 'test');
      expect(header.version).toBe(STREAM_VERSION);
      if (expected === null) expect(header.predictedRecall).toBeNull();
      else expect(header.predictedRecall).toBeCloseTo(expected, 6);
    }
  });

  it('reports a misfit once, at the first 200 occurrences, even when the whole input falls short too', async () => {
    const { misfits, final } = await encodeWatching(withPrediction(0.95), texts(200, 0.5, 2));
    expect(misfits).toHaveLength(1);
    expect(misfits[0].occurrences).toBeGreaterThanOrEqual(FIT_MIN_OCCURRENCES);
    expect(misfits[0].occurrences).toBeLessThan(FIT_MIN_OCCURRENCES + 8);
    expect(misfits[0].fits).toBe(false);
    expect(final.occurrences).toBeGreaterThan(1000);
    expect(final.fits).toBe(false);
  });

  it('reports a misfit at the end when the input drifts away from the model after a good start', async () => {
    const { misfits } = await encodeWatching(withPrediction(0.95), texts(40, 0, 3) + texts(200, 0.6, 4));
    expect(misfits).toHaveLength(1);
    expect(misfits[0].occurrences).toBeGreaterThan(1000);
  });

  it('does not report text the model fits, nor any text when the model has no prediction', async () => {
    expect((await encodeWatching(withPrediction(0.95), texts(200, 0.02, 5))).misfits).toHaveLength(0);
    expect((await encodeWatching(base, texts(200, 0.9, 6))).misfits).toHaveLength(0);
  });

  test.prop([fc.array(fc.nat(), { maxLength: 20 })], { numRuns: 25 })('the judgement does not depend on how the input is chunked', async (cuts) => {
    const text = texts(60, 0.3, 7);
    const whole = await encodeWatching(withPrediction(0.95), text);
    const pieces = await encodeWatching(withPrediction(0.95), text, cuts);
    expect(pieces.misfits).toEqual(whole.misfits);
    expect(pieces.bytes.equals(whole.bytes)).toBe(true);
  });
});
