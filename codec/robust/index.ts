// Robust mode (`--mode robust`): the skill sets of a block of records sent as an IRSA slot code for semantic
// communication over a slot-erasure channel (THEORY.md §8). Each (record, symbol) item is packed into one integer
// r·S + symbol (S = coding symbols), placed in d slots drawn from the repetition distribution Λ (codec/robust/
// placement.ts), and decoded by peeling (codec/robust/decode-slots.ts, on the shared engine). The number of slots m
// of a frame with k items follows from the §8 density evolution — the smallest m whose predicted loss at the
// expected erasure rate meets --target-loss (src/theory/erasure.ts) — or from --overhead (m = ⌈overhead·k⌉), never
// below the largest degree of Λ so that every item gets distinct slots. The placement salt is derived from the
// frame's own header (m, the per-record counts and a placement attempt number). The encoder keeps the first
// placement that a clean channel peels completely (trying 8 salts per size, then 1/8 more slots), so a robust
// stream without erasures always decodes exactly; the attempt costs one bit when the first placement works. DE is
// exact for long frames only: short frames (a few records) lose more than predicted under erasures, which
// bench/robust.ts measures.
//
// Layered robust frames (a layered model, THEORY.md §8 "Layered robust frames"): each record's concepts are base
// items r·C + b (C = base symbols) placed with their own repetition Λ_b (--repetition-base), its words refinement
// items R·C + r·S + symbol placed with Λ (--repetition), all in one frame of slots; a word whose concept holds no
// other word of the model has no refinement item (its concept says which word it is). The payload counts both per
// record. The decoder cancels the concept of every recovered word and peels on, and gives back every recovered
// word (and the word of every recovered one-word concept) and, for each recovered concept none of whose words
// came back, the concept. Sizing by target losses asks
// the DE of both classes for their own targets, without the implication term (the decoder, repairing a frame,
// must size it from the counts alone), so it errs on the safe side.

import { parseDegreeSpec, DEGREE_PRESETS, type DegreeDistribution } from '../../src/theory/degree.js';
import { classesErasureDE, erasureFloor, slotsForClassesOverhead, slotsForTargetLosses, type SizedClass } from '../../src/theory/erasure.js';
import { InputError, ParamError, type ParamNamer } from '../../src/util/errors.js';
import type { SkillModel } from '../../src/model/types.js';
import type { Prng } from '../../src/util/prng.js';
import type { BlockChannel, BlockCoder, BlockCoderFactory, BlockSummary, SkillRecord } from '../block-coder.js';
import { ByteReader, ByteWriter, NeedMoreBytes } from '../bytes.js';
import { layerMapOf } from '../refinement.js';
import { eraseSlots } from './channel.js';
import { decodeImpliedSlotFrame, decodeSlotFrame, peelsCompletely } from './decode-slots.js';
import { readPayload, writePayload, type PayloadLayout, type RobustPayload } from './payload.js';
import { checkRepetition, ClassPlacement, mix32 } from './placement.js';
import { buildSlotFrame, emptySlotFrame } from './slot-frame.js';

export { eraseSlots } from './channel.js';

export interface RobustOptions {
  /** Λ: how many slots each skill is placed in. */
  repetition: DegreeDistribution;
  /** Size frames so that the DE loss at `erasure` is at most this (null when `overhead` sets the size). */
  targetLoss: number | null;
  /** The expected slot-erasure probability the frames are sized for (and `inspect` predicts with). */
  erasure: number;
  /** Slots per skill (1/G), setting the frame size directly (null when sized from `targetLoss`). */
  overhead: number | null;
  /** Records per frame. */
  block: number;
  /** Width of each slot's checksum field, 0..32 bits. */
  checksumBits: number;
  /** The base layer of a layered model's frames (its concepts); null for word frames. */
  base: BaseLayerOptions | null;
}

/** How a layered frame protects its base layer (the concepts). */
export interface BaseLayerOptions {
  /** Λ_b: how many slots each concept is placed in. */
  repetition: DegreeDistribution;
  /** With target sizing, the DE loss allowed for concepts (null when `overhead` sets the size). */
  targetLoss: number | null;
}

/** What a robust coder needs of a layered model: the base symbols and the base symbol of each word symbol. */
export interface RobustLayers {
  /** Number of base (concept) coding symbols. */
  concepts: number;
  /** For each word coding symbol, its concept's base coding symbol. */
  conceptOf: Uint32Array;
}

