// The associates of compact mode's context (THEORY.md §7–8; docs/FORMAT.md, "Compact mode payload"): the model's
// association lists — each symbol's strongest co-occurring symbols with pair counts, the skill association graph —
// kept where the lift P(e | c)/P(e) is at least MIN_LIFT. Once a record's hits and misses (its *rest*) are known, a
// remaining skill e listed by a rest skill c is coded as the choice of c among the rest's listed skills plus e's
// share of c's list, weighted by the estimate P(e ∈ text | c) ≈ pairCount/(frequency(c) + SMOOTHING), instead of
// −log2 p(e). The encoder chooses which skills go this way (`supported`): each must stay listed by a skill that
// does not, so the decoder finds its supporter among the skills it already has — a peeling order in the small,
// like the learner's. The tables depend on the model and on sets only; all arithmetic is exact.

import type { AssociationData } from '../../src/model/types.js';
import { M, quantize } from '../entropy/ans.js';

/** Associates whose lift is below this are not kept. */
const MIN_LIFT = 16;
/** Added to a skill's frequency when estimating P(e | c). */
const SMOOTHING = 10;
/**
 * A skill is coded as an associate only when that saves at least this many bits over the unigram, which pays for
 * the associate count and for the probability the lists give to skills that are already known (measured on held-out
 * Brown: 5 bits saves the most).
 */
const MARGIN_BITS = 5;

interface SupportScratch {
  edgeStart: Int32Array;
  supporters: Int32Array;
  placeInSet: Int32Array;
  chosenInSet: Uint8Array;
  bestEntry: Int32Array;
  bestOwner: Int32Array;
  edges: Int32Array;
  edgeEntries: Int32Array;
}

export class AssociationLists {
  /**
   * The lists kept, CSR by symbol: entry a of c's list is `associate[a]`, coded within the list by the range
   * [start[a], start[a] + freq[a]) of M (weights pairCount/(frequency(c) + SMOOTHING) quantised per list, in the
   * model's list order); each list is sorted by `worthUpTo`, descending (stable). A list's entries are filled when
   * it is first visited (`listOf`, through `supported` and `entryAt`), which is where entry numbers come from.
   */
  private readonly offsets: Int32Array;
  /**
   * Entry a's associate at entries[2a] and, at entries[2a + 1], the largest record size at which coding it through
   * the list beats the unigram by MARGIN_BITS: the choice of the supporter among at most that many skills plus
   * freq/M costs that much less than −log2 p(associate). Side by side, so that a visit touches one cache line.
   */
  private readonly entries: Int32Array;
  readonly start: Uint32Array;
  readonly freq: Uint32Array;
  /** Bit s is set when symbol s lists any associate (a small table the decoder consults for every record). */
  private readonly hasList: Uint32Array;
  private scratch: SupportScratch | null = null;
  /**
   * The encoder's pool marks: symbol s is in the current record's pool at place poolPlace[s] when poolStamp[s] is
   * the record's stamp (so a record's marks need no clearing).
   */
  private poolStamp: Int32Array | null = null;
  private poolPlace: Int32Array | null = null;
  private stamp = 0;

  /** Per symbol, 1 once its list is quantised and sorted (`listOf`): a process codes few of them, so each on first use. */
  private readonly built: Uint8Array;
  /** The kept associates and their unquantised weights, in the model's list order (the input of `listOf`). */
  private readonly kept: Int32Array;
  private readonly weights: Float64Array;
  private readonly frequencies: Uint32Array;
  private readonly total: number;
  private readonly freqs: Uint32Array;
  private readonly worths: Int32Array;
  private readonly keys: Float64Array;
  private readonly longest: number;

