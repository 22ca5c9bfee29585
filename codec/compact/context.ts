// Conditioning a record's later skills on its earlier ones through the model's association data (the skill
// association graph of THEORY.md §7, kept as each symbol's strongest co-occurring symbols with pair counts).
// Candidates come from two sources: the symbols of the frame's previous records (a cache: topics recur within a
// document; on held-out Brown this is most of the gain), and the association lists of the record's symbols
// already decoded (the context C): each associate e of some c ∈ C whose lift
// P(e | c) / P(e) = pairCount·texts / (frequency(c)·frequency(e)) is at least MIN_LIFT is a candidate, with weight
// max_c pairCount(c, e)·2^16 / (frequency(c) + SMOOTHING), a fixed-point estimate of P(e ∈ text | C). Associates
// without lift carry no information beyond the unigram (on held-out Brown they make the context cost more than it
// saves), and the smoothing discounts rare context skills, whose pair counts do not generalise. The next symbol is coded
// in one distribution over the associates (frequencies ∝ weights), the group of recent symbols (weight ∝ their
// number; then the symbol's place in the recent list, uniformly) — together p_in of the total — and an escape
// (1 − p_in) that the unigram code follows. p_in comes from a calibration table indexed by the expected share of
// candidates among the symbols still to come (Σ weights / remaining, in half-octave bins): the frame's own table,
// measured by the encoder and sent in the frame, or a default table measured on held-out Brown sentences. Everything is
// integer arithmetic below 2^53 (quotients of such integers are floored exactly), computed from decoded data only,
// so encoder and decoder build the same tables.

import type { AssociationData } from '../../src/model/types.js';
import { AnsStack, M } from '../entropy/ans.js';

/** At most this many context symbols (the first in ascending symbol order) are used. */
const MAX_CONTEXT = 24;
/** The cache: the symbols of the frame's previous RECENT_RECORDS records (at most MAX_RECENT of them). */
export const RECENT_RECORDS = 8;
const MAX_RECENT = 512;
/** Weight of each recent symbol in the group's weight (≈ 0.05·M: the chance that it recurs, before calibration). */
const RECENT_WEIGHT = 3277;
/** Associates whose lift is below this are not candidates. */
const MIN_LIFT = 8;
/** Added to a context skill's frequency when estimating P(e | c). */
const SMOOTHING = 10;
/**
 * Bin edges of the expected candidate share (16-bit fixed point): 2^-2.5, 2^-2, …, 2^2.5, giving 12 bins.
 * Bin b holds shares below EDGES[b] (the last bin holds the rest).
 */
const EDGES = [11585, 16384, 23170, 32768, 46341, 65536, 92682, 131072, 185364, 262144, 370728];
export const FLAG_BINS = EDGES.length + 1;
/**
 * p_in in 1/256 by bin for frames too small to send their own table: measured on the held-out 10% of Brown
 * documents with a model trained on the other 90% (bench/codec.ts's split).
 */
export const DEFAULT_FLAG_TABLE = Uint8Array.of(48, 55, 60, 65, 65, 71, 73, 75, 73, 77, 76, 81);
/** Steps are numbered 1 … STEP_LIMIT − 1, then the marks are wiped and the numbering starts again. */
const STEP_LIMIT = 1 << 15;
const STEP_SHIFT = 16;
/** The low bits of a mark set in the current step: IN_CONTEXT, or FIRST_CANDIDATE + the candidate's index. */
const IN_CONTEXT = 1;
const FIRST_CANDIDATE = 2;

