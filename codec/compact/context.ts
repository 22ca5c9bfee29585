// What compact mode conditions a record's skills on, beyond the unigram p(s) (THEORY.md §8): a recency cache of
// the frame's previous records, and the model's association lists (the skill association graph of THEORY.md §7,
// each symbol's strongest co-occurring symbols with pair counts). Both are functions of *sets* only — of the
// records before this one, and of the record's other skills — never of the order in which bits-back coding visits a
// set, so the encoder can plan every record forwards and the decoder rebuilds the same tables from what it decoded.
//
// RecencyCache: a skill seen a records ago (1 ≤ a ≤ WINDOW, within the frame) is a *hit*, coded by its age a and
// its place among the symbols that record a holds fresh (those not seen again since), instead of by p(s). The
// probability of a hit by age, π_a, is counted over the frame's records so far from a prior measured on held-out
// Brown (topics recur within a document, and the nearer the record the likelier the recurrence). Age a is coded
// with weight fresh_a·π_a; the expected number of hits Σ fresh_a·π_a picks the table the hit count is coded with.
//
// AssociationLists: after a record's hits and its other coded skills (the *rest*) are known, the associates of the
// rest — those with lift P(e | c)/P(e) ≥ MIN_LIFT, weighted by the estimate P(e ∈ text | c) ≈ pairCount/(frequency(c)
// + SMOOTHING) — are candidates for the record's remaining skills, coded by their weight among the candidates. The
// encoder chooses which skills go this way (`supported`): each must be an associate of a skill that is not, so the
// decoder can rebuild the candidates — a peeling order in the small, like the learner's.
//
// Everything is integer arithmetic below 2^53, the same on every machine.

import type { AssociationData } from '../../src/model/types.js';
import { M, quantize } from '../entropy/ans.js';

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
  private readonly sets: Array<ArrayLike<number>> = new Array(RING);
  /** Symbols of each record in the window not seen again since, by record slot (0 for slots before the frame). */
  private readonly fresh = new Int32Array(RING);
  private readonly hitCounts = new Float64Array(WINDOW + 1);
  private readonly trialCounts = new Float64Array(WINDOW + 1);
  /** π_a in 1/M, refreshed from the counts every PI_PERIOD records. */
  private readonly pi = new Float64Array(WINDOW + 1);
  /** The age table of the current record: age a occupies [ageStart[a], ageStart[a + 1]) of M (after `ageTable`). */
  readonly ageStart = new Uint32Array(WINDOW + 2);
  private readonly weights = new Float64Array(WINDOW);
  private readonly freqs = new Uint32Array(WINDOW);
  /** Cache entries (Σ fresh) and the bin of the expected hit count for the current record, set by `prepare`. */
  entries = 0;
  bin = 0;

  constructor(symbols: number) {
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
    const { weights, fresh, pi, trialCounts, clock } = this;
    let entries = 0;
    let expected = 0;
    for (let a = 1; a <= WINDOW; a++) {
      const n = fresh[(clock - a) & (RING - 1)];
      entries += n;
      const w = n * pi[a];
      weights[a - 1] = w;
      expected += w;
      trialCounts[a] += ONE * n;
    }
    this.entries = entries;
    let bin = 0;
    while (bin < EXPECTED_EDGES.length && expected >= EXPECTED_EDGES[bin]) bin++;
    this.bin = bin;
  }

  /** The age table of the record `prepare`d (needed only when it has hits). */
  ageTable(): void {
    const { freqs, ageStart } = this;
    quantize(this.weights, WINDOW, freqs);
    for (let a = 1; a <= WINDOW; a++) ageStart[a + 1] = ageStart[a] + freqs[a - 1];
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

  /** The symbol's place among the fresh symbols of the record `age` back. */
  placeOf(symbol: number, age: number): number {
    const set = this.sets[(this.clock - age) & (RING - 1)];
    const q = this.clock - age;
    let place = 0;
    for (let i = 0; set[i] !== symbol; i++) if (this.last[set[i]] === q) place++;
    return place;
  }

  /** The fresh symbol at `place` of the record `age` back. */
  symbolAt(age: number, place: number): number {
    const set = this.sets[(this.clock - age) & (RING - 1)];
    const q = this.clock - age;
    for (let i = 0; ; i++) {
      if (this.last[set[i]] === q && place-- === 0) return set[i];
    }
  }

  /** The age whose range of the table holds `slot`. */
  ageAt(slot: number): number {
    let a = 1;
    while (this.ageStart[a + 1] <= slot) a++;
    return a;
  }

  /** Adds the record `set` (ascending; kept by reference until it leaves the window) and counts its hits. */
  commit(set: ArrayLike<number>): void {
    const { last, clock, fresh } = this;
    for (let i = 0; i < set.length; i++) {
      const s = set[i];
      const age = clock - last[s];
      if (age <= WINDOW) {
        this.hitCounts[age] += ONE;
        fresh[last[s] & (RING - 1)]--;
      }
      last[s] = clock;
    }
    this.sets[clock & (RING - 1)] = set;
    fresh[clock & (RING - 1)] = set.length;
    this.clock++;
    if ((this.clock - this.frameStart) % PI_PERIOD === 0) this.refreshRates();
  }

  private refreshRates(): void {
    for (let a = 1; a <= WINDOW; a++) this.pi[a] = Math.floor((this.hitCounts[a] * M) / this.trialCounts[a]);
  }
}