/** A record as a robust frame gives it back: its recovered words, and, in a layered frame, the concepts recovered without any of their words. */
export interface RobustRecord {
  symbols: Uint32Array;
  missing?: number;
  /** Base symbols of concepts delivered with none of their words (layered frames only; absent when none). */
  concepts?: Uint32Array;
}

export const ROBUST_DEFAULTS = { repetition: 'liva8', targetLoss: 0.01, erasure: 0, block: 1, checksumBits: 8, repetitionBase: 'x^3' } as const;
/**
 * Most records one robust frame may hold: the format's records per frame (STREAM_LIMITS.recordsPerFrame). The
 * decoder's memory per frame follows its items and slots (the peeling engine runs sparse); item values,
 * record × symbols + symbol, must stay below 2^31.
 */
export const MAX_BLOCK = 1 << 16;
/** Slots per skill: below one the frame cannot hold every skill once; far above, frames only grow. */
export const MAX_OVERHEAD = 1024;

/**
 * The repetition as the stream header stores it: the preset name or the polynomial (never a file name). Both ends
 * parse this same string, so encoder and decoder draw identical degrees.
 */
function storedRepetition(spec: string): DegreeDistribution {
  const given = parseDegreeSpec(spec);
  if (given.spec in DEGREE_PRESETS || given.coefficients() === null) return given;
  return parseDegreeSpec(given.toPolynomial());
}

/** A message about the options, naming each option through the namer it is given. */
type OptionsMessage = (name: ParamNamer) => string;

/** Validates options, throwing `fail` errors (ParamError for a library call, InputError for stream headers). */
function checkOptions(options: RobustOptions, fail: (say: OptionsMessage) => Error): RobustOptions {
  const { repetition, targetLoss, erasure, overhead, block, checksumBits, base } = options;
  try {
    checkRepetition(repetition);
    if (base !== null) checkRepetition(base.repetition);
  } catch (err) {
    throw err instanceof ParamError ? fail((n) => `robust mode: ${err.messageWith(n)}`) : err;
  }
  if (base !== null && (base.targetLoss === null) !== (targetLoss === null)) {
    throw fail((n) => `robust mode: the base layer is sized like the words: give ${n('targetLossBase')} with ${n('targetLoss')}, none with ${n('overhead')}`);
  }
  if (!(erasure >= 0 && erasure < 1)) throw fail((n) => `robust mode: ${n('erasure')} must lie in [0, 1), got ${erasure}`);
  if ((targetLoss === null) === (overhead === null)) throw fail((n) => `robust mode: give either ${n('targetLoss')} or ${n('overhead')}, not both`);
  const targets: Array<[string, number | null, DegreeDistribution]> = [['targetLoss', targetLoss, repetition]];
  if (base !== null) targets.push(['targetLossBase', base.targetLoss, base.repetition]);
  for (const [name, target, law] of targets) {
    if (target === null) continue;
    if (!(target > 0 && target < 1)) throw fail((n) => `robust mode: ${n(name)} must lie in (0, 1), got ${target}`);
    const floor = erasureFloor(law, erasure);
    if (floor >= target) {
      throw fail(
        (n) =>
          `robust mode: ${n(name)} ${target} is below the erasure floor Λ(${erasure}) = ${floor.toPrecision(4)} of repetition ` +
          `'${law.spec}' (skills whose every slot is erased); raise the target or the minimum repetition degree`,
      );
    }
  }
  if (overhead !== null && !(overhead >= 1 && overhead <= MAX_OVERHEAD)) throw fail((n) => `robust mode: ${n('overhead')} (slots per skill) must lie in [1, ${MAX_OVERHEAD}], got ${overhead}`);
  if (!(Number.isInteger(block) && block >= 1 && block <= MAX_BLOCK)) throw fail((n) => `robust mode: ${n('block')} must be an integer in 1..${MAX_BLOCK}, got ${block}`);
  if (!(Number.isInteger(checksumBits) && checksumBits >= 0 && checksumBits <= 32)) {
    throw fail((n) => `robust mode: ${n('checksumBits')} must be an integer in 0..32, got ${checksumBits}`);
  }
  return options;
}

