// The slot-erasure channel of THEORY.md §8: every slot of a robust frame is lost independently with probability e.
// Used by the tests, bench/robust.ts and the `rate` command's erasure sweep. Seeded, so the same seed erases the
// same slots.

import type { Prng } from '../../src/util/prng.js';
import type { SlotFrame } from './slot-frame.js';

/** Marks each slot of `frame` erased with probability `erasure`; returns how many slots were newly erased. */
export function eraseSlots(frame: SlotFrame, erasure: number, rng: Prng): number {
  if (!(erasure >= 0 && erasure <= 1)) throw new RangeError(`erasure probability must lie in [0, 1], got ${erasure}`);
  let erased = 0;
  for (let slot = 0; slot < frame.erased.length; slot++) {
    if (rng.next() < erasure && frame.erased[slot] === 0) {
      frame.erased[slot] = 1;
      erased++;
    }
  }
  return erased;
}