  constructor(association: AssociationData, frequencies: Uint32Array, texts: number) {
    const { offsets, neighbors, pairCounts } = association;
    const symbols = offsets.length - 1;
    this.offsets = new Int32Array(symbols + 1);
    const kept = (this.kept = new Int32Array(neighbors.length));
    const weights = (this.weights = new Float64Array(neighbors.length));
    let count = 0;
    for (let c = 0; c < symbols; c++) {
      for (let a = offsets[c]; a < offsets[c + 1]; a++) {
        if (pairCounts[a] * texts < MIN_LIFT * frequencies[c] * frequencies[neighbors[a]]) continue;
        kept[count] = neighbors[a];
        weights[count++] = Math.max(1, Math.floor((pairCounts[a] * M) / (frequencies[c] + SMOOTHING)));
      }
      this.offsets[c + 1] = count;
    }
    this.entries = new Int32Array(2 * count);
    this.start = new Uint32Array(count);
    this.freq = new Uint32Array(count);
    this.built = new Uint8Array(symbols);
    this.frequencies = frequencies;
    let total = 0;
    for (let i = 0; i < frequencies.length; i++) total += frequencies[i];
    this.total = total;
    this.hasList = new Uint32Array((symbols + 31) >>> 5);
    let longest = 1;
    for (let c = 0; c < symbols; c++) {
      const n = this.offsets[c + 1] - this.offsets[c];
      if (n > 0) this.hasList[c >>> 5] |= 1 << (c & 31);
      longest = Math.max(longest, n);
    }
    // Each list is sorted by one native sort of numeric keys, (2^31 − 1 − worth)·longest + i: worth descending, list
    // order among equals (what a stable sort by worth gives), exact in a double while longest < 2^22 (the model
    // limits lists to LIMITS.associates), and without a comparator call per comparison.
    if (longest >= 2 ** 22) throw new RangeError(`association lists of ${longest} entries`);
    this.longest = longest;
    this.freqs = new Uint32Array(longest);
    this.worths = new Int32Array(longest);
    this.keys = new Float64Array(longest);
  }

  /**
   * Symbol c's list made ready, once: weights quantised in list order, then the list sorted by worth (stable), so
   * the encoder stops at the first entry not worth it; ranges follow the sorted order. Returns its first entry.
   */
  private listOf(c: number): number {
    const from = this.offsets[c];
    if (this.built[c] === 1) return from;
    this.built[c] = 1;
    const n = this.offsets[c + 1] - from;
    if (n === 0) return from;
    const { kept, freqs, worths, keys, longest, frequencies } = this;
    quantize(this.weights.subarray(from, from + n), n, freqs);
    for (let i = 0; i < n; i++) {
      const worth = Math.floor((freqs[i] * this.total) / (Math.max(1, frequencies[kept[from + i]]) * M * 2 ** MARGIN_BITS));
      worths[i] = Math.min(worth, 2 ** 31 - 1);
      keys[i] = (2 ** 31 - 1 - worths[i]) * longest + i;
    }
    const order = keys.subarray(0, n).sort();
    let start = 0;
    for (let j = 0; j < n; j++) {
      const i = order[j] % longest;
      this.entries[2 * (from + j)] = kept[from + i];
      this.entries[2 * (from + j) + 1] = worths[i];
      this.freq[from + j] = freqs[i];
      this.start[from + j] = start;
      start += freqs[i];
    }
    return from;
  }

  /** Copies the symbols of the ascending `set[0..n)` that list any associate to `out`; returns their number. */
  listed(set: ArrayLike<number>, n: number, out: Uint32Array): number {
    const { hasList } = this;
    let count = 0;
    for (let i = 0; i < n; i++) if ((hasList[set[i] >>> 5] >>> (set[i] & 31)) & 1) out[count++] = set[i];
    return count;
  }

  /** The entry of `symbol`'s list whose range holds `slot`. */
  entryAt(symbol: number, slot: number): number {
    let a = this.listOf(symbol);
    const last = this.offsets[symbol + 1] - 1;
    while (a < last && this.start[a + 1] <= slot) a++;
    return a;
  }

  associateAt(entry: number): number {
    return this.entries[2 * entry];
  }

