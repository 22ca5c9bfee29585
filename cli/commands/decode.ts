// `skillzip decode [FILE|-] [-m MODEL] [-o OUT] [--output jsonl|text] [--skip-bad]`: a .skz stream back to skill
// content (codec/streams.ts DecodeStream), one JSON Lines record {"id","skills",…} or one text line per record.
// A corrupt or truncated frame is an error (exit 1); with --skip-bad it is reported on stderr, decoding goes on,
// and the exit code is 2 (warning). A robust frame repaired from its slots is reported on stderr (exit code 2).

import type { Argv, CommandModule } from 'yargs';
import type { BadFrames } from '../../codec/stream-parser.js';
import type { FrameDamage } from '../../codec/container.js';
import { DecodeStream } from '../../codec/streams.js';
import { modelFor, runFilter } from './codec-io.js';

interface DecodeArgs {
  file?: string;
  model?: string;
  /** -o: the output file (--output is the format, as DESIGN.md fixes it). */
  out?: string;
  output: 'jsonl' | 'text';
  'skip-bad': boolean;
}

export const decodeCommand: CommandModule<object, DecodeArgs> = {
  command: 'decode [file]',
  describe: 'Decode a .skz stream to the skills of its records',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', describe: 'Input stream (- or nothing: stdin)' })
      .option('model', { alias: 'm', type: 'string', describe: 'Model file the stream was made with; default: the built-in model' })
      .option('out', { alias: 'o', type: 'string', describe: 'Write to this file (atomically) instead of stdout' })
      .option('output', { type: 'string', choices: ['jsonl', 'text'] as const, default: 'jsonl', describe: 'JSON Lines records or one line of skills per record' })
      .option('skip-bad', { type: 'boolean', default: false, describe: 'Report corrupt frames and go on (exit code 2)' }) as unknown as Argv<DecodeArgs>,
  handler: async (args) => {
    const model = await modelFor(args.model);
    const name = args.file === undefined || args.file === '-' ? 'stdin' : args.file;
    const decoder = new DecodeStream(model, { output: args.output, skipBad: args['skip-bad'], name });
    decoder.on('bad', (bad: BadFrames) => process.stderr.write(`skillzip: ${bad.message}\n`));
    decoder.on('damaged', (damage: FrameDamage) => process.stderr.write(`skillzip: ${damage.message}\n`));
    await runFilter(args.file, decoder, args.out);
    if (decoder.badFrames.length > 0 || decoder.damagedFrames.length > 0) process.exitCode = 2;
  },
};
