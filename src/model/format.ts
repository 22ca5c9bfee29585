// The model file (.skm), DESIGN.md "Files". Layout, all integers little-endian:
//
//   offset 0   8 bytes  magic "SKZMODEL"
//   offset 8   u32      format version (MODEL_FORMAT_VERSION; 1 and 2 are still read: 1 has no stats.feasibility,
//                       neither has the vocabulary)
//   offset 12  u32      body length in bytes
//   offset 16  32 bytes SHA-256 of the body; its hex is the model id that streams refer to
//   offset 48  body     msgpack (msgpackr, maps with string keys, no records extension) of the model without its
//                       id; typed arrays are msgpack bin holding little-endian u32 (u8 for flags), a degree
//                       histogram the u32 bins {degrees, counts} of its nonzero entries (sparse: a skill degree can
//                       reach the number of texts),
//                       lists of strings (skill keys, surface forms, collocations, vocabulary words) one bin of
//                       UTF-8 joined by '\n'; the vocabulary (format 3, types.ts Vocabulary) is stored only when
//                       the model has one, so a model without it has the body, and the id, it had in format 2;
//                       likewise a layered model's `layers` (types.ts LayeredTables: concept settings, keys as one
//                       bin, conceptOfSymbol u32, coding and association as the word model's), stored only when
//                       present, so word and concept models keep their bytes and ids (a reader that predates it
//                       ignores the field and reads the word model)
//
// So the body is a few hundred msgpack values whatever the model's size. Encoding is deterministic (fixed key order,
// no timestamps): the same training gives the same bytes and id. Decoding checks magic, version, length and hash,
// then walks the msgpack without allocating to check that it holds at most MAX_BODY_VALUES values (so unpacking
// cannot blow up a small hostile file into a huge object graph), unpacks, and validates every field against limits
// (./validate.ts): a damaged or hostile file is an InputError naming the file, never a crash.

import { createHash } from 'node:crypto';
import { Packr } from 'msgpackr/pack'; // without the native string extractor, whose add-on costs more to load than a model body's few strings cost to read
import { InputError } from '../util/errors.js';
import type { AssociationData, CodingTables, FeasibilityStats, SkillModel } from './types.js';
import { modelFromBody } from './validate.js';

export const MODEL_MAGIC = Buffer.from('SKZMODEL', 'latin1');
export const MODEL_FORMAT_VERSION = 3;
/**
 * Format 1 lacks the feasibility statistics (stats.feasibility is null then), formats 1 and 2 the vocabulary (the
 * words are stemmed then); everything else reads the same.
 */
const OLDEST_FORMAT_VERSION = 1;
const MODEL_HEADER_BYTES = 48;

const packr = new Packr({ useRecords: false, mapsAsObjects: true });

/** Whether `bytes` starts like a model file (for `skillzip inspect`, which tells files apart by magic). */
export function isModelFile(bytes: Uint8Array): boolean {
  return bytes.length >= MODEL_MAGIC.length && MODEL_MAGIC.equals(bytes.subarray(0, MODEL_MAGIC.length));
}

/** The model's content without its id, in the fixed order the file stores it. */
function bodyOf(model: Omit<SkillModel, 'id'>): unknown {
  const { skills, coding, association } = model;
  return {
    createdBy: model.createdBy,
    extractor: {
      ...model.extractor,
      collocations: model.extractor.collocations && { ...model.extractor.collocations, keys: joinStrings(model.extractor.collocations.keys) },
    },
    skills: {
      keys: joinStrings(skills.keys),
      surface: joinStrings(skills.surface),
      counts: u32Bytes(skills.counts),
      learned: Buffer.from(skills.learned.buffer, skills.learned.byteOffset, skills.learned.byteLength),
      round: u32Bytes(skills.round),
    },
    coding: codingBody(coding),
    association: associationBody(association),
    stats: {
      ...model.stats,
      skillDegreeHistogram: sparseHistogram(model.stats.skillDegreeHistogram),
      textDegreeHistogram: sparseHistogram(model.stats.textDegreeHistogram),
      feasibility: feasibilityBody(model.stats.feasibility),
    },
    ...(model.vocabulary && model.vocabulary.words.length > 0
      ? { vocabulary: { words: joinStrings(model.vocabulary.words), skills: u32Bytes(new Uint32Array(model.vocabulary.skills.buffer, model.vocabulary.skills.byteOffset, model.vocabulary.skills.length)) } }
      : {}),
    ...(model.layers
      ? {
          layers: {
            concepts: model.layers.concepts,
            keys: joinStrings(model.layers.keys),
            conceptOfSymbol: u32Bytes(model.layers.conceptOfSymbol),
            coding: codingBody(model.layers.coding),
            association: associationBody(model.layers.association),
          },
        }
      : {}),
  };
}

