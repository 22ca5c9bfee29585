// Shard files (.sks): the sufficient statistics of a part of a corpus for training (DESIGN.md "Files"), written by
// `train --shard-out` and merged by `skillzip merge` into exactly the model one pass over all the parts in order gives
// (./accumulate.ts says why that holds). A shard holds what the trainer's pass gathered before pruning — skill keys,
// every text's skills, document and length, surface-form tallies — with the extractor settings, so that shards of
// different extraction are refused. Layout: magic "SKZSHARD", u32 version, u32 body length, body (msgpack of the part;
// integer arrays as little-endian int32 bytes), u32 CRC32 of every byte before it (node:zlib, as the stream format).

import { endianness } from 'node:os';
import { crc32 } from 'node:zlib';
import { Packr } from 'msgpackr';
import { InputError } from '../util/errors.js';
import type { CorpusPart } from './accumulate.js';
import type { ExtractorSettings } from './types.js';
import { validExtractorSettings } from './validate.js';

export const SHARD_MAGIC = Buffer.from('SKZSHARD', 'latin1');
export const SHARD_VERSION = 1;
const HEADER_BYTES = 16;
const packr = new Packr({ useRecords: false, mapsAsObjects: true });

export interface Shard {
  extractor: ExtractorSettings;
  part: CorpusPart;
}

const INT_ARRAYS = ['textEnds', 'edges', 'textDocuments', 'textLengths', 'surfaceSkills', 'surfaceCounts'] as const;
const STRING_ARRAYS = ['keys', 'documentNames', 'surfaceForms', 'foldedWords'] as const;

const LITTLE_ENDIAN = endianness() === 'LE';

function int32Bytes(values: Int32Array): Buffer {
  if (LITTLE_ENDIAN) return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  const out = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) out.writeInt32LE(values[i], 4 * i);
  return out;
}

function int32Array(bytes: Uint8Array): Int32Array {
  if (LITTLE_ENDIAN) return new Int32Array(new Uint8Array(bytes).buffer); // a copy: aligned, and the file's buffer can go
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Int32Array.from({ length: raw.length / 4 }, (_, i) => raw.readInt32LE(4 * i));
}

