// Range ANS (rANS, J. Duda, "Asymmetric numeral systems", arXiv:1311.2540; byte-wise layout after F. Giesen's
// ryg_rans) as a *stack*: push codes a symbol, pop decodes one, and pop on the encoder side is the "bits back" step
// of multiset coding (Severo et al., "Compressing Multisets with Large Alphabets", 2022; THEORY.md §8). Written
// here because no package offers an exact, deterministic rANS stack.
//
// All probabilities are frequency tables with total M = 2^16. The state x lives in [L, 256·L), L = 2^23, so every
// operation is exact integer arithmetic below 2^31: the same bytes on every machine. Below the stack's bottom lie
// infinitely many zero bytes: popping an empty stack reads 0 and pushing a 0 onto an empty stack leaves it empty,
// which solves the "initial bits" problem of bits-back coding exactly — the stack behaves like an infinite one.

import { InputError } from '../../src/util/errors.js';

const SCALE_BITS = 16;
export const M = 1 << SCALE_BITS;
const L = 1 << 23;
/** x ≥ X_MAX_UNIT·f means a push of frequency f must first move a byte out (ryg_rans' x_max). */
const X_MAX_UNIT = (L >>> SCALE_BITS) << 8;

export class AnsStack {
  private x = L;
  private bytes: Uint8Array;
  private length = 0;

  constructor(initialCapacity = 256) {
    this.bytes = new Uint8Array(initialCapacity);
  }

  /** A stack holding a payload made by `finish` (the decoder's starting point). */
  static fromPayload(payload: Uint8Array): AnsStack {
    if (payload.length < 4) throw new InputError(`entropy-coded payload of ${payload.length} bytes is shorter than its 4-byte state`);
    const stack = new AnsStack(0);
    const x = (payload[0] | (payload[1] << 8) | (payload[2] << 16) | (payload[3] << 24)) >>> 0;
    if (x < L || x >= L * 256) throw new InputError(`entropy coder state ${x} is out of range`);
    stack.x = x;
    // a copy (a Buffer's slice would be a view): bits-back decoding pushes bytes back, which must not write into the
    // caller's payload
    stack.bytes = new Uint8Array(payload.subarray(4));
    stack.length = stack.bytes.length;
    return stack;
  }

  /** Codes a symbol occupying [start, start+freq) of the total M. */
  push(start: number, freq: number): void {
    let x = this.x;
    const xMax = X_MAX_UNIT * freq;
    while (x >= xMax) {
      this.pushByte(x & 0xff);
      x >>>= 8;
    }
    const q = (x / freq) | 0;
    this.x = q * M + (x - q * freq) + start;
  }

  /** The slot in [0, M) of the symbol on top; follow with `pop(start, freq)` of the symbol whose range holds it. */
  peek(): number {
    return this.x & (M - 1);
  }

  /** Removes the symbol occupying [start, start+freq), which must hold `peek()`. */
  pop(start: number, freq: number): void {
    let x = freq * (this.x >>> SCALE_BITS) + (this.x & (M - 1)) - start;
    if (x < L) {
      // refill a byte at a time; below the bottom lie zero bytes
      const { bytes } = this;
      let length = this.length;
      do x = x * 256 + (length === 0 ? 0 : bytes[--length]);
      while (x < L);
      this.length = length;
    }
    this.x = x;
  }

  /** Codes an integer of `bits` ≤ 16 bits with uniform probability. */
  pushBits(value: number, bits: number): void {
    const freq = 1 << (SCALE_BITS - bits);
    this.push(value * freq, freq);
  }

  popBits(bits: number): number {
    const shift = SCALE_BITS - bits;
    const value = this.peek() >>> shift;
    this.pop(value << shift, 1 << shift);
    return value;
  }

  /** Codes j uniformly in [0, n), 1 ≤ n ≤ M. */
  pushUniform(j: number, n: number): void {
    const q = (M / n) | 0;
    const r = M - q * n;
    if (j < r) this.push(j * (q + 1), q + 1);
    else this.push(r * (q + 1) + (j - r) * q, q);
  }

  popUniform(n: number): number {
    const q = (M / n) | 0;
    const r = M - q * n;
    const slot = this.peek();
    const j = slot < r * (q + 1) ? Math.floor(slot / (q + 1)) : r + Math.floor((slot - r * (q + 1)) / q);
    this.pop(j < r ? j * (q + 1) : r * (q + 1) + (j - r) * q, j < r ? q + 1 : q);
    return j;
  }

  /** The encoder's output: the state (4 bytes, little-endian) then the stack from bottom to top. */
  finish(): Uint8Array {
    const out = new Uint8Array(4 + this.length);
    out[0] = this.x & 0xff;
    out[1] = (this.x >>> 8) & 0xff;
    out[2] = (this.x >>> 16) & 0xff;
    out[3] = (this.x >>> 24) & 0xff;
    out.set(this.bytes.subarray(0, this.length), 4);
    return out;
  }

  /** True when a decoder has consumed its payload exactly: the state is back where every encoder starts. */
  isDrained(): boolean {
    return this.x === L && this.length === 0;
  }

  private pushByte(byte: number): void {
    if (this.length === 0 && byte === 0) return;
    if (this.length === this.bytes.length) {
      const grown = new Uint8Array(Math.max(256, this.bytes.length * 2));
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[this.length++] = byte;
  }
}

/**
 * Frequencies summing to exactly M for `n` ≤ M items of non-negative integer `weights` (each ≥ 1): 1 + a share
 * of the rest proportional to the weight, the rounding remainder going to the first heaviest item. Exact integer
 * arithmetic (products stay below 2^53).
 */
export function quantize(weights: ArrayLike<number>, n: number, out: Uint32Array): void {
  if (n < 1 || n > M) throw new RangeError(`cannot quantize ${n} items to a total of ${M}`);
  let total = 0;
  let heaviest = 0;
  for (let i = 0; i < n; i++) {
    total += weights[i];
    if (weights[i] > weights[heaviest]) heaviest = i;
  }
  const spare = M - n;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const f = 1 + (total > 0 ? Math.floor((weights[i] * spare) / total) : 0);
    out[i] = f;
    sum += f;
  }
  out[heaviest] += M - sum;
}
