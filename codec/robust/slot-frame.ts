// The robust frame in memory (THEORY.md §8): m slots, each holding the number of its items, the XOR of their values
// and the XOR of their checksums (low `checksumBits` bits of itemChecksum), plus the marks of slots lost on the
// channel. Building one is the IRSA transmitter: every item is added to each of the slots that SlotPlacement gives
// it. Items are distinct non-negative integers below 2^32 (the coder packs (record, symbol) into one).

import { itemChecksum, type ItemPlacement } from './placement.js';

export interface SlotFrame {
  /** Items per slot. */
  count: Int32Array;
  /** XOR of the slot's item values. */
  xor: Uint32Array;
  /** XOR of the slot's item checksums, masked to the frame's checksum width. */
  check: Uint32Array;
  /** 1 where the channel erased the slot (its fields are then unknown and ignored). */
  erased: Uint8Array;
}

export function emptySlotFrame(slots: number): SlotFrame {
  return {
    count: new Int32Array(slots),
    xor: new Uint32Array(slots),
    check: new Uint32Array(slots),
    erased: new Uint8Array(slots),
  };
}

/** Mask of the low `bits` bits (0 ≤ bits ≤ 32) as an unsigned 32-bit number. */
export function lowMask(bits: number): number {
  return bits >= 32 ? 0xffffffff : (1 << bits) - 1;
}

/** Places the distinct `items` into a fresh frame of placement.slots slots. */
export function buildSlotFrame(items: Uint32Array, placement: ItemPlacement, checksumBits: number): SlotFrame {
  const frame = emptySlotFrame(placement.slots);
  const mask = lowMask(checksumBits);
  const positions = new Int32Array(placement.maxDegree);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const checksum = itemChecksum(item) & mask;
    const degree = placement.slotsOf(item, positions);
    for (let j = 0; j < degree; j++) {
      const slot = positions[j];
      frame.count[slot]++;
      frame.xor[slot] ^= item;
      frame.check[slot] ^= checksum;
    }
  }
  return frame;
}