/** Associates whose lift is below this are not candidates. */
const MIN_LIFT = 16;
/** Added to a skill's frequency when estimating P(e | c). */
const SMOOTHING = 10;

interface SupportScratch {
  edgeStart: Int32Array;
  supporters: Int32Array;
  placeInSet: Int32Array;
  isChosen: Uint8Array;
  edges: Int32Array;
}

export class AssociationLists {
  /** CSR by symbol: entry a is associations[2a] = associate, associations[2a + 1] = its weight in [1, M]. */
  private readonly offsets: Int32Array;
  private readonly associations: Int32Array;
  /** Per symbol: the stamp of the last `candidatesOf` that saw it (high bits) and its role or candidate index. */
  private readonly mark: Float64Array;
  private stamp = 0;
  /** Candidates of the last `candidatesOf`, their weights, and their code ranges once `quantize`d. */
  readonly candidates: Int32Array;
  private readonly weights: Float64Array;
  readonly start: Uint32Array;
  readonly freq: Uint32Array;
  count = 0;
  private scratch: SupportScratch | null = null;

  constructor(association: AssociationData, frequencies: Uint32Array, texts: number) {
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
    this.mark = new Float64Array(frequencies.length);
    const capacity = Math.min(M - 1, frequencies.length);
    this.candidates = new Int32Array(capacity);
    this.weights = new Float64Array(capacity);
    this.start = new Uint32Array(capacity);
    this.freq = new Uint32Array(capacity);
  }

  /**
   * The candidates given the record's `rest` (ascending): associates of rest symbols, neither in the rest nor in
   * the cache, in order of first appearance (rest symbol by rest symbol, each list in order), each with its largest
   * weight. Returns their number.
   */
  candidatesOf(rest: ArrayLike<number>, restLength: number, cache: RecencyCache): number {
    const { offsets, associations, mark, candidates, weights } = this;
    const base = this.nextStamp();
    for (let i = 0; i < restLength; i++) mark[rest[i]] = base;
    let count = 0;
    for (let i = 0; i < restLength; i++) {
      const c = rest[i];
      for (let a = offsets[c], end = offsets[c + 1]; a < end; a++) {
        const e = associations[2 * a];
        const w = associations[2 * a + 1];
        const at = mark[e] - base - 1;
        if (at >= 0) {
          if (w > weights[at]) weights[at] = w;
        } else if (at < -1 && count < candidates.length && cache.ageOf(e) === 0) {
          mark[e] = base + 1 + count;
          candidates[count] = e;
          weights[count++] = w;
        }
      }
    }
    this.count = count;
    return count;
  }