/** The placement salt of a frame, from what its header already carries. */
function frameSalt(slots: number, itemCounts: Uint32Array, attempt: number): number {
  let salt = mix32((slots ^ Math.imul(attempt, 0x9e3779b9)) >>> 0);
  for (let r = 0; r < itemCounts.length; r++) salt = mix32((salt ^ itemCounts[r]) >>> 0);
  return salt;
}

/**
 * Narrowest slot checksum with which a frame whose CRC failed is repaired slot by slot: a damaged slot that still
 * reads as a singleton passes its checksum with probability 2^−bits, and then must also agree with every slot the
 * wrong skill is peeled against.
 */
export const MIN_REPAIR_CHECKSUM_BITS = 8;

/** Placements tried at one slot count before the encoder adds slots. */
const ATTEMPTS_PER_SIZE = 8;

export interface RobustFrameSummary extends BlockSummary {
  records: number;
  /** Words (skills) the frame carries. */
  skills: number;
  slots: number;
  /** G = skills / slots (words only, in a layered frame). */
  load: number;
  /** Slots marked erased in this payload. */
  erasedSlots: number;
  /** DE share of skills lost at this load and the stream's expected erasure rate. */
  predictedLoss: number;
  payloadBits: number;
}

/**
 * A layered frame's summary adds its concepts (base items) and refinement items (load and predictedLoss are then
 * the refinement items'), and the concepts' DE loss without the implication by words.
 */
export interface LayeredFrameSummary extends RobustFrameSummary {
  concepts: number;
  refinementItems: number;
  predictedConceptLoss: number;
}

export class RobustCoder implements BlockCoder {
  readonly mode = 'robust';
  readonly maxRecords: number;
  private readonly symbols: number;
  /** Base symbols of a layered frame (0: word frames). */
  private readonly concepts: number;
  /** Item classes per record: 1, or 2 (concepts, words) in a layered frame. */
  private readonly classes: number;
  /** Layered: per base symbol, its only word's symbol, or −1 when the concept holds several words. */
  private readonly wordOfConcept: Int32Array;
  private readonly slotCounts = new Map<string, number>();
  /** The slot-erasure channel of THEORY.md §8, for the rate lab. */
  readonly channel: BlockChannel = {
    erase: (payload, recordCount, erasure, rng) => this.erasePayload(payload, recordCount, erasure, rng),
    units: (payload, recordCount) => {
      const { skills, slots } = this.summarizeBlock(payload, recordCount);
      return { skills, units: slots };
    },
  };

  /** `symbols`: the model's number of (word) coding symbols (S); `layers` makes the frames layered. */
  constructor(
    symbols: number,
    readonly options: RobustOptions,
    private readonly layers: RobustLayers | null = null,
  ) {
    this.symbols = symbols;
    this.maxRecords = options.block;
    if ((layers === null) !== (options.base === null)) {
      throw new ParamError(() => layers === null ? 'robust mode: a base layer (--repetition-base) needs a layered model' : 'robust mode: a layered model needs the base layer\'s options');
    }
    this.concepts = layers?.concepts ?? 0;
    this.classes = layers === null ? 1 : 2;
    if (layers !== null && layers.conceptOf.length !== symbols) throw new RangeError(`robust mode: ${layers.conceptOf.length} concepts of words for ${symbols} coding symbols`);
    this.wordOfConcept = new Int32Array(this.concepts).fill(-2); // −2: no word yet
    layers?.conceptOf.forEach((b, w) => {
      if (!(b < this.concepts)) throw new RangeError(`robust mode: word ${w}'s concept ${b} is not a base symbol`);
      this.wordOfConcept[b] = this.wordOfConcept[b] === -2 ? w : -1;
    });
    if (options.block * Math.max(this.symbols + this.concepts, 1) > 2 ** 31) {
      throw new ParamError((n) => `robust mode: ${n('block')} ${options.block} × ${this.symbols + this.concepts} coding symbols exceeds 2^31 items per frame`);
    }
  }

  /** The frame's classes with their item counts (concepts first in a layered frame), for the §8 DE. */
  private sizedClasses(counts: readonly number[]): SizedClass[] {
    const { repetition, targetLoss, base } = this.options;
    const words: SizedClass = { repetition, items: counts[this.classes - 1], ...(targetLoss !== null ? { targetLoss } : {}) };
    if (base === null) return [words];
    return [{ repetition: base.repetition, items: counts[0], ...(base.targetLoss !== null ? { targetLoss: base.targetLoss } : {}) }, words];
  }

