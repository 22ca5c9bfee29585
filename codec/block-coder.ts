// The contract between the stream container (codec/container.ts) and the coders of a frame's skill sets: the
// compact entropy coder (codec/compact/) and the robust IRSA slot code (codec/robust/, THEORY.md §8). The container
// owns everything around the skill sets (header, framing, CRC32, record ids, novel-skill literals and counts,
// trailer); a BlockCoder turns the skill sets of one block of records into a payload and back.

import type { RecordId } from '../src/corpus/units.js';
import type { SkillModel } from '../src/model/types.js';
import type { Prng } from '../src/util/prng.js';

/** One record (a line, paragraph or JSON record of input) as the encoder sees it. */
export interface SkillRecord {
  /** The record's own id when the input carried one (JSON Lines); absent for implicit ids. */
  id?: RecordId;
  /** The record's learned skills as coding symbols (positions in model.coding.order), ascending and distinct. */
  symbols: Uint32Array;
  /** How often each symbol occurs in the text (aligned with symbols), when a coverage selection asks for it. */
  occurrences?: Uint32Array;
  /** Keys of the record's skills that the model has not learned, kept only with --keep-novel. */
  novel?: string[];
  /** Number of the record's skills that the model has not learned. */
  novelCount: number;
  /** Characters (UTF-16 code units) of the record's input text, for rates per input character. */
  chars: number;
}

/** One record as the decoder gives it back. */
export interface DecodedRecord {
  id?: RecordId;
  /** Recovered coding symbols, ascending and distinct. Never holds a symbol that was not sent. */
  symbols: Uint32Array;
  novel?: string[];
  novelCount: number;
  /** Robust mode: how many of the record's skills could not be recovered (absent or 0 when complete). */
  missing?: number;
  /** Layered streams: concepts delivered as concepts (base symbols of the model's `layers`, ascending) — those the
   *  encoder did not refine, or every concept when only the base layer was decoded. Absent in other streams. */
  concepts?: Uint32Array;
}

/** Per-frame figures a coder can add to `skillzip inspect` (e.g. robust mode's predicted loss). */
export type BlockSummary = Record<string, number>;

/** Codes the skill sets of a block of records; an instance is bound to one model and one set of mode options. */
export interface BlockCoder {
  readonly mode: string;
  /** Most records the container puts in one frame for this coder. */
  readonly maxRecords: number;
  /** The payload for the records' `symbols` (the container stores ids, novel skills and counts itself). */
  encodeBlock(records: readonly SkillRecord[]): Uint8Array;
  /**
   * The symbol sets (and `missing` counts) of `recordCount` records from a payload made by encodeBlock.
   * Throws InputError when the payload is malformed; must never return a symbol that was not encoded.
   */
  decodeBlock(payload: Uint8Array, recordCount: number): Array<{ symbols: Uint32Array; missing?: number }>;
  /**
   * Optional: the symbol sets of a payload whose frame failed its CRC (damage anywhere in it), recovering what the
   * payload's own redundancy allows and counting the rest as `missing`; throws InputError when it cannot. Like
   * decodeBlock, never returns a symbol that was not encoded.
   */
  repairBlock?(payload: Uint8Array, recordCount: number): Array<{ symbols: Uint32Array; missing?: number }>;
  /** Optional figures about one frame's payload for `inspect`. */
  summarizeBlock?(payload: Uint8Array, recordCount: number): BlockSummary;
  /**
   * Optional channel hook, for coders whose payload is made of units a channel can lose (robust mode's slots): the
   * payload as a receiver stores it after each unit was lost with probability `erasure` (drawn from `rng`), and the
   * payload's `skills` and `units` (slots), for the erasure prediction of THEORY.md §8. The rate lab sends frames
   * through it; decodeBlock then recovers what survived.
   */
  readonly channel?: BlockChannel;
}

/** What a channel experiment needs of a coder whose payload is made of erasable units (BlockCoder.channel). */
export interface BlockChannel {
  /** The payload after the erasure channel: each unit lost with probability `erasure`, seeded by `rng`. */
  erase(payload: Uint8Array, recordCount: number, erasure: number, rng: Prng): Uint8Array;
  /** How many skills the payload carries in how many erasable units. */
  units(payload: Uint8Array, recordCount: number): { skills: number; units: number };
}

/**
 * Codes the skill sets of a block of records as two separable layers (layered streams, docs/FORMAT.md "Layered
 * frames"; a model with `layers`, src/model/layers.ts): the base payload holds each record's concept set, the
 * refinement payload which words of each concept it holds (codec/refinement.ts). Decoding the base needs no
 * refinement; decoding both gives exactly the records' word symbols (the concepts the encoder left unrefined aside).
 */
export interface LayeredBlockCoder {
  readonly layered: true;
  readonly mode: string;
  readonly maxRecords: number;
  /** The two payloads for the records' `symbols` (word symbols). */
  encodeLayers(records: readonly SkillRecord[]): { base: Uint8Array; refinement: Uint8Array };
  /** The concept sets (ascending base symbols) of `recordCount` records; InputError when malformed. */
  decodeBase(payload: Uint8Array, recordCount: number): Uint32Array[];
  /** The records' words and unrefined concepts, given their concept sets; InputError when malformed. */
  decodeRefinement(payload: Uint8Array, bases: readonly Uint32Array[]): Array<{ symbols: Uint32Array; concepts: Uint32Array }>;
}

/** What codes a stream's frames: the mode's BlockCoder, or for a layered stream its LayeredBlockCoder. */
export type FrameCoder = BlockCoder | LayeredBlockCoder;

export function isLayered(coder: FrameCoder): coder is LayeredBlockCoder {
  return 'layered' in coder;
}

/** An option of a mode, by its library name (camelCase); the CLI offers it to `skillzip encode` as a kebab-case flag. */
export interface ModeOption {
  type: 'string' | 'number' | 'boolean';
  describe: string;
  default?: string | number | boolean;
}

/**
 * A coding mode: its byte in the stream header, its options (from the command line or the library API, and as
 * bytes in the header), and how to build a BlockCoder. Registered in codec/modes.ts.
 */
export interface BlockCoderFactory<Options = unknown> {
  /** Name used by --mode and shown by inspect, e.g. 'compact', 'robust'. */
  readonly mode: string;
  /** The mode byte in the stream header (docs/FORMAT.md): compact 0, robust 1. */
  readonly modeId: number;
  /** The options of this mode, by library name (camelCase, e.g. targetLoss). */
  readonly options: Record<string, ModeOption>;
  /** Options from given values (keys as in `options`; absent keys take defaults); a bad value is a ParamError. */
  optionsFrom(values: Record<string, unknown>): Options;
  /** The options as header bytes, and back (readOptions throws InputError on malformed bytes). */
  writeOptions(options: Options): Uint8Array;
  readOptions(bytes: Uint8Array): Options;
  /** A human-readable description of the options (by library name), for inspect. */
  describeOptions(options: Options): Record<string, string | number | boolean>;
  create(model: SkillModel, options: Options): BlockCoder;
  /**
   * The coder of layered streams (header flag bit 1) for a model with `layers`: its base layer coded by this mode
   * over the model's base symbols, the refinement by codec/refinement.ts; `refineMinInformation` (encoding only)
   * leaves the concepts of fewer bits unrefined. A mode without it does not write or read layered streams.
   */
  createLayered?(model: SkillModel, options: Options, refineMinInformation?: number): LayeredBlockCoder;
}
