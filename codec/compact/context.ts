// Conditioning a record's later skills on its earlier ones through the model's association data (the skill
// association graph of THEORY.md §7, kept as each symbol's strongest co-occurring symbols with pair counts).
// Given the symbols already decoded (the context C), each associate e of some c ∈ C is a candidate with weight
// max_c pairCount(c, e)·2^16 / frequency(c), a fixed-point estimate of P(e ∈ text | C). The next symbol is coded
// in one distribution over the candidates (frequencies ∝ weights, together p_in of the total) and an escape
// (1 − p_in) that the unigram code follows. p_in comes from a calibration table indexed by the expected share of
// candidates among the symbols still to come (Σ weights / remaining, in half-octave bins): the frame's own table,
// measured by the encoder and sent in the frame, or a default table measured on Brown sentences. Everything is
// integer arithmetic below 2^53 (quotients of such integers are floored exactly), computed from decoded data only,
// so encoder and decoder build the same tables.

import type { AssociationData } from '../../src/model/types.js';
import { AnsStack, M } from '../entropy/ans.js';

/** At most this many context symbols (the first in ascending symbol order) are used. */
const MAX_CONTEXT = 24;
/**
 * Bin edges of the expected candidate share (16-bit fixed point): 2^-2.5, 2^-2, …, 2^2.5, giving 12 bins.
 * Bin b holds shares below EDGES[b] (the last bin holds the rest).
 */
const EDGES = [11585, 16384, 23170, 32768, 46341, 65536, 92682, 131072, 185364, 262144, 370728];
export const FLAG_BINS = EDGES.length + 1;
/** Flag probabilities in 1/256 by bin, measured on Brown sentences with the built-in model; used by small frames. */
export const DEFAULT_FLAG_TABLE = Uint8Array.of(26, 41, 49, 61, 73, 79, 87, 93, 97, 103, 105, 115);
const NOT_CANDIDATE = -1;
const IN_CONTEXT = -2;

export class AssociationContext {
  /** Candidate index of each symbol during a step, IN_CONTEXT for context symbols, else NOT_CANDIDATE. */
  private readonly mark: Int32Array;
  /** The weight of each association entry, min(M, max(1, ⌊pairCount·M / frequency⌋)). */
  private readonly entryWeight: Int32Array;
  private readonly candidates: Int32Array;
  private readonly weights: Int32Array;
  private count = 0;
  private weightSum = 0;
  /** Total frequency of the candidates beyond 1 each (the rest of M is the escape). */
  private budget = 0;
  /** The calibration bin of the last `build`. */
  bin = 0;
  /** p_in in 1/256 by bin, for push and pop. */
  table: Uint8Array = DEFAULT_FLAG_TABLE;

  constructor(
    private readonly association: AssociationData,
    frequencies: Uint32Array,
  ) {
    this.mark = new Int32Array(frequencies.length).fill(NOT_CANDIDATE);
    const { offsets, pairCounts } = association;
    this.entryWeight = new Int32Array(pairCounts.length);
    for (let c = 0; c + 1 < offsets.length; c++) {
      for (let a = offsets[c]; a < offsets[c + 1]; a++) {
        this.entryWeight[a] = Math.min(M, Math.max(1, Math.floor((pairCounts[a] * M) / Math.max(1, frequencies[c]))));
      }
    }
    const capacity = Math.min(M >> 2, MAX_CONTEXT * Math.max(1, association.maxNeighbors));
    this.candidates = new Int32Array(capacity);
    this.weights = new Int32Array(capacity);
  }

  /**
   * Builds the candidates for the next symbol from the context `context[0..n)` (ascending) with `remaining`
   * symbols of the record still to code (this one included). Returns the number of candidates (0: code the
   * symbol with the unigram alone).
   */
  build(context: Uint32Array, n: number, remaining: number): number {
    const { offsets, neighbors } = this.association;
    const { mark, entryWeight, candidates, weights } = this;
    const used = Math.min(n, MAX_CONTEXT);
    const capacity = candidates.length;
    for (let i = 0; i < n; i++) mark[context[i]] = IN_CONTEXT;
    let count = 0;
    for (let i = 0; i < used; i++) {
      const c = context[i];
      const end = offsets[c + 1];
      for (let a = offsets[c]; a < end; a++) {
        const e = neighbors[a];
        const at = mark[e];
        if (at === NOT_CANDIDATE) {
          if (count === capacity) continue;
          mark[e] = count;
          candidates[count] = e;
          weights[count] = entryWeight[a];
          count++;
        } else if (at >= 0 && entryWeight[a] > weights[at]) {
          weights[at] = entryWeight[a];
        }
      }
    }
    for (let i = 0; i < n; i++) mark[context[i]] = NOT_CANDIDATE;
    this.count = count;
    if (count === 0) return 0;
    let sum = 0;
    for (let i = 0; i < count; i++) sum += weights[i];
    this.weightSum = sum;
    const share = Math.floor(sum / remaining);
    let bin = 0;
    while (bin < EDGES.length && share >= EDGES[bin]) bin++;
    this.bin = bin;
    this.budget = Math.max(0, (this.table[bin] << 8) - count);
    return count;
  }

  /** The candidate index of `symbol` after `build`, or −1. */
  indexOf(symbol: number): number {
    return this.mark[symbol];
  }

  private freq(i: number): number {
    return 1 + Math.floor((this.weights[i] * this.budget) / this.weightSum);
  }

  /** Pushes "symbol is candidate `index`" (index ≥ 0) or the escape (index −1, the unigram code follows). */
  push(stack: AnsStack, index: number): void {
    let start = 0;
    const last = index >= 0 ? index : this.count;
    for (let i = 0; i < last; i++) start += this.freq(i);
    stack.push(start, index >= 0 ? this.freq(index) : M - start);
  }

  /** Pops what `push` coded: a candidate's symbol, or −1 for the escape. */
  pop(stack: AnsStack): number {
    const slot = stack.peek();
    let start = 0;
    for (let i = 0; i < this.count; i++) {
      const f = this.freq(i);
      if (slot < start + f) {
        stack.pop(start, f);
        return this.candidates[i];
      }
      start += f;
    }
    stack.pop(start, M - start);
    return -1;
  }

  /** Resets the candidate marks; call after each step's push or pop. */
  clear(): void {
    for (let i = 0; i < this.count; i++) this.mark[this.candidates[i]] = NOT_CANDIDATE;
  }
}