function codingBody(coding: CodingTables): unknown {
  return { order: u32Bytes(coding.order), frequencies: u32Bytes(coding.frequencies), texts: coding.texts };
}

function associationBody(association: AssociationData): unknown {
  return {
    offsets: u32Bytes(association.offsets),
    neighbors: u32Bytes(association.neighbors),
    pairCounts: u32Bytes(association.pairCounts),
    maxNeighbors: association.maxNeighbors,
    minPairCount: association.minPairCount,
  };
}

/** The feasibility statistics with their compositions as u32 bins (null, as in format 1 models, stays null). */
function feasibilityBody(f: FeasibilityStats | null): unknown {
  if (f === null) return null;
  const { offsets, bands, counts, texts } = f.compositions;
  return { ...f, compositions: { offsets: u32Bytes(offsets), bands: u32Bytes(bands), counts: u32Bytes(counts), texts: u32Bytes(texts) } };
}

function packBody(content: Omit<SkillModel, 'id'>): Buffer {
  return Buffer.from(packr.pack(bodyOf(content))); // a copy: msgpackr reuses its output buffer
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The model with its id: the SHA-256 (hex) of its encoded body. */
export function sealModel(content: Omit<SkillModel, 'id'>): SkillModel {
  return { id: sha256Hex(packBody(content)), ...content };
}

/** The bytes of the model file. Throws if model.id is not the hash of its content (a model changed after sealing). */
export function encodeModel(model: SkillModel): Uint8Array {
  const body = packBody(model);
  const hash = createHash('sha256').update(body).digest();
  if (hash.toString('hex') !== model.id) throw new Error(`model id ${model.id} does not match its content (${hash.toString('hex')})`);
  const header = Buffer.alloc(MODEL_HEADER_BYTES);
  MODEL_MAGIC.copy(header, 0);
  header.writeUInt32LE(MODEL_FORMAT_VERSION, 8);
  header.writeUInt32LE(body.length, 12);
  hash.copy(header, 16);
  return Buffer.concat([header, body]);
}

/** The model stored in `bytes`, fully validated; `fileName` names the file in error messages. */
export function decodeModel(bytes: Uint8Array, fileName: string): SkillModel {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  function fail(problem: string): never {
    throw new InputError(`${fileName}: ${problem}`, 'ERR_SKM_INVALID');
  }
  if (file.length < MODEL_MAGIC.length || !isModelFile(file)) fail('not a skillzip model file (wrong magic)');
  if (file.length < MODEL_HEADER_BYTES) fail(`truncated model file: ${file.length} bytes, the header alone has ${MODEL_HEADER_BYTES}`);
  const version = file.readUInt32LE(8);
  if (version < OLDEST_FORMAT_VERSION || version > MODEL_FORMAT_VERSION) fail(`model format version ${version}, this skillzip reads versions ${OLDEST_FORMAT_VERSION} to ${MODEL_FORMAT_VERSION}`);
  const bodyLength = file.readUInt32LE(12);
  const actual = file.length - MODEL_HEADER_BYTES;
  if (actual < bodyLength) fail(`truncated model file: the body should have ${bodyLength} bytes, the file holds ${actual}`);
  if (actual > bodyLength) fail(`${actual - bodyLength} unexpected bytes after the model body`);
  const body = file.subarray(MODEL_HEADER_BYTES);
  const id = sha256Hex(body);
  if (id !== file.subarray(16, 48).toString('hex')) fail('corrupt model file: the content hash does not match (damaged or altered)');
  const values = countMsgpackValues(body, MAX_BODY_VALUES);
  if (values < 0) fail(values === TOO_MANY ? `corrupt model body: more than ${MAX_BODY_VALUES} msgpack values` : 'corrupt model body: malformed msgpack');
  let decoded: unknown;
  try {
    decoded = packr.unpack(body);
  } catch (err) {
    fail(`corrupt model body: ${(err as Error).message}`);
  }
  return { id, ...modelFromBody(decoded, fileName, version) };
}

/** A histogram as the degrees and counts of its nonzero entries. */
function sparseHistogram(histogram: readonly number[]): { degrees: Buffer; counts: Buffer } {
  const degrees: number[] = [];
  for (let k = 0; k < histogram.length; k++) if (histogram[k] > 0) degrees.push(k);
  return { degrees: u32Bytes(Uint32Array.from(degrees)), counts: u32Bytes(Uint32Array.from(degrees, (k) => histogram[k])) };
}

/** A list of strings without line breaks as one bin: UTF-8, joined by '\n'. */
function joinStrings(list: readonly string[]): Buffer {
  for (const item of list) if (item.includes('\n')) throw new Error(`a model string holds a line break: ${JSON.stringify(item)}`);
  return Buffer.from(list.join('\n'));
}

/** The most msgpack values a model body may hold (its big tables are bins, so a real one has a few hundred). */
const MAX_BODY_VALUES = 1 << 16;
const TOO_MANY = -1;
const MALFORMED = -2;

/**
 * The number of msgpack values in `bytes` (one top-level value, then the end), found without allocating;
 * TOO_MANY beyond `limit`, MALFORMED for an unknown type, a length past the end, or bytes after the value.
 */
function countMsgpackValues(bytes: Buffer, limit: number): number {
  let at = 0;
  let pending = 1; // values still to read
  let seen = 0;
  const need = (n: number): boolean => at + n <= bytes.length;
  while (pending > 0) {
    if (++seen > limit) return TOO_MANY;
    pending--;
    if (!need(1)) return MALFORMED;
    const t = bytes[at++];
    let skip = 0;
    let children = 0;
    if (t <= 0x7f || t >= 0xe0 || t === 0xc0 || t === 0xc2 || t === 0xc3) skip = 0;
    else if (t <= 0x8f) children = 2 * (t & 0x0f);
    else if (t <= 0x9f) children = t & 0x0f;
    else if (t <= 0xbf) skip = t & 0x1f;
    else {
      const sizeBytes: Record<number, number> = { 0xc4: 1, 0xc5: 2, 0xc6: 4, 0xc7: 1, 0xc8: 2, 0xc9: 4, 0xd9: 1, 0xda: 2, 0xdb: 4, 0xdc: 2, 0xdd: 4, 0xde: 2, 0xdf: 4 };
      const fixed: Record<number, number> = { 0xca: 4, 0xcb: 8, 0xcc: 1, 0xcd: 2, 0xce: 4, 0xcf: 8, 0xd0: 1, 0xd1: 2, 0xd2: 4, 0xd3: 8, 0xd4: 2, 0xd5: 3, 0xd6: 5, 0xd7: 9, 0xd8: 17 };
      if (fixed[t] !== undefined) skip = fixed[t];
      else if (sizeBytes[t] !== undefined) {
        const n = sizeBytes[t];
        if (!need(n)) return MALFORMED;
        const length = n === 1 ? bytes[at] : n === 2 ? bytes.readUInt16BE(at) : bytes.readUInt32BE(at);
        at += n;
        if (t >= 0xdc && t <= 0xdd) children = length;
        else if (t >= 0xde) children = 2 * length;
        else skip = length + (t >= 0xc7 && t <= 0xc9 ? 1 : 0); // ext: one type byte before the data
      } else {
        return MALFORMED; // 0xc1 is never used
      }
    }
    if (!need(skip)) return MALFORMED;
    at += skip;
    pending += children;
    if (pending > limit) return TOO_MANY;
  }
  return at === bytes.length ? seen : MALFORMED;
}

function u32Bytes(values: Uint32Array): Buffer {
  const out = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) out.writeUInt32LE(values[i], i * 4);
  return out;
}
