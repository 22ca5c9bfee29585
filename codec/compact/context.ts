// Conditioning a record's later skills on its earlier ones through the model's association data (the skill
// association graph of THEORY.md §7, kept as each symbol's strongest co-occurring symbols with pair counts).
// Given the symbols already decoded (the context C), each associate e of some c ∈ C gets the weight
// Σ_c pairCount(c, e)·2^16 / frequency(c), a fixed-point estimate of Σ_c P(e ∈ text | c ∈ text). The next symbol
// is then coded as a flag "it is one of these candidates", whose probability is the expected number of candidates
// in the record (Σ min(weight, 2^16)) over the number of symbols still to come, followed either by the candidate's
// index (probabilities ∝ weights) or by the unigram code. Everything is integer arithmetic below 2^53, computed
// from decoded data only, so encoder and decoder build the same tables.

import type { AssociationData } from '../../src/model/types.js';
import { AnsStack, M, quantize } from '../entropy/ans.js';

/** At most this many context symbols (the first in ascending symbol order) are used. */
const MAX_CONTEXT = 24;
/** The flag's probability is kept within [FLAG_MIN, M − FLAG_MIN] out of M. */
const FLAG_MIN = 1 << 10;
const NOT_CANDIDATE = -1;
const IN_CONTEXT = -2;

export class AssociationContext {
  /** Candidate index of each symbol during a step, IN_CONTEXT for context symbols, else NOT_CANDIDATE. */
  private readonly mark: Int32Array;
  private candidates: Uint32Array;
  private weights: Float64Array;
  private freqs: Uint32Array;
  private cum: Uint32Array;
  private count = 0;
  private flag = 0;

  constructor(
    private readonly association: AssociationData,
    private readonly frequencies: Uint32Array,
  ) {
    this.mark = new Int32Array(frequencies.length).fill(NOT_CANDIDATE);
    const capacity = Math.min(M, MAX_CONTEXT * Math.max(1, association.maxNeighbors));
    this.candidates = new Uint32Array(capacity);
    this.weights = new Float64Array(capacity);
    this.freqs = new Uint32Array(capacity);
    this.cum = new Uint32Array(capacity + 1);
  }

  /**
   * Builds the candidates for the next symbol from the context `context[0..n)` (ascending) with `remaining`
   * symbols of the record still to code (this one included). Returns the number of candidates (0: no flag coded).
   */
  build(context: Uint32Array, n: number, remaining: number): number {
    const { offsets, neighbors, pairCounts } = this.association;
    const used = Math.min(n, MAX_CONTEXT);
    for (let i = 0; i < n; i++) this.mark[context[i]] = IN_CONTEXT;
    let count = 0;
    for (let i = 0; i < used; i++) {
      const c = context[i];
      const scale = M / Math.max(1, this.frequencies[c]);
      for (let a = offsets[c]; a < offsets[c + 1]; a++) {
        const e = neighbors[a];
        const w = Math.floor(pairCounts[a] * scale);
        const at = this.mark[e];
        if (at === IN_CONTEXT) continue;
        if (at === NOT_CANDIDATE) {
          if (count === this.candidates.length) continue;
          this.mark[e] = count;
          this.candidates[count] = e;
          this.weights[count] = w;
          count++;
        } else {
          this.weights[at] += w;
        }
      }
    }
    for (let i = 0; i < n; i++) this.mark[context[i]] = NOT_CANDIDATE;
    this.count = count;
    if (count === 0) return 0;
    let expected = 0;
    for (let i = 0; i < count; i++) expected += Math.min(this.weights[i], M);
    this.flag = Math.min(M - FLAG_MIN, Math.max(FLAG_MIN, Math.floor(expected / remaining)));
    quantize(this.weights, count, this.freqs);
    for (let i = 0; i < count; i++) this.cum[i + 1] = this.cum[i] + this.freqs[i];
    return count;
  }

  /** The candidate index of `symbol` after `build`, or −1. */
  indexOf(symbol: number): number {
    return this.mark[symbol];
  }

  /** Pushes "symbol is candidate `index`" (index ≥ 0) or "symbol is not a candidate" (index −1). */
  push(stack: AnsStack, index: number): void {
    if (index >= 0) {
      stack.push(this.cum[index], this.freqs[index]);
      stack.push(0, this.flag);
    } else {
      stack.push(this.flag, M - this.flag);
    }
  }

  /** Pops what `push` coded: a candidate's symbol, or −1 when the symbol is not a candidate. */
  pop(stack: AnsStack): number {
    if (stack.peek() >= this.flag) {
      stack.pop(this.flag, M - this.flag);
      return -1;
    }
    stack.pop(0, this.flag);
    const slot = stack.peek();
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.cum[mid] <= slot) lo = mid;
      else hi = mid - 1;
    }
    stack.pop(this.cum[lo], this.freqs[lo]);
    return this.candidates[lo];
  }

  /** Resets the candidate marks; call after each step's push or pop. */
  clear(): void {
    for (let i = 0; i < this.count; i++) this.mark[this.candidates[i]] = NOT_CANDIDATE;
  }
}
