// The stream container of DESIGN.md "Files" (.skz), specified byte by byte in docs/FORMAT.md: a header (magic,
// version, flags, mode, model id, mode options, since version 5 the model's predicted held-out recall, CRC32), self-delimiting frames (index, first record, record count,
// body length, body, CRC32) and a trailer with the stream's totals and, since version 6, its frame index (every
// frame's bytes and records, so that a reader of a file finds any frame and record from the end: codec/seek.ts). A frame body holds the records' ids (only when
// the input carried ids; since version 4 as JSON values, so 2 and "2" stay apart; version 3's strings still read), their novel-skill counts (rANS, codec/entropy/), their novel-skill literals (with
// --keep-novel), the frame's input characters, and the mode's payload for the skill sets (codec/block-coder.ts).
// CRC32 is node:zlib's (IEEE 802.3 polynomial, as in gzip and PNG).

import { crc32 } from 'node:zlib';
import type { RecordId } from '../src/corpus/units.js';
import { InputError } from '../src/util/errors.js';
import { type BlockCoderFactory, type DecodedRecord, type FrameCoder, isLayered, type SkillRecord } from './block-coder.js';
import { ByteReader, ByteWriter, NeedMoreBytes } from './bytes.js';
import { AnsStack } from './entropy/ans.js';
import { IntegerCoder } from './entropy/adaptive.js';
import { modeById } from './modes.js';

export const STREAM_MAGIC = Uint8Array.of(0x53, 0x4b, 0x5a, 0x1a); // 'SKZ' then ^Z
export const STREAM_VERSION = 7;
/** Versions this codec reads: 6 lacks layered streams, 5 also the trailer's frame index, 4 also the header's predicted recall, 3 also writes its ids as UTF-8 strings, not JSON. */
const READABLE_VERSIONS: readonly number[] = [3, 4, 5, 6, 7];
/** The first version whose header may say that the stream is layered. */
export const LAYERED_VERSION = 7;
/** The first version whose trailer carries the frame index and ends with its footer (length, CRC32). */
export const INDEXED_VERSION = 6;
/** The predicted recall is stored in millionths, plus one: 0 stands for none. */
const RECALL_UNITS = 1e6;
export const FRAME_TAG = 0x46; // 'F'
export const TRAILER_TAG = 0x54; // 'T'

/** Limits that protect a decoder against hostile sizes; an encoder never exceeds them. */
export const STREAM_LIMITS = {
  modelIdBytes: 256,
  optionBytes: 4096,
  recordsPerFrame: 1 << 16,
  frameBodyBytes: 1 << 26,
  idBytes: 1 << 12,
  novelPerRecord: 1 << 16,
  literalBytes: 1 << 12,
  /** A header's bytes (magic to CRC) with the longest model id and options. */
  headerBytes: 1 << 13,
  /** A whole frame's bytes, tag to CRC. */
  frameBytes: 1 << 27,
  total: Number.MAX_SAFE_INTEGER,
} as const;

const FLAG_KEEP_NOVEL = 1;
/** The frames code each record's concepts (base layer) and their words (refinement) as separable layers. */
const FLAG_LAYERED = 2;
const FRAME_FLAG_IDS = 1;
/** With FRAME_FLAG_IDS: the ids are JSON values (strings or numbers); without it, UTF-8 strings (version 3). */
const FRAME_FLAG_JSON_IDS = 2;

export interface StreamHeader {
  modelId: string;
  mode: BlockCoderFactory;
  modeOptions: unknown;
  /** Novel skills are carried as literals (--keep-novel). */
  keepNovel: boolean;
  /** The frames are layered (since version 7): concepts in a base layer, words in a refinement (docs/FORMAT.md). */
  layered: boolean;
  /** The model's predicted held-out recall (docs/THEORY.md §11), which the input's learned share is compared with;
   *  null when the model has none, or the stream's version (below 5) did not store it. */
  predictedRecall: number | null;
  /** The format version read (a writer always writes STREAM_VERSION). */
  version: number;
}

export interface StreamTotals {
  frames: number;
  records: number;
  /** Learned skills coded, over all records. */
  skills: number;
  /** Novel skills counted, over all records. */
  novel: number;
  /** Input characters (UTF-16 code units) of all records. */
  chars: number;
}

