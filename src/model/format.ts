// The model file (.skm), DESIGN.md "Files". Layout, all integers little-endian:
//
//   offset 0   8 bytes  magic "SKZMODEL"
//   offset 8   u32      format version (MODEL_FORMAT_VERSION)
//   offset 12  u32      body length in bytes
//   offset 16  32 bytes SHA-256 of the body; its hex is the model id that streams refer to
//   offset 48  body     msgpack (msgpackr, maps with string keys, no records extension) of the model without its
//                       id; typed arrays are stored as msgpack bin holding little-endian u32 (u8 for flags)
//
// Encoding is deterministic (fixed key order, no timestamps), so the same training gives the same bytes and id.
// Decoding checks magic, version, length and hash before it unpacks anything, then validates every field against
// limits (./validate.ts): a damaged or hostile file is an InputError naming the file, never a crash.

import { createHash } from 'node:crypto';
import { Packr } from 'msgpackr';
import { InputError } from '../util/errors.js';
import type { SkillModel } from './types.js';
import { modelFromBody } from './validate.js';

export const MODEL_MAGIC = Buffer.from('SKZMODEL', 'latin1');
export const MODEL_FORMAT_VERSION = 1;
export const MODEL_HEADER_BYTES = 48;

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
    extractor: model.extractor,
    skills: {
      keys: skills.keys,
      surface: skills.surface,
      counts: u32Bytes(skills.counts),
      learned: Buffer.from(skills.learned.buffer, skills.learned.byteOffset, skills.learned.byteLength),
      round: u32Bytes(skills.round),
    },
    coding: { order: u32Bytes(coding.order), frequencies: u32Bytes(coding.frequencies), texts: coding.texts },
    association: {
      offsets: u32Bytes(association.offsets),
      neighbors: u32Bytes(association.neighbors),
      pairCounts: u32Bytes(association.pairCounts),
      maxNeighbors: association.maxNeighbors,
      minPairCount: association.minPairCount,
    },
    stats: model.stats,
  };
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
    throw new InputError(`${fileName}: ${problem}`);
  }
  if (file.length < MODEL_MAGIC.length || !isModelFile(file)) fail('not a skillzip model file (wrong magic)');
  if (file.length < MODEL_HEADER_BYTES) fail(`truncated model file: ${file.length} bytes, the header alone has ${MODEL_HEADER_BYTES}`);
  const version = file.readUInt32LE(8);
  if (version !== MODEL_FORMAT_VERSION) fail(`model format version ${version}, this skillzip reads version ${MODEL_FORMAT_VERSION}`);
  const bodyLength = file.readUInt32LE(12);
  const actual = file.length - MODEL_HEADER_BYTES;
  if (actual < bodyLength) fail(`truncated model file: the body should have ${bodyLength} bytes, the file holds ${actual}`);
  if (actual > bodyLength) fail(`${actual - bodyLength} unexpected bytes after the model body`);
  const body = file.subarray(MODEL_HEADER_BYTES);
  const id = sha256Hex(body);
  if (id !== file.subarray(16, 48).toString('hex')) fail('corrupt model file: the content hash does not match (damaged or altered)');
  let decoded: unknown;
  try {
    decoded = packr.unpack(body);
  } catch (err) {
    fail(`corrupt model body: ${(err as Error).message}`);
  }
  return { id, ...modelFromBody(decoded, fileName) };
}

function u32Bytes(values: Uint32Array): Buffer {
  const out = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) out.writeUInt32LE(values[i], i * 4);
  return out;
}
