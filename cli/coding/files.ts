// Files coded gzip-style (`skillzip FILE...`, `skillzip -d FILE.skz...`, encode/decode with several files): each
// FILE is written beside itself (FILE → FILE.skz, FILE.skz → FILE), or to stdout with -c; the input is kept unless
// --rm; a file that fails is reported and the others are still done (exit 1 at the end, as gzip does).

import { promises as fs } from 'node:fs';
import type { Argv } from 'yargs';
import { InputError, UsageError } from '../../src/util/errors.js';
import { exitStatusOf } from '../errors.js';
import { reportError } from '../io.js';
import { resolveOutput, type OutputArgs, type OutputTarget } from '../output-file.js';

export interface FileArgs extends OutputArgs {
  stdout?: boolean;
  keep?: boolean;
  rm?: boolean;
  verbose?: boolean;
}

export const STREAM_SUFFIX = '.skz';

/** -c, -k, --rm and -v, for the commands that code files. */
export function withFileOptions<T>(y: Argv<T>): Argv<T & FileArgs> {
  return y
    .option('stdout', { alias: 'c', type: 'boolean', describe: 'Write to stdout, keeping the input files' })
    .option('keep', { alias: 'k', type: 'boolean', describe: 'Keep the input files (the default)' })
    .option('rm', { type: 'boolean', describe: 'Remove each input file once its output is complete' })
    .option('verbose', { alias: 'v', type: 'boolean', describe: 'Report each file done on stderr' })
    .conflicts('verbose', 'quiet')
    .conflicts('output', 'stdout')
    .conflicts('rm', 'stdout')
    .conflicts('rm', 'keep') as unknown as Argv<T & FileArgs>;
}

/** Where FILE's output goes beside it: FILE.skz when encoding, FILE without .skz when decoding. */
export function besideName(file: string, direction: 'encode' | 'decode'): string {
  const coded = file.endsWith(STREAM_SUFFIX);
  if (direction === 'encode') {
    if (coded) throw new InputError(`${file} already has the ${STREAM_SUFFIX} suffix; left unchanged`);
    return file + STREAM_SUFFIX;
  }
  if (!coded || file.length === STREAM_SUFFIX.length) throw new InputError(`${file}: no ${STREAM_SUFFIX} suffix to strip; name the output with -o or write to stdout with -c`);
  return file.slice(0, -STREAM_SUFFIX.length);
}

/**
 * Codes each of `files` with `code` into the file beside it (or stdout with -c, or for '-'), removing the input with
 * --rm and reporting it with -v. A file that fails is reported on stderr and the next one is done; a usage error
 * stops everything. Returns whether every file succeeded.
 */
export async function codeFiles(
  files: string[],
  direction: 'encode' | 'decode',
  args: FileArgs,
  code: (file: string, target: OutputTarget | undefined) => Promise<void>,
): Promise<boolean> {
  if (args.output !== undefined) throw new UsageError(`-o names one output file; with several inputs each is written beside itself (or give -c)`);
  let failed = false;
  for (const file of files) {
    try {
      const toStdout = args.stdout || file === '-';
      const inputBytes = toStdout ? 0 : (await fs.stat(file)).size;
      const target = toStdout ? undefined : await resolveOutput(besideName(file, direction), args.force);
      await code(file, target);
      if (target === undefined) continue;
      if (args.rm) await fs.rm(file);
      if (args.verbose) {
        const written = (await fs.stat(target.file)).size;
        process.stderr.write(`${file}: ${inputBytes} → ${written} bytes -- created ${target.name}${args.rm ? ', input removed' : ''}\n`);
      }
    } catch (err) {
      if (exitStatusOf(err) === 2) throw err;
      reportError(err);
      failed = true;
    }
  }
  return !failed;
}
