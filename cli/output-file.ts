// Where a command's output file goes and how it is written, as gzip and zstd do it: a regular file (new, or existing
// and replaced only with -f) is written to a temporary sibling at its resolved path and renamed into place once
// complete; devices, FIFOs and sockets (also behind symlinks) are written through, never replaced. Temporary files
// are removed on every error and on SIGINT, SIGTERM and SIGHUP, after which the process exits with 128 + signal.

import { createWriteStream, promises as fs, rmSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Argv } from 'yargs';
import { temporarySibling } from '../src/model/atomic-file.js';
import { InputError, UsageError, isSystemError, systemErrorText } from '../src/util/errors.js';

/** Where an output goes: the name the user gave, the file behind it, and whether it is replaced atomically. */
export interface OutputTarget {
  name: string;
  file: string;
  atomic: boolean;
  force: boolean;
}

/** Names of output formats: `-o text` is far more likely a mistaken format than a wish for a file called 'text'. */
const FORMAT_WORDS = new Set(['text', 'jsonl', 'json', 'csv']);

/** The error to show for a failed operation on the output: the user's name for it and the system's words. */
function outputError(name: string, err: unknown): unknown {
  return isSystemError(err) ? new InputError(`${name}: ${systemErrorText(err)}`) : err;
}

/** The -o FILE of a command, resolved (a bare format word is refused); undefined without -o (stdout). */
export async function outputOption(args: OutputArgs & { output: string }): Promise<OutputTarget>;
export async function outputOption(args: OutputArgs): Promise<OutputTarget | undefined>;
export async function outputOption(args: OutputArgs): Promise<OutputTarget | undefined> {
  const name = args.output;
  if (name === undefined) return undefined;
  if (FORMAT_WORDS.has(name)) {
    const format = name === 'text' || name === 'jsonl' ? `--format ${name}` : `--${name}`;
    throw new UsageError(`-o ${name} would write a file named '${name}': for that output format say ${format}; for such a file, -o ./${name}`);
  }
  return resolveOutput(name, args.force);
}

/**
 * Decides how `name` is written; refuses an existing file without `force`. Call it before any long work, so that a
 * refusal comes at once.
 */
export async function resolveOutput(name: string, force: boolean): Promise<OutputTarget> {
  let file: string;
  try {
    file = await fs.realpath(name);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw outputError(name, err);
    // A new file, or a symlink to a file that does not exist yet: writing through the link creates it.
    const link = await fs.lstat(name).catch(() => undefined);
    return { name, file: path.resolve(name), atomic: !link?.isSymbolicLink(), force };
  }
  const stat = await fs.stat(file).catch((err: unknown) => {
    throw outputError(name, err);
  });
  if (stat.isDirectory()) throw new InputError(`${name}: Is a directory`);
  if (!stat.isFile()) return { name, file, atomic: false, force };
  if (!force) throw new InputError(`${name} already exists; not overwritten (use -f to overwrite)`);
  return { name, file, atomic: true, force };
}

/** Temporary files being written; removed on exit and on the signals below. */
const temporaries = new Set<string>();

function removeTemporaries(): void {
  for (const file of temporaries) rmSync(file, { force: true });
  temporaries.clear();
}

/** Installs the cleanup: on SIGINT, SIGTERM or SIGHUP remove the temporary files and exit with 128 + its number. */
export function removeTemporariesOnExit(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      removeTemporaries();
      process.exit(128 + constants.signals[signal]);
    });
  }
  process.once('exit', removeTemporaries);
}

/** Writes what `produce` puts into the stream it is given to `target` (see the module header for how). */
export async function writeOutput(target: OutputTarget, produce: (out: Writable) => Promise<void>): Promise<void> {
  const file = target.atomic ? temporarySibling(target.file) : target.file;
  if (target.atomic) temporaries.add(file);
  const out = createWriteStream(file, { flags: target.atomic ? 'wx' : 'w' });
  let failed: unknown;
  out.once('error', (err) => (failed = err));
  try {
    await produce(out);
    if (target.atomic) {
      if (!target.force && (await fs.lstat(target.file).catch(() => undefined))) {
        throw new InputError(`${target.name} already exists; not overwritten (use -f to overwrite)`);
      }
      await fs.rename(file, target.file);
    }
  } catch (err) {
    out.destroy();
    if (target.atomic) await fs.rm(file, { force: true });
    throw err === failed || (isSystemError(err) && (err.path === file || err.path === target.file)) ? outputError(target.name, err) : err;
  } finally {
    temporaries.delete(file);
  }
}

/** Writes a whole buffer or text to `target`. */
export function writeOutputData(target: OutputTarget, data: Uint8Array | string): Promise<void> {
  return writeOutput(target, (out) => pipeline(Readable.from([data]), out));
}

export interface OutputArgs {
  output?: string;
  force: boolean;
}

/** The -o/--output FILE and -f/--force options every command that writes a file shares. */
export function withOutputOptions<T>(y: Argv<T>, what: string, opts: { required?: boolean; force?: string } = {}): Argv<T & OutputArgs> {
  return y
    .option('output', { alias: 'o', type: 'string', requiresArg: true, demandOption: opts.required ?? false, describe: `Write ${what} to FILE` })
    .option('force', { alias: 'f', type: 'boolean', default: false, describe: opts.force ?? 'Overwrite an existing output file' }) as unknown as Argv<T & OutputArgs>;
}