  /** Items of each class in a frame's slots: its skills, or its concepts and refinement items. */
  private classTotals({ itemCounts, refinementItems }: Pick<RobustPayload, 'itemCounts' | 'refinementItems'>): number[] {
    let items = 0;
    for (let i = 0; i < itemCounts.length; i += this.classes) items += itemCounts[i];
    return this.classes === 1 ? [items] : [items, refinementItems];
  }

  /** Whether a word has a refinement item (its concept holds other words of the model). */
  private refines(word: number): boolean {
    return this.wordOfConcept[this.layers!.conceptOf[word]] < 0;
  }

  /** The slot count of a frame of `counts` items per class (not all 0), through the §8 DE (memoised). */
  slotsFor(...counts: number[]): number {
    const key = counts.join(',');
    let slots = this.slotCounts.get(key);
    if (slots === undefined) {
      const { overhead, erasure, repetition, base } = this.options;
      const minSlots = Math.max(repetition.maxDegree(), base?.repetition.maxDegree() ?? 1);
      const classes = this.sizedClasses(counts);
      slots = (overhead !== null ? slotsForClassesOverhead(classes, overhead, erasure, minSlots) : slotsForTargetLosses(classes, erasure, minSlots)).slots;
      this.slotCounts.set(key, slots);
    }
    return slots;
  }

  /** Where items go in a frame of `recordCount` records: concepts below recordCount·C, words above (layered). */
  private placement(slots: number, itemCounts: Uint32Array, attempt: number, recordCount: number): ClassPlacement {
    const salt = frameSalt(slots, itemCounts, attempt);
    const { repetition, base } = this.options;
    return base === null ? new ClassPlacement([repetition], [0], slots, salt) : new ClassPlacement([base.repetition, repetition], [0, recordCount * this.concepts], slots, salt);
  }

  encodeBlock(records: readonly SkillRecord[]): Uint8Array {
    if (records.length > this.maxRecords) throw new RangeError(`robust block of ${records.length} records exceeds --block ${this.maxRecords}`);
    const S = this.symbols;
    const R = records.length;
    const C = this.concepts;
    const itemCounts = new Uint32Array(R * this.classes);
    const conceptSets = records.map((record, r) => {
      const symbols = record.symbols;
      for (let i = 0; i < symbols.length; i++) {
        if (symbols[i] >= S || (i > 0 && symbols[i] <= symbols[i - 1])) {
          throw new InputError(`record ${r} of the block: coding symbols must be ascending, distinct and below ${S}`);
        }
      }
      const concepts = this.layers === null ? [] : [...new Set(Array.from(symbols, (w) => this.layers!.conceptOf[w]))].sort((x, y) => x - y);
      itemCounts[r * this.classes + this.classes - 1] = symbols.length;
      if (this.layers !== null) itemCounts[r * this.classes] = concepts.length;
      return concepts;
    });
    const layout = this.layout(R);
    const list: number[] = [];
    conceptSets.forEach((concepts, r) => {
      for (const b of concepts) list.push(r * C + b);
    });
    records.forEach((record, r) => {
      for (const symbol of record.symbols) if (this.layers === null || this.refines(symbol)) list.push(R * C + r * S + symbol);
    });
    const items = Uint32Array.from(list);
    const refinementItems = this.layers === null ? 0 : items.length - conceptSets.reduce((n, c) => n + c.length, 0);
    const totals = this.classTotals({ itemCounts, refinementItems });
    if (items.length === 0) return writePayload({ itemCounts, refinementItems, frame: emptySlotFrame(0), attempt: 0 }, layout);
    const { checksumBits } = this.options;
    // A clean channel must give every skill back: keep the first placement that peels completely, adding slots
    // when small frames hit a stopping set at every attempt (it costs the encoder one peeling pass per attempt).
    for (let slots = this.slotsFor(...totals); ; slots += Math.ceil(slots / 8)) {
      for (let attempt = 0; attempt < ATTEMPTS_PER_SIZE; attempt++) {
        const placement = this.placement(slots, itemCounts, attempt, R);
        if (peelsCompletely(items, placement)) {
          return writePayload({ itemCounts, refinementItems, frame: buildSlotFrame(items, placement, checksumBits), attempt }, layout);
        }
      }
    }
  }

