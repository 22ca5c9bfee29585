// Bit-level packing of the robust payload: fixed-width unsigned fields of 0..32 bits, most significant bit first,
// and LEB128 unsigned varints, over a growable byte buffer. The reader throws InputError on any read past the end,
// so a truncated payload is reported, never misread.

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

  /** Appends an unsigned integer below 2^53 as a LEB128 varint (7 bits per byte, low groups first). */
  writeVarint(value: number): void {
    if (!(Number.isSafeInteger(value) && value >= 0)) throw new RangeError(`varint needs a safe integer ≥ 0, got ${value}`);
    let rest = value;
    while (rest >= 0x80) {
      this.writeBits((rest % 0x80) | 0x80, 8);
      rest = Math.floor(rest / 0x80);
    }
    this.writeBits(rest, 8);
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

  /** Reads a LEB128 varint no larger than `max`. */
  readVarint(max: number, field: string): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.readBits(8);
      value += (byte & 0x7f) * scale;
      if (value > max) throw new InputError(`${this.what}: ${field} exceeds ${max}`);
      if ((byte & 0x80) === 0) return value;
      scale *= 0x80;
      if (scale > 2 ** 49) throw new InputError(`${this.what}: ${field} is an overlong varint`);
    }
  }

  /** Throws unless only zero padding bits (fewer than 8) remain. */
  expectEnd(): void {
    const left = this.bitsLeft;
    if (left >= 8 || (left > 0 && this.readBits(left) !== 0)) {
      throw new InputError(`${this.what} has ${Math.ceil(left / 8)} unexpected trailing byte(s)`);
    }
  }
}
