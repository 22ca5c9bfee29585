// Density evolution of the robust (IRSA slot) frames over a slot-erasure channel, THEORY.md §8, and the frame
// sizing that follows from it. Derived, as THEORY.md says, from IRSA density evolution (Liva 2011) with each slot
// erased independently with probability e, for a frame that carries several classes of items (unequal error
// protection, THEORY.md §8 "Layered robust frames"): class c has repetition Λ_c (slots per item, node perspective),
// λ_c its edge perspective and G_c = its items / slots. A slot sees the Poisson mix of every class's edges, so
//
//     x_i = e + (1 − e)(1 − exp(−Σ_c G_c·Λ_c'(1)·p_{c,i−1})),   p_{c,0} = 1,
//     p_{c,i} = λ_c(x_i)·I_c(x_i),   loss_c = Λ_c(x*)·I_c(x*),
//
// with I_c = 1, or, for a class whose item is also known once any of its implying items of class b is recovered
// (a layered frame's concept, implied by each of its words), I_c(x) = W_c(Λ_b(x)): W_c the generating function of
// how many implying items an item has, Λ_b(x) the chance that one of them is lost (all its slots fail; the tree of
// DE never returns to the item). One class with I = 1 is the classical recursion, written once here: erasureDE is
// that case. The loss never falls below the floor Λ_c(e)·I_c(e) (every replica and every implying item erased);
// on a clean channel a one-class frame decodes completely below G* = inf_{q∈(0,1)} −ln(1−q) / Λ'(q) (THEORY.md
// §4). Written here because no library does IRSA DE.

import { ParamError } from '../util/errors.js';
import type { DegreeDistribution } from './degree.js';
import { Ensemble } from './ensemble.js';
import { threshold } from './thresholds.js';

/** The part of a degree distribution that the erasure DE reads: Λ(x), λ(x) and Λ'(1). */
export type Repetition = Pick<DegreeDistribution, 'node' | 'edge' | 'mean'>;

/** Another class whose recovered items each reveal an item of this class (a delivered word reveals its concept). */
export interface Implication {
  /** Index of the implying class; that class must not be implied by another itself. */
  by: number;
  /** W(z) = Σ_w ω_w z^w: the generating function of how many implying items one item of this class has (w ≥ 1). */
  count: Pick<DegreeDistribution, 'node'>;
}

/** One class of items of a slot frame. */
export interface ItemClass {
  repetition: Repetition;
  /** G_c: items of this class per slot. */
  load: number;
  impliedBy?: Implication;
}

export interface ErasureDEOptions {
  /** Stop when two successive p differ by less than this (in every class). */
  tolerance?: number;
  maxIterations?: number;
}

export interface ClassDEResult {
  load: number;
  /** Fixed point p_c* (probability that an item→slot edge of this class still carries an unknown item). */
  p: number;
  /** Share of this class's items lost: Λ_c(e + (1 − e)q*)·I_c. */
  loss: number;
}

export interface ClassesDEResult {
  erasure: number;
  /** q* = 1 − exp(−Σ_c G_c·Λ_c'(1)·p_c*): probability that an intact slot fails to reveal a tagged item. */
  q: number;
  classes: ClassDEResult[];
  iterations: number;
  converged: boolean;
}

export interface ErasureDEResult {
  load: number;
  erasure: number;
  p: number;
  q: number;
  /** Share of items lost: Λ(e + (1 − e)q*). */
  loss: number;
  iterations: number;
  converged: boolean;
}

function checkProbability(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new ParamError((n) => `${n(name)} must lie in [0, 1], got ${value}`);
}

function checkLoad(load: number): void {
  if (!(load >= 0 && Number.isFinite(load))) throw new ParamError((n) => `${n('load')} G must be a finite number ≥ 0, got ${load}`);
}

function checkImplications(classes: readonly ItemClass[]): void {
  classes.forEach((c, i) => {
    const by = c.impliedBy?.by;
    if (by === undefined) return;
    if (!(Number.isInteger(by) && by >= 0 && by < classes.length && by !== i) || classes[by].impliedBy !== undefined) {
      throw new ParamError((n) => `${n('classes')}: class ${i} is implied by class ${by}, which must be another class not implied itself`);
    }
  });
}

