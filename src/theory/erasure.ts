// Density evolution of the robust (IRSA slot) frames over a slot-erasure channel, THEORY.md §8, and the frame
// sizing that follows from it. Derived, as THEORY.md says, from IRSA density evolution (Liva 2011) with each slot
// erased independently with probability e:
//
//     p_i = λ(e + (1 − e)(1 − exp(−G·Λ'(1)·p_{i−1}))),   p_0 = 1,
//     loss = Λ(e + (1 − e) q*),   q* = 1 − exp(−G·Λ'(1)·p*),
//
// with Λ the repetition (slots per item, node perspective), λ its edge perspective and G = items / slots. The loss
// never falls below the floor Λ(e) (every replica erased); on a clean channel it is 0 below the threshold
// G* = inf_{q∈(0,1)} −ln(1−q) / Λ'(q) (THEORY.md §4). Written here because no library does IRSA DE.

import { ParamError } from '../util/errors.js';
import type { DegreeDistribution } from './degree.js';
import { Ensemble } from './ensemble.js';
import { threshold } from './thresholds.js';

/** The part of a degree distribution that the erasure DE reads: Λ(x), λ(x) and Λ'(1). */
export type Repetition = Pick<DegreeDistribution, 'node' | 'edge' | 'mean'>;

export interface ErasureDEOptions {
  /** Stop when two successive p differ by less than this. */
  tolerance?: number;
  maxIterations?: number;
}

export interface ErasureDEResult {
  load: number;
  erasure: number;
  /** Fixed point p* of the edge recursion (probability that an item→slot edge still carries an unknown item). */
  p: number;
  /** q* = 1 − exp(−G·Λ'(1)·p*): probability that an intact slot fails to reveal a tagged item. */
  q: number;
  /** Share of items lost: Λ(e + (1 − e)q*). */
  loss: number;
  iterations: number;
  converged: boolean;
}

function checkProbability(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new ParamError((n) => `${n(name)} must lie in [0, 1], got ${value}`);
}

/** Runs the §8 recursion from p_0 = 1 to its fixed point at load G and slot-erasure probability e. */
export function erasureDE(
  repetition: Repetition,
  load: number,
  erasure: number,
  options: ErasureDEOptions = {},
): ErasureDEResult {
  if (!(load >= 0 && Number.isFinite(load))) throw new ParamError((n) => `${n('load')} G must be a finite number ≥ 0, got ${load}`);
  checkProbability('erasure probability', erasure);
  const tolerance = options.tolerance ?? 1e-13;
  const maxIterations = options.maxIterations ?? 200_000;
  const slope = load * repetition.mean();
  let p = 1;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    const next = repetition.edge(erasure + (1 - erasure) * -Math.expm1(-slope * p));
    iterations++;
    const step = Math.abs(next - p);
    p = next;
    if (step < tolerance) {
      converged = true;
      break;
    }
  }
  const q = -Math.expm1(-slope * p);
  return { load, erasure, p, q, loss: repetition.node(erasure + (1 - erasure) * q), iterations, converged };
}

/** The share of items lost when every one of their slots is erased: Λ(e), the loss as G → 0. */
export function erasureFloor(repetition: Repetition, erasure: number): number {
  checkProbability('erasure probability', erasure);
  return repetition.node(erasure);
}

/**
 * The clean-channel threshold G* = inf_{q∈(0,1)} −ln(1−q) / Λ'(q): the load G* = 1/R* of the IRSA view with this
 * repetition as the skill side and the 1-skill learner (a slot reveals an item when it holds one unknown), as
 * src/theory/thresholds.ts computes it; 0 when items can sit in a single slot (Λ_1 > 0), since then no load > 0
 * decodes completely.
 */
export function cleanThreshold(repetition: DegreeDistribution): number {
  return threshold(new Ensemble('irsa', repetition, null))?.load ?? 0;
}

export interface SlotSizing {
  items: number;
  slots: number;
  load: number;
  erasure: number;
  /** The DE prediction of the share of items lost in this frame. */
  predictedLoss: number;
}

function sizing(repetition: Repetition, items: number, slots: number, erasure: number): SlotSizing {
  const load = slots > 0 ? items / slots : 0;
  return { items, slots, load, erasure, predictedLoss: items > 0 ? erasureDE(repetition, load, erasure).loss : 0 };
}

function checkCounts(items: number, minSlots: number): void {
  if (!(Number.isInteger(items) && items >= 0)) throw new ParamError((n) => `${n('items')} (item count) must be an integer ≥ 0, got ${items}`);
  if (!(Number.isInteger(minSlots) && minSlots >= 1)) throw new ParamError((n) => `${n('minSlots')} (minimum slot count) must be an integer ≥ 1, got ${minSlots}`);
}

/**
 * The smallest slot count m ≥ minSlots for `items` items whose DE loss at G = items/m and erasure e is at most
 * `targetLoss`. The DE loss grows with G, so m is found by doubling then bisection. Throws a ParamError when the
 * target is below the erasure floor Λ(e), which no slot count can beat. DE is exact only for long frames: short
 * frames lose more than predicted (bench/robust.ts measures the gap).
 */
export function slotsForTargetLoss(
  repetition: Repetition,
  items: number,
  targetLoss: number,
  erasure: number,
  minSlots = 1,
): SlotSizing {
  checkCounts(items, minSlots);
  if (!(targetLoss > 0 && targetLoss < 1)) throw new ParamError((n) => `${n('targetLoss')} must lie in (0, 1), got ${targetLoss}`);
  const floor = erasureFloor(repetition, erasure);
  if (floor >= targetLoss) {
    throw new ParamError(
      (n) => `${n('targetLoss')} ${targetLoss} cannot be met at erasure rate ${erasure}: the repetition's floor Λ(e) = ${floor.toPrecision(4)} ` +
        `(items whose every slot is erased) exceeds it; raise the minimum repetition degree or the target`,
    );
  }
  if (items === 0) return sizing(repetition, 0, minSlots, erasure);
  const meets = (m: number): boolean => erasureDE(repetition, items / m, erasure).loss <= targetLoss;
  let hi = Math.max(minSlots, items);
  while (!meets(hi)) {
    if (hi > 2 ** 40) throw new ParamError((n) => `${n('targetLoss')} ${targetLoss} needs more than 2^40 slots`);
    hi *= 2;
  }
  let lo = minSlots - 1; // lo fails (or is below the minimum), hi meets the target
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid >= minSlots && meets(mid)) hi = mid;
    else lo = mid;
  }
  return sizing(repetition, items, hi, erasure);
}

/** The slot count set directly by an overhead (slots per item, = 1/G): m = max(minSlots, ⌈overhead · items⌉). */
export function slotsForOverhead(
  repetition: Repetition,
  items: number,
  overhead: number,
  erasure: number,
  minSlots = 1,
): SlotSizing {
  checkCounts(items, minSlots);
  if (!(overhead > 0 && Number.isFinite(overhead))) throw new ParamError((n) => `${n('overhead')} (slots per item) must be > 0, got ${overhead}`);
  return sizing(repetition, items, Math.max(minSlots, Math.ceil(overhead * items - 1e-9)), erasure);
}
