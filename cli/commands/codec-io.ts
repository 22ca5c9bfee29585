// What `skillzip encode` and `skillzip decode` share: the model named by -m (or the built-in one), and running a
// Transform from FILE or stdin to an -o file (cli/output-file.ts) or stdout.

import { fstatSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Transform } from 'node:stream';
import { loadDefaultModel, loadModel, type SkillModel } from '../../src/model/index.js';
import { openInput } from '../io.js';
import { writeOutput, type OutputTarget } from '../output-file.js';

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

/** Pipes FILE (or stdin) through `transform` into `output` or stdout. */
export async function runFilter(file: string | undefined, transform: Transform, output: OutputTarget | undefined): Promise<void> {
  const input = openInput(file);
  if (output === undefined) await pipeline(input, transform, process.stdout, { end: false });
  else await writeOutput(output, (out) => pipeline(input, transform, out));
}