/** I_c(x): the chance that no implying item of class c's item is recovered when slots fail with probability x. */
function implied(classes: readonly ItemClass[], c: ItemClass, x: number): number {
  return c.impliedBy === undefined ? 1 : c.impliedBy.count.node(classes[c.impliedBy.by].repetition.node(x));
}

/** Runs the multi-class recursion from p_{c,0} = 1 to its fixed point at slot-erasure probability e. */
export function classesErasureDE(classes: readonly ItemClass[], erasure: number, options: ErasureDEOptions = {}): ClassesDEResult {
  for (const c of classes) checkLoad(c.load);
  checkProbability('erasure probability', erasure);
  checkImplications(classes);
  const tolerance = options.tolerance ?? 1e-13;
  const maxIterations = options.maxIterations ?? 200_000;
  const slopes = classes.map((c) => c.load * c.repetition.mean());
  const p = classes.map(() => 1);
  const slotFailure = (): number => {
    let unknown = 0;
    for (let c = 0; c < classes.length; c++) unknown += slopes[c] * p[c];
    return -Math.expm1(-unknown);
  };
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    const x = erasure + (1 - erasure) * slotFailure();
    let step = 0;
    for (let c = 0; c < classes.length; c++) {
      const next = classes[c].repetition.edge(x) * implied(classes, classes[c], x);
      step = Math.max(step, Math.abs(next - p[c]));
      p[c] = next;
    }
    iterations++;
    if (step < tolerance) {
      converged = true;
      break;
    }
  }
  const q = slotFailure();
  const x = erasure + (1 - erasure) * q;
  return {
    erasure,
    q,
    classes: classes.map((c, i) => ({ load: c.load, p: p[i], loss: c.repetition.node(x) * implied(classes, c, x) })),
    iterations,
    converged,
  };
}

/** The one-class recursion of §8 at load G and slot-erasure probability e (classesErasureDE with one class). */
export function erasureDE(
  repetition: Repetition,
  load: number,
  erasure: number,
  options: ErasureDEOptions = {},
): ErasureDEResult {
  const { q, classes, iterations, converged } = classesErasureDE([{ repetition, load }], erasure, options);
  return { load, erasure, p: classes[0].p, q, loss: classes[0].loss, iterations, converged };
}

/** Each class's loss when every slot of its items (and of their implying items) is erased: the loss as G → 0. */
export function classesErasureFloor(classes: readonly ItemClass[], erasure: number): number[] {
  checkProbability('erasure probability', erasure);
  checkImplications(classes);
  return classes.map((c) => c.repetition.node(erasure) * implied(classes, c, erasure));
}

