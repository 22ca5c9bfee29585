// What the coding commands share: the model named by -m (or the built-in one, also when a stream names it), and
// running a Transform from FILE or stdin to an -o file (cli/output-file.ts) or stdout.

import { existsSync, fstatSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Writable, type Readable, type Transform } from 'node:stream';
import { defaultModelPath, loadDefaultModel, loadModel, type SkillModel } from '../../src/model/index.js';
import { openInput } from '../io.js';
import { writeOutput, type OutputTarget } from '../output-file.js';
import { countingBytes, type Progress } from '../progress.js';

export function modelFor(file: string | undefined): Promise<SkillModel> {
  return file === undefined ? loadDefaultModel() : loadModel(file);
}

/** The built-in model when a stream was made with it (its frames can then be decoded), for inspect and -l. */
export async function defaultModelWithId(id: string): Promise<SkillModel | undefined> {
  if (!existsSync(defaultModelPath())) return undefined;
  const model = await loadDefaultModel();
  return model.id === id ? model : undefined;
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

/** Where a filter's output goes: an output file, stdout, or nowhere (decode -t). */
export type Destination = OutputTarget | 'stdout' | 'discard';

/**
 * Pipes FILE (or stdin) through `stages` into `destination`, telling `progress` the input bytes read; or, given
 * `source` (FILE read otherwise, e.g. frames located by their index), that source through the stages.
 */
export async function runFilter(file: string, stages: Transform[], destination: Destination, progress: Progress, source?: Readable): Promise<void> {
  const streams = source ? [source, ...stages] : [openInput(file), countingBytes(progress), ...stages];
  try {
    if (destination === 'stdout') await pipeline([...streams, process.stdout], { end: false });
    else if (destination === 'discard') await pipeline([...streams, new Writable({ write: (_chunk, _encoding, callback) => callback() })]);
    else await writeOutput(destination, (out) => pipeline([...streams, out]));
  } finally {
    progress.stop();
  }
}
