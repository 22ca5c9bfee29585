// Where the robust slot code puts an item (THEORY.md §8, IRSA): its repetition degree d, drawn from Λ, and d
// distinct slots among m, all derived from the item and a per-frame salt by an integer hash, so the decoder
// recomputes an item's slots from its value alone and nothing about the placement is transmitted. A layered frame
// holds classes of items in ranges of item values, each class with its own Λ (ClassPlacement). Also the
// per-item checksum hash that lets the decoder verify a revealed item. Hash: "lowbias32" (C. Wellons, 2018), a
// bijective 32-bit mixer; degrees by inverse CDF on a 32-bit uniform, positions by rejection of repeats.

import type { DegreeDistribution } from '../../src/theory/degree.js';
import { ParamError } from '../../src/util/errors.js';

/** The part of a degree distribution the placement reads: its probabilities up to the largest degree. */
export type RepetitionLaw = Pick<DegreeDistribution, 'probability' | 'maxDegree' | 'spec'>;

/** Largest repetition degree the slot code accepts (a sanity bound on specs). */
export const MAX_REPETITION = 64;

const TWO_32 = 4294967296;

/** Bijective 32-bit integer mixer (lowbias32). */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** The 32-bit checksum hash of an item; a slot stores the XOR of the low bits of its items' hashes. */
export function itemChecksum(item: number): number {
  return mix32((item ^ 0x5bd1e995) >>> 0);
}

/** The largest degree of Λ, after checking that the slot code can use Λ (degrees bounded by MAX_REPETITION). */
export function checkRepetition(law: RepetitionLaw): number {
  const maxDegree = law.maxDegree();
  if (!(Number.isInteger(maxDegree) && maxDegree >= 1 && maxDegree <= MAX_REPETITION)) {
    throw new ParamError(
      (n) => `${n('repetition')} '${law.spec}': slot degrees must be bounded by ${MAX_REPETITION} (give a polynomial such as liva8), but it reaches ${maxDegree}`,
    );
  }
  if (law.probability(0) > 0) throw new ParamError((n) => `${n('repetition')} '${law.spec}' gives degree 0 (no slot at all) to some skills`);
  return maxDegree;
}

/** Cumulative thresholds of Λ on the 32-bit scale: degree k is drawn when u < thresholds[k] (first such k). */
function degreeThresholds(law: RepetitionLaw): Float64Array {
  const maxDegree = checkRepetition(law);
  const thresholds = new Float64Array(maxDegree + 1);
  let cumulative = 0;
  for (let k = 0; k <= maxDegree; k++) {
    cumulative += law.probability(k);
    thresholds[k] = Math.round(Math.min(1, cumulative) * TWO_32);
  }
  thresholds[maxDegree] = TWO_32;
  return thresholds;
}

/** What building, peeling and checking a frame read of a placement. */
export interface ItemPlacement {
  readonly slots: number;
  /** Largest number of slots one item can take. */
  readonly maxDegree: number;
  /** Writes the distinct slots of `item` into out[at .. at + d) and returns d. */
  slotsOf(item: number, out: Int32Array, at?: number): number;
}

/** The placement of items in one frame of `slots` slots under one salt. */
export class SlotPlacement implements ItemPlacement {
  readonly slots: number;
  readonly maxDegree: number;
  private readonly saltKey: number;
  private readonly thresholds: Float64Array;

  constructor(law: RepetitionLaw, slots: number, salt: number) {
    if (!(Number.isInteger(slots) && slots >= 1 && slots < TWO_32)) throw new ParamError((n) => `${n('slots')} (slot count) must be an integer in [1, 2^32), got ${slots}`);
    this.slots = slots;
    this.thresholds = degreeThresholds(law);
    this.maxDegree = this.thresholds.length - 1;
    this.saltKey = mix32((salt ^ 0x9e3779b9) >>> 0);
  }

  /**
   * Writes the distinct slots of `item` into out[at .. at + d) and returns d, its repetition degree capped at the
   * slot count. `out` must hold at least maxDegree entries from `at`.
   */
  slotsOf(item: number, out: Int32Array, at = 0): number {
    const key = mix32((item ^ this.saltKey) >>> 0);
    const u = mix32((key ^ 0x2545f491) >>> 0);
    let degree = 0;
    while (u >= this.thresholds[degree]) degree++;
    if (degree > this.slots) degree = this.slots;
    const m = this.slots;
    let placed = 0;
    for (let draw = 1; placed < degree; draw++) {
      const slot = mix32((key + Math.imul(draw, 0x9e3779b9)) >>> 0) % m;
      let repeat = false;
      for (let i = at; i < at + placed; i++) {
        if (out[i] === slot) {
          repeat = true;
          break;
        }
      }
      if (!repeat) out[at + placed++] = slot;
    }
    return degree;
  }
}

/**
 * Classes of items sharing one frame (THEORY.md §8, layered robust frames): items below starts[1] are class 0,
 * those in [starts[c], starts[c+1]) class c, each placed with its own law; class c's salt is the frame salt mixed
 * with c, so classes of equal law still draw independent slots.
 */
export class ClassPlacement implements ItemPlacement {
  readonly slots: number;
  readonly maxDegree: number;
  private readonly placements: SlotPlacement[];

  /** `starts`: the first item value of each class, ascending, starts[0] = 0. */
  constructor(
    laws: readonly RepetitionLaw[],
    private readonly starts: readonly number[],
    slots: number,
    salt: number,
  ) {
    if (laws.length !== starts.length || starts[0] !== 0) throw new RangeError('ClassPlacement: one start per law, the first 0');
    this.placements = laws.map((law, c) => new SlotPlacement(law, slots, c === 0 ? salt : mix32((salt ^ Math.imul(c, 0x85ebca6b)) >>> 0)));
    this.slots = slots;
    this.maxDegree = Math.max(...this.placements.map((p) => p.maxDegree));
  }

  /** The class of an item value. */
  classOf(item: number): number {
    let c = this.starts.length - 1;
    while (item < this.starts[c]) c--;
    return c;
  }

  slotsOf(item: number, out: Int32Array, at = 0): number {
    return this.placements[this.classOf(item)].slotsOf(item, out, at);
  }
}