  decodeBlock(payload: Uint8Array, recordCount: number): RobustRecord[] {
    return this.decodeSlots(this.read(payload, recordCount), recordCount);
  }

  /**
   * Decodes the payload of a frame whose CRC failed, slot by slot: slots that cannot be read are erasures, and the
   * shortest run of consecutive slots (in payload order, where a damaged byte lies) whose erasure leaves every other
   * slot consistent is found by bisection — the last start a of a run [a, m) that does, then the first end b of a
   * run [a, b) that does — and erased; peeling recovers what the rest carries, checked as in decodeBlock and with
   * every slot not erased resolved, so a skill comes back only when its slot checksum and every slot it was peeled
   * against agree. The counts and bit fields before the slots have no check of their own: the slot count must follow
   * from the counts as the encoder chose it, and some slot must be damaged (when all check, the damage lies in fields
   * with no redundancy: novel or per-record counts). Throws InputError when the checksums are narrower than
   * MIN_REPAIR_CHECKSUM_BITS, the counts do not fit, the slots are intact, or nothing of a frame with skills is
   * recovered.
   */
  repairBlock(payload: Uint8Array, recordCount: number): RobustRecord[] {
    if (this.options.checksumBits < MIN_REPAIR_CHECKSUM_BITS) {
      throw new InputError(`robust frame: slot checksums of ${this.options.checksumBits} bits are too narrow to repair a damaged frame (${MIN_REPAIR_CHECKSUM_BITS} needed)`);
    }
    const read = this.read(payload, recordCount, true);
    const slots = read.frame.count.length;
    // The counts set the placement salt and are not checked by any slot: they must at least give this slot count.
    const totals = this.classTotals(read);
    const total = totals.reduce((n, k) => n + k, 0);
    let expected = total === 0 ? 0 : this.slotsFor(...totals);
    while (expected > 0 && expected < slots) expected += Math.ceil(expected / 8);
    if (expected !== slots) throw new InputError(`robust frame: ${slots} slots do not follow from its ${total} skills (damaged counts)`);
    const received = read.frame.erased;
    const erasing = (from: number, to: number, resolveAll = false): RobustRecord[] | null => {
      const erased = received.slice();
      erased.fill(1, from, to);
      try {
        return this.decodeSlots({ ...read, frame: { ...read.frame, erased } }, recordCount, resolveAll);
      } catch (err) {
        if (err instanceof InputError) return null;
        throw err;
      }
    };
    // Slots that all check mean the damage lies in fields with no redundancy (novel or per-record counts): corrupt.
    if (erasing(slots, slots, true) !== null) throw new InputError('robust frame: its slots are intact, so the damage lies in fields that cannot be checked');
    let [lo, hi] = [0, slots]; // erasing [lo, m) is consistent, erasing [hi, m) is not
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (erasing(mid, slots) !== null) lo = mid;
      else hi = mid;
    }
    const start = lo;
    [lo, hi] = [start, slots]; // erasing [start, lo) is not consistent, erasing [start, hi) is
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (erasing(start, mid) !== null) hi = mid;
      else lo = mid;
    }
    // Counts damaged so that the slot count still fits give a wrong placement salt, under which (almost) no slot is
    // consistent: a run of more than half the slots is taken for that, not for damaged slots.
    if (2 * (hi - start) > slots) throw new InputError(`robust frame: ${hi - start} of its ${slots} slots are inconsistent (damaged counts?)`);
    const sets = erasing(start, hi, true);
    if (sets === null || (sets.every((set) => set.symbols.length === 0 && set.concepts === undefined) && total > 0)) {
      throw new InputError('robust frame: no skill can be recovered from its damaged slots');
    }
    return sets;
  }

  /** The records' symbol sets from read slots; `resolveAll`: refuse slots (not erased) that peeling leaves unresolved. */
  private decodeSlots(payload: RobustPayload, recordCount: number, resolveAll = false): RobustRecord[] {
    const { itemCounts, frame, attempt } = payload;
    const slots = frame.count.length;
    const S = this.symbols;
    const C = this.concepts;
    const R = recordCount;
    const wordsFrom = R * C;
    const total = this.classTotals(payload).reduce((n, k) => n + k, 0);
    const universe = Math.max(R * (S + C), 1);
    let items: Uint32Array = new Uint32Array(0);
    if (slots > 0) {
      const placement = this.placement(slots, itemCounts, attempt, R);
      const { checksumBits } = this.options;
      const conceptOf = this.layers?.conceptOf;
      items =
        conceptOf === undefined
          ? decodeSlotFrame(frame, placement, universe, total, checksumBits, resolveAll)
          : decodeImpliedSlotFrame(frame, placement, universe, total, checksumBits, resolveAll, (item) => {
              if (item < wordsFrom) return -1;
              const r = Math.floor((item - wordsFrom) / S);
              return r * C + conceptOf[(item - wordsFrom) % S];
            });
    }
    // Items ascending: every record's concepts (below wordsFrom), then every record's words.
    const wordsAt = items.findIndex((item) => item >= wordsFrom);
    const words = wordsAt < 0 ? new Uint32Array(0) : items.subarray(wordsAt);
    const concepts = wordsAt < 0 ? items : items.subarray(0, wordsAt);
    const out: RobustRecord[] = [];
    let i = 0;
    let j = 0;
    for (let r = 0; r < R; r++) {
      const start = i;
      while (i < words.length && words[i] < wordsFrom + (r + 1) * S) i++;
      let symbols = words.slice(start, i);
      for (let k = 0; k < symbols.length; k++) symbols[k] -= wordsFrom + r * S;
      const conceptStart = j;
      while (j < concepts.length && concepts[j] < (r + 1) * C) j++;
      const recordConcepts = Array.from(concepts.subarray(conceptStart, j), (item) => item - r * C);
      if (this.layers !== null) {
        if (recordConcepts.length > itemCounts[r * this.classes]) throw new InputError(`robust frame: record ${r} recovered more concepts than it counts`);
        // A one-word concept delivers its word.
        const alone = recordConcepts.map((b) => this.wordOfConcept[b]).filter((w) => w >= 0);
        if (alone.length > 0) symbols = Uint32Array.from([...symbols, ...alone]).sort();
      }
      const wordCount = itemCounts[r * this.classes + this.classes - 1];
      const missing = wordCount - symbols.length;
      if (missing < 0) throw new InputError(`robust frame: record ${r} recovered ${symbols.length} skills but counts ${wordCount}`);
      const record: RobustRecord = missing > 0 ? { symbols, missing } : { symbols };
      if (recordConcepts.length > 0) {
        const said = new Set(Array.from(symbols, (w) => this.layers!.conceptOf[w]));
        const unsaid = recordConcepts.filter((b) => !said.has(b));
        if (unsaid.length > 0) record.concepts = Uint32Array.from(unsaid);
      }
      out.push(record);
    }
    return out;
  }

  summarizeBlock(payload: Uint8Array, recordCount: number): RobustFrameSummary | LayeredFrameSummary {
    const read = this.read(payload, recordCount);
    const { itemCounts, frame } = read;
    const slots = frame.count.length;
    const totals = this.classTotals(read);
    let skills = 0;
    for (let i = this.classes - 1; i < itemCounts.length; i += this.classes) skills += itemCounts[i];
    let erasedSlots = 0;
    for (let t = 0; t < slots; t++) erasedSlots += frame.erased[t];
    const at = this.sizedClasses(totals).map((c) => ({ repetition: c.repetition, load: slots > 0 ? c.items / slots : 0 }));
    const losses = slots > 0 ? classesErasureDE(at, this.options.erasure).classes.map((c) => c.loss) : at.map(() => 0);
    const summary: RobustFrameSummary = {
      records: recordCount,
      skills,
      slots,
      load: at[this.classes - 1].load,
      erasedSlots,
      predictedLoss: totals[this.classes - 1] > 0 ? losses[this.classes - 1] : 0,
      payloadBits: payload.length * 8,
    };
    return this.classes === 1 ? summary : { ...summary, concepts: totals[0], refinementItems: totals[1], predictedConceptLoss: totals[0] > 0 ? losses[0] : 0 };
  }

  /**
   * The slot-erasure channel on a payload: each slot is lost with probability `erasure` (seeded), and the payload
   * is rewritten with those slots marked and their fields dropped, as a receiver would store what arrived.
   */
  erasePayload(payload: Uint8Array, recordCount: number, erasure: number, rng: Prng): Uint8Array {
    const read = this.read(payload, recordCount);
    eraseSlots(read.frame, erasure, rng);
    return writePayload(read, this.layout(recordCount));
  }

  private layout(recordCount: number): PayloadLayout {
    return {
      universe: recordCount * (this.symbols + this.concepts),
      maxItemsPerRecord: this.symbols,
      maxConceptsPerRecord: this.layers === null ? null : this.concepts,
      checksumBits: this.options.checksumBits,
    };
  }

  private read(payload: Uint8Array, recordCount: number, damaged = false): RobustPayload {
    if (!(Number.isInteger(recordCount) && recordCount >= 0 && recordCount <= this.maxRecords)) {
      throw new InputError(`robust frame: ${recordCount} records, but the stream's blocks hold at most ${this.maxRecords}`);
    }
    return readPayload(payload, recordCount, this.layout(recordCount), damaged);
  }
}

