// Bit-level packing of the robust payload's slots: fixed-width unsigned fields of 0..32 bits, most significant bit
// first, and Elias gamma codes for small counts, over a growable byte buffer (byte-aligned fields use codec/bytes.ts).
// The reader throws InputError on any read past the end, so a truncated payload is reported, never misread.

import { InputError } from '../../src/util/errors.js';

export class BitWriter {
  private bytes = new Uint8Array(64);
  private bitLength = 0;

  /** Appends the low `width` bits of `value` (0 ≤ width ≤ 32), most significant first. */
  writeBits(value: number, width: number): void {
    this.reserve(width);
    for (let bit = width - 1; bit >= 0; bit--) {
      if ((value >>> bit) & 1) this.bytes[this.bitLength >>> 3] |= 0x80 >>> (this.bitLength & 7);
      this.bitLength++;
    }
  }

  /** Appends n ≥ 1 (below 2^32) in Elias gamma code: ⌊log2 n⌋ zero bits, then n in ⌊log2 n⌋ + 1 bits. */
  writeGamma(n: number): void {
    if (!(Number.isInteger(n) && n >= 1 && n < 2 ** 32)) throw new RangeError(`gamma code needs an integer in [1, 2^32), got ${n}`);
    const width = 32 - Math.clz32(n);
    this.writeBits(0, width - 1);
    this.writeBits(n, width);
  }

  /** The bytes written so far, the last one padded with zero bits. */
  finish(): Uint8Array {
    return this.bytes.slice(0, (this.bitLength + 7) >>> 3);
  }

  private reserve(width: number): void {
    const needed = (this.bitLength + width + 7) >>> 3;
    if (needed <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(needed, this.bytes.length * 2));
    grown.set(this.bytes);
    this.bytes = grown;
  }
}

export class BitReader {
  private bitPosition = 0;

  /** `what` names the data in error messages, e.g. 'robust payload'. */
  constructor(
    private readonly bytes: Uint8Array,
    private readonly what: string,
  ) {}

  get bitsLeft(): number {
    return this.bytes.length * 8 - this.bitPosition;
  }

  /** Reads `width` bits (0 ≤ width ≤ 32) as an unsigned integer. */
  readBits(width: number): number {
    if (width > this.bitsLeft) throw new InputError(`${this.what} is truncated (needed ${width} more bits at bit ${this.bitPosition})`);
    let value = 0;
    for (let i = 0; i < width; i++) {
      const bit = (this.bytes[this.bitPosition >>> 3] >>> (7 - (this.bitPosition & 7))) & 1;
      value = value * 2 + bit;
      this.bitPosition++;
    }
    return value;
  }

  /** Reads an Elias gamma code (see BitWriter.writeGamma). */
  readGamma(field: string): number {
    let zeros = 0;
    while (this.readBits(1) === 0) {
      if (++zeros > 31) throw new InputError(`${this.what}: ${field} is not a valid gamma code`);
    }
    return zeros === 0 ? 1 : 2 ** zeros + this.readBits(zeros);
  }

  /** Throws unless only zero padding bits (fewer than 8) remain. */
  expectEnd(): void {
    const left = this.bitsLeft;
    if (left >= 8 || (left > 0 && this.readBits(left) !== 0)) {
      throw new InputError(`${this.what} has ${Math.ceil(left / 8)} unexpected trailing byte(s)`);
    }
  }
}
