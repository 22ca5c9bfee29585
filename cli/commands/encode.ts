// `skillzip encode [FILE...|-] [-m MODEL] [-o OUT | -c] [--mode compact|robust] [--unit …] [--text-field F] [--id-field F] [--keep-novel] [-f]`:
// texts to a .skz stream (codec/streams.ts EncodeStream), stdin or one FILE to stdout by default, like gzip -c;
// several FILEs each to FILE.skz beside it (cli/commands/files.ts). Each mode's own options (codec/modes.ts) are
// offered as flags (the mode applies its defaults; another mode's option is refused). Binary output is refused on a
// terminal without -f. When the model does not fit the input (its learned share of the input's skill occurrences falls
// short of the model's predicted held-out recall, codec/streams.ts), a warning says so once per input on stderr.

import type { Argv, CommandModule } from 'yargs';
import { modes, modeByName } from '../../codec/modes.js';
import { EncodeStream } from '../../codec/streams.js';
import { misfitWarning, type LearnedShareCheck, type SkillModel } from '../../src/model/index.js';
import { UsageError } from '../../src/util/errors.js';
import { outputOption, withOutputOptions, type OutputTarget } from '../output-file.js';
import { inputSize, progressWanted, startProgress, withProgressOptions, type ProgressArgs } from '../progress.js';
import { jsonFieldsOf, withUnitOptions, type UnitArgs } from '../unit-options.js';
import { isLiveInput, modelFor, runFilter } from './codec-io.js';
import { codeFiles, withFileOptions, type FileArgs } from './files.js';

export interface EncodeArgs extends FileArgs, ProgressArgs, UnitArgs {
  file?: string[];
  model?: string;
  mode: string;
  'keep-novel': boolean;
  [option: string]: unknown;
}

/** What -f allows where binary output is written: overwriting, and a terminal. */
export const FORCE_BINARY = 'Overwrite existing output files; write binary output to a terminal';

/** A frame is closed when a live input pauses this long, so that a pipe never stalls. */
const PAUSE_MS = 50;

/** Encodes `files` (none: stdin) as `args` say; `beside`: each FILE to FILE.skz even when it is the only one. */
export async function encodeFiles(args: EncodeArgs, beside: boolean): Promise<void> {
  const files = args.file && args.file.length > 0 ? args.file : ['-'];
  const toFiles = (beside || files.length > 1) && !args.stdout;
  if (!toFiles && files.length > 1) throw new UsageError('several inputs on stdout would make concatenated streams, which decode does not read: drop -c to write each FILE.skz');
  const output = toFiles ? undefined : await outputOption(args);
  if (!toFiles && output === undefined && process.stdout.isTTY && !args.force) {
    throw new UsageError('refusing to write a binary stream to a terminal (use -o FILE, a pipe, or -f)');
  }
  const mode = modeByName(args.mode);
  for (const other of modes) {
    for (const name of Object.keys(other.cliOptions)) {
      if (args[name] !== undefined && !(name in mode.cliOptions)) throw new UsageError(`--${name} is an option of ${other.mode} mode, not of ${mode.mode} mode`);
    }
  }
  const modeOptions = Object.fromEntries(Object.keys(mode.cliOptions).map((name) => [name, args[name]]));
  const model = await modelFor(args.model);
  const encodeOne = (file: string, target: OutputTarget | undefined) => encodeFile(model, file, target, args, modeOptions);
  if (toFiles) {
    if (!(await codeFiles(files, 'encode', args, encodeOne))) process.exitCode = 1;
  } else {
    await encodeOne(files[0], output);
  }
}

function encodeFile(model: SkillModel, file: string, target: OutputTarget | undefined, args: EncodeArgs, modeOptions: Record<string, unknown>): Promise<void> {
  const encoder = new EncodeStream(model, {
    mode: args.mode,
    modeOptions,
    unit: args.unit ?? 'line',
    fields: jsonFieldsOf(args),
    keepNovel: args['keep-novel'],
    name: file === '-' ? 'stdin' : file,
    flushAfterMs: isLiveInput(file) ? PAUSE_MS : 0,
  });
  if (!args.quiet) encoder.on('misfit', (check: LearnedShareCheck) => process.stderr.write(`skillzip: warning: ${misfitWarning(check, file === '-' ? 'stdin' : file)}\n`));
  const progress = startProgress(`encode ${file === '-' ? 'stdin' : file}`, inputSize(file), progressWanted(args), () => encoder.totals.records);
  return runFilter(file, [encoder], target ?? 'stdout', progress);
}

export const encodeCommand: CommandModule<object, EncodeArgs> = {
  command: 'encode [file..]',
  describe: 'Encode texts as their learned skills (a .skz stream)',
  builder: (y: Argv) => {
    let parser = withUnitOptions(withProgressOptions(withFileOptions(withOutputOptions(y, 'the stream (one input)', { force: FORCE_BINARY }))), 'records')
      .positional('file', { type: 'string', array: true, describe: 'Input texts (- or nothing: stdin); several: each FILE to FILE.skz' })
      .option('model', { alias: 'm', type: 'string', describe: 'Model file (.skm); default: the built-in Brown model' })
      .option('mode', { type: 'string', choices: modes.map((m) => m.mode), default: 'compact', describe: 'Coding mode' })
      .option('keep-novel', { type: 'boolean', default: false, describe: 'Carry skills the model has not learned as literals' })
      .example('echo "The jury praised the election" | $0 encode | $0 decode', 'a pipe with the built-in model')
      .example('$0 encode notes.txt -o notes.skz', 'one file to a stream file (refused if notes.skz exists, unless -f)')
      .example('$0 encode a.txt b.txt --rm', 'each file to FILE.skz beside it, removing the input (like gzip)')
      .example('$0 encode talk.txt --mode robust --erasure 0.1 -o talk.skz', 'robust mode: frames survive lost slots');
    const declared = new Set(['model', 'output', 'stdout', 'mode', 'unit', 'text-field', 'id-field', 'keep-novel', 'force']);
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
  handler: (args) => encodeFiles(args, false),
};
