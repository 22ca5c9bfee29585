// The stable codes of the codec's input errors (README "Errors"): a frame or trailer that fails its CRC, a stream
// cut short, a stream decoded with another model, a model file that fails validation.

import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { StreamParser } from '../../codec/stream-parser.js';
import { readFileSync } from 'node:fs';
import { decodeModel, encodeModel } from '../../src/model/format.js';
import { trainModel } from '../../src/model/train.js';
import { InputError } from '../../src/util/errors.js';
import { fixtureModel } from './fixture-model.js';
import { decodeUntilError, encode } from './helpers.js';

const model = fixtureModel({ skills: 300, learnedShare: 0.8, maxNeighbors: 8, seed: 7 });
const text = Array.from({ length: 40 }, (_, i) => `${model.skills.keys[i]} ${model.skills.keys[i + 50]} ${model.skills.keys[i + 100]}`).join('\n') + '\n';

/** The byte lengths of the stream's header and of its first frame. */
function layout(bytes: Uint8Array): { header: number; frame: number } {
  const events = new StreamParser('', false).push(bytes);
  const header = events.find((e) => e.kind === 'header');
  const frame = events.find((e) => e.kind === 'frame');
  if (header?.kind !== 'header' || frame?.kind !== 'frame') throw new Error('no header and frame');
  return { header: header.bytes, frame: frame.frame.bytes };
}

async function decodeError(bytes: Uint8Array, with_ = model): Promise<Error | undefined> {
  return (await decodeUntilError(with_, bytes)).error;
}

describe('input error codes', () => {
  it('a frame body byte changed is ERR_SKZ_CRC', async () => {
    const bytes = await encode(model, text, { maxRecords: 10 });
    const { header, frame } = layout(bytes);
    const damaged = Uint8Array.from(bytes);
    damaged[header + frame - 5] ^= 0x40; // the body's last byte, just before the frame's CRC32
    const error = await decodeError(damaged);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: 'ERR_SKZ_CRC' });
    expect(error?.message).toMatch(/frame 0 \(records 0–9\) is corrupt \(CRC mismatch\)/);
  });

  it('a stream header byte changed is ERR_SKZ_CRC', async () => {
    const bytes = Uint8Array.from(await encode(model, text));
    bytes[layout(bytes).header - 5] ^= 1; // the model id's last byte
    expect(await decodeError(bytes)).toMatchObject({ code: 'ERR_SKZ_CRC' });
  });

  test.prop([fc.integer({ min: 1, max: 1 << 20 })], { numRuns: 25 })('a stream cut anywhere after its magic is ERR_SKZ_TRUNCATED', async (cut) => {
    const bytes = await encode(model, text, { maxRecords: 10 });
    const at = 5 + (cut % (bytes.length - 5));
    const error = await decodeError(bytes.subarray(0, at));
    expect(error).toMatchObject({ code: 'ERR_SKZ_TRUNCATED' });
    expect(error?.message).toMatch(/truncated/);
  });

  it('a stream decoded with another model is ERR_SKZ_MODEL_MISMATCH', async () => {
    const other = fixtureModel({ skills: 300, learnedShare: 0.8, maxNeighbors: 8, seed: 8 });
    const error = await decodeError(await encode(model, text), other);
    expect(error).toMatchObject({ code: 'ERR_SKZ_MODEL_MISMATCH' });
    expect(error?.message).toContain(`made with model ${model.id}`);
  });

  it('a model file with a byte changed is ERR_SKM_INVALID', async () => {
    const tiny = readFileSync('fixtures/corpora/tiny.txt', 'utf8').split('\n').filter((line) => line.trim() !== '');
    const trained = encodeModel(await trainModel(tiny, { seed: 1 }));
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const bytes = Uint8Array.from(trained);
        bytes[at % bytes.length] ^= flip;
        expect(() => decodeModel(bytes, 'm.skm')).toThrow(expect.objectContaining({ code: 'ERR_SKM_INVALID', message: expect.stringMatching(/^m\.skm: /) }));
      }),
      { numRuns: 50 },
    );
  });
});
