// The worker thread of codec/workers.ts: loads the model once (from its file, checking the id, or as cloned), then
// codes frames as asked — texts to a frame body (FrameEncoder) or a frame body to output (FrameDecoder) — and replies
// with the result, or with the error (an InputError's message and code, which the stream reports naming the frame).
// Finished bytes travel moved (transferred), not copied; JSON Lines output is made bytes here. Mode options arrive
// structured-cloned, which drops their classes' methods (robust mode's repetition is a DegreeDistribution), so they
// are rebuilt here from the header bytes the mode writes for them.

import { workerData } from 'node:worker_threads';
import type { TextRecord } from '../src/corpus/units.js';
import { loadModel } from '../src/model/store.js';
import type { SkillModel } from '../src/model/types.js';
import { InputError } from '../src/util/errors.js';
import { type DecodeOutput, type EncodeSettings, FrameDecoder, FrameEncoder, type MemberCoding } from './frame-coding.js';
import type { RecordRange } from './seek.js';
import { modeById, modeByName } from './modes.js';
import type { BlockCoderFactory } from './block-coder.js';
import type { Layers } from './container.js';
import { ownBuffer, serveTasks } from '../src/util/worker-pool.js';
import type { ModelSource } from './workers.js';

/** What a worker is asked: a frame's texts to encode, or a frame's body to decode. */
export type WorkerTask =
  | { kind: 'encode'; settings: EncodeSettings; texts: TextRecord[] }
  | { kind: 'decode'; output: DecodeOutput; range: RecordRange; layers: Layers; coding: MemberCoding; body: Uint8Array; recordCount: number; first: number; what: string };

const source = workerData as ModelSource;
const model: Promise<SkillModel> = 'file' in source ? loadModel(source.file) : Promise.resolve(source.model);
let encoder: { key: string; coder: FrameEncoder } | undefined;
let decoder: { key: string; coder: FrameDecoder } | undefined;

/** Options as their mode reads them back from the bytes it writes for them (the stream header's). */
function revived(mode: BlockCoderFactory, options: unknown): unknown {
  return mode.readOptions(mode.writeOptions(options));
}

async function run(task: WorkerTask): Promise<unknown> {
  const m = await model;
  if ('file' in source && m.id !== source.id) throw new InputError(`${source.file}: the model file changed while it was in use (id ${m.id}, was ${source.id})`);
  if (task.kind === 'encode') {
    const key = JSON.stringify(task.settings);
    if (encoder?.key !== key) encoder = { key, coder: new FrameEncoder(m, { ...task.settings, modeOptions: revived(modeByName(task.settings.mode), task.settings.modeOptions) }) };
    return encoder.coder.encode(task.texts);
  }
  const key = JSON.stringify([task.output, task.range.first, String(task.range.last), task.layers]);
  if (decoder?.key !== key) decoder = { key, coder: new FrameDecoder(m, task.output, task.range, task.layers) };
  const coding = { ...task.coding, modeOptions: revived(modeById(task.coding.modeId, task.what), task.coding.modeOptions) };
  const decoded = decoder.coder.decode(coding, task.body, task.recordCount, task.first, task.what);
  // JSON Lines leave as their UTF-8 bytes (what the stream writes for the string), encoded here rather than on the main thread
  if ('output' in decoded && typeof decoded.output === 'string') decoded.output = utf8.encode(decoded.output);
  return decoded;
}

const utf8 = new TextEncoder();

// the finished bytes (an encoded frame's body, a decoded frame's output lines) are moved to the main thread, not copied
serveTasks(run, (result) => {
  const { body, output } = result as { body?: unknown; output?: unknown };
  return [...ownBuffer(body), ...ownBuffer(output)];
});