export class AssociationContext {
  /**
   * Each symbol's mark: (step << STEP_SHIFT) | IN_CONTEXT for a context symbol of the current step, | FIRST_CANDIDATE
   * + index for its candidates (fewer than M/4); a mark of an earlier step means neither, so a new step (a `build`)
   * needs no clearing.
   */
  private readonly mark: Int32Array;
  /** The current step's mark base: step << STEP_SHIFT. */
  private base = 0;
  /**
   * The association lists kept (entries with lift), CSR by symbol in the model's list order: entry a is the pair
   * associations[2a] = associate, associations[2a+1] = its weight min(M, max(1, ⌊pairCount·M / (frequency +
   * SMOOTHING)⌋)), side by side so that a visit touches one cache line.
   */
  private readonly offsets: Int32Array;
  private readonly associations: Int32Array;
  private readonly candidates: Int32Array;
  private readonly weights: Int32Array;
  private count = 0;
  private weightSum = 0;
  private recent: RecentSymbols = NO_RECENT;
  private recentWeight = 0;
  /** Total frequency of the candidates beyond 1 each (the rest of M is the escape). */
  private budget = 0;
  /** The calibration bin of the last `build`. */
  bin = 0;
  /** p_in in 1/256 by bin, for push and pop. */
  table: Uint8Array = DEFAULT_FLAG_TABLE;

  constructor(association: AssociationData, frequencies: Uint32Array, texts: number) {
    this.mark = new Int32Array(frequencies.length);
    const { offsets, neighbors, pairCounts } = association;
    const symbols = offsets.length - 1;
    this.offsets = new Int32Array(symbols + 1);
    const kept: number[] = [];
    for (let c = 0; c < symbols; c++) {
      for (let a = offsets[c]; a < offsets[c + 1]; a++) {
        if (pairCounts[a] * texts < MIN_LIFT * frequencies[c] * frequencies[neighbors[a]]) continue;
        kept.push(neighbors[a], Math.min(M, Math.max(1, Math.floor((pairCounts[a] * M) / (frequencies[c] + SMOOTHING)))));
      }
      this.offsets[c + 1] = kept.length >> 1;
    }
    this.associations = Int32Array.from(kept);
    const capacity = Math.min(M >> 2, MAX_CONTEXT * Math.max(1, association.maxNeighbors));
    this.candidates = new Int32Array(capacity);
    this.weights = new Int32Array(capacity);
  }

  /**
   * Builds the candidates for the next symbol from the context `context[0..n)` (ascending), with `remaining`
   * symbols of the record still to code (this one included), and the recent symbols `recent`. Returns the number of
   * entries before the escape (0: code the symbol with the unigram alone).
   */
  build(context: Uint32Array, n: number, remaining: number, recent: RecentSymbols): number {
    const { mark, offsets, associations, candidates, weights } = this;
    const used = Math.min(n, MAX_CONTEXT);
    const capacity = candidates.length;
    let step = (this.base >>> STEP_SHIFT) + 1;
    if (step === STEP_LIMIT) {
      mark.fill(0);
      step = 1;
    }
    const base = step << STEP_SHIFT;
    this.base = base;
    const first = base + FIRST_CANDIDATE;
    for (let i = 0; i < n; i++) mark[context[i]] = base | IN_CONTEXT;
    let count = 0;
    let sum = 0;
    for (let i = 0; i < used; i++) {
      const c = context[i];
      const end = offsets[c + 1];
      for (let a = offsets[c]; a < end; a++) {
        const e = associations[2 * a];
        const w = associations[2 * a + 1];
        const at = mark[e] - first;
        if (at < -FIRST_CANDIDATE) {
          if (count === capacity) continue;
          mark[e] = first + count;
          candidates[count] = e;
          weights[count] = w;
          sum += w;
          count++;
        } else if (at >= 0 && w > weights[at]) {
          sum += w - weights[at];
          weights[at] = w;
        }
      }
    }
    this.count = count;
    this.recent = recent;
    const entries = count + (recent.length > 0 ? 1 : 0);
    if (entries === 0) return 0;
    this.recentWeight = RECENT_WEIGHT * recent.length;
    sum += this.recentWeight;
    this.weightSum = sum;
    const share = Math.floor(sum / remaining);
    let bin = 0;
    while (bin < EDGES.length && share >= EDGES[bin]) bin++;
    this.bin = bin;
    this.budget = Math.max(0, (this.table[bin] << 8) - entries);
    return entries;
  }

