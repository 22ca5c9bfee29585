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

import { parseDegreeSpec, DEGREE_PRESETS, type DegreeDistribution } from '../../src/theory/degree.js';
import { erasureDE, erasureFloor, slotsForOverhead, slotsForTargetLoss } from '../../src/theory/erasure.js';
import { InputError, ParamError, type ParamNamer } from '../../src/util/errors.js';
import type { Prng } from '../../src/util/prng.js';
import type { BlockChannel, BlockCoder, BlockCoderFactory, BlockSummary, SkillRecord } from '../block-coder.js';
import { ByteReader, ByteWriter, NeedMoreBytes } from '../bytes.js';
import { eraseSlots } from './channel.js';
import { decodeSlotFrame, peelsCompletely } from './decode-slots.js';
import { readPayload, writePayload, type PayloadLayout, type RobustPayload } from './payload.js';
import { checkRepetition, mix32, SlotPlacement } from './placement.js';
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
}

export const ROBUST_DEFAULTS = { repetition: 'liva8', targetLoss: 0.01, erasure: 0, block: 1, checksumBits: 8 } as const;
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
  const { repetition, targetLoss, erasure, overhead, block, checksumBits } = options;
  try {
    checkRepetition(repetition);
  } catch (err) {
    throw err instanceof ParamError ? fail((n) => `robust mode: ${err.messageWith(n)}`) : err;
  }
  if (!(erasure >= 0 && erasure < 1)) throw fail((n) => `robust mode: ${n('erasure')} must lie in [0, 1), got ${erasure}`);
  if ((targetLoss === null) === (overhead === null)) throw fail((n) => `robust mode: give either ${n('targetLoss')} or ${n('overhead')}, not both`);
  if (targetLoss !== null) {
    if (!(targetLoss > 0 && targetLoss < 1)) throw fail((n) => `robust mode: ${n('targetLoss')} must lie in (0, 1), got ${targetLoss}`);
    const floor = erasureFloor(repetition, erasure);
    if (floor >= targetLoss) {
      throw fail(
        (n) =>
          `robust mode: ${n('targetLoss')} ${targetLoss} is below the erasure floor Λ(${erasure}) = ${floor.toPrecision(4)} of repetition ` +
          `'${repetition.spec}' (skills whose every slot is erased); raise the target or the minimum repetition degree`,
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
  skills: number;
  slots: number;
  /** G = skills / slots. */
  load: number;
  /** Slots marked erased in this payload. */
  erasedSlots: number;
  /** DE share of skills lost at this load and the stream's expected erasure rate. */
  predictedLoss: number;
  payloadBits: number;
}

export class RobustCoder implements BlockCoder {
  readonly mode = 'robust';
  readonly maxRecords: number;
  private readonly symbols: number;
  private readonly slotCounts = new Map<number, number>();
  /** The slot-erasure channel of THEORY.md §8, for the rate lab. */
  readonly channel: BlockChannel = {
    erase: (payload, recordCount, erasure, rng) => this.erasePayload(payload, recordCount, erasure, rng),
    units: (payload, recordCount) => {
      const { skills, slots } = this.summarizeBlock(payload, recordCount);
      return { skills, units: slots };
    },
  };

  /** `symbols`: the model's number of coding symbols (S). */
  constructor(
    symbols: number,
    readonly options: RobustOptions,
  ) {
    this.symbols = symbols;
    this.maxRecords = options.block;
    if (options.block * Math.max(this.symbols, 1) > 2 ** 31) {
      throw new ParamError((n) => `robust mode: ${n('block')} ${options.block} × ${this.symbols} coding symbols exceeds 2^31 items per frame`);
    }
  }

  /** The slot count of a frame of k > 0 skills, through the §8 DE (memoised per k). */
  slotsFor(skills: number): number {
    let slots = this.slotCounts.get(skills);
    if (slots === undefined) {
      const { repetition, targetLoss, overhead, erasure } = this.options;
      const minSlots = repetition.maxDegree();
      const sizing =
        overhead !== null
          ? slotsForOverhead(repetition, skills, overhead, erasure, minSlots)
          : slotsForTargetLoss(repetition, skills, targetLoss as number, erasure, minSlots);
      slots = sizing.slots;
      this.slotCounts.set(skills, slots);
    }
    return slots;
  }

  encodeBlock(records: readonly SkillRecord[]): Uint8Array {
    if (records.length > this.maxRecords) throw new RangeError(`robust block of ${records.length} records exceeds --block ${this.maxRecords}`);
    const S = this.symbols;
    const itemCounts = new Uint32Array(records.length);
    let total = 0;
    records.forEach((record, r) => {
      const symbols = record.symbols;
      for (let i = 0; i < symbols.length; i++) {
        if (symbols[i] >= S || (i > 0 && symbols[i] <= symbols[i - 1])) {
          throw new InputError(`record ${r} of the block: coding symbols must be ascending, distinct and below ${S}`);
        }
      }
      itemCounts[r] = symbols.length;
      total += symbols.length;
    });
    const layout = this.layout(records.length);
    if (total === 0) return writePayload({ itemCounts, frame: emptySlotFrame(0), attempt: 0 }, layout);
    const items = new Uint32Array(total);
    let n = 0;
    records.forEach((record, r) => {
      for (const symbol of record.symbols) items[n++] = r * S + symbol;
    });
    const { repetition, checksumBits } = this.options;
    // A clean channel must give every skill back: keep the first placement that peels completely, adding slots
    // when small frames hit a stopping set at every attempt (it costs the encoder one peeling pass per attempt).
    for (let slots = this.slotsFor(total); ; slots += Math.ceil(slots / 8)) {
      for (let attempt = 0; attempt < ATTEMPTS_PER_SIZE; attempt++) {
        const placement = new SlotPlacement(repetition, slots, frameSalt(slots, itemCounts, attempt));
        if (peelsCompletely(items, placement)) {
          return writePayload({ itemCounts, frame: buildSlotFrame(items, placement, checksumBits), attempt }, layout);
        }
      }
    }
  }

  decodeBlock(payload: Uint8Array, recordCount: number): Array<{ symbols: Uint32Array; missing?: number }> {
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
  repairBlock(payload: Uint8Array, recordCount: number): Array<{ symbols: Uint32Array; missing?: number }> {
    if (this.options.checksumBits < MIN_REPAIR_CHECKSUM_BITS) {
      throw new InputError(`robust frame: slot checksums of ${this.options.checksumBits} bits are too narrow to repair a damaged frame (${MIN_REPAIR_CHECKSUM_BITS} needed)`);
    }
    const read = this.read(payload, recordCount, true);
    const slots = read.frame.count.length;
    // The counts set the placement salt and are not checked by any slot: they must at least give this slot count.
    let total = 0;
    for (const k of read.itemCounts) total += k;
    let expected = total === 0 ? 0 : this.slotsFor(total);
    while (expected > 0 && expected < slots) expected += Math.ceil(expected / 8);
    if (expected !== slots) throw new InputError(`robust frame: ${slots} slots do not follow from its ${total} skills (damaged counts)`);
    const received = read.frame.erased;
    const erasing = (from: number, to: number, resolveAll = false): Array<{ symbols: Uint32Array; missing?: number }> | null => {
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
    if (sets === null || (sets.every((set) => set.symbols.length === 0) && read.itemCounts.some((k) => k > 0))) {
      throw new InputError('robust frame: no skill can be recovered from its damaged slots');
    }
    return sets;
  }

  /** The records' symbol sets from read slots; `resolveAll`: refuse slots (not erased) that peeling leaves unresolved. */
  private decodeSlots({ itemCounts, frame, attempt }: RobustPayload, recordCount: number, resolveAll = false): Array<{ symbols: Uint32Array; missing?: number }> {
    const slots = frame.count.length;
    let total = 0;
    for (const k of itemCounts) total += k;
    const S = this.symbols;
    const items =
      slots === 0
        ? new Uint32Array(0)
        : decodeSlotFrame(
            frame,
            new SlotPlacement(this.options.repetition, slots, frameSalt(slots, itemCounts, attempt)),
            Math.max(recordCount * S, 1),
            total,
            this.options.checksumBits,
            resolveAll,
          );
    const out: Array<{ symbols: Uint32Array; missing?: number }> = [];
    let i = 0;
    for (let r = 0; r < recordCount; r++) {
      const start = i;
      while (i < items.length && items[i] < (r + 1) * S) i++;
      const symbols = items.slice(start, i);
      for (let j = 0; j < symbols.length; j++) symbols[j] -= r * S;
      const missing = itemCounts[r] - symbols.length;
      if (missing < 0) throw new InputError(`robust frame: record ${r} recovered ${symbols.length} skills but counts ${itemCounts[r]}`);
      out.push(missing > 0 ? { symbols, missing } : { symbols });
    }
    return out;
  }

  summarizeBlock(payload: Uint8Array, recordCount: number): RobustFrameSummary {
    const { itemCounts, frame } = this.read(payload, recordCount);
    const slots = frame.count.length;
    let skills = 0;
    for (const k of itemCounts) skills += k;
    let erasedSlots = 0;
    for (let t = 0; t < slots; t++) erasedSlots += frame.erased[t];
    const load = slots > 0 ? skills / slots : 0;
    const predictedLoss = skills > 0 ? erasureDE(this.options.repetition, load, this.options.erasure).loss : 0;
    return { records: recordCount, skills, slots, load, erasedSlots, predictedLoss, payloadBits: payload.length * 8 };
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
    return { universe: recordCount * this.symbols, maxItemsPerRecord: this.symbols, checksumBits: this.options.checksumBits };
  }

  private read(payload: Uint8Array, recordCount: number, damaged = false): RobustPayload {
    if (!(Number.isInteger(recordCount) && recordCount >= 0 && recordCount <= this.maxRecords)) {
      throw new InputError(`robust frame: ${recordCount} records, but the stream's blocks hold at most ${this.maxRecords}`);
    }
    return readPayload(payload, recordCount, this.layout(recordCount), damaged);
  }
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
 * big-endian float64, varint block size, one byte checksum width.
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
  },
  optionsFrom: (values) => {
    const spec = values.repetition === undefined ? ROBUST_DEFAULTS.repetition : String(values.repetition);
    const overhead = numberOption(values, 'overhead');
    const targetLoss = numberOption(values, 'targetLoss') ?? (overhead === null ? ROBUST_DEFAULTS.targetLoss : null);
    return checkOptions(
      {
        repetition: storedRepetition(spec),
        targetLoss,
        erasure: numberOption(values, 'erasure') ?? ROBUST_DEFAULTS.erasure,
        overhead,
        block: numberOption(values, 'block') ?? ROBUST_DEFAULTS.block,
        checksumBits: numberOption(values, 'checksumBits') ?? ROBUST_DEFAULTS.checksumBits,
      },
      (say) => new ParamError(say),
    );
  },
  writeOptions: (options) =>
    new ByteWriter()
      .string(options.repetition.spec)
      .byte(options.overhead !== null ? 1 : 0)
      .raw(float64Bytes(options.overhead ?? (options.targetLoss as number)))
      .raw(float64Bytes(options.erasure))
      .varint(options.block)
      .byte(options.checksumBits)
      .finish(),
  readOptions: (bytes) => {
    const reader = new ByteReader(bytes, 'stream header: robust mode options');
    try {
      const spec = reader.string(1024, 'repetition spec');
      let repetition: DegreeDistribution;
      try {
        repetition = parseDegreeSpec(spec);
      } catch (err) {
        throw new InputError(`stream header: robust mode options: the repetition spec is invalid (${(err as Error).message})`);
      }
      const sizedBy = reader.byte();
      if (sizedBy > 1) throw new InputError(`stream header: robust mode options: sizing byte ${sizedBy} is neither 0 (target loss) nor 1 (overhead)`);
      const size = readFloat64(reader);
      const erasure = readFloat64(reader);
      const block = reader.varint(MAX_BLOCK, 'block size');
      const checksumBits = reader.byte();
      if (reader.remaining > 0) throw new InputError(`stream header: robust mode options have ${reader.remaining} trailing byte(s)`);
      return checkOptions(
        { repetition, targetLoss: sizedBy === 0 ? size : null, erasure, overhead: sizedBy === 1 ? size : null, block, checksumBits },
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
  }),
  create: (model, options) => new RobustCoder(model.coding.order.length, options),
};