/** The share of items lost when every one of their slots is erased: Λ(e), the loss as G → 0. */
export function erasureFloor(repetition: Repetition, erasure: number): number {
  return classesErasureFloor([{ repetition, load: 0 }], erasure)[0];
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

/** One class of items of a frame to size: how many items, how they repeat, and (target sizing) the loss allowed. */
export interface SizedClass {
  repetition: Repetition;
  items: number;
  /** Largest DE loss allowed for this class (sizing by target losses; absent: no constraint on this class). */
  targetLoss?: number;
  impliedBy?: Implication;
}

export interface ClassesSizing {
  slots: number;
  erasure: number;
  /** Per class: its items, load G_c = items / slots and DE loss at that load. */
  classes: Array<{ items: number; load: number; predictedLoss: number }>;
}

function classesAt(classes: readonly SizedClass[], slots: number): ItemClass[] {
  return classes.map((c) => ({ repetition: c.repetition, load: slots > 0 ? c.items / slots : 0, impliedBy: c.impliedBy }));
}

function classesSizing(classes: readonly SizedClass[], slots: number, erasure: number): ClassesSizing {
  const at = classesAt(classes, slots);
  const busy = classes.some((c) => c.items > 0);
  const losses = busy ? classesErasureDE(at, erasure).classes.map((c) => c.loss) : classes.map(() => 0);
  return { slots, erasure, classes: classes.map((c, i) => ({ items: c.items, load: at[i].load, predictedLoss: c.items > 0 ? losses[i] : 0 })) };
}

function oneClass(sizing: ClassesSizing): SlotSizing {
  const { items, load, predictedLoss } = sizing.classes[0];
  return { items, slots: sizing.slots, load, erasure: sizing.erasure, predictedLoss };
}

function checkCounts(classes: readonly SizedClass[], minSlots: number): void {
  for (const { items } of classes) {
    if (!(Number.isInteger(items) && items >= 0)) throw new ParamError((n) => `${n('items')} (item count) must be an integer ≥ 0, got ${items}`);
  }
  if (!(Number.isInteger(minSlots) && minSlots >= 1)) throw new ParamError((n) => `${n('minSlots')} (minimum slot count) must be an integer ≥ 1, got ${minSlots}`);
}

/**
 * The smallest slot count m ≥ minSlots at which every class's DE loss (all classes sharing the frame's m slots, at
 * G_c = items_c/m and erasure e) is at most its `targetLoss`. Every loss grows with the loads, so m is found by
 * doubling then bisection. Throws a ParamError when a target is below its class's erasure floor, which no slot
 * count can beat. DE is exact only for long frames: short frames lose more than predicted (bench/robust.ts
 * measures the gap).
 */
export function slotsForTargetLosses(classes: readonly SizedClass[], erasure: number, minSlots = 1): ClassesSizing {
  checkCounts(classes, minSlots);
  const floors = classesErasureFloor(classesAt(classes, 1), erasure);
  classes.forEach((c, i) => {
    const target = c.targetLoss;
    if (target === undefined) return;
    if (!(target > 0 && target < 1)) throw new ParamError((n) => `${n('targetLoss')} must lie in (0, 1), got ${target}`);
    const which = classes.length > 1 ? ` of class ${i}` : '';
    if (floors[i] >= target) {
      throw new ParamError(
        (n) => `${n('targetLoss')} ${target}${which} cannot be met at erasure rate ${erasure}: the repetition's floor Λ(e) = ${floors[i].toPrecision(4)} ` +
          `(items whose every slot is erased) exceeds it; raise the minimum repetition degree or the target`,
      );
    }
  });
  const items = classes.reduce((n, c) => n + c.items, 0);
  if (items === 0) return classesSizing(classes, minSlots, erasure);
  const meets = (m: number): boolean => {
    const { classes: losses } = classesErasureDE(classesAt(classes, m), erasure);
    return classes.every((c, i) => c.targetLoss === undefined || c.items === 0 || losses[i].loss <= c.targetLoss);
  };
  let hi = Math.max(minSlots, items);
  while (!meets(hi)) {
    if (hi > 2 ** 40) throw new ParamError((n) => `${n('targetLoss')} needs more than 2^40 slots`);
    hi *= 2;
  }
  let lo = minSlots - 1; // lo fails (or is below the minimum), hi meets the target
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid >= minSlots && meets(mid)) hi = mid;
    else lo = mid;
  }
  return classesSizing(classes, hi, erasure);
}

/** The slot count set directly by an overhead (slots per item of every class, = 1/Σ G_c): m = max(minSlots, ⌈overhead · items⌉). */
export function slotsForClassesOverhead(classes: readonly SizedClass[], overhead: number, erasure: number, minSlots = 1): ClassesSizing {
  checkCounts(classes, minSlots);
  if (!(overhead > 0 && Number.isFinite(overhead))) throw new ParamError((n) => `${n('overhead')} (slots per item) must be > 0, got ${overhead}`);
  const items = classes.reduce((n, c) => n + c.items, 0);
  return classesSizing(classes, Math.max(minSlots, Math.ceil(overhead * items - 1e-9)), erasure);
}

/** One class of `items` items sized by its target loss (slotsForTargetLosses with one class). */
export function slotsForTargetLoss(
  repetition: Repetition,
  items: number,
  targetLoss: number,
  erasure: number,
  minSlots = 1,
): SlotSizing {
  return oneClass(slotsForTargetLosses([{ repetition, items, targetLoss }], erasure, minSlots));
}

/** One class of `items` items sized by an overhead (slotsForClassesOverhead with one class). */
export function slotsForOverhead(
  repetition: Repetition,
  items: number,
  overhead: number,
  erasure: number,
  minSlots = 1,
): SlotSizing {
  return oneClass(slotsForClassesOverhead([{ repetition, items }], overhead, erasure, minSlots));
}