  /** Whether `symbol` is an associate candidate or a recent symbol after `build` (the calibration's hit). */
  hit(symbol: number): boolean {
    return this.candidateIndex(symbol) >= 0 || this.recent.position(symbol) >= 0;
  }

  private freq(weight: number): number {
    return 1 + Math.floor((weight * this.budget) / this.weightSum);
  }

  /** Σ freq over candidates [0, end): where candidate `end` (or the recent group, for end = count) starts. */
  private startOf(end: number): number {
    const { weights, budget, weightSum } = this;
    let start = end;
    for (let i = 0; i < end; i++) start += Math.floor((weights[i] * budget) / weightSum);
    return start;
  }

  /**
   * Pushes `symbol` when it is a candidate (an associate, else a recent symbol: the group, then its place in the
   * recent list) and returns true; returns false, pushing nothing, when it must be escaped.
   */
  encode(stack: AnsStack, symbol: number): boolean {
    const index = this.candidateIndex(symbol);
    if (index >= 0) {
      stack.push(this.startOf(index), this.freq(this.weights[index]));
      return true;
    }
    const position = this.recent.position(symbol);
    if (position < 0) return false;
    stack.pushUniform(position, this.recent.length);
    stack.push(this.startOf(this.count), this.freq(this.recentWeight));
    return true;
  }

  /** Pushes the escape (after the unigram code of the symbol). */
  pushEscape(stack: AnsStack): void {
    let start = this.startOf(this.count);
    if (this.recent.length > 0) start += this.freq(this.recentWeight);
    stack.push(start, M - start);
  }

  /** Pops what `encode` or `pushEscape` coded: the candidate's symbol, or −1 for the escape. */
  decode(stack: AnsStack): number {
    const slot = stack.peek();
    const { weights, budget, weightSum, count } = this;
    let start = 0;
    for (let i = 0; i < count; i++) {
      const f = 1 + Math.floor((weights[i] * budget) / weightSum);
      if (slot < start + f) {
        stack.pop(start, f);
        return this.candidates[i];
      }
      start += f;
    }
    if (this.recent.length > 0) {
      const f = this.freq(this.recentWeight);
      if (slot < start + f) {
        stack.pop(start, f);
        return this.recent.list[stack.popUniform(this.recent.length)];
      }
      start += f;
    }
    stack.pop(start, M - start);
    return -1;
  }

  /** The symbol's index among the current step's candidates, or −1. */
  private candidateIndex(symbol: number): number {
    const index = this.mark[symbol] - this.base - FIRST_CANDIDATE;
    return index >= 0 ? index : -1;
  }
}

/**
 * The distinct symbols of a frame's previous RECENT_RECORDS records — records r−1, r−2, … in turn, each in ascending
 * order — for record r; built from sets only, so the encoder (walking backwards) and the decoder agree.
 */
export class RecentSymbols {
  readonly list = new Int32Array(MAX_RECENT);
  length = 0;
  private readonly stamp: Int32Array;
  private readonly at: Int32Array;
  private generation = 0;

  constructor(symbols: number) {
    this.stamp = new Int32Array(symbols);
    this.at = new Int32Array(symbols);
  }

  /** The place of `symbol` in the list, or −1. */
  position(symbol: number): number {
    return this.stamp[symbol] === this.generation ? this.at[symbol] : -1;
  }

  /** Collects the symbols of `sets[r−1]`, `sets[r−2]`, … (at most RECENT_RECORDS sets back). */
  collect(sets: ArrayLike<{ symbols: Uint32Array }>, r: number): void {
    const g = ++this.generation;
    let length = 0;
    for (let q = r - 1; q >= 0 && q >= r - RECENT_RECORDS && length < MAX_RECENT; q--) {
      const symbols = sets[q].symbols;
      for (let i = 0; i < symbols.length && length < MAX_RECENT; i++) {
        const s = symbols[i];
        if (this.stamp[s] === g) continue;
        this.stamp[s] = g;
        this.at[s] = length;
        this.list[length++] = s;
      }
    }
    this.length = length;
  }
}

const NO_RECENT = new RecentSymbols(0);