export function writeHeader(header: Omit<StreamHeader, 'version'>): Uint8Array {
  const w = new ByteWriter()
    .raw(STREAM_MAGIC)
    .byte(STREAM_VERSION)
    .byte((header.keepNovel ? FLAG_KEEP_NOVEL : 0) | (header.layered ? FLAG_LAYERED : 0))
    .byte(header.mode.modeId)
    .string(header.modelId);
  const options = header.mode.writeOptions(header.modeOptions);
  w.varint(options.length).raw(options);
  w.varint(header.predictedRecall === null ? 0 : 1 + Math.round(header.predictedRecall * RECALL_UNITS));
  const body = w.finish();
  return new ByteWriter().raw(body).uint32(crc32(body)).finish();
}

/** Parses a header at the reader's offset; throws NeedMoreBytes when it is not complete yet. */
export function readHeader(r: ByteReader, file: string): StreamHeader {
  const start = r.offset;
  for (let i = 0; i < STREAM_MAGIC.length; i++) {
    if (r.byte() !== STREAM_MAGIC[i]) throw new InputError(`${file}: not a skillzip stream (bad magic bytes)`);
  }
  const version = r.byte();
  const flags = r.byte();
  const modeId = r.byte();
  const modelId = r.string(STREAM_LIMITS.modelIdBytes, 'stream header: model id');
  const options = r.raw(r.varint(STREAM_LIMITS.optionBytes, 'stream header: mode options length'));
  const recall = version >= 5 ? r.varint(RECALL_UNITS + 1, 'stream header: predicted recall') : 0;
  const end = r.offset;
  if (r.uint32() !== crc32(r.bytes.subarray(start, end))) throw new InputError(`${file}: stream header is corrupt (CRC mismatch)`, 'ERR_SKZ_CRC');
  if (!READABLE_VERSIONS.includes(version)) throw new InputError(`${file}: stream header: format version ${version}, this skillzip reads versions ${READABLE_VERSIONS.join(' and ')}`);
  const known = version >= LAYERED_VERSION ? FLAG_KEEP_NOVEL | FLAG_LAYERED : FLAG_KEEP_NOVEL;
  if ((flags & ~known) !== 0) throw new InputError(`${file}: stream header: unknown flags ${flags}`);
  const mode = modeById(modeId, file);
  let modeOptions: unknown;
  try {
    modeOptions = mode.readOptions(options);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    throw new InputError(`${file}: ${err.message.startsWith('stream header') ? '' : 'stream header: '}${err.message}`);
  }
  return { modelId, mode, modeOptions, keepNovel: (flags & FLAG_KEEP_NOVEL) !== 0, layered: (flags & FLAG_LAYERED) !== 0, predictedRecall: recall === 0 ? null : (recall - 1) / RECALL_UNITS, version };
}

/** Where a member's frames lie (since version 6, in the trailer): its header's bytes, then each frame's bytes and records. */
export interface FrameIndex {
  headerBytes: number;
  /** Per frame, in order: its bytes (tag to CRC) and its records. Offsets and first records are their running sums. */
  frameBytes: number[];
  frameRecords: number[];
}

/** What a trailer holds: the member's totals and, since version 6, its frame index. */
export interface Trailer {
  totals: StreamTotals;
  index: FrameIndex | null;
}

/** The footer that ends a version 6 trailer: u32 length of the trailer before it, u32 CRC32 of every trailer byte before the CRC. */
export const TRAILER_FOOTER_BYTES = 8;

/** The longest trailer of `version` for a member of `frames` frames (its fields' varints at their widest). */
export function maxTrailerBytes(version: number, frames: number): number {
  const fixed = 1 + 5 * 8 + 4;
  // a frame's bytes need at most 4 varint bytes (≤ 2^27), its records 3 (≤ 2^16); header bytes and the extension length
  return version < INDEXED_VERSION ? fixed : fixed + 8 + frames * 7 + 8 + 4;
}

export function writeTrailer(totals: StreamTotals, index: FrameIndex): Uint8Array {
  const w = new ByteWriter().byte(TRAILER_TAG).varint(totals.frames).varint(totals.records).varint(totals.skills).varint(totals.novel).varint(totals.chars);
  w.varint(index.headerBytes);
  for (let i = 0; i < index.frameBytes.length; i++) w.varint(index.frameBytes[i]).varint(index.frameRecords[i]);
  w.varint(0); // extension bytes: none in version 6 (later versions append their trailer fields here)
  w.uint32(w.length);
  const body = w.finish();
  return new ByteWriter().raw(body).uint32(crc32(body)).finish();
}

/**
 * Parses a trailer of stream `version` whose tag is at the reader's offset; null when its CRC does not match (or,
 * since version 6, its footer's length or its extension bytes are not what the fields say). Throws NeedMoreBytes
 * when it is not complete, InputError when a field exceeds its limit.
 */
