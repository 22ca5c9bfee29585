// Decoding streams, for `skillzip decode` and the gzip-style default command (-d, -t): .skz streams back
// to skill content (codec/streams.ts DecodeStream), one JSON Lines record {"record","id"?,"skills",…} or one text line per
// record; stdin or one FILE to stdout, several FILE.skz each to FILE beside it (cli/coding/files.ts). A corrupt or
// truncated frame is an error (exit 1); with --skip-bad it is reported on stderr, decoding goes on, and the exit
// code is 3 (finished with damage), as it is when a robust frame was repaired from its slots or a layered frame's
// refinement was lost (its records delivered as concepts), both reported on stderr. --layers base decodes a layered
// stream's concepts only (a stream that is not layered is refused: codec/streams.ts). -t decodes and checks every
// frame, writing nothing.

import { open } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import type { BadFrames } from '../../codec/stream-parser.js';
import type { FrameDamage, Layers } from '../../codec/container.js';
import type { RepairedFrame } from '../../codec/frame-reader.js';
import { DecodeStream } from '../../codec/streams.js';
import { FrameSeeker, type RecordRange, planStreamSeek } from '../../codec/seek.js';
import type { SkillModel } from '../../src/model/index.js';
import { outputOption, type OutputTarget } from '../output-file.js';
import { inputSize, progressWanted, startProgress, type ProgressArgs } from '../progress.js';
import { InputError, UsageError } from '../../src/util/errors.js';
import { threadsOf, type ThreadsArgs } from '../threads-option.js';
import { modelFor, runFilter, type Destination } from './codec-io.js';
import { codeFiles, type FileArgs } from './files.js';

/** The exit code of a decode that finished with damage (frames skipped with --skip-bad, or repaired): not everything came back. */
export const EXIT_SKIPPED_DAMAGE = 3;

export interface DecodeArgs extends FileArgs, ProgressArgs, Partial<ThreadsArgs> {
  file?: string[];
  model?: string;
  format: 'jsonl' | 'text';
  'skip-bad'?: boolean;
  layers?: Layers;
  test?: boolean;
  records?: string;
}

/** Parses `--records A-B` (also `A-`, to the end, and `A` alone): record numbers from 0, as decode numbers them. */
export function parseRecordRange(text: string): RecordRange {
  const match = /^(\d+)(?:(-)(\d*))?$/.exec(text.trim());
  const first = match ? Number(match[1]) : NaN;
  const last = !match ? NaN : match[2] === undefined ? first : match[3] === '' ? Infinity : Number(match[3]);
  if (!Number.isSafeInteger(first) || !(Number.isSafeInteger(last) || last === Infinity) || last < first) {
    throw new UsageError(`--records ${text}: expected A-B (record numbers from 0, A ≤ B), A- or A`);
  }
  return { first, last };
}

/** Counts the lines going by: one per decoded record in both formats. */
function lineCounter(): { stage: Transform; lines: () => number } {
  let lines = 0;
  const stage = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      callback(null, chunk);
    },
  });
  return { stage, lines: () => lines };
}

/** Decodes `files` (none: stdin) as `args` say; `beside`: each FILE.skz to FILE even when it is the only one. */
export async function decodeFiles(args: DecodeArgs, beside: boolean): Promise<void> {
  const files = args.file && args.file.length > 0 ? args.file : ['-'];
  const single = !beside && files.length === 1 && !args.test;
  const output = single ? await outputOption(args) : undefined;
  const range = args.records === undefined ? undefined : parseRecordRange(args.records);
  const model = await modelFor(args.model);
  let skipped = false;
  const decodeOne = async (file: string, target: OutputTarget | undefined): Promise<void> => {
    if (await decodeFile(model, file, target ?? 'stdout', args, range)) skipped = true;
  };
  let ok = true;
  if (args.test) ok = await codeFiles(files, 'decode', { ...args, stdout: true }, (file) => testFile(model, file, args, range));
  else if (single) await decodeOne(files[0], output);
  else ok = await codeFiles(files, 'decode', args, decodeOne);
  if (!ok) process.exitCode = 1;
  else if (skipped) process.exitCode = EXIT_SKIPPED_DAMAGE;
}

