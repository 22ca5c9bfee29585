// Standard input and output for the commands: input from a file or stdin, and a quiet exit when the downstream pipe
// closes (`| head`). Output files are cli/output-file.ts's.

import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

/** A readable for FILE, or stdin for undefined or '-'. */
export function openInput(file: string | undefined): Readable {
  if (file === undefined || file === '-') return process.stdin;
  return createReadStream(file);
}

/** Ends the process quietly with 0 when stdout's reader goes away (EPIPE), as `gzip -c | head` does. */
export function exitQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}
