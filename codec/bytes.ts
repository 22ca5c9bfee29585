// Byte-level helpers of the stream format (docs/FORMAT.md): a growable writer and a bounds-checked reader of
// unsigned LEB128 varints (up to 2^53 − 1), little-endian 32-bit words and length-prefixed UTF-8 strings.

import { InputError } from '../src/util/errors.js';

const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

export class ByteWriter {
  private bytes = new Uint8Array(256);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + n));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  byte(value: number): this {
    this.reserve(1);
    this.bytes[this.length++] = value;
    return this;
  }

  varint(value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`varint out of range: ${value}`);
    this.reserve(8);
    while (value >= 0x80) {
      this.bytes[this.length++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.bytes[this.length++] = value;
    return this;
  }

  uint32(value: number): this {
    this.reserve(4);
    for (let i = 0; i < 4; i++) this.bytes[this.length++] = (value >>> (8 * i)) & 0xff;
    return this;
  }

  raw(data: Uint8Array): this {
    this.reserve(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
    return this;
  }

  /** A varint byte length, then the string's UTF-8 bytes. */
  string(text: string): this {
    const data = utf8.encode(text);
    return this.varint(data.length).raw(data);
  }

  /** A copy of what was written. */
  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** Signals that the bytes ended before the value did (a caller may wait for more input). */
export class NeedMoreBytes extends Error {
  constructor() {
    super('more bytes needed');
  }
}

export class ByteReader {
  offset: number;

  /** `what` names the thing being read in error messages, e.g. 'frame 3'. */
  constructor(
    readonly bytes: Uint8Array,
    readonly what: string,
    start = 0,
    readonly end = bytes.length,
  ) {
    this.offset = start;
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  byte(): number {
    if (this.offset >= this.end) throw new NeedMoreBytes();
    return this.bytes[this.offset++];
  }

  varint(limit: number, field: string): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; ; i++) {
      const b = this.byte();
      value += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) break;
      scale *= 0x80;
      if (i === 7) throw new InputError(`${this.what}: ${field} is not a valid varint`);
    }
    if (value > limit) throw new InputError(`${this.what}: ${field} ${value} exceeds its limit ${limit}`);
    return value;
  }

  uint32(): number {
    if (this.remaining < 4) throw new NeedMoreBytes();
    const b = this.bytes;
    const o = this.offset;
    this.offset += 4;
    return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
  }

  raw(length: number): Uint8Array {
    if (this.remaining < length) throw new NeedMoreBytes();
    const out = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  string(limit: number, field: string): string {
    return this.utf8(this.varint(limit, `${field} length`), field);
  }

  /** `length` bytes of UTF-8 text. */
  utf8(length: number, field: string): string {
    const data = this.raw(length);
    try {
      return utf8Strict.decode(data);
    } catch {
      throw new InputError(`${this.what}: ${field} is not valid UTF-8`);
    }
  }
}