/**
 * Decodes one stream (the records of `range` only, when given) into `destination`; returns whether damage was skipped
 * (--skip-bad) or repaired (robust). A range is read from a regular file through its frame index (codec/seek.ts);
 * from stdin, or when the index cannot be used (said on stderr), by scanning the stream.
 */
async function decodeFile(model: SkillModel, file: string, destination: Destination, args: DecodeArgs, range?: RecordRange): Promise<boolean> {
  const name = file === '-' ? 'stdin' : file;
  const seeker = range && file !== '-' ? await seekerFor(file, range, args) : undefined;
  // endOnFailure: the records of every intact frame before a fatal damage reach the output (an -o file included, which
  // is completed, not removed) before the damage is reported.
  const decoder = new DecodeStream(model, { output: args.format, skipBad: args['skip-bad'], name, endOnFailure: true, records: range, events: seeker !== undefined, threads: threadsOf(args), layers: args.layers });
  seeker?.useRepair((frame, header, member) => decoder.repair(frame, header, member));
  // --layers base asks only for the base layer, which checks on its own: a frame whose refinement alone is damaged
  // loses nothing asked for, so it is said but is not damage to exit 3 for
  const lossless = (damage: FrameDamage) => args.layers === 'base' && damage.refinementLost === true;
  if (!args.quiet) {
    decoder.on('bad', (bad: BadFrames) => process.stderr.write(`skillzip: ${bad.message}\n`));
    decoder.on('damaged', (damage: FrameDamage) =>
      process.stderr.write(`skillzip: ${damage.message}${lossless(damage) ? ' (--layers base reads only the base layer: nothing asked for is lost)' : ''}\n`),
    );
  }
  const counter = lineCounter();
  const progress = startProgress(`${args.test ? 'test' : 'decode'} ${file === '-' ? 'stdin' : file}`, inputSize(file), progressWanted(args), counter.lines);
  await runFilter(file, [decoder, counter.stage], destination, progress, seeker);
  if (decoder.failure) throw decoder.failure;
  return decoder.badFrames.length > 0 || decoder.damagedFrames.some((damage) => !lossless(damage));
}

/** The frames of `range` in FILE located by its frame index, or undefined (said on stderr) when the index cannot be used. */
async function seekerFor(file: string, range: RecordRange, args: DecodeArgs): Promise<FrameSeeker<RepairedFrame> | undefined> {
  const handle = await open(file, 'r');
  try {
    const stat = await handle.stat();
    if (stat.isFile()) {
      const plan = await planStreamSeek(handle, stat.size, file);
      if ('members' in plan) return new FrameSeeker<RepairedFrame>(handle, plan.members, range, args['skip-bad'] ?? false);
      if (!args.quiet) process.stderr.write(`skillzip: ${file}: no usable frame index (${plan.problem}); scanning the whole stream for records ${describeRange(range)}\n`);
    }
  } catch (err) {
    await handle.close();
    throw err;
  }
  await handle.close();
  return undefined;
}

function describeRange(range: RecordRange): string {
  return range.last === Infinity ? `from ${range.first}` : `${range.first}–${range.last}`;
}

/** -t: decodes one stream (or the frames of `range`), checking every frame, and keeps nothing; -v says OK. */
async function testFile(model: SkillModel, file: string, args: DecodeArgs, range?: RecordRange): Promise<void> {
  if (await decodeFile(model, file, 'discard', args, range)) throw new InputError(`${file}: damaged (frames were repaired from their slots, or delivered as concepts without their refinement)`);
  if (args.verbose) process.stderr.write(`${file}: OK\n`);
}