/**
 * A layered model's base symbols and each word's concept, as the robust coder needs them: the layered codec's own
 * layer map (codec/refinement.ts; base symbol b is concept layers.coding.order[b]). A ParamError for a model without layers.
 */
export function robustLayersOf(model: SkillModel): RobustLayers {
  if (model.layers === undefined) throw new ParamError((n) => `robust mode: ${n('repetitionBase')} needs a layered model (train --skills layered:L)`);
  const map = layerMapOf(model);
  return { concepts: map.concepts, conceptOf: map.baseOf };
}

function float64Bytes(value: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, value);
  return bytes;
}

function readFloat64(reader: ByteReader): number {
  const bytes = reader.raw(8);
  return new DataView(bytes.buffer, bytes.byteOffset, 8).getFloat64(0);
}

function numberOption(values: Record<string, unknown>, name: string): number | null {
  const value = values[name];
  if (value === undefined || value === null) return null;
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(number)) throw new ParamError((n) => `robust mode: ${n(name)} must be a number, got ${JSON.stringify(value)}`);
  return number;
}

/**
 * Header bytes of the robust options (docs/FORMAT.md): varint length + UTF-8 repetition spec (preset name or
 * polynomial), one byte 0 (sized by target loss) or 1 (by overhead), that value and the expected erasure rate as
 * big-endian float64, varint block size, one byte checksum width; then, for a layered frame's base layer only
 * (absent in word streams, whose bytes are unchanged), the base repetition spec the same way, one byte 0 (a
 * concept target loss follows) or 1 (sized by the overhead, nothing follows) and that target as float64.
 */
