// Running the codec's Transforms in tests: feed chunks through stream/promises.pipeline and collect the output.
import { Readable, Writable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SkillModel } from '../../src/model/types.js';
import { EncodeStream, type EncodeOptions, DecodeStream, type DecodeOptions, type StreamRecord } from '../../codec/streams.js';
import type { BadFrames } from '../../codec/stream-parser.js';
import type { FrameDamage } from '../../codec/container.js';

/** Everything `transform` outputs for `chunks`, bytes concatenated or objects in order (into `out`). */
export async function run<T>(transform: Transform, chunks: Uint8Array[], out: T[] = []): Promise<T[]> {
  await pipeline(
    Readable.from(chunks.map((c) => Buffer.from(c))),
    transform,
    new Writable({
      objectMode: true,
      write(chunk: T, _enc, cb) {
        out.push(chunk);
        cb();
      },
    }),
  );
  return out;
}

export async function encode(model: SkillModel, text: string | Uint8Array, options: EncodeOptions = {}, chunks: number[] = []): Promise<Uint8Array> {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const parts = await run<Buffer>(new EncodeStream(model, options), split(bytes, chunks));
  return Buffer.concat(parts);
}

export async function decode(
  model: SkillModel,
  bytes: Uint8Array,
  options: DecodeOptions = {},
  chunks: number[] = [],
): Promise<{ records: StreamRecord[]; bad: BadFrames[] }> {
  const stream = new DecodeStream(model, options);
  const records = await run<StreamRecord>(stream, split(bytes, chunks));
  return { records, bad: stream.badFrames };
}

/** Decodes until the end or the first error: the records given before it, the reports, and the error. */
export async function decodeUntilError(
  model: SkillModel,
  bytes: Uint8Array,
  options: DecodeOptions = {},
  chunks: number[] = [],
): Promise<{ records: StreamRecord[]; bad: BadFrames[]; damaged: FrameDamage[]; error?: Error }> {
  const stream = new DecodeStream(model, options);
  const records: StreamRecord[] = [];
  try {
    await run<StreamRecord>(stream, split(bytes, chunks), records);
  } catch (error) {
    return { records, bad: stream.badFrames, damaged: stream.damagedFrames, error: error as Error };
  }
  return { records, bad: stream.badFrames, damaged: stream.damagedFrames };
}

/** `bytes` cut at the given offsets (taken modulo its length, sorted). */
export function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => (bytes.length === 0 ? 0 : c % bytes.length)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let at = 0;
  for (const p of points) {
    if (p > at) out.push(bytes.subarray(at, p));
    at = Math.max(at, p);
  }
  if (at < bytes.length || out.length === 0) out.push(bytes.subarray(at));
  return out;
}
