// Adaptive frequency models for small alphabets on the rANS stack (codec/entropy/ans.ts), and a coder of
// non-negative integers built on one. The cumulative table always totals M = 2^16 and moves toward the symbol just
// coded by a shift (the CDF adaptation of the AV1 video codec), so it is exact integer arithmetic; each symbol
// keeps a frequency of at least 1. Because rANS pushes in reverse, an encoder first walks its values forward,
// collecting each value's (start, freq) with `plan`, then pushes those in reverse order.

import { AnsStack, M } from './ans.js';
import { InputError } from '../../src/util/errors.js';

class AdaptiveModel {
  /** base[i] + i is the cumulative frequency of symbols below i; base spans [0, M − size]. */
  private readonly base: Int32Array;
  private readonly budget: number;
  private updates = 0;

  constructor(readonly size: number) {
    this.base = new Int32Array(size + 1);
    this.budget = M - size;
    for (let i = 0; i <= size; i++) this.base[i] = Math.floor((i * this.budget) / size);
  }

  start(symbol: number): number {
    return this.base[symbol] + symbol;
  }

  freq(symbol: number): number {
    return this.base[symbol + 1] - this.base[symbol] + 1;
  }

  /** The symbol whose range holds `slot`. */
  find(slot: number): number {
    let s = 0;
    while (s + 1 < this.size && this.base[s + 1] + s + 1 <= slot) s++;
    return s;
  }

  /** Moves the table toward `symbol`: fast at first, then slower (rate 4 → 7 bits). */
  update(symbol: number): void {
    const rate = this.updates < 16 ? 4 : this.updates < 64 ? 5 : this.updates < 256 ? 6 : 7;
    this.updates++;
    const { base, budget, size } = this;
    // the boundaries up to the symbol move down, the ones above it up (two loops without a branch inside)
    const last = Math.min(symbol, size - 1);
    for (let i = 1; i <= last; i++) base[i] -= base[i] >> rate;
    for (let i = last + 1; i < size; i++) base[i] += (budget - base[i]) >> rate;
  }
}

/** A pending push: symbol range then raw offset bits (bits = 0 for none). */
export interface IntegerPlan {
  start: number;
  freq: number;
  offset: number;
  bits: number;
}

/**
 * Codes non-negative integers up to `maxValue` (< 2^32) with an AdaptiveModel over their magnitude classes: values
 * below `direct` (a power of two) are their own symbol, symbol direct + j stands for [direct·2^j, direct·2^(j+1)),
 * the offset in log2(direct) + j raw bits. The alphabet holds only the classes up to maxValue, since the model's
 * update costs a step per symbol.
 */
export class IntegerCoder {
  private readonly model: AdaptiveModel;
  private readonly shift: number;

  constructor(
    readonly maxValue: number,
    private readonly direct = 16,
  ) {
    this.shift = 31 - Math.clz32(direct);
    if (direct !== 1 << this.shift || direct < 2) throw new RangeError(`IntegerCoder: direct ${direct} is not a power of two ≥ 2`);
    const classes = maxValue < direct ? 0 : 31 - Math.clz32(Math.floor(maxValue / direct)) + 1;
    this.model = new AdaptiveModel(Math.min(direct, maxValue + 1) + classes);
  }

  /** The pushes that code `value` in the current model state; advances the model. */
  plan(value: number): IntegerPlan {
    if (!(value >= 0 && value <= this.maxValue)) throw new RangeError(`IntegerCoder: ${value} is outside 0 … ${this.maxValue}`);
    let symbol = value;
    let offset = 0;
    let bits = 0;
    if (value >= this.direct) {
      const j = 31 - Math.clz32(value) - this.shift;
      symbol = this.direct + j;
      bits = j + this.shift;
      offset = value - this.direct * 2 ** j;
    }
    const plan = { start: this.model.start(symbol), freq: this.model.freq(symbol), offset, bits };
    this.model.update(symbol);
    return plan;
  }

  static push(stack: AnsStack, plan: IntegerPlan): void {
    // Decoded high part first, so pushed last; offsets of more than 16 bits go in two parts.
    if (plan.bits > 16) {
      stack.pushBits(plan.offset % 65536, 16);
      stack.pushBits(Math.floor(plan.offset / 65536), plan.bits - 16);
    } else if (plan.bits > 0) {
      stack.pushBits(plan.offset, plan.bits);
    }
    stack.push(plan.start, plan.freq);
  }

  /** Decodes a value, failing with InputError when it exceeds `limit` (corrupt data). */
  pop(stack: AnsStack, limit: number, what: string): number {
    const symbol = this.model.find(stack.peek());
    stack.pop(this.model.start(symbol), this.model.freq(symbol));
    this.model.update(symbol);
    let value = symbol;
    if (symbol >= this.direct) {
      const j = symbol - this.direct;
      const bits = j + this.shift;
      let offset: number;
      if (bits > 16) {
        offset = stack.popBits(bits - 16) * 65536;
        offset += stack.popBits(16);
      } else {
        offset = stack.popBits(bits);
      }
      value = this.direct * 2 ** j + offset;
    }
    if (value > limit) throw new InputError(`${what} ${value} exceeds its limit ${limit} (corrupt data)`);
    return value;
  }
}
