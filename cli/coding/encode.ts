// Encoding files or stdin, for `skillzip encode` and the gzip-style default command: texts to a .skz stream
// (codec/streams.ts EncodeStream), stdin or one FILE to stdout by default, like gzip -c; several FILEs each to
// FILE.skz beside it (cli/coding/files.ts), or with -c one stream per FILE, concatenated on stdout. The chosen mode's own options (codec/modes.ts) are passed on, another
// mode's are refused. Binary output is refused on a terminal without -f.

import { modes, modeByName } from '../../codec/modes.js';
import { EncodeStream } from '../../codec/streams.js';
import type { Ranking } from '../../codec/selection.js';
import { misfitWarning, type LearnedShareCheck, type SkillModel } from '../../src/model/index.js';
import { UsageError } from '../../src/util/errors.js';
import { flagOf } from '../errors.js';
import { outputOption, type OutputTarget } from '../output-file.js';
import { inputSize, progressWanted, startProgress, type ProgressArgs } from '../progress.js';
import { threadsOf, type ThreadsArgs } from '../threads-option.js';
import { jsonFieldsOf, type UnitArgs } from '../unit-options.js';
import { isLiveInput, modelFor, runFilter } from './codec-io.js';
import { codeFiles, type FileArgs } from './files.js';

export interface EncodeArgs extends FileArgs, ProgressArgs, UnitArgs, Partial<ThreadsArgs> {
  file?: string[];
  model?: string;
  mode: string;
  'keep-novel': boolean;
  'max-skills'?: number;
  'min-information'?: number;
  layered?: boolean;
  'refine-min-information'?: number;
  'rank-by'?: Ranking;
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
  const output = toFiles ? undefined : await outputOption(args);
  if (!toFiles && output === undefined && process.stdout.isTTY && !args.force) {
    throw new UsageError('refusing to write a binary stream to a terminal (use -o FILE, a pipe, or -f)');
  }
  const mode = modeByName(args.mode);
  for (const other of modes) {
    for (const name of Object.keys(other.options)) {
      if (args[name] !== undefined && !(name in mode.options)) throw new UsageError(`${flagOf(name)} is an option of ${other.mode} mode, not of ${mode.mode} mode`);
    }
  }
  const modeOptions = Object.fromEntries(Object.keys(mode.options).map((name) => [name, args[name]]));
  const model = await modelFor(args.model);
  const encodeOne = (file: string, target: OutputTarget | undefined) => encodeFile(model, file, target, args, modeOptions);
  if (toFiles) {
    if (!(await codeFiles(files, 'encode', args, encodeOne))) process.exitCode = 1;
  } else {
    // several inputs to one output: one stream each, concatenated (members, as gzip -c a b makes), which decode reads in order
    for (const file of files) await encodeOne(file, output);
  }
}

function encodeFile(model: SkillModel, file: string, target: OutputTarget | undefined, args: EncodeArgs, modeOptions: Record<string, unknown>): Promise<void> {
  const encoder = new EncodeStream(model, {
    mode: args.mode,
    modeOptions,
    unit: args.unit ?? 'line',
    fields: jsonFieldsOf(args),
    keepNovel: args['keep-novel'],
    maxSkills: args['max-skills'],
    minInformation: args['min-information'],
    layered: args.layered,
    refineMinInformation: args['refine-min-information'],
    rankBy: args['rank-by'],
    name: file === '-' ? 'stdin' : file,
    flushAfterMs: isLiveInput(file) ? PAUSE_MS : 0,
    threads: threadsOf(args),
  });
  if (!args.quiet) encoder.on('misfit', (check: LearnedShareCheck) => process.stderr.write(`skillzip: warning: ${misfitWarning(check, file === '-' ? 'stdin' : file)}\n`));
  const progress = startProgress(`encode ${file === '-' ? 'stdin' : file}`, inputSize(file), progressWanted(args), () => encoder.totals.records);
  return runFilter(file, [encoder], target ?? 'stdout', progress);
}