export function readTrailer(r: ByteReader, version: number): Trailer | null {
  const start = r.offset;
  r.byte();
  const totals = {
    frames: r.varint(STREAM_LIMITS.total, 'frame count'),
    records: r.varint(STREAM_LIMITS.total, 'record count'),
    skills: r.varint(STREAM_LIMITS.total, 'skill count'),
    novel: r.varint(STREAM_LIMITS.total, 'novel skill count'),
    chars: r.varint(STREAM_LIMITS.total, 'character count'),
  };
  let index: FrameIndex | null = null;
  let consistent = true;
  if (version >= INDEXED_VERSION) {
    index = { headerBytes: r.varint(STREAM_LIMITS.headerBytes, 'header bytes'), frameBytes: [], frameRecords: [] };
    let records = 0;
    for (let i = 0; i < totals.frames; i++) {
      index.frameBytes.push(r.varint(STREAM_LIMITS.frameBytes, 'frame bytes'));
      const count = r.varint(STREAM_LIMITS.recordsPerFrame, 'frame records');
      index.frameRecords.push(count);
      records += count;
    }
    const extension = r.varint(0, 'extension bytes');
    const length = r.offset - start;
    consistent = r.uint32() === length && records === totals.records && extension === 0;
  }
  const end = r.offset;
  return r.uint32() === crc32(r.bytes.subarray(start, end)) && consistent ? { totals, index } : null;
}

/** A frame's fixed fields, as read before its body. */
export interface FrameHead {
  index: number;
  firstRecord: number;
  recordCount: number;
  bodyLength: number;
}

/** One whole frame: its fields and its body, and whether its CRC32 matched. */
export interface RawFrame extends FrameHead {
  body: Uint8Array;
  /** Bytes of the whole frame, tag to CRC. */
  bytes: number;
  /** The CRC32 matched; when not, the fields and body may be damaged anywhere. */
  intact: boolean;
}

export function writeFrame(head: Omit<FrameHead, 'bodyLength'>, body: Uint8Array): Uint8Array {
  const w = new ByteWriter().byte(FRAME_TAG).varint(head.index).varint(head.firstRecord).varint(head.recordCount).varint(body.length).raw(body);
  const framed = w.finish();
  return new ByteWriter().raw(framed).uint32(crc32(framed)).finish();
}

/**
 * Parses a frame whose tag is at the reader's offset. Throws NeedMoreBytes when it is not complete, InputError
 * when a field is out of range; a frame whose CRC does not match comes back with `intact` false.
 */
export function readFrame(r: ByteReader, what: string): RawFrame {
  const start = r.offset;
  r.byte();
  const reader = new ByteReader(r.bytes, what, r.offset, r.end);
  const index = reader.varint(STREAM_LIMITS.total, 'frame index');
  const firstRecord = reader.varint(STREAM_LIMITS.total, 'first record');
  const recordCount = reader.varint(STREAM_LIMITS.recordsPerFrame, 'record count');
  const bodyLength = reader.varint(STREAM_LIMITS.frameBodyBytes, 'body length');
  const body = reader.raw(bodyLength);
  const end = reader.offset;
  const crc = reader.uint32();
  r.offset = reader.offset;
  return { index, firstRecord, recordCount, bodyLength, body, bytes: r.offset - start, intact: crc === crc32(r.bytes.subarray(start, end)) };
}

/** How messages name a frame: the file, its index and its records. */
export function frameName(file: string, frame: FrameHead): string {
  return `${file}: frame ${frame.index} (records ${frame.firstRecord}–${frame.firstRecord + frame.recordCount - 1})`;
}

/** Builds a frame body for `records` (see docs/FORMAT.md, "Frame body" and "Layered frames"). */
export function writeFrameBody(coder: FrameCoder, keepNovel: boolean, records: readonly SkillRecord[]): Uint8Array {
  const hasIds = records.some((record) => record.id !== undefined);
  const w = new ByteWriter().byte(hasIds ? FRAME_FLAG_IDS | FRAME_FLAG_JSON_IDS : 0);
  if (hasIds) {
    for (const record of records) {
      if (record.id === undefined) w.varint(0);
      else {
        const data = new TextEncoder().encode(JSON.stringify(record.id));
        w.varint(data.length + 1).raw(data);
      }
    }
  }
  const novelCounts = codeNovelCounts(records);
  w.varint(novelCounts.length).raw(novelCounts);
  if (keepNovel) {
    for (const record of records) for (const literal of record.novel ?? []) w.string(literal);
  }
  w.varint(records.reduce((sum, record) => sum + record.chars, 0));
  if (!isLayered(coder)) return w.raw(coder.encodeBlock(records)).finish();
  // a layered body: the base layer with its own CRC32 over every body byte before it, then the refinement
  const { base, refinement } = coder.encodeLayers(records);
  const checked = w.varint(base.length).raw(base).finish();
  return new ByteWriter().raw(checked).uint32(crc32(checked)).raw(refinement).finish();
}

