// `skillzip decode [FILE|-] [-m MODEL] [-o OUT] [--format jsonl|text] [--skip-bad]`: a .skz stream back to skill
// content (codec/streams.ts DecodeStream), one JSON Lines record {"id","skills",…} or one text line per record.
// A corrupt or truncated frame is an error (exit 1); with --skip-bad it is reported on stderr, decoding goes on,
// and the exit code is 3 (finished with skipped damage).

import type { Argv, CommandModule } from 'yargs';
import type { BadFrames } from '../../codec/stream-parser.js';
import { DecodeStream } from '../../codec/streams.js';
import { resolveOutput, withOutputOptions, type OutputArgs } from '../output-file.js';
import { modelFor, runFilter } from './codec-io.js';

/** The exit code of a decode that skipped damaged frames (--skip-bad): finished, but not everything came back. */
export const EXIT_SKIPPED_DAMAGE = 3;

interface DecodeArgs extends OutputArgs {
  file?: string;
  model?: string;
  format: 'jsonl' | 'text';
  'skip-bad': boolean;
}

export const decodeCommand: CommandModule<object, DecodeArgs> = {
  command: 'decode [file]',
  describe: 'Decode a .skz stream to the skills of its records',
  builder: (y: Argv) =>
    withOutputOptions(y, 'the records', false)
      .positional('file', { type: 'string', describe: 'Input stream (- or nothing: stdin)' })
      .option('model', { alias: 'm', type: 'string', describe: 'Model file the stream was made with; default: the built-in model' })
      .option('format', { type: 'string', choices: ['jsonl', 'text'] as const, default: 'jsonl', describe: 'JSON Lines records or one line of skills per record' })
      .option('skip-bad', { type: 'boolean', default: false, describe: `Report corrupt frames and go on (exit code ${EXIT_SKIPPED_DAMAGE})` }) as unknown as Argv<DecodeArgs>,
  handler: async (args) => {
    const output = args.output === undefined ? undefined : await resolveOutput(args.output, args.force);
    const model = await modelFor(args.model);
    const name = args.file === undefined || args.file === '-' ? 'stdin' : args.file;
    const decoder = new DecodeStream(model, { output: args.format, skipBad: args['skip-bad'], name });
    decoder.on('bad', (bad: BadFrames) => process.stderr.write(`skillzip: ${bad.message}\n`));
    await runFilter(args.file, decoder, output);
    if (decoder.badFrames.length > 0) process.exitCode = EXIT_SKIPPED_DAMAGE;
  },
};
