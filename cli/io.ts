// Standard input and output for the commands: input from a file or stdin, a quiet exit when the downstream pipe
// closes (`| head`), and error messages on stderr. Output files are cli/output-file.ts's.

import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { isSystemError, systemErrorText } from '../src/util/errors.js';
import { cliMessage, exitStatusOf } from './errors.js';

/** A readable for FILE, or stdin for undefined or '-'. Its errors name FILE (a read error such as EISDIR has no path). */
export function openInput(file: string | undefined): Readable {
  if (file === undefined || file === '-') return process.stdin;
  return createReadStream(file).on('error', (err: NodeJS.ErrnoException) => {
    err.path ??= file;
  });
}

/** Ends the process quietly with 0 when stdout's reader goes away (EPIPE), as `gzip -c | head` does. */
export function exitQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

/** Writes the message of a failed command (or of one of its files) to stderr; returns its exit code (1 or 2). */
export function reportError(err: unknown): number {
  const status = exitStatusOf(err);
  if (status !== undefined) {
    process.stderr.write(`skillzip: ${cliMessage(err as Error)}\n`);
    return status;
  }
  if (isSystemError(err)) {
    process.stderr.write(`skillzip: ${err.path === undefined ? '' : `${err.path}: `}${systemErrorText(err)}\n`);
    return 1;
  }
  process.stderr.write(`skillzip: internal error: ${(err as Error | undefined)?.stack ?? String(err)}\n`);
  return 1;
}