export const robustMode: BlockCoderFactory<RobustOptions> = {
  mode: 'robust',
  modeId: 1,
  options: {
    repetition: { type: 'string', default: ROBUST_DEFAULTS.repetition, describe: 'slots per skill: a degree SPEC (THEORY.md §8), e.g. liva8, x^3, 0.5x^2+0.5x^4' },
    targetLoss: {
      type: 'number',
      describe: `size each frame so that the predicted share of skills lost is at most this (default ${ROBUST_DEFAULTS.targetLoss})`,
    },
    erasure: { type: 'number', default: ROBUST_DEFAULTS.erasure, describe: 'expected probability that a slot is lost on the channel' },
    overhead: { type: 'number', describe: 'slots per skill (1/G), setting the frame size directly instead of --target-loss' },
    block: { type: 'number', default: ROBUST_DEFAULTS.block, describe: 'records sharing one frame of slots (latency against efficiency)' },
    checksumBits: { type: 'number', default: ROBUST_DEFAULTS.checksumBits, describe: 'bits of each slot checksum that verifies a recovered skill' },
    repetitionBase: {
      type: 'string',
      describe:
        `layered model: also send each record's concepts as a base layer, each concept in this many slots (a degree SPEC, e.g. ${ROBUST_DEFAULTS.repetitionBase}); ` +
        'under erasures a word lost with its concept delivered degrades to the concept. --repetition then sets the words\' slots',
    },
    targetLossBase: {
      type: 'number',
      describe: 'with --repetition-base and target sizing: the predicted share of concepts lost allowed (default: --target-loss)',
    },
  },
  optionsFrom: (values) => {
    const spec = values.repetition === undefined ? ROBUST_DEFAULTS.repetition : String(values.repetition);
    const overhead = numberOption(values, 'overhead');
    const targetLoss = numberOption(values, 'targetLoss') ?? (overhead === null ? ROBUST_DEFAULTS.targetLoss : null);
    const baseSpec = values.repetitionBase === undefined || values.repetitionBase === null ? null : String(values.repetitionBase);
    const targetLossBase = numberOption(values, 'targetLossBase');
    if (baseSpec === null && targetLossBase !== null) throw new ParamError((n) => `robust mode: ${n('targetLossBase')} needs ${n('repetitionBase')} (a layered frame)`);
    return checkOptions(
      {
        repetition: storedRepetition(spec),
        targetLoss,
        erasure: numberOption(values, 'erasure') ?? ROBUST_DEFAULTS.erasure,
        overhead,
        block: numberOption(values, 'block') ?? ROBUST_DEFAULTS.block,
        checksumBits: numberOption(values, 'checksumBits') ?? ROBUST_DEFAULTS.checksumBits,
        base: baseSpec === null ? null : { repetition: storedRepetition(baseSpec), targetLoss: targetLossBase ?? targetLoss },
      },
      (say) => new ParamError(say),
    );
  },
  writeOptions: (options) => {
    const writer = new ByteWriter()
      .string(options.repetition.spec)
      .byte(options.overhead !== null ? 1 : 0)
      .raw(float64Bytes(options.overhead ?? (options.targetLoss as number)))
      .raw(float64Bytes(options.erasure))
      .varint(options.block)
      .byte(options.checksumBits);
    const { base } = options;
    if (base !== null) {
      writer.string(base.repetition.spec).byte(base.targetLoss === null ? 1 : 0);
      if (base.targetLoss !== null) writer.raw(float64Bytes(base.targetLoss));
    }
    return writer.finish();
  },
  readOptions: (bytes) => {
    const reader = new ByteReader(bytes, 'stream header: robust mode options');
    const readRepetition = (what: string): DegreeDistribution => {
      const spec = reader.string(1024, `${what} spec`);
      try {
        return parseDegreeSpec(spec);
      } catch (err) {
        throw new InputError(`stream header: robust mode options: the ${what} spec is invalid (${(err as Error).message})`);
      }
    };
    try {
      const repetition = readRepetition('repetition');
      const sizedBy = reader.byte();
      if (sizedBy > 1) throw new InputError(`stream header: robust mode options: sizing byte ${sizedBy} is neither 0 (target loss) nor 1 (overhead)`);
      const size = readFloat64(reader);
      const erasure = readFloat64(reader);
      const block = reader.varint(MAX_BLOCK, 'block size');
      const checksumBits = reader.byte();
      let base: BaseLayerOptions | null = null;
      if (reader.remaining > 0) {
        const baseRepetition = readRepetition('base repetition');
        const baseSizedBy = reader.byte();
        if (baseSizedBy > 1) throw new InputError(`stream header: robust mode options: base sizing byte ${baseSizedBy} is neither 0 (target loss) nor 1 (overhead)`);
        base = { repetition: baseRepetition, targetLoss: baseSizedBy === 0 ? readFloat64(reader) : null };
      }
      if (reader.remaining > 0) throw new InputError(`stream header: robust mode options have ${reader.remaining} trailing byte(s)`);
      return checkOptions(
        { repetition, targetLoss: sizedBy === 0 ? size : null, erasure, overhead: sizedBy === 1 ? size : null, block, checksumBits, base },
        (say) => new InputError(`stream header: ${say((param) => param)}`),
      );
    } catch (err) {
      throw err instanceof NeedMoreBytes ? new InputError('stream header: robust mode options are truncated') : err;
    }
  },
  describeOptions: (options) => ({
    repetition: options.repetition.spec,
    ...(options.targetLoss !== null ? { targetLoss: options.targetLoss } : { overhead: options.overhead as number }),
    erasure: options.erasure,
    block: options.block,
    checksumBits: options.checksumBits,
    ...(options.base === null
      ? {}
      : { repetitionBase: options.base.repetition.spec, ...(options.base.targetLoss !== null ? { targetLossBase: options.base.targetLoss } : {}) }),
  }),
  create: (model, options) => new RobustCoder(model.coding.order.length, options, options.base === null ? null : robustLayersOf(model)),
};