  /**
   * The encoder's choice of the skills to code as associates: from `pool[from..from+poolLength)` (the record's skills
   * that are not hits, ascending, a subset of the ascending `set`), those that stay associates of a skill outside the choice, through
   * list entries worth it at this record's size — taken greedily in ascending order, each only when every skill
   * already chosen keeps a supporter. Writes the choice to
   * `chosen` (from `from`, as `pool` is held) and, for each, its likeliest supporter outside the choice to `owners` and the supporter's list entry for it
   * to `entries`; returns its size.
   */
  supported(set: ArrayLike<number>, setLength: number, pool: Uint32Array, from: number, poolLength: number, chosen: Uint32Array, owners: Uint32Array, entries: Uint32Array): number {
    const { offsets, entries: data } = this;
    // edges c → e, e in the pool and an associate of c ≠ e worth coding so, grouped by c's place in the set
    const scratch = this.scratchFor(setLength);
    const { edgeStart, supporters, placeInSet, chosenInSet, bestEntry, bestOwner } = scratch;
    let { edges, edgeEntries } = scratch;
    const stamp = this.markPool(pool, from, poolLength);
    const poolStamp = this.poolStamp!;
    const poolPlace = this.poolPlace!;
    let edgeCount = 0;
    supporters.fill(0, 0, poolLength);
    for (let i = 0, p = 0; i < setLength; i++) {
      const c = set[i];
      if (p < poolLength && pool[from + p] === c) placeInSet[p++] = i;
      edgeStart[i] = edgeCount;
      for (let a = this.listOf(c), end = offsets[c + 1]; a < end; a++) {
        if (setLength > data[2 * a + 1]) break; // the list is sorted by worth
        const e = data[2 * a];
        if (poolStamp[e] !== stamp || e === c) continue;
        const to = poolPlace[e];
        supporters[to]++;
        if (edgeCount === edges.length) {
          scratch.edges = edges = grow(edges);
          scratch.edgeEntries = edgeEntries = grow(edgeEntries);
        }
        edges[edgeCount] = to;
        edgeEntries[edgeCount++] = a;
      }
    }
    edgeStart[setLength] = edgeCount;
    if (edgeCount === 0) return 0;
    chosenInSet.fill(0, 0, setLength);
    let count = 0;
    for (let p = 0; p < poolLength; p++) {
      if (supporters[p] === 0) continue;
      // the edges from p, were it chosen, stop supporting: each chosen target must keep another supporter
      const firstEdge = edgeStart[placeInSet[p]];
      const endEdge = edgeStart[placeInSet[p] + 1];
      let keepsSupport = true;
      for (let x = firstEdge; x < endEdge && keepsSupport; x++) if (chosenInSet[placeInSet[edges[x]]] === 1 && supporters[edges[x]] < 2) keepsSupport = false;
      if (!keepsSupport) continue;
      chosenInSet[placeInSet[p]] = 1;
      count++;
      for (let x = firstEdge; x < endEdge; x++) supporters[edges[x]]--;
    }
    // each chosen skill's likeliest supporter among the skills not chosen
    bestEntry.fill(-1, 0, poolLength);
    for (let i = 0; i < setLength; i++) {
      if (chosenInSet[i] === 1) continue;
      for (let x = edgeStart[i]; x < edgeStart[i + 1]; x++) {
        const p = edges[x];
        if (chosenInSet[placeInSet[p]] === 0) continue;
        if (bestEntry[p] < 0 || this.freq[edgeEntries[x]] > this.freq[bestEntry[p]]) {
          bestEntry[p] = edgeEntries[x];
          bestOwner[p] = set[i];
        }
      }
    }
    let n = 0;
    for (let p = 0; p < poolLength; p++) {
      if (chosenInSet[placeInSet[p]] === 0) continue;
      chosen[from + n] = pool[from + p];
      owners[n] = bestOwner[p];
      entries[n++] = bestEntry[p];
    }
    return count;
  }

  /** Marks the pool's symbols with a new stamp and their places; returns the stamp. */
  private markPool(pool: Uint32Array, from: number, poolLength: number): number {
    const symbols = this.offsets.length - 1;
    this.poolStamp ??= new Int32Array(symbols);
    this.poolPlace ??= new Int32Array(symbols);
    if (++this.stamp === 0x7fffffff) {
      this.poolStamp.fill(0);
      this.stamp = 1;
    }
    for (let p = 0; p < poolLength; p++) {
      this.poolStamp[pool[from + p]] = this.stamp;
      this.poolPlace[pool[from + p]] = p;
    }
    return this.stamp;
  }

  /** The encoder's scratch for `supported`, grown to a record of `setLength` skills. */
  private scratchFor(setLength: number): SupportScratch {
    let scratch = this.scratch;
    if (scratch === null || scratch.edgeStart.length <= setLength) {
      const size = Math.max(64, 2 * setLength + 1);
      scratch = {
        edgeStart: new Int32Array(size),
        supporters: new Int32Array(size),
        placeInSet: new Int32Array(size),
        chosenInSet: new Uint8Array(size),
        bestEntry: new Int32Array(size),
        bestOwner: new Int32Array(size),
        edges: scratch?.edges ?? new Int32Array(1024),
        edgeEntries: scratch?.edgeEntries ?? new Int32Array(1024),
      };
      this.scratch = scratch;
    }
    return scratch;
  }
}

function grow(array: Int32Array): Int32Array {
  const grown = new Int32Array(2 * array.length);
  grown.set(array);
  return grown;
}
