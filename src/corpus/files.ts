// Inputs as the commands name them (DESIGN.md src/corpus): files, directories walked in name order, '-' for stdin,
// read as streams and cut into texts by ./units.ts, so memory holds the texts of one chunk, never the corpus. The
// one place in src/ (besides the model store) that touches files; the Brown reader reads through it too.

import { createReadStream, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { InputError, ParamError } from '../util/errors.js';
import { DEFAULT_JSON_FIELDS, TextSplitter, type JsonFields, type TextRecord, type Unit } from './units.js';

export const STDIN = '-';

/** Called with the number of bytes read so far, after every chunk. */
export type ProgressCallback = (bytesRead: number) => void;

/** How inputs are cut into texts: the unit, and the JSON Lines fields for --unit jsonl. */
export interface ReadOptions {
  unit: Unit;
  fields?: JsonFields;
  progress?: ProgressCallback;
}

/** An input's name in messages: the file name, or '<stdin>'. */
export function inputName(file: string): string {
  return file === STDIN ? '<stdin>' : file;
}

/** The files named by `inputs` ('-' or none is stdin; directories are walked in name order, hidden entries skipped). */
export async function expandInputs(inputs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  const walk = async (entry: string): Promise<void> => {
    let stat;
    try {
      stat = await fs.stat(entry);
    } catch (err) {
      throw new InputError(`${entry}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (err as Error).message}`);
    }
    if (stat.isDirectory()) {
      const names = (await fs.readdir(entry)).filter((n) => !n.startsWith('.')).sort();
      for (const name of names) await walk(path.join(entry, name));
    } else {
      files.push(entry);
    }
  };
  for (const input of inputs.length === 0 ? [STDIN] : inputs) {
    if (input === STDIN) files.push(STDIN);
    else await walk(input);
  }
  if (files.filter((f) => f === STDIN).length > 1) throw new ParamError((n) => `${n('files')}: stdin ('-') can be read only once`);
  return files;
}

/** Total size in bytes of the files, or undefined when stdin is among them. */
export async function totalSize(files: readonly string[]): Promise<number | undefined> {
  let total = 0;
  for (const file of files) {
    if (file === STDIN) return undefined;
    total += (await fs.stat(file)).size;
  }
  return total;
}

function open(file: string): Readable {
  return file === STDIN ? process.stdin : createReadStream(file);
}

/** The texts of `files` in order, cut by the unit; `progress` hears the total bytes read so far. */
export async function* readTexts(files: readonly string[], options: ReadOptions): AsyncGenerator<TextRecord> {
  let before = 0;
  for (const file of files) {
    const splitter = new TextSplitter(options.unit, inputName(file), options.fields ?? DEFAULT_JSON_FIELDS);
    const out: TextRecord[] = [];
    let read = 0;
    for await (const chunk of open(file) as AsyncIterable<Buffer>) {
      read += chunk.length;
      options.progress?.(before + read);
      splitter.push(chunk, out);
      yield* out;
      out.length = 0;
    }
    splitter.end(out);
    yield* out;
    before += read;
  }
}

/** A whole (small) file's bytes, read at once. */
export function readWholeFile(file: string): Buffer {
  return readFileSync(file);
}

/** A whole (small) text file. */
export async function readTextFile(file: string): Promise<string> {
  return fs.readFile(file, 'utf8');
}

/** The names in a directory, sorted. */
export async function listDirectory(dir: string): Promise<string[]> {
  return (await fs.readdir(dir)).sort();
}
