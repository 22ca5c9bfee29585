// The frame index of version 6 trailers and the reading of record ranges (codec/seek.ts): a range read at the
// frames the index locates gives exactly the records a full decode gives for it — across frame boundaries and
// concatenated members, and scanning (DecodeStream's `records`) too, for any chunking; a trailer cut or damaged
// anywhere makes the index unusable with a reason (the caller then scans); a frame damaged where the index points is
// reported naming it, never decoded wrong; a trailer whose CRC holds but whose index lies is caught by the scan.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { ByteReader } from '../../codec/bytes.js';
import { INDEXED_VERSION, STREAM_VERSION, readHeader, readTrailer, TRAILER_FOOTER_BYTES, writeTrailer } from '../../codec/container.js';
import { FrameSeeker, planStreamSeek, type RecordRange } from '../../codec/seek.js';
import { DecodeStream, type StreamRecord } from '../../codec/streams.js';
import { Prng } from '../../src/util/prng.js';
import { fixtureModel } from './fixture-model.js';
import { decode, decodeUntilError, encode } from './helpers.js';

const model = fixtureModel({ skills: 400, learnedShare: 0.8, maxNeighbors: 8, seed: 41 });
const dir = mkdtempSync(path.join(tmpdir(), 'skillzip-seek-'));
let files = 0;

function lines(seed: number, count: number): string {
  const prng = new Prng(seed);
  const keys = model.skills.keys;
  return Array.from({ length: count }, () => Array.from({ length: prng.nextInt(7) }, () => keys[prng.nextInt(keys.length)]).join(' ')).join('\n') + '\n';
}

/** The records of `range` read from `bytes` (as a file) through the index, or the seek plan's problem, or the error. */
async function seek(bytes: Uint8Array, range: RecordRange, skipBad = false): Promise<{ records: StreamRecord[]; problem?: string; error?: Error; bad: string[] }> {
  const file = path.join(dir, `s${files++}.skz`);
  writeFileSync(file, bytes);
  const handle = await open(file, 'r');
  const plan = await planStreamSeek(handle, bytes.length, 'in.skz');
  if ('problem' in plan) {
    await handle.close();
    return { records: [], problem: plan.problem, bad: [] };
  }
  const seeker = new FrameSeeker(handle, plan.members, range, skipBad);
  const decoder = new DecodeStream(model, { events: true, records: range, skipBad, name: 'in.skz' });
  const records: StreamRecord[] = [];
  const sink = new Writable({ objectMode: true, write: (record: StreamRecord, _e, cb) => (records.push(record), cb()) });
  try {
    await pipeline(seeker, decoder, sink);
  } catch (error) {
    return { records, error: error as Error, bad: decoder.badFrames.map((b) => b.message) };
  }
  return { records, bad: decoder.badFrames.map((b) => b.message) };
}

const slice = (records: StreamRecord[], range: RecordRange): StreamRecord[] => records.filter((r) => r.index >= range.first && r.index <= range.last);

/** Up to three members of random sizes and frame lengths. */
const membersArb = fc.array(fc.record({ seed: fc.nat(1000), count: fc.nat(40), maxRecords: fc.integer({ min: 1, max: 9 }) }), { minLength: 1, maxLength: 3 });

async function stream(members: Array<{ seed: number; count: number; maxRecords: number }>): Promise<Uint8Array> {
  return Buffer.concat(await Promise.all(members.map((m) => encode(model, lines(m.seed, m.count), { maxRecords: m.maxRecords }))));
}

