// What `skillzip encode` and `skillzip decode` share: the model named by -m (or the built-in one), and running a
// Transform from FILE or stdin to an atomic -o file or stdout.

import { fstatSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Transform } from 'node:stream';
import { loadDefaultModel, loadModel, type SkillModel } from '../../src/model/index.js';
import { openAtomicOutput, openInput } from '../io.js';

export function modelFor(file: string | undefined): Promise<SkillModel> {
  return file === undefined ? loadDefaultModel() : loadModel(file);
}

/** Whether input comes from a live source (a pipe, terminal or socket) rather than a regular file. */
export function isLiveInput(file: string | undefined): boolean {
  if (file !== undefined && file !== '-') return false;
  try {
    return !fstatSync(0).isFile();
  } catch {
    return true;
  }
}

/** Pipes FILE (or stdin) through `transform` into `output` (atomically) or stdout. */
export async function runFilter(file: string | undefined, transform: Transform, output: string | undefined): Promise<void> {
  const input = openInput(file);
  if (output === undefined) {
    await pipeline(input, transform, process.stdout, { end: false });
    return;
  }
  const target = openAtomicOutput(output);
  try {
    await pipeline(input, transform, target.stream);
    await target.commit();
  } catch (err) {
    await target.abort();
    throw err;
  }
}
