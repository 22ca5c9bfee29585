// `skillzip decode [FILE...|-] [-m MODEL] [-o OUT | -c] [--format jsonl|text] [--skip-bad] [-t]`: .skz streams back
// to skill content (codec/streams.ts DecodeStream), one JSON Lines record {"record","id"?,"skills",…} or one text line per
// record; stdin or one FILE to stdout, several FILE.skz each to FILE beside it (cli/commands/files.ts). A corrupt or
// truncated frame is an error (exit 1); with --skip-bad it is reported on stderr, decoding goes on, and the exit
// code is 3 (finished with damage), as it is when a robust frame was repaired from its slots (reported on stderr). -t decodes and checks every frame, writing nothing.

import { Transform, type TransformCallback } from 'node:stream';
import type { Argv, CommandModule } from 'yargs';
import type { BadFrames } from '../../codec/stream-parser.js';
import type { FrameDamage } from '../../codec/container.js';
import { DecodeStream } from '../../codec/streams.js';
import type { SkillModel } from '../../src/model/index.js';
import { outputOption, withOutputOptions, type OutputTarget } from '../output-file.js';
import { inputSize, progressWanted, startProgress, withProgressOptions, type ProgressArgs } from '../progress.js';
import { InputError } from '../../src/util/errors.js';
import { modelFor, runFilter, type Destination } from './codec-io.js';
import { codeFiles, withFileOptions, type FileArgs } from './files.js';

/** The exit code of a decode that finished with damage (frames skipped with --skip-bad, or repaired): not everything came back. */
export const EXIT_SKIPPED_DAMAGE = 3;

export interface DecodeArgs extends FileArgs, ProgressArgs {
  file?: string[];
  model?: string;
  format: 'jsonl' | 'text';
  'skip-bad'?: boolean;
  test?: boolean;
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
  const model = await modelFor(args.model);
  let skipped = false;
  const decodeOne = async (file: string, target: OutputTarget | undefined): Promise<void> => {
    if (await decodeFile(model, file, target ?? 'stdout', args)) skipped = true;
  };
  let ok = true;
  if (args.test) ok = await codeFiles(files, 'decode', { ...args, stdout: true }, (file) => testFile(model, file, args));
  else if (single) await decodeOne(files[0], output);
  else ok = await codeFiles(files, 'decode', args, decodeOne);
  if (!ok) process.exitCode = 1;
  else if (skipped) process.exitCode = EXIT_SKIPPED_DAMAGE;
}

/** Decodes one stream into `destination`; returns whether damage was skipped (--skip-bad) or repaired (robust). */
async function decodeFile(model: SkillModel, file: string, destination: Destination, args: DecodeArgs): Promise<boolean> {
  // endOnFailure: the records of every intact frame before a fatal damage reach the output (an -o file included, which
  // is completed, not removed) before the damage is reported.
  const decoder = new DecodeStream(model, { output: args.format, skipBad: args['skip-bad'], name: file === '-' ? 'stdin' : file, endOnFailure: true });
  if (!args.quiet) {
    decoder.on('bad', (bad: BadFrames) => process.stderr.write(`skillzip: ${bad.message}\n`));
    decoder.on('damaged', (damage: FrameDamage) => process.stderr.write(`skillzip: ${damage.message}\n`));
  }
  const counter = lineCounter();
  const progress = startProgress(`${args.test ? 'test' : 'decode'} ${file === '-' ? 'stdin' : file}`, inputSize(file), progressWanted(args), counter.lines);
  await runFilter(file, [decoder, counter.stage], destination, progress);
  if (decoder.failure) throw decoder.failure;
  return decoder.badFrames.length > 0 || decoder.damagedFrames.length > 0;
}

/** -t: decodes one stream, checking every frame, and keeps nothing; -v says OK. */
async function testFile(model: SkillModel, file: string, args: DecodeArgs): Promise<void> {
  if (await decodeFile(model, file, 'discard', args)) throw new InputError(`${file}: damaged (frames were repaired from their slots)`);
  if (args.verbose) process.stderr.write(`${file}: OK\n`);
}

export const decodeCommand: CommandModule<object, DecodeArgs> = {
  command: 'decode [file..]',
  describe: 'Decode .skz streams to the skills of their records',
  builder: (y: Argv) =>
    withProgressOptions(withFileOptions(withOutputOptions(y, 'the records (one input)')))
      .positional('file', { type: 'string', array: true, describe: 'Input streams (- or nothing: stdin); several: each FILE.skz to FILE' })
      .option('model', { alias: 'm', type: 'string', describe: 'Model file the stream was made with; default: the built-in model' })
      .option('format', { type: 'string', choices: ['jsonl', 'text'] as const, default: 'jsonl', describe: 'JSON Lines records or one line of skills per record' })
      .option('skip-bad', { type: 'boolean', describe: `Report corrupt frames and go on (exit code ${EXIT_SKIPPED_DAMAGE})` })
      .option('test', { alias: 't', type: 'boolean', describe: 'Check every frame (CRC and decoding), write nothing; exit 1 on damage' })
      .example('$0 decode notes.skz --format text', 'one line of skills per record on stdout')
      .example('$0 decode notes.skz -o notes.jsonl', 'JSON Lines records to a file (refused if it exists, unless -f)')
      .example('$0 decode a.txt.skz b.txt.skz', 'each stream to the file beside it: a.txt, b.txt')
      .example('$0 decode damaged.skz --skip-bad', 'decode what is intact, report the rest, exit 3')
      .example('$0 decode -t *.skz', 'check streams without writing anything')
      .conflicts('test', ['output', 'skip-bad']) as unknown as Argv<DecodeArgs>,
  handler: (args) => decodeFiles(args, false),
};
