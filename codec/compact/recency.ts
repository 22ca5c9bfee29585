// The recency cache of compact mode's context (THEORY.md §8; docs/FORMAT.md, "Compact mode payload"): a skill seen
// a records ago (1 ≤ a ≤ WINDOW, within the frame) is a *hit*, coded by its age a and its place among the symbols
// that record holds fresh (those not seen again since), instead of by p(s). The probability of a hit by age, π_a,
// is counted over the frame's records so far from a prior measured on held-out Brown (topics recur within a
// document, and the nearer the record the likelier the recurrence). Age a is coded with weight fresh_a·π_a; the
// expected number of hits Σ fresh_a·π_a picks the table the hit count is coded with. Everything depends on the sets
// of the records before this one only, never on the order bits-back coding visits a set in, so the encoder can plan
// a frame forwards and the decoder rebuilds the same tables; all of it is integer arithmetic below 2^53.

import { M } from '../entropy/ans.js';
import { placeIn } from './sets.js';

/** Ages 1 … WINDOW are hits. */
export const WINDOW = 16;
const RING = 16; // a power of two ≥ WINDOW: records' slots by record number
/** Prior hit counts by age in 1/256 (0.07·a^−0.7 of PRIOR_TRIALS, measured on held-out Brown), over PRIOR_TRIALS trials. */
const PRIOR_HITS = [573, 353, 266, 217, 186, 164, 147, 134, 123, 114, 107, 101, 95, 90, 86, 82];
const PRIOR_TRIALS = 32 * 256;
const ONE = 256;
/** Bins of the expected hit count E (16-bit fixed point): bin b holds E < (2^((b+1)/2) − 1); the last bin the rest. */
const EXPECTED_EDGES = [27145, 65536, 119827, 196608, 305191, 458752, 675919, 983040, 1417374, 2031616, 2900284];
export const HIT_BINS = EXPECTED_EDGES.length + 1;
/** The hit rates π_a are recomputed from the counts after every PI_PERIOD-th record of a frame. */
const PI_PERIOD = 16;
/** Records are numbered by a clock that jumps past the window at each frame; it restarts before reaching this. */
const CLOCK_LIMIT = 1 << 30;

export class RecencyCache {
  /** The clock of the record in which each symbol was last seen (0: never, in this frame or the window). */
  private readonly last: Int32Array;
  private clock = WINDOW + 1;
  private frameStart = WINDOW + 1;
  /**
   * Each record slot's fresh symbols — those of the record not seen again since — ascending, in freshLists[slot][0,
   * fresh[slot]) (fresh is 0 for slots before the frame).
   */
  private readonly freshLists: Uint32Array[] = Array.from({ length: RING }, () => new Uint32Array(64));
  private readonly fresh = new Int32Array(RING);
  private readonly hitCounts = new Float64Array(WINDOW + 1);
  private readonly trialCounts = new Float64Array(WINDOW + 1);
  /** π_a in 1/M, refreshed from the counts every PI_PERIOD records. */
  private readonly pi = new Float64Array(WINDOW + 1);
  /** The age table of the current record: age a occupies [ageStart[a], ageStart[a + 1]) of M (after `ageTable`). */
  readonly ageStart = new Uint32Array(WINDOW + 2);
  /** Prefix sums of the age weights w_a = fresh_a·π_a: reach[a] = Σ_{b ≤ a} w_b (set by `prepare`). */
  private readonly reach = new Float64Array(WINDOW + 1);
  /** Cache entries (Σ fresh) and the bin of the expected hit count for the current record, set by `prepare`. */
  entries = 0;
  bin = 0;

  /** `cachedFrom`: symbols below it (the most frequent, in coding order) never enter the cache, so they are never hits. */
  constructor(
    symbols: number,
    private readonly cachedFrom = 0,
  ) {
    this.last = new Int32Array(symbols);
  }

  /** Starts a frame: nothing is cached, hit rates start from the prior. */
  startFrame(): void {
    this.clock += WINDOW + 1;
    if (this.clock >= CLOCK_LIMIT) {
      this.last.fill(0);
      this.clock = WINDOW + 1;
    }
    this.frameStart = this.clock;
    this.fresh.fill(0);
    for (let a = 1; a <= WINDOW; a++) {
      this.hitCounts[a] = PRIOR_HITS[a - 1];
      this.trialCounts[a] = PRIOR_TRIALS;
    }
    this.refreshRates();
  }

