// Atomic file writing: data goes to a temporary sibling of the target (same folder, so the same file system), which
// is renamed over the target only once it is complete, so a reader never sees a half-written model or stream.
// Part of the model store (./store.ts); the command line's output files (cli/output-file.ts) share the
// temporary name.

import { promises as fs } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** A fresh temporary name beside `target`: '.NAME.PID.RANDOM.tmp' in the target's folder. */
export function temporarySibling(target: string): string {
  const dir = path.dirname(path.resolve(target));
  return path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Writes a whole buffer to `target` atomically; on failure the temporary file is removed and the error rethrown. */
export async function writeFileAtomic(target: string, data: Uint8Array | string): Promise<void> {
  const temp = temporarySibling(target);
  try {
    await fs.writeFile(temp, data);
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}