/** Which layers of a layered stream are decoded: both (the words), or the base alone (the concepts). */
export type Layers = 'all' | 'base';

export interface FrameContent {
  records: DecodedRecord[];
  /** Input characters of the frame's records. */
  chars: number;
  /** The mode's payload for the skill sets (inspect summarizes it); of a layered frame, its base layer. */
  payload: Uint8Array;
  /** Of a layered frame, the bytes of its refinement. */
  refinementBytes?: number;
}

/**
 * Decodes a frame body made by writeFrameBody; malformed bodies are an InputError naming `what`. `damaged`: the
 * frame failed its CRC, and its skill sets are recovered by the coder's repairBlock — which only a body without
 * record ids and novel literals allows, since they have no redundancy of their own to check them — or, in a layered
 * frame, from its base layer when that checks (its own CRC32 covers everything before the refinement): the records
 * then hold their concepts. `layers`: 'base' decodes a layered frame's concepts without reading its refinement.
 */
export function readFrameBody(coder: FrameCoder, keepNovel: boolean, body: Uint8Array, recordCount: number, what: string, damaged = false, layers: Layers = 'all'): FrameContent {
  const r = new ByteReader(body, what);
  const layered = isLayered(coder);
  try {
    if (damaged && !layered && !coder.repairBlock) throw new InputError(`${what}: ${coder.mode} mode cannot repair a damaged frame`);
    if (damaged && !layered && keepNovel) throw new InputError(`${what}: novel literals cannot be checked in a damaged frame`);
    const flags = r.byte();
    if ((flags & ~(FRAME_FLAG_IDS | FRAME_FLAG_JSON_IDS)) !== 0 || flags === FRAME_FLAG_JSON_IDS) throw new InputError(`${what}: unknown frame flags ${flags}`);
    if (damaged && !layered && flags !== 0) throw new InputError(`${what}: record ids cannot be checked in a damaged frame`);
    const ids: Array<RecordId | undefined> = [];
    if (flags & FRAME_FLAG_IDS) {
      for (let i = 0; i < recordCount; i++) {
        const length = r.varint(STREAM_LIMITS.idBytes + 1, 'record id length');
        if (length === 0) ids.push(undefined);
        else {
          const id = r.utf8(length - 1, 'record id');
          ids.push(flags & FRAME_FLAG_JSON_IDS ? parseJsonId(id, what) : id);
        }
      }
    }
    const novelCounts = readNovelCounts(r.raw(r.varint(STREAM_LIMITS.frameBodyBytes, 'novel counts length')), recordCount, what);
    const literals: string[][] = [];
    if (keepNovel) {
      for (let i = 0; i < recordCount; i++) {
        const list: string[] = [];
        for (let j = 0; j < novelCounts[i]; j++) list.push(r.string(STREAM_LIMITS.literalBytes, 'novel skill'));
        literals.push(list);
      }
    }
    const chars = r.varint(STREAM_LIMITS.total, 'character count');
    let sets: Array<{ symbols: Uint32Array; missing?: number; concepts?: Uint32Array }>;
    let payload: Uint8Array;
    let refinementBytes: number | undefined;
    if (layered) {
      payload = r.raw(r.varint(STREAM_LIMITS.frameBodyBytes, 'base layer length'));
      const end = r.offset;
      if (r.uint32() !== crc32(body.subarray(0, end))) throw new InputError(`${what}: base layer is corrupt (CRC mismatch)`, 'ERR_SKZ_CRC');
      const bases = coder.decodeBase(payload, recordCount);
      refinementBytes = r.remaining;
      sets = damaged || layers === 'base' ? bases.map((concepts) => ({ symbols: new Uint32Array(0), concepts })) : coder.decodeRefinement(r.raw(r.remaining), bases);
    } else {
      payload = r.raw(r.remaining);
      sets = damaged ? coder.repairBlock!(payload, recordCount) : coder.decodeBlock(payload, recordCount);
    }
    const records = sets.map((set, i): DecodedRecord => {
      const record: DecodedRecord = { symbols: set.symbols, novelCount: novelCounts[i] };
      if (ids[i] !== undefined) record.id = ids[i];
      if (keepNovel) record.novel = literals[i];
      if (set.missing) record.missing = set.missing;
      if (set.concepts && set.concepts.length > 0) record.concepts = set.concepts;
      return record;
    });
    return refinementBytes === undefined ? { records, chars, payload } : { records, chars, payload, refinementBytes };
  } catch (err) {
    if (err instanceof NeedMoreBytes) throw new InputError(`${what}: body ends early (corrupt data)`);
    if (err instanceof InputError && !err.message.startsWith(what)) throw new InputError(`${what}: ${err.message}`, err.code);
    throw err;
  }
}

