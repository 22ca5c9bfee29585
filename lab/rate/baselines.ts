// Lossless baselines for the rate trade-off, measured on exactly the records that skillzip encodes: gzip -9 and
// brotli -11 (node:zlib), xz -9 (liblzma through lzma-native) and zstd -19 (the zstd library compiled to WebAssembly,
// @hpcc-js/wasm-zstd). Each is measured once with every record compressed on its own (what a per-message channel
// pays) and once as one newline-separated stream (what an archive pays), on two contents:
//  - 'text': the records themselves (what a lossless channel sends);
//  - 'skills': the bag of skills skillzip sends, one sorted line of skill keys per record, so that the row differs
//    from skillzip's stream in the coder only (docs/RATE.md, "Bag of skills").
// Rates are in bits per text and per input character (Unicode code point) of the original records, so that every
// row sits on the same axes as skillzip's streams whatever its content.

import { constants, brotliCompressSync, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import lzma from 'lzma-native';
import { Zstd } from '@hpcc-js/wasm-zstd';

export type LosslessMethod = 'gzip -9' | 'brotli -11' | 'xz -9' | 'zstd -19';
export type Framing = 'per record' | 'one stream';
export type Content = 'text' | 'skills';

export const LOSSLESS_METHODS: readonly LosslessMethod[] = ['gzip -9', 'brotli -11', 'xz -9', 'zstd -19'];

/** Bits per text and per input character of `bytes` spent on a set of records. */
export interface Rate {
  bytes: number;
  bitsPerText: number;
  bitsPerChar: number;
}

export interface LosslessRate extends Rate {
  content: Content;
  method: LosslessMethod;
  framing: Framing;
}

/** What identifies a set of records: its size and a hash of its texts, so that every figure can name its records. */
export interface RecordSet {
  records: number;
  characters: number;
  utf8Bytes: number;
  /** SHA-256 (hex) of the texts, each preceded by its UTF-8 length, so that no two lists of records share it. */
  fingerprint: string;
}

/** xz -9's dictionary (64 MiB) cut to the input: a dictionary longer than the input finds no further match, so the
 *  compressed size is xz -9's, without liblzma allocating ~670 MB for every short record. */
function xzDictionary(length: number): number {
  return Math.min(64 << 20, Math.max(4096, 2 ** Math.ceil(Math.log2(Math.max(1, length)))));
}

function xz(data: Buffer): Promise<Buffer> {
  return lzma.compress(data, { filters: [{ id: lzma.FILTER_LZMA2, options: { preset: 9, dictSize: xzDictionary(data.length) } }] });
}

let zstd: Promise<Zstd> | undefined;

async function zstd19(data: Buffer): Promise<Buffer> {
  zstd ??= Zstd.load();
  return Buffer.from((await zstd).compress(data, 19));
}

const compressors: Record<LosslessMethod, (data: Buffer) => Buffer | Promise<Buffer>> = {
  'gzip -9': (data) => gzipSync(data, { level: 9 }),
  'brotli -11': (data) =>
    brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  'xz -9': xz,
  'zstd -19': zstd19,
};

/** `data` compressed by `method`, as the baselines measure it. */
export async function compress(method: LosslessMethod, data: Buffer): Promise<Buffer> {
  return compressors[method](data);
}

/** Counts Unicode code points (not UTF-16 units), the "characters" of every per-character rate. */
export function countCharacters(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

export function describeRecords(texts: readonly string[]): RecordSet {
  const hash = createHash('sha256');
  let characters = 0;
  let utf8Bytes = 0;
  for (const text of texts) {
    const bytes = Buffer.from(text);
    hash.update(`${bytes.length}:`).update(bytes);
    characters += countCharacters(text);
    utf8Bytes += bytes.length;
  }
  return { records: texts.length, characters, utf8Bytes, fingerprint: hash.digest('hex') };
}

/** The rate of `bytes` spent on the records `set` describes. */
export function rateOf(bytes: number, set: RecordSet): Rate {
  return {
    bytes,
    bitsPerText: set.records > 0 ? (8 * bytes) / set.records : 0,
    bitsPerChar: set.characters > 0 ? (8 * bytes) / set.characters : 0,
  };
}

/** The bag of skills of each record written as text: its distinct skill keys, sorted, separated by spaces. */
export function bagOfSkills(skillSets: readonly (readonly string[])[]): string[] {
  return skillSets.map((keys) => [...new Set(keys)].sort().join(' '));
}

/**
 * Every method of `methods` on `lines` (one per record), per record and as one stream (each line followed by a
 * newline), as rates of the records `set` describes (the original texts, whatever `content` is).
 */
export async function measureLossless(
  lines: readonly string[],
  set: RecordSet,
  content: Content,
  methods: readonly LosslessMethod[] = LOSSLESS_METHODS,
): Promise<LosslessRate[]> {
  const stream = Buffer.from(lines.map((t) => t + '\n').join(''));
  const out: LosslessRate[] = [];
  for (const method of methods) {
    let perRecord = 0;
    for (const line of lines) perRecord += (await compress(method, Buffer.from(line))).length;
    out.push({ content, method, framing: 'per record', ...rateOf(perRecord, set) });
    out.push({ content, method, framing: 'one stream', ...rateOf((await compress(method, stream)).length, set) });
  }
  return out;
}
