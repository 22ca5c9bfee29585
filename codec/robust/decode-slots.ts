// The robust frame's decoder: IRSA successive interference cancellation (THEORY.md §8), run by THE peeling engine
// of src/learn/peel.ts with slots as texts and items as skills under the 1-skill learner. Erased slots are silenced
// (SILENT_TEXT) so they never reveal anything; an item's slots are recomputed from its value by SlotPlacement when
// the engine cancels it. The engine runs sparse (nothing kept per possible item value), so a frame's memory follows
// its items and slots, not records × symbols. The engine does not know the checksums, so this adapter accumulates
// each cancelled item's checksum into its slots and, after peeling, demands that no intact singleton is left and that
// every intact slot emptied by peeling has zero residual XOR and checksum: a singleton that revealed a wrong value (a
// corrupt payload) leaves a residual in the slot it came from, and the whole frame is then refused rather than return
// a wrong item.

import { peel, SILENT_TEXT } from '../../src/learn/peel.js';
import { InputError } from '../../src/util/errors.js';
import { itemChecksum, type ItemPlacement } from './placement.js';
import { lowMask, type SlotFrame } from './slot-frame.js';

const ONE_SKILL_LEARNER = new Float64Array([1]);

/**
 * The items recoverable from `frame`, ascending. `universe` bounds the item values (all items < universe ≤ 2^31);
 * `expectedItems` bounds how many items can be revealed. Throws InputError when the slots are inconsistent, and
 * with `resolveAll` also when a slot not erased keeps items peeling could not reveal.
 */
export function decodeSlotFrame(
  frame: SlotFrame,
  placement: ItemPlacement,
  universe: number,
  expectedItems: number,
  checksumBits: number,
  resolveAll = false,
): Uint32Array {
  const slots = placement.slots;
  if (!(universe >= 1 && universe <= 2 ** 31)) throw new RangeError(`item universe must lie in [1, 2^31], got ${universe}`);
  const counts = new Int32Array(slots);
  for (let t = 0; t < slots; t++) counts[t] = frame.erased[t] === 1 ? SILENT_TEXT : frame.count[t];
  const xors = new Int32Array(frame.xor); // values below 2^31, or negative (corrupt) and then refused by the engine

  const mask = lowMask(checksumBits);
  const residualCheck = frame.check.slice();
  const revealed = new Uint32Array(expectedItems);
  let revealedCount = 0;
  const positions = new Int32Array(placement.maxDegree);
  const prefixes = Array.from({ length: placement.maxDegree + 1 }, (_, d) => positions.subarray(0, d));
  const slotsOfRevealed = (item: number): Int32Array => {
    if (revealedCount === expectedItems) throw new InputError(`robust frame reveals more than its ${expectedItems} items`);
    revealed[revealedCount++] = item;
    const degree = placement.slotsOf(item, positions);
    const checksum = itemChecksum(item) & mask;
    for (let j = 0; j < degree; j++) residualCheck[positions[j]] ^= checksum;
    return prefixes[degree];
  };

  // A corrupt frame can reveal an item twice; the engine then refuses the count that falls below zero, and an item
  // revealed by a slot it does not occupy leaves that slot a singleton, refused below.
  let result: ReturnType<typeof peel>;
  try {
    result = peel({ skills: universe, counts, xors, textsOf: slotsOfRevealed }, { phi: ONE_SKILL_LEARNER, sparse: true });
  } catch (err) {
    if (err instanceof InputError) throw new InputError(`robust frame: the slots are inconsistent (${err.message})`);
    throw err;
  }
  // A consistent frame peels every intact singleton, and each emptied slot cancels to zero.
  for (let t = 0; t < slots; t++) {
    if (frame.erased[t] === 1) continue;
    const left = result.residualCounts[t];
    if (left === 1 || (left === 0 && (result.residualXors[t] !== 0 || residualCheck[t] !== 0)) || (resolveAll && left !== 0)) {
      throw new InputError(`robust frame: slot ${t} does not match the items peeled from it (count, XOR or checksum mismatch)`);
    }
  }
  return revealed.slice(0, revealedCount).sort();
}

/**
 * decodeSlotFrame for a frame whose items imply others (a layered frame, THEORY.md §8: a recovered word reveals the
 * item of its concept): after peeling, every item implied by a revealed one and not revealed itself is cancelled
 * from its slots not erased, and peeling runs again, until nothing new is implied. `implies(item)` gives the item
 * that `item` implies, or −1. Returns the revealed and implied items, ascending; with `resolveAll`, the final
 * frame must leave no intact slot unresolved. Throws InputError when cancelling finds a slot inconsistent.
 */
export function decodeImpliedSlotFrame(
  frame: SlotFrame,
  placement: ItemPlacement,
  universe: number,
  expectedItems: number,
  checksumBits: number,
  resolveAll: boolean,
  implies: (item: number) => number,
): Uint32Array {
  const current: SlotFrame = { count: frame.count.slice(), xor: frame.xor.slice(), check: frame.check.slice(), erased: frame.erased };
  const cancelled = new Set<number>();
  const mask = lowMask(checksumBits);
  const positions = new Int32Array(placement.maxDegree);
  for (;;) {
    const revealed = decodeSlotFrame(current, placement, universe, expectedItems - cancelled.size, checksumBits);
    const known = new Set(revealed);
    const fresh: number[] = [];
    for (const item of revealed) {
      const implied = implies(item);
      if (implied >= 0 && !known.has(implied) && !cancelled.has(implied)) {
        cancelled.add(implied);
        fresh.push(implied);
      }
    }
    if (fresh.length === 0) {
      if (resolveAll) decodeSlotFrame(current, placement, universe, expectedItems - cancelled.size, checksumBits, true);
      const all = new Uint32Array(revealed.length + cancelled.size);
      all.set(revealed);
      all.set([...cancelled], revealed.length);
      return all.sort();
    }
    for (const item of fresh) {
      const checksum = itemChecksum(item) & mask;
      const degree = placement.slotsOf(item, positions);
      for (let j = 0; j < degree; j++) {
        const slot = positions[j];
        if (current.erased[slot] === 1) continue;
        if (--current.count[slot] < 0) throw new InputError(`robust frame: slot ${slot} holds fewer items than the items implied into it`);
        current.xor[slot] ^= item;
        current.check[slot] ^= checksum;
      }
    }
  }
}

/**
 * Whether a clean channel gives back every one of `items` placed by `placement`: the encoder's check before it
 * keeps a placement. Peeling depends only on the graph, not on the labels, so the engine runs here on item
 * positions 0..k−1 (XORs of positions) instead of item values: O(items + slots), whatever the value universe.
 */
export function peelsCompletely(items: Uint32Array, placement: ItemPlacement): boolean {
  const k = items.length;
  const counts = new Int32Array(placement.slots);
  const xors = new Int32Array(placement.slots);
  const offsets = new Int32Array(k + 1);
  const targets = new Int32Array(k * placement.maxDegree);
  for (let i = 0; i < k; i++) {
    const start = offsets[i];
    const degree = placement.slotsOf(items[i], targets, start);
    for (let e = start; e < start + degree; e++) {
      counts[targets[e]]++;
      xors[targets[e]] ^= i;
    }
    offsets[i + 1] = start + degree;
  }
  return peel({ skills: k, counts, xors, textsOf: { offsets, targets } }, { phi: ONE_SKILL_LEARNER }).learnedCount === k;
}
