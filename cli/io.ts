// Files and stdio for the commands: input from a file or stdin, output written atomically (temporary file in the
// same folder, then rename; src/util/atomic-file.ts), and a quiet exit when the downstream pipe closes (`| head`).

import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { temporarySibling } from '../src/util/atomic-file.js';

export { writeFileAtomic } from '../src/util/atomic-file.js';

/** A readable for FILE, or stdin for undefined or '-'. */
export function openInput(file: string | undefined): Readable {
  if (file === undefined || file === '-') return process.stdin;
  return createReadStream(file);
}

export interface AtomicOutput {
  stream: Writable;
  /** Renames the temporary file into place once everything was written; call after the stream finished. */
  commit(): Promise<void>;
  /** Removes the temporary file (on error). */
  abort(): Promise<void>;
}

/** Opens `target` for atomic writing: data goes to a temporary sibling that replaces `target` on commit. */
export function openAtomicOutput(target: string): AtomicOutput {
  const temp = temporarySibling(target);
  const stream = createWriteStream(temp);
  return {
    stream,
    commit: () => fs.rename(temp, target),
    abort: () => fs.rm(temp, { force: true }),
  };
}

/** Ends the process quietly with 0 when stdout's reader goes away (EPIPE), as `gzip -c | head` does. */
export function exitQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}
