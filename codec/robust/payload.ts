// The robust payload of one frame (docs/FORMAT.md, robust mode): two LEB128 varint fields, then bit fields, most
// significant bit first:
//
//   varint  m                      number of slots (0 only when the block has no items)
//   varint  k_r, one per record    items (skills) of each record of the block; a layered frame writes two per
//                                  record, its concepts and its words, then one varint f: the refinement items
//                                  (words of concepts that hold more than one word; the others go by their concept)
//   then, when m > 0, bits:
//   1 bit   erasure map present
//   6 bits  c = count width in bits (1..32)
//   gamma   a + 1, a = the placement attempt the encoder kept (Elias gamma code: one bit '1' for a = 0)
//   m bits  erasure map, 1 = slot lost on the channel          (only when present)
//   per slot not erased: count (c bits); when count > 0, XOR (x bits) and checksum (h bits)
//   zero bits up to the byte boundary
//
// x = ⌈log2 U⌉ for the block's item universe U = records × coding symbols (layered: records × (concepts + words)), h = the stream's checksum width, so a
// slot costs the few bits its fields need (empty slots only c bits). Reading checks every bound (slot count
// against the bits left, counts against the block's items, trailing bytes) and throws InputError.

import { InputError } from '../../src/util/errors.js';
import { ByteReader, ByteWriter, NeedMoreBytes } from '../bytes.js';
import { BitReader, BitWriter } from './bits.js';
import { emptySlotFrame, type SlotFrame } from './slot-frame.js';

export interface RobustPayload {
  /** Per record of the block, its skills, or, layered (two counts per record), its concepts then its words. */
  itemCounts: Uint32Array;
  /** Layered frames: the refinement items in the slots (0 otherwise). */
  refinementItems: number;
  /** The slots; zero slots when the block has no items. */
  frame: SlotFrame;
  /** Which placement attempt the encoder kept (part of the placement salt). */
  attempt: number;
}

export interface PayloadLayout {
  /** Number of distinct item values: records × coding symbols (of every class). */
  universe: number;
  /** The largest skill count of one record (the number of coding symbols). */
  maxItemsPerRecord: number;
  /** Layered frames: the largest concept count of one record (the number of base symbols); null for word frames. */
  maxConceptsPerRecord: number | null;
  checksumBits: number;
}

/** Bits needed to write every value in [0, n). */
function bitsBelow(n: number): number {
  return n <= 1 ? 0 : 32 - Math.clz32(n - 1);
}

export function writePayload(payload: RobustPayload, layout: PayloadLayout): Uint8Array {
  const { itemCounts, frame, attempt } = payload;
  const slots = frame.count.length;
  const head = new ByteWriter().varint(slots);
  for (let r = 0; r < itemCounts.length; r++) head.varint(itemCounts[r]);
  if (layout.maxConceptsPerRecord !== null) head.varint(payload.refinementItems);
  if (slots === 0) return head.finish();
  const writer = new BitWriter();
  let maxCount = 1;
  let mapped = 0;
  for (let t = 0; t < slots; t++) {
    if (frame.erased[t] === 1) mapped = 1;
    else if (frame.count[t] > maxCount) maxCount = frame.count[t];
  }
  const countBits = bitsBelow(maxCount + 1);
  const xorBits = bitsBelow(layout.universe);
  writer.writeBits(mapped, 1);
  writer.writeBits(countBits, 6);
  writer.writeGamma(attempt + 1);
  if (mapped === 1) for (let t = 0; t < slots; t++) writer.writeBits(frame.erased[t], 1);
  for (let t = 0; t < slots; t++) {
    if (frame.erased[t] === 1) continue;
    writer.writeBits(frame.count[t], countBits);
    if (frame.count[t] > 0) {
      writer.writeBits(frame.xor[t], xorBits);
      writer.writeBits(frame.check[t], layout.checksumBits);
    }
  }
  return head.raw(writer.finish()).finish();
}

/**
 * Reads a payload. `damaged`: the payload's frame failed its CRC, so its slot fields may be damaged — the slots from
 * the first one that cannot be read (a count above the block's items, or the bits run out) are marked erased and
 * trailing bits are not checked; the counts and the bit fields before the slots must still read.
 */
export function readPayload(bytes: Uint8Array, recordCount: number, layout: PayloadLayout, damaged = false): RobustPayload {
  const head = new ByteReader(bytes, 'robust payload');
  let slots: number;
  const layered = layout.maxConceptsPerRecord !== null;
  const itemCounts = new Uint32Array(recordCount * (layered ? 2 : 1));
  let items = 0;
  let refinementItems = 0;
  try {
    slots = head.varint(2 ** 32 - 1, 'slot count');
    for (let r = 0; r < recordCount; r++) {
      if (layered) {
        itemCounts[2 * r] = head.varint(layout.maxConceptsPerRecord as number, `concept count of record ${r}`);
        itemCounts[2 * r + 1] = head.varint(layout.maxItemsPerRecord, `item count of record ${r}`);
        items += itemCounts[2 * r];
        refinementItems += itemCounts[2 * r + 1];
      } else {
        itemCounts[r] = head.varint(layout.maxItemsPerRecord, `item count of record ${r}`);
        items += itemCounts[r];
      }
    }
    // The refinement items are some of the words; the slots hold them and the concepts.
    if (layered) {
      refinementItems = head.varint(refinementItems, 'refinement item count');
      items += refinementItems;
    }
  } catch (err) {
    throw err instanceof NeedMoreBytes ? new InputError('robust payload is truncated in its counts') : err;
  }
  const reader = new BitReader(bytes.subarray(head.offset), 'robust payload');
  if (slots === 0) {
    if (items > 0) throw new InputError(`robust payload: ${items} items but no slots`);
    reader.expectEnd();
    return { itemCounts, refinementItems, frame: emptySlotFrame(0), attempt: 0 };
  }
  const mapped = reader.readBits(1);
  const countBits = reader.readBits(6);
  if (countBits < 1 || countBits > 32) throw new InputError(`robust payload: count width ${countBits} is not in 1..32`);
  const attempt = reader.readGamma('placement attempt') - 1;
  // Every slot costs at least one bit (its map bit or its count), so this bounds the allocation below.
  if (slots > reader.bitsLeft) throw new InputError(`robust payload: ${slots} slots cannot fit in ${reader.bitsLeft} bits (truncated?)`);
  const frame = emptySlotFrame(slots);
  if (mapped === 1) for (let t = 0; t < slots; t++) frame.erased[t] = reader.readBits(1);
  const xorBits = bitsBelow(layout.universe);
  for (let t = 0; t < slots; t++) {
    if (frame.erased[t] === 1) continue;
    try {
      const count = reader.readBits(countBits);
      if (count > items) throw new InputError(`robust payload: slot ${t} counts ${count} items, more than the block's ${items}`);
      frame.count[t] = count;
      if (count > 0) {
        frame.xor[t] = reader.readBits(xorBits);
        frame.check[t] = reader.readBits(layout.checksumBits);
      }
    } catch (err) {
      if (!damaged || !(err instanceof InputError)) throw err;
      frame.erased.fill(1, t);
      break;
    }
  }
  if (!damaged) reader.expectEnd();
  return { itemCounts, refinementItems, frame, attempt };
}
