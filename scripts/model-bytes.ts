// Model files built byte by byte for fixtures and tests (src/model/format.ts: a 48-byte header with the body's length
// and SHA-256, then the msgpack body): a body changed and sealed again, so that only validation can refuse it, and a
// model file relabelled as an older format version.

import { createHash } from 'node:crypto';
import { Packr } from 'msgpackr';

const HEADER_BYTES = 48;
const packr = new Packr({ useRecords: false, mapsAsObjects: true });

/** `value` as msgpack the way model bodies are packed. */
export function packed(value: unknown): Buffer {
  return Buffer.from(packr.pack(value));
}

/** A model file holding `body` with a valid header: right length, right content hash. */
export function sealedFile(header: Uint8Array, body: Uint8Array): Buffer {
  const head = Buffer.from(header.subarray(0, HEADER_BYTES));
  head.writeUInt32LE(body.length, 12);
  createHash('sha256').update(body).digest().copy(head, 16);
  return Buffer.concat([head, body]);
}

/** The model file with its body changed by `mutate` and sealed again. */
export function withBody(file: Buffer, mutate: (body: Record<string, any>) => void): Buffer {
  const body = packr.unpack(Buffer.from(file.subarray(HEADER_BYTES))) as Record<string, any>;
  mutate(body);
  return sealedFile(file, packed(body));
}

/**
 * The model file as format `version` wrote it: below 3 without the vocabulary, for format 1 also without the
 * feasibility statistics, which they did not have.
 */
export function asFormatVersion(file: Buffer, version: number): Buffer {
  const older =
    version < 3
      ? withBody(file, (body) => {
          delete body.vocabulary;
          if (version < 2) delete body.stats.feasibility;
        })
      : Buffer.from(file);
  older.writeUInt32LE(version, 8);
  return older;
}
