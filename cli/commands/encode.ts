// `skillzip encode [FILE|-] [-m MODEL] [-o OUT | -c] [--mode compact|robust] [--unit …] [--keep-novel] [-f]`:
// texts to a .skz stream (codec/streams.ts EncodeStream), stdin to stdout by default, like gzip. Each mode's own
// options (codec/modes.ts) are offered as flags (the mode applies its defaults; another mode's option is refused).
// Binary output is refused on a terminal without -f.

import type { Argv, CommandModule } from 'yargs';
import { modes, modeByName } from '../../codec/modes.js';
import { EncodeStream } from '../../codec/streams.js';
import { RECORD_UNITS, type RecordUnit } from '../../codec/units.js';
import { UsageError } from '../../src/util/errors.js';
import { resolveOutput, withOutputOptions, type OutputArgs } from '../output-file.js';
import { isLiveInput, modelFor, runFilter } from './codec-io.js';

interface EncodeArgs extends OutputArgs {
  file?: string;
  model?: string;
  stdout?: boolean;
  mode: string;
  unit: RecordUnit;
  'keep-novel': boolean;
  [option: string]: unknown;
}

/** A frame is closed when a live input pauses this long, so that a pipe never stalls. */
const PAUSE_MS = 50;

export const encodeCommand: CommandModule<object, EncodeArgs> = {
  command: 'encode [file]',
  describe: 'Encode texts as their learned skills (a .skz stream)',
  builder: (y: Argv) => {
    let parser = withOutputOptions(y, 'the stream', false)
      .positional('file', { type: 'string', describe: 'Input text (- or nothing: stdin)' })
      .option('model', { alias: 'm', type: 'string', describe: 'Model file (.skm); default: the built-in Brown model' })
      .option('force', { alias: 'f', type: 'boolean', default: false, describe: 'Overwrite an existing output file; write binary output to a terminal' })
      .option('stdout', { alias: 'c', type: 'boolean', describe: 'Write to stdout (the default)' })
      .option('mode', { type: 'string', choices: modes.map((m) => m.mode), default: 'compact', describe: 'Coding mode' })
      .option('unit', { type: 'string', choices: RECORD_UNITS, default: 'line' as RecordUnit, describe: 'How input is cut into records' })
      .option('keep-novel', { type: 'boolean', default: false, describe: 'Carry skills the model has not learned as literals' })
      .conflicts('output', 'stdout');
    const declared = new Set(['model', 'output', 'stdout', 'mode', 'unit', 'keep-novel', 'force']);
    for (const mode of modes) {
      for (const [name, option] of Object.entries(mode.cliOptions)) {
        if (declared.has(name)) continue;
        declared.add(name);
        const shown = option.default === undefined ? '' : ` (default ${option.default})`;
        parser = parser.option(name, { type: option.type, describe: `[${mode.mode} mode] ${option.describe}${shown}` });
      }
    }
    return parser as unknown as Argv<EncodeArgs>;
  },
  handler: async (args) => {
    if (args.output === undefined && process.stdout.isTTY && !args.force) {
      throw new UsageError('refusing to write a binary stream to a terminal (use -o FILE, a pipe, or -f)');
    }
    const mode = modeByName(args.mode);
    for (const other of modes) {
      for (const name of Object.keys(other.cliOptions)) {
        if (args[name] !== undefined && !(name in mode.cliOptions)) throw new UsageError(`--${name} is an option of ${other.mode} mode, not of ${mode.mode} mode`);
      }
    }
    const modeOptions = Object.fromEntries(Object.keys(mode.cliOptions).map((name) => [name, args[name]]));
    const output = args.output === undefined ? undefined : await resolveOutput(args.output, args.force);
    const model = await modelFor(args.model);
    const encoder = new EncodeStream(model, {
      mode: args.mode,
      modeOptions,
      unit: args.unit,
      keepNovel: args['keep-novel'],
      name: args.file === undefined || args.file === '-' ? 'stdin' : args.file,
      flushAfterMs: isLiveInput(args.file) ? PAUSE_MS : 0,
    });
    await runFilter(args.file, encoder, output);
  },
};