/** A record id stored as JSON: a string or a finite number, else corrupt data. */
function parseJsonId(json: string, what: string): RecordId {
  let id: unknown;
  try {
    id = JSON.parse(json);
  } catch {
    throw new InputError(`${what}: a record id is not JSON (corrupt data)`);
  }
  if (typeof id !== 'string' && !(typeof id === 'number' && Number.isFinite(id))) throw new InputError(`${what}: a record id is neither a string nor a number (corrupt data)`);
  return id;
}

/**
 * A frame that failed its CRC and was decoded from its mode's own redundancy (BlockCoder.repairBlock), or, in a
 * layered stream, from its base layer alone (its records hold their concepts; `refinementLost`).
 */
export interface FrameDamage {
  frame: number;
  firstRecord: number;
  lastRecord: number;
  /** Skills of the frame's records recovered (for a lost refinement: concepts delivered), and lost (the records' `missing`, summed). */
  recovered: number;
  lost: number;
  /** A layered frame whose refinement was lost: its records were delivered as concepts. */
  refinementLost?: boolean;
  /** A sentence naming the file, the frame, its records and what was lost. */
  message: string;
}

/**
 * Decodes a frame whose CRC failed through its coder's repairBlock, or a layered frame through its base layer: its
 * content and the report of the damage, or null when the frame cannot be repaired (then it is a corrupt frame).
 */
export function repairFrame(coder: FrameCoder, keepNovel: boolean, frame: RawFrame, file: string): { content: FrameContent; damage: FrameDamage } | null {
  const lastRecord = frame.firstRecord + frame.recordCount - 1;
  const what = frameName(file, frame);
  let content: FrameContent;
  try {
    content = readFrameBody(coder, keepNovel, frame.body, frame.recordCount, what, true);
  } catch (err) {
    if (err instanceof InputError) return null;
    throw err;
  }
  let recovered = 0;
  let lost = 0;
  for (const record of content.records) {
    recovered += record.symbols.length + (record.concepts?.length ?? 0);
    lost += record.missing ?? 0;
  }
  const where = { frame: frame.index, firstRecord: frame.firstRecord, lastRecord, recovered, lost };
  if (isLayered(coder)) {
    const message = `${what} is damaged (CRC mismatch) in its refinement: its records are delivered as the ${recovered} concepts of its base layer, which checks; their words are lost`;
    return { content, damage: { ...where, refinementLost: true, message } };
  }
  const message = `${what} is damaged (CRC mismatch): repaired from its ${coder.mode} slots, ${recovered} of ${recovered + lost} skills recovered, ${lost} lost`;
  return { content, damage: { ...where, message } };
}

/** Novel-skill counts below this are symbols of their own (most records have a few). */
const NOVEL_DIRECT = 8;

function codeNovelCounts(records: readonly SkillRecord[]): Uint8Array {
  const coder = new IntegerCoder(STREAM_LIMITS.novelPerRecord, NOVEL_DIRECT);
  const plans = records.map((record) => coder.plan(record.novelCount));
  const stack = new AnsStack();
  for (let i = plans.length - 1; i >= 0; i--) IntegerCoder.push(stack, plans[i]);
  return stack.finish();
}

function readNovelCounts(payload: Uint8Array, recordCount: number, what: string): number[] {
  const stack = AnsStack.fromPayload(payload);
  const coder = new IntegerCoder(STREAM_LIMITS.novelPerRecord, NOVEL_DIRECT);
  const counts: number[] = [];
  for (let i = 0; i < recordCount; i++) counts.push(coder.pop(stack, STREAM_LIMITS.novelPerRecord, 'novel skill count'));
  if (!stack.isDrained()) throw new InputError(`${what}: novel skill counts do not end where they should (corrupt data)`);
  return counts;
}
