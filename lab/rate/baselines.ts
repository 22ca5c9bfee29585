// Lossless baselines for the rate trade-off: gzip -9 and brotli -11 from node:zlib, measured on exactly
// the records that skillzip encodes, once with every record compressed on its own (what a per-message channel
// pays) and once as one newline-separated stream (what an archive pays). Rates are in bits per text and per input
// character (Unicode code point), so that they sit on the same axes as skillzip's streams.

import { constants, brotliCompressSync, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';

export type LosslessMethod = 'gzip -9' | 'brotli -11';
export type Framing = 'per record' | 'one stream';

/** Bits per text and per input character of `bytes` spent on a set of records. */
export interface Rate {
  bytes: number;
  bitsPerText: number;
  bitsPerChar: number;
}

export interface LosslessRate extends Rate {
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

const compressors: Record<LosslessMethod, (data: Buffer) => Buffer> = {
  'gzip -9': (data) => gzipSync(data, { level: 9 }),
  'brotli -11': (data) =>
    brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
};

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

/** gzip -9 and brotli -11 of `texts`, per record and as one stream (each text followed by a newline). */
export function measureLosslessBaselines(texts: readonly string[]): LosslessRate[] {
  const set = describeRecords(texts);
  const stream = Buffer.from(texts.map((t) => t + '\n').join(''));
  const out: LosslessRate[] = [];
  for (const method of Object.keys(compressors) as LosslessMethod[]) {
    const compress = compressors[method];
    let perRecord = 0;
    for (const text of texts) perRecord += compress(Buffer.from(text)).length;
    out.push({ method, framing: 'per record', ...rateOf(perRecord, set) });
    out.push({ method, framing: 'one stream', ...rateOf(compress(stream).length, set) });
  }
  return out;
}
