// Bits-back coding of sets (Severo et al., "Compressing Multisets with Large Alphabets", 2022; THEORY.md §8): the
// encoder, walking backwards, pops which of the i elements left comes next (getting log2 i bits back) and pushes
// that element; the decoder pops elements and pushes back each one's position in the sorted set decoded so far, so
// no order is paid for. Positions are pushed in groups — the choices among 2, 3, …, n as one mixed-radix number
// while the product of the radices stays ≤ GROUP — which saves an entropy-coder step per element at a cost below
// 0.03 bits per group (a uniform choice among at most GROUP values, quantised to M = 2^16).

import { InputError } from '../../src/util/errors.js';
import type { AnsStack } from '../entropy/ans.js';

const GROUP = 1024;

/** The decoder's half: elements go into an ascending set, their positions back onto the stack in groups. */
export class SetDecoder {
  private value = 0;
  private weight = 1;

  /**
   * Inserts `element`, the m-th of a set of `n` being decoded, into the ascending `set[0..m)`; a repeated element is
   * corrupt data. After the group's last element its positions are pushed.
   */
  insert(stack: AnsStack, set: Uint32Array, m: number, n: number, element: number): void {
    // one pass from the end: larger elements move up until the element's place is found (sets are small)
    let pos = m;
    while (pos > 0 && set[pos - 1] > element) {
      set[pos] = set[pos - 1];
      pos--;
    }
    if (pos > 0 && set[pos - 1] === element) throw new InputError('a skill repeats (corrupt data)');
    set[pos] = element;
    if (m === 0) {
      // a new set: a group left open by a set that failed part-way is dropped
      this.value = 0;
      this.weight = 1;
      return;
    }
    this.value += pos * this.weight;
    this.weight *= m + 1;
    if (m === n - 1 || this.weight * (m + 2) > GROUP) {
      stack.pushUniform(this.value, this.weight);
      this.value = 0;
      this.weight = 1;
    }
  }
}

/** The encoder's half, with scratch for sets of up to `capacity` elements. */
export class SetEncoder {
  private readonly order: Int32Array;
  private readonly digits: Int32Array;
  /** For the last position of each group: the group's first position and its radix product (0 elsewhere). */
  private readonly groupStart: Int32Array;
  private readonly groupWeight: Int32Array;

  constructor(capacity: number) {
    this.order = new Int32Array(capacity);
    this.digits = new Int32Array(capacity);
    this.groupStart = new Int32Array(capacity);
    this.groupWeight = new Int32Array(capacity);
  }

  /**
   * Pushes the `n` elements of an ascending set in bits-back order; `pushElement(i)` pushes element i (by its place
   * in the set).
   */
  push(stack: AnsStack, n: number, pushElement: (i: number) => void): void {
    const { order, digits, groupStart, groupWeight } = this;
    let weight = 1;
    let start = 1;
    for (let m = 1; m < n; m++) {
      weight *= m + 1;
      groupWeight[m] = 0;
      if (m === n - 1 || weight * (m + 2) > GROUP) {
        groupStart[m] = start;
        groupWeight[m] = weight;
        weight = 1;
        start = m + 1;
      }
    }
    for (let i = 0; i < n; i++) order[i] = i;
    for (let m = n - 1; m >= 0; m--) {
      let j = 0;
      if (m > 0) {
        if (groupWeight[m] > 0) {
          let value = stack.popUniform(groupWeight[m]);
          for (let d = groupStart[m]; d <= m; d++) {
            digits[d] = value % (d + 1);
            value = Math.floor(value / (d + 1));
          }
        }
        j = digits[m];
      }
      const element = order[j];
      for (let i = j; i < m; i++) order[i] = order[i + 1];
      pushElement(element);
    }
  }
}

/** The place of `symbol` in the ascending `set[from..from+n)` (counted from `from`), or −1 when it is not there. */
export function placeIn(set: Uint32Array, from: number, n: number, symbol: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (set[from + mid] < symbol) lo = mid + 1;
    else hi = mid;
  }
  return lo < n && set[from + lo] === symbol ? lo : -1;
}