  /**
   * Prepares the next record: its cache size, the weights of its ages and the bin of its expected hit count; counts
   * the cache's entries as trials.
   */
  prepare(): void {
    const { reach, fresh, pi, trialCounts, clock } = this;
    let entries = 0;
    let expected = 0;
    for (let a = 1; a <= WINDOW; a++) {
      const n = fresh[(clock - a) & (RING - 1)];
      entries += n;
      expected += n * pi[a];
      reach[a] = expected;
      trialCounts[a] += ONE * n;
    }
    this.entries = entries;
    let bin = 0;
    while (bin < EXPECTED_EDGES.length && expected >= EXPECTED_EDGES[bin]) bin++;
    this.bin = bin;
  }

  /**
   * The age table of the record `prepare`d (needed only when it has hits): age a starts at
   * a − 1 + ⌊reach[a−1]·(M − WINDOW)/reach[WINDOW]⌋, so every age keeps at least 1 of M and the weights share the
   * rest, in one pass of independent divisions (exact: the products stay below 2^53); a uniform table when every
   * weight is 0.
   */
  ageTable(): void {
    const { reach, ageStart } = this;
    const uniform = reach[WINDOW] === 0;
    const total = uniform ? WINDOW : reach[WINDOW];
    for (let a = 2; a <= WINDOW; a++) ageStart[a] = a - 1 + Math.floor(((uniform ? a - 1 : reach[a - 1]) * (M - WINDOW)) / total);
    ageStart[WINDOW + 1] = M;
  }

  /** Symbols held fresh by the record `age` records back (0 before the frame's first record). */
  freshAt(age: number): number {
    return this.fresh[(this.clock - age) & (RING - 1)];
  }

  /** The symbol's age (1 … WINDOW), or 0 when it is not in the cache. */
  ageOf(symbol: number): number {
    const age = this.clock - this.last[symbol];
    return age <= WINDOW ? age : 0;
  }

  /** The symbol's place among the fresh symbols of the record `age` back (which holds it). */
  placeOf(symbol: number, age: number): number {
    const slot = (this.clock - age) & (RING - 1);
    return placeIn(this.freshLists[slot], 0, this.fresh[slot], symbol);
  }

  /** The fresh symbol at `place` of the record `age` back. */
  symbolAt(age: number, place: number): number {
    return this.freshLists[(this.clock - age) & (RING - 1)][place];
  }

  /** The age whose range of the table holds `slot`. */
  ageAt(slot: number): number {
    let a = 1;
    while (this.ageStart[a + 1] <= slot) a++;
    return a;
  }

  /** Adds the record `set` (ascending) and counts its hits. */
  commit(set: ArrayLike<number>): void {
    const { last, clock, fresh, freshLists } = this;
    let from = 0;
    while (from < set.length && set[from] < this.cachedFrom) from++;
    for (let i = from; i < set.length; i++) {
      const s = set[i];
      const age = clock - last[s];
      if (age <= WINDOW) {
        this.hitCounts[age] += ONE;
        // s leaves the fresh list of the record it was last seen in
        const slot = last[s] & (RING - 1);
        const list = freshLists[slot];
        const n = --fresh[slot];
        for (let j = placeIn(list, 0, n + 1, s); j < n; j++) list[j] = list[j + 1];
      }
      last[s] = clock;
    }
    const slot = clock & (RING - 1);
    const cached = set.length - from;
    if (freshLists[slot].length < cached) freshLists[slot] = new Uint32Array(Math.max(2 * freshLists[slot].length, cached));
    const list = freshLists[slot];
    for (let i = from; i < set.length; i++) list[i - from] = set[i];
    fresh[slot] = cached;
    this.clock++;
    if ((this.clock - this.frameStart) % PI_PERIOD === 0) this.refreshRates();
  }

  private refreshRates(): void {
    for (let a = 1; a <= WINDOW; a++) this.pi[a] = Math.floor((this.hitCounts[a] * M) / this.trialCounts[a]);
  }
}