  /** The candidate index of `symbol` after `candidatesOf`, or −1. */
  indexOf(symbol: number): number {
    const at = this.mark[symbol] - (this.stamp * M) - 1;
    return at >= 0 ? at : -1;
  }

  /** Code ranges of the candidates (frequencies ∝ weights, summing to M). */
  quantize(): void {
    const { count, freq, start } = this;
    quantize(this.weights, count, freq);
    let sum = 0;
    for (let i = 0; i < count; i++) {
      start[i] = sum;
      sum += freq[i];
    }
  }

  /** The candidate whose range holds `slot` (after `quantize`). */
  indexAt(slot: number): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.start[mid] <= slot) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * The encoder's choice of the skills to code as candidates: from `pool` (the record's skills that are not hits,
   * ascending, a subset of the ascending `set`), those that stay associates of a skill outside the choice — taken
   * greedily in ascending order, each only when every skill already chosen keeps a supporter. Writes the choice to
   * `chosen` and returns its size.
   */
  supported(set: ArrayLike<number>, setLength: number, pool: ArrayLike<number>, poolLength: number, chosen: Uint32Array): number {
    const { offsets, associations, mark } = this;
    const base = this.nextStamp();
    for (let i = 0; i < poolLength; i++) mark[pool[i]] = base + 1 + i;
    // edges c → e, e in the pool and an associate of c ≠ e, grouped by c's place in the set
    const scratch = this.scratchFor(setLength);
    const { edgeStart, supporters, placeInSet, isChosen } = scratch;
    let edges = scratch.edges;
    let edgeCount = 0;
    supporters.fill(0, 0, poolLength);
    for (let i = 0, p = 0; i < setLength; i++) {
      const c = set[i];
      if (p < poolLength && pool[p] === c) placeInSet[p++] = i;
      edgeStart[i] = edgeCount;
      for (let a = offsets[c], end = offsets[c + 1]; a < end; a++) {
        const to = mark[associations[2 * a]] - base - 1;
        if (to < 0 || pool[to] === c) continue;
        supporters[to]++;
        if (edgeCount === edges.length) {
          const grown = new Int32Array(2 * edges.length);
          grown.set(edges);
          scratch.edges = edges = grown;
        }
        edges[edgeCount++] = to;
      }
    }
    edgeStart[setLength] = edgeCount;
    if (edgeCount === 0) return 0;
    isChosen.fill(0, 0, poolLength);
    let count = 0;
    for (let p = 0; p < poolLength; p++) {
      if (supporters[p] === 0) continue;
      const from = edgeStart[placeInSet[p]];
      const to = edgeStart[placeInSet[p] + 1];
      let keepsSupport = true;
      for (let x = from; x < to && keepsSupport; x++) if (isChosen[edges[x]] === 1 && supporters[edges[x]] < 2) keepsSupport = false;
      if (!keepsSupport) continue;
      isChosen[p] = 1;
      chosen[count++] = pool[p];
      for (let x = from; x < to; x++) supporters[edges[x]]--;
    }
    return count;
  }

  /** The encoder's scratch for `supported`, grown to a record of `setLength` skills. */
  private scratchFor(setLength: number): SupportScratch {
    let scratch = this.scratch;
    if (scratch === null || scratch.edgeStart.length <= setLength) {
      const size = Math.max(64, 2 * setLength + 1);
      scratch = { edgeStart: new Int32Array(size), supporters: new Int32Array(size), placeInSet: new Int32Array(size), isChosen: new Uint8Array(size), edges: new Int32Array(1024) };
      this.scratch = scratch;
    }
    return scratch;
  }

  private nextStamp(): number {
    this.stamp++;
    return this.stamp * M;
  }
}