describe('the frame index (version 6 trailers)', () => {
  test.prop([membersArb, fc.nat(130), fc.nat(40)], { numRuns: 40 })(
    'a range read through the index, or scanned, gives the records of a full decode',
    async (members, from, length) => {
      const bytes = await stream(members);
      const whole = (await decode(model, bytes)).records;
      const range = { first: from, last: from + length };
      const expected = slice(whole, range);
      const sought = await seek(bytes, range);
      expect(sought.problem).toBeUndefined();
      expect(sought.records).toEqual(expected);
      expect((await decode(model, bytes, { records: range }, [from * 7, length * 13])).records).toEqual(expected);
      expect((await seek(bytes, { first: from, last: Infinity })).records).toEqual(slice(whole, { first: from, last: Infinity }));
    },
  );

  it('locates every frame: byte offsets and first records as the stream has them', async () => {
    const bytes = await encode(model, lines(1, 50), { maxRecords: 7 });
    const header = readHeader(new ByteReader(bytes, 't'), 't');
    expect(header.version).toBe(STREAM_VERSION);
    const length = new ByteReader(bytes, 't', bytes.length - TRAILER_FOOTER_BYTES).uint32();
    const trailer = readTrailer(new ByteReader(bytes, 't', bytes.length - TRAILER_FOOTER_BYTES - length), INDEXED_VERSION)!;
    expect(trailer.totals).toMatchObject({ frames: 8, records: 50 });
    let offset = trailer.index!.headerBytes;
    let first = 0;
    for (let i = 0; i < 8; i++) {
      const r = new ByteReader(bytes, 't', offset + 1);
      expect([bytes[offset], r.varint(1e9, ''), r.varint(1e9, '')]).toEqual([0x46, i, first]);
      offset += trailer.index!.frameBytes[i];
      first += trailer.index!.frameRecords[i];
    }
    expect(offset).toBe(bytes.length - TRAILER_FOOTER_BYTES - length);
  });

  test.prop([fc.nat(), fc.integer({ min: 1, max: 255 })], { numRuns: 60 })('a trailer damaged or cut anywhere makes the index unusable, with a reason', async (at, flip) => {
    const bytes = await stream([
      { seed: 3, count: 20, maxRecords: 4 },
      { seed: 4, count: 9, maxRecords: 3 },
    ]);
    const length = new ByteReader(bytes, 't', bytes.length - TRAILER_FOOTER_BYTES).uint32() + TRAILER_FOOTER_BYTES;
    const damaged = Uint8Array.from(bytes);
    damaged[bytes.length - 1 - (at % length)] ^= flip;
    expect((await seek(damaged, { first: 0, last: 5 })).problem).toMatch(/trailer/);
    expect((await seek(bytes.subarray(0, bytes.length - 1 - (at % length)), { first: 0, last: 5 })).problem).toBeDefined();
  });

  test.prop([fc.nat(), fc.integer({ min: 1, max: 255 })], { numRuns: 60 })('a byte flipped anywhere: the records read are right, or the damage is named', async (at, flip) => {
    const bytes = await stream([
      { seed: 5, count: 25, maxRecords: 4 },
      { seed: 6, count: 12, maxRecords: 5 },
    ]);
    const whole = (await decode(model, bytes)).records;
    const damaged = Uint8Array.from(bytes);
    damaged[at % bytes.length] ^= flip;
    const range = { first: 0, last: Infinity };
    const { records, problem, error, bad } = await seek(damaged, range);
    for (const record of records) expect(record).toEqual(whole[record.index]);
    if (problem === undefined && error === undefined) expect(records.length).toBe(whole.length);
    if (error) expect(error.message).toMatch(/^in\.skz( member 2)?: frame \d+ \(records \d+–\d+\) (is corrupt|does not match the frame index)/);
    const skipped = await seek(damaged, range, true);
    if (skipped.problem === undefined) {
      for (const record of skipped.records) expect(record).toEqual(whole[record.index]);
      expect(skipped.records.length + skipped.bad.length * 5).toBeGreaterThanOrEqual(whole.length);
    }
    expect(bad).toEqual([]);
  });

  it('a version 5 stream (no index) is said to be one; a stream of several members walks back to the first', async () => {
    const v5 = new Uint8Array(await import('node:fs').then((fs) => fs.readFileSync('fixtures/streams/v5/compact-context.skz')));
    expect((await seek(v5, { first: 0, last: 1 })).problem).toMatch(/no valid footer|does not verify/);
    const v6 = await encode(model, lines(7, 5));
    const mixed = await seek(Buffer.concat([v5, v6]), { first: 0, last: 1 });
    expect(mixed.problem).toMatch(/before version 6/);
  });

  it('a trailer whose CRC holds but whose index does not match the frames is caught by the scan', async () => {
    const bytes = await encode(model, lines(8, 12), { maxRecords: 4 });
    const length = new ByteReader(bytes, 't', bytes.length - TRAILER_FOOTER_BYTES).uint32() + TRAILER_FOOTER_BYTES;
    const trailer = readTrailer(new ByteReader(bytes, 't', bytes.length - length), INDEXED_VERSION)!;
    const index = trailer.index!;
    const lying = writeTrailer(trailer.totals, { ...index, frameBytes: [index.frameBytes[0] + 1, index.frameBytes[1] - 1, ...index.frameBytes.slice(2)] });
    const forged = Buffer.concat([bytes.subarray(0, bytes.length - length), lying]);
    const scanned = await decodeUntilError(model, forged);
    expect(scanned.records).toHaveLength(12);
    expect(scanned.error?.message).toBe('input: trailer (after frame 2 and record 11) is corrupt (its frame index does not match the frames read)');
    const sought = await seek(forged, { first: 0, last: 11 });
    expect(sought.records).toEqual([]);
    expect(sought.error?.message).toBe('in.skz: frame 0 (records 0–3) does not match the frame index (damage in the frame or the index)');
  });
});
