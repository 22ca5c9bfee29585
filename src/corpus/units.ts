// Cutting bytes into texts, the one splitter of train, encode and rate (DESIGN.md src/corpus, --unit). Bytes are cut
// at line ends as they arrive, whatever the chunk boundaries: the bytes of an unfinished line wait as a list of
// chunks joined once when the line ends, so time and memory are linear in the line's length; a line longer than
// LIMITS.lineBytes is refused. Each piece of whole lines is checked as UTF-8 (node:buffer isUtf8) and decoded; a
// leading BOM and each line's final '\r' are dropped. The units, and the one rule for blank lines:
//   line       every line is a text, blank lines too (empty texts), so that record n is line n + 1 and encode
//              loses no line;
//   sentence   every line is cut into sentences (Unicode sentence boundaries, Intl.Segmenter, locale 'und');
//              a blank line holds none;
//   paragraph  runs of non-blank lines, joined by '\n'; blank lines separate them;
//   document   the whole input is one text (none when it is blank);
//   jsonl      every non-blank line is one JSON value: a string, or an object whose text field (default "text")
//              is a string and whose id field (default "id"), if present and not null, is a string or a number,
//              kept with its JSON type; a blank line holds no value.
// Every problem is an InputError naming the input, the line and the problem.

import { isUtf8 } from 'node:buffer';
import { InputError, ParamError } from '../util/errors.js';
import { LIMITS } from '../util/limits.js';

export const UNITS = ['line', 'sentence', 'paragraph', 'document', 'jsonl'] as const;
export type Unit = (typeof UNITS)[number];

/** A record's own id from JSON Lines input: a string or a number, as the input wrote it. */
export type RecordId = string | number;

/** One text, where it starts ('input:LINE'), and its own id when the input carried one. */
export interface TextRecord {
  text: string;
  where: string;
  id?: RecordId;
}

/** The JSON Lines fields that hold a record's text and its id (--text-field, --id-field). */
export interface JsonFields {
  text: string;
  id: string;
}

export const DEFAULT_JSON_FIELDS: JsonFields = { text: 'text', id: 'id' };

const NEWLINE = 10;
const sentences = new Intl.Segmenter('und', { granularity: 'sentence' });

export class TextSplitter {
  /** Bytes of the line not yet ended, chunk by chunk, and their total. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Lines completed so far. */
  private lines = 0;
  private paragraph: string[] = [];
  private paragraphLine = 0;

  constructor(
    private readonly unit: Unit,
    private readonly name: string,
    private readonly fields: JsonFields = DEFAULT_JSON_FIELDS,
  ) {
    if (!UNITS.includes(unit)) throw new ParamError((n) => `${n('unit')}: unknown unit '${unit}' (known: ${UNITS.join(', ')})`);
  }

  /** Adds the texts completed by `chunk` to `out`. */
  push(chunk: Uint8Array, out: TextRecord[]): void {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const lastBreak = bytes.lastIndexOf(NEWLINE);
    if (lastBreak < 0) {
      this.hold(bytes);
      return;
    }
    this.checkLength(this.pendingBytes + bytes.indexOf(NEWLINE), 0);
    const head = bytes.subarray(0, lastBreak);
    const piece = this.pending.length > 0 ? Buffer.concat([...this.pending, head], this.pendingBytes + head.length) : head;
    this.pending = [];
    this.pendingBytes = 0;
    if (piece.length > LIMITS.lineBytes) this.checkLines(piece);
    this.takeLines(piece, out);
    this.hold(bytes.subarray(lastBreak + 1));
  }

  /** Adds the texts left at the end of input to `out`. */
  end(out: TextRecord[]): void {
    if (this.pendingBytes > 0) this.takeLines(Buffer.concat(this.pending, this.pendingBytes), out);
    this.pending = [];
    this.pendingBytes = 0;
    this.closeParagraph(out);
  }

  /** Keeps a copy of the start of an unfinished line (the caller may reuse its chunk). */
  private hold(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.checkLength(this.pendingBytes + bytes.length, 0);
    this.pending.push(Buffer.from(bytes));
    this.pendingBytes += bytes.length;
  }

  private checkLength(bytes: number, linesAfter: number): void {
    if (bytes > LIMITS.lineBytes) {
      throw new InputError(`${this.name}:${this.lines + 1 + linesAfter}: line longer than the limit lineBytes = ${LIMITS.lineBytes} bytes`);
    }
  }

  /** Checks every line of a piece longer than the limit (only a caller's huge chunk can hold such lines). */
  private checkLines(piece: Buffer): void {
    for (let start = 0, line = 0; start <= piece.length; line++) {
      const end = piece.indexOf(NEWLINE, start);
      const stop = end < 0 ? piece.length : end;
      this.checkLength(stop - start, line);
      start = stop + 1;
    }
  }

  private takeLines(piece: Buffer, out: TextRecord[]): void {
    for (const line of decodeLines(piece, this.name, this.lines)) this.take(line, out);
  }

  private take(line: string, out: TextRecord[]): void {
    const number = ++this.lines;
    const where = `${this.name}:${number}`;
    switch (this.unit) {
      case 'line':
        out.push({ text: line, where });
        break;
      case 'sentence': {
        let k = 0;
        for (const { segment } of sentences.segment(line)) {
          const text = segment.trim();
          if (text !== '') out.push({ text, where: `${where} sentence ${++k}` });
        }
        break;
      }
      case 'jsonl':
        if (line.trim() !== '') out.push(parseJsonRecord(line, where, this.fields));
        break;
      case 'paragraph':
        if (line.trim() === '') this.closeParagraph(out);
        else {
          if (this.paragraph.length === 0) this.paragraphLine = number;
          this.paragraph.push(line);
        }
        break;
      case 'document':
        if (this.paragraph.length === 0) this.paragraphLine = number;
        this.paragraph.push(line);
        break;
    }
  }

  private closeParagraph(out: TextRecord[]): void {
    if (this.paragraph.length === 0) return;
    const text = this.paragraph.join('\n');
    this.paragraph = [];
    if (this.unit === 'document' && text.trim() === '') return;
    out.push({ text, where: `${this.name}:${this.paragraphLine}` });
  }
}

/** One JSON Lines record: a JSON string, or an object with a string text field and an optional string or number id. */
export function parseJsonRecord(line: string, where: string, fields: JsonFields = DEFAULT_JSON_FIELDS): TextRecord {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (err) {
    throw new InputError(`${where}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof record === 'string') return { text: record, where };
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new InputError(`${where}: a JSON Lines record must be a string or an object with "${fields.text}"`);
  }
  const text = (record as Record<string, unknown>)[fields.text];
  const id = (record as Record<string, unknown>)[fields.id];
  if (typeof text !== 'string') throw new InputError(`${where}: the record has no string field "${fields.text}"`);
  if (id === undefined || id === null) return { text, where };
  if (typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) throw new InputError(`${where}: "${fields.id}" must be a string or a number`);
  return { text, where, id };
}

/** The lines of a piece of whole lines (without the final break), decoded, without '\r' and (first line) a BOM. */
export function decodeLines(piece: Buffer, name: string, linesBefore: number): string[] {
  if (!isUtf8(piece)) {
    let start = 0;
    for (let line = linesBefore + 1; ; line++) {
      const end = piece.indexOf(NEWLINE, start);
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