export function encodeShard(shard: Shard): Uint8Array {
  const { part } = shard;
  const body: Record<string, unknown> = { extractor: shard.extractor, textsRead: part.textsRead };
  for (const name of STRING_ARRAYS) body[name] = part[name];
  for (const name of INT_ARRAYS) body[name] = int32Bytes(part[name]);
  const packed = Buffer.from(packr.pack(body));
  const header = Buffer.alloc(HEADER_BYTES - 8);
  header.writeUInt32LE(SHARD_VERSION, 0);
  header.writeUInt32LE(packed.length, 4);
  const withoutCrc = Buffer.concat([SHARD_MAGIC, header, packed]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32LE(crc32(withoutCrc), 0);
  return Buffer.concat([withoutCrc, crc]);
}

export function isShardFile(bytes: Uint8Array): boolean {
  return bytes.length >= SHARD_MAGIC.length && SHARD_MAGIC.equals(bytes.subarray(0, SHARD_MAGIC.length));
}

/** The shard in `bytes`, checked (CRC32, every index in range); InputError naming `file` and the problem. */
export function decodeShard(bytes: Uint8Array, file: string): Shard {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (problem: string): never => {
    throw new InputError(`${file}: ${problem}`);
  };
  if (!isShardFile(buf)) fail('not a skillzip shard file (wrong magic)');
  if (buf.length < HEADER_BYTES + 4) fail('truncated shard file');
  const version = buf.readUInt32LE(8);
  if (version !== SHARD_VERSION) fail(`shard format version ${version}, this skillzip reads version ${SHARD_VERSION}`);
  const length = buf.readUInt32LE(12);
  if (buf.length !== HEADER_BYTES + length + 4) fail(`the shard should have ${HEADER_BYTES + length + 4} bytes, the file holds ${buf.length} (truncated or extended)`);
  if (buf.readUInt32LE(HEADER_BYTES + length) !== crc32(buf.subarray(0, HEADER_BYTES + length))) fail('corrupt shard file (CRC mismatch)');
  let body: Record<string, unknown>;
  try {
    body = packr.unpack(buf.subarray(HEADER_BYTES, HEADER_BYTES + length)) as Record<string, unknown>;
  } catch (err) {
    return fail(`corrupt shard body: ${(err as Error).message}`);
  }
  if (typeof body !== 'object' || body === null) fail('corrupt shard body: not a map');
  const part: Partial<CorpusPart> = {};
  for (const name of STRING_ARRAYS) {
    const value = body[name];
    if (!Array.isArray(value) || !value.every((s) => typeof s === 'string')) fail(`corrupt shard body: ${name} is not a list of strings`);
    part[name] = value as string[];
  }
  for (const name of INT_ARRAYS) {
    const value = body[name];
    if (!(value instanceof Uint8Array) || value.length % 4 !== 0) fail(`corrupt shard body: ${name} is not an int32 array`);
    part[name] = int32Array(value as Uint8Array);
  }
  const textsRead = body.textsRead;
  if (typeof textsRead !== 'number' || !Number.isSafeInteger(textsRead) || textsRead < 0) fail('corrupt shard body: textsRead is not a count');
  const p = { ...part, textsRead } as CorpusPart;
  checkPart(p, fail);
  return { extractor: validExtractorSettings(body.extractor, file), part: p };
}

/** Every count and index of a part within its bounds, so that merging cannot read out of range. */
function checkPart(p: CorpusPart, fail: (problem: string) => never): void {
  const texts = p.textEnds.length - 1;
  if (texts < 0 || p.textEnds[0] !== 0) fail('corrupt shard body: textEnds does not start at 0');
  for (let t = 0; t < texts; t++) if (p.textEnds[t + 1] <= p.textEnds[t]) fail(`corrupt shard body: text ${t} holds no skill or ends before it starts`);
  if (p.textEnds[texts] !== p.edges.length) fail('corrupt shard body: textEnds does not end at the number of edges');
  if (p.textDocuments.length !== texts || p.textLengths.length !== texts) fail('corrupt shard body: per-text lists of different lengths');
  if (texts > p.textsRead) fail('corrupt shard body: more texts with skills than texts read');
  const inRange = (values: Int32Array, min: number, max: number, what: string): void => {
    for (const v of values) if (v < min || v >= max) fail(`corrupt shard body: ${what} ${v} out of range`);
  };
  inRange(p.edges, 0, p.keys.length, 'skill');
  inRange(p.textDocuments, -1, p.documentNames.length, 'document');
  inRange(p.textLengths, 0, 2 ** 31 - 1, 'text length');
  if (p.surfaceSkills.length !== p.surfaceForms.length || p.surfaceCounts.length !== p.surfaceForms.length) fail('corrupt shard body: surface lists of different lengths');
  inRange(p.surfaceSkills, 0, p.keys.length, 'skill');
  inRange(p.surfaceCounts, 0, 2 ** 31 - 1, 'surface count');
  if (new Set(p.keys).size !== p.keys.length) fail('corrupt shard body: a skill key twice');
  if (new Set(p.surfaceForms).size !== p.surfaceForms.length) fail('corrupt shard body: a surface form twice');
}

/**
 * The extractor settings all `shards` share (named by `files`, in order), or an InputError naming the first shard
 * whose settings differ from the first's and the setting.
 */
export function sharedExtractor(shards: readonly Shard[], files: readonly string[]): ExtractorSettings {
  const first = shards[0].extractor;
  const keys = Object.keys(first) as Array<keyof ExtractorSettings>;
  shards.forEach((shard, i) => {
    const differs = keys.find((key) => JSON.stringify(shard.extractor[key]) !== JSON.stringify(first[key]));
    if (differs !== undefined) {
      throw new InputError(`${files[i]}: extractor setting ${differs} is ${JSON.stringify(shard.extractor[differs])}, ${files[0]} has ${JSON.stringify(first[differs])}; shards must come from the same extraction`);
    }
  });
  return first;
}
