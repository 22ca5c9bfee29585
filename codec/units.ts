// Cutting an input byte stream into records, chunk by chunk, whatever the chunk boundaries (DESIGN.md --unit):
// `line` — every line is a record (empty lines too, so record numbers are line numbers − 1); `paragraph` — runs of
// non-blank lines separated by blank lines; `jsonl` — one JSON value per non-blank line, a string or an object with
// a string `text` and an optional string or number `id`. Input must be UTF-8; every problem is an InputError
// naming the input and line.

import { InputError, UsageError } from '../src/util/errors.js';
import { parseJsonLine } from '../src/model/index.js';

export const RECORD_UNITS = ['line', 'paragraph', 'jsonl'] as const;
export type RecordUnit = (typeof RECORD_UNITS)[number];

export interface TextRecord {
  text: string;
  id?: string;
  /** 'input:LINE' of the record's first line. */
  where: string;
}

/** Lines longer than this are refused, so that input without line breaks cannot exhaust memory. */
const MAX_LINE_BYTES = 1 << 26;

export class RecordSplitter {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  /** Bytes of the line not yet ended. */
  private carry: Uint8Array = new Uint8Array(0);
  private line = 0;
  private paragraph: string[] = [];
  private paragraphLine = 0;

  constructor(
    private readonly unit: RecordUnit,
    private readonly name: string,
  ) {
    if (!RECORD_UNITS.includes(unit)) throw new UsageError(`unknown unit '${unit}' (known: ${RECORD_UNITS.join(', ')})`);
  }

  /** The records completed by `chunk`. */
  push(chunk: Uint8Array, out: TextRecord[]): void {
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const lastBreak = bytes.lastIndexOf(10);
    if (lastBreak < 0) {
      if (bytes.length > MAX_LINE_BYTES) throw new InputError(`${this.name}:${this.line + 1}: line longer than ${MAX_LINE_BYTES} bytes`);
      this.carry = bytes === chunk ? Buffer.from(chunk) : bytes; // a copy: the caller may reuse its chunk
      return;
    }
    this.carry = Buffer.from(bytes.subarray(lastBreak + 1));
    const lines = this.decode(bytes.subarray(0, lastBreak)).split('\n');
    for (const line of lines) this.take(line, out);
  }

  /** The records left at the end of input. */
  end(out: TextRecord[]): void {
    if (this.carry.length > 0) this.take(this.decode(this.carry), out);
    this.carry = new Uint8Array(0);
    this.closeParagraph(out);
  }

  /** Complete lines as text; invalid UTF-8 is an InputError naming the line that holds it. */
  private decode(bytes: Uint8Array): string {
    try {
      return this.decoder.decode(bytes);
    } catch {
      let line = this.line + 1;
      let start = 0;
      for (;;) {
        const nl = bytes.indexOf(10, start);
        const end = nl < 0 ? bytes.length : nl;
        try {
          this.decoder.decode(bytes.subarray(start, end));
        } catch {
          break;
        }
        if (nl < 0) break;
        start = nl + 1;
        line++;
      }
      throw new InputError(`${this.name}:${line}: input is not valid UTF-8`);
    }
  }

  private take(raw: string, out: TextRecord[]): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const number = ++this.line;
    const where = `${this.name}:${number}`;
    if (this.unit === 'line') {
      out.push({ text: line, where });
    } else if (this.unit === 'paragraph') {
      if (line.trim().length === 0) this.closeParagraph(out);
      else {
        if (this.paragraph.length === 0) this.paragraphLine = number;
        this.paragraph.push(line);
      }
    } else if (line.trim().length > 0) {
      out.push(parseJsonRecord(line, where));
    }
  }

  private closeParagraph(out: TextRecord[]): void {
    if (this.paragraph.length === 0) return;
    out.push({ text: this.paragraph.join('\n'), where: `${this.name}:${this.paragraphLine}` });
    this.paragraph = [];
  }
}

function parseJsonRecord(line: string, where: string): TextRecord {
  const { text, id } = parseJsonLine(line, where);
  return id === undefined ? { text, where } : { text, id, where };
}
