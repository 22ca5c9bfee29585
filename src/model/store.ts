// Model and shard files on disk (DESIGN.md "Files"): saving atomically (a temporary sibling renamed into place), loading with
// a size limit before anything is read, and the built-in default model trained on the Brown corpus, which
// `npm install` builds into models/ (package.json "prepare" runs scripts/build-model.ts) so that encode and decode work
// without -m on a fresh install.

import { existsSync, readFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from './atomic-file.js';
import { InputError, type InputCode } from '../util/errors.js';
import { decodeModel, encodeModel } from './format.js';
import { decodeShard, encodeShard, type Shard } from './shard.js';
import type { SkillModel } from './types.js';

/** Model files larger than this are refused before they are read. */
const MAX_MODEL_FILE_BYTES = 1 << 30;
/** Shard files larger than this are refused (a Buffer's limit; about 400 million edges). */
const MAX_SHARD_FILE_BYTES = 2 ** 31 - 1;
const DEFAULT_MODEL_FILE = 'brown.skm';

let root: string | undefined;

/** The folder of skillzip's package.json, found upwards from this module (works from src/ and from dist/src/). */
function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'skillzip') return (root = dir);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find skillzip's package.json above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/** skillzip's version, from its own package.json (not the one of the folder it runs in). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** 'skillzip VERSION', recorded in the models it writes. */
export function skillzipVersion(): string {
  return `skillzip ${packageVersion()}`;
}

/** Where the built-in default model lives: models/brown.skm in the package. */
export function defaultModelPath(): string {
  return path.join(packageRoot(), 'models', DEFAULT_MODEL_FILE);
}

/** Writes the model file atomically. */
export async function saveModel(model: SkillModel, file: string): Promise<void> {
  await writeFileAtomic(file, encodeModel(model));
}

/** The file each loaded model came from (codec/workers.ts has worker threads load it again rather than copy it). */
const modelFiles = new WeakMap<SkillModel, string>();

/** Reads and validates a model file; every problem is an InputError naming the file. */
export async function loadModel(file: string): Promise<SkillModel> {
  const model = decodeModel(await readLimited(file, 'model', MAX_MODEL_FILE_BYTES, 'ERR_SKM_INVALID'), file);
  modelFiles.set(model, path.resolve(file));
  return model;
}

/** The file `model` was loaded from by loadModel, if it was. */
export function modelFileOf(model: SkillModel): string | undefined {
  return modelFiles.get(model);
}

/** Writes the shard file atomically. */
export async function saveShard(shard: Shard, file: string): Promise<void> {
  await writeFileAtomic(file, encodeShard(shard));
}

/** Reads and checks a shard file; every problem is an InputError naming the file. */
export async function loadShard(file: string): Promise<Shard> {
  return decodeShard(await readLimited(file, 'shard', MAX_SHARD_FILE_BYTES, 'ERR_INPUT'), file);
}

/** The bytes of a `kind` file no larger than `limit`; a missing or oversized file is an InputError naming it. */
async function readLimited(file: string, kind: string, limit: number, code: InputCode): Promise<Buffer> {
  try {
    const { size } = await fs.stat(file);
    if (size > limit) throw new InputError(`${file}: ${size} bytes is more than a ${kind} may have (${limit})`, code);
    return await fs.readFile(file);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const errno = (err as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: ${errno === 'ENOENT' ? `no such ${kind} file` : (err as Error).message}`);
  }
}

let defaultModel: Promise<SkillModel> | undefined;

/** The built-in model (loaded once per process). */
export function loadDefaultModel(): Promise<SkillModel> {
  const file = defaultModelPath();
  if (!existsSync(file)) {
    return Promise.reject(
      new InputError(`the built-in model ${file} is missing: build it with 'npm run build:model' (npm install does this), or pass -m MODEL`),
    );
  }
  defaultModel ??= loadModel(file).catch((err: unknown) => {
    defaultModel = undefined;
    throw err;
  });
  return defaultModel;
}
