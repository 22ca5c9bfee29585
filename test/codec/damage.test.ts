// Nothing lost on damage (codec/stream-parser.ts, codec/streams.ts): whatever part of a multi-frame stream is
// damaged — the header, any byte of any frame, the trailer — and however the stream is chunked, every record of the
// intact frames before the damage comes out before the error, exactly, and the error names the damaged frame and
// its record range (a range inside the stream; "records from A" only when the frame's own length fields are hit),
// or the trailer after the last frame. Robust frames may instead be repaired slot by slot: then their records hold
// only skills they really had, the rest counted as missing, and decoding goes on.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { Prng } from '../../src/util/prng.js';
import { ByteReader } from '../../codec/bytes.js';
import { StreamParser } from '../../codec/stream-parser.js';
import type { StreamRecord } from '../../codec/streams.js';
import type { FrameDamage } from '../../codec/container.js';
import { fixtureModel } from './fixture-model.js';
import { decode, decodeUntilError, encode } from './helpers.js';

const model = fixtureModel({ skills: 400, learnedShare: 0.8, maxNeighbors: 8, seed: 41 });
const prng = new Prng(42);
const lines = Array.from({ length: 30 }, () =>
  Array.from({ length: prng.nextInt(8) }, () => (prng.next() < 0.9 ? model.skills.keys[prng.nextInt(250)] : 'zzq')).join(' '),
);
const text = lines.join('\n') + '\n';

/** Where each part of a stream lies, and for frames their records and where their body starts. */
interface Part {
  kind: 'header' | 'frame' | 'trailer';
  start: number;
  end: number;
  index: number;
  firstRecord: number;
  recordCount: number;
  bodyStart: number;
}

function layout(bytes: Uint8Array): Part[] {
  const parts: Part[] = [];
  let at = 0;
  for (const event of new StreamParser('clean', false).push(bytes).concat(new StreamParser('clean', false).end())) {
    if (event.kind === 'header') parts.push({ kind: 'header', start: 0, end: event.bytes, index: -1, firstRecord: 0, recordCount: 0, bodyStart: 0 });
    else if (event.kind === 'frame') {
      const { frame } = event;
      const r = new ByteReader(bytes, '', at + 1);
      for (let i = 0; i < 4; i++) r.varint(Number.MAX_SAFE_INTEGER, '');
      parts.push({ kind: 'frame', start: at, end: at + frame.bytes, index: frame.index, firstRecord: frame.firstRecord, recordCount: frame.recordCount, bodyStart: r.offset });
    } else if (event.kind === 'trailer') {
      const last = parts[parts.length - 1];
      parts.push({ kind: 'trailer', start: at, end: at + event.bytes, index: last.index + 1, firstRecord: last.firstRecord + last.recordCount, recordCount: 0, bodyStart: 0 });
    }
    at = parts[parts.length - 1].end;
  }
  return parts;
}

const view = (r: StreamRecord) => ({ index: r.index, skills: r.skills, novelCount: r.novelCount, missing: r.missing });

/** Checks what decoding a stream damaged inside `part` gave. */
function checkDamaged(part: Part, at: number, parts: Part[], truth: StreamRecord[], result: { records: StreamRecord[]; damaged: FrameDamage[]; error?: Error }): void {
  const before = truth.filter((r) => r.index < part.firstRecord);
  expect(result.records.filter((r) => r.index < part.firstRecord).map(view)).toEqual(before.map(view));
  const message = result.error?.message ?? '';
  if (part.kind === 'header') {
    expect(message).toMatch(/stream header|not a skillzip stream/);
    expect(result.records).toEqual([]);
    return;
  }
  if (part.kind === 'trailer') {
    expect(message).toContain(`input: trailer (after frame ${part.index - 1} and record ${part.firstRecord - 1})`);
    expect(result.records.map(view)).toEqual(truth.map(view));
    return;
  }
  const last = part.firstRecord + part.recordCount - 1;
  if (result.error) {
    expect(result.records.length).toBe(before.length);
    const named = message.match(/^input: frame (\d+) \(records (\d+)(?:–(\d+)| onward)\) /) ?? message.match(/^input: frame (\d+) \(records from (\d+)()\) /);
    expect(named, message).not.toBeNull();
    expect(Number(named![1])).toBe(part.index);
    expect(Number(named![2])).toBe(part.firstRecord);
    // The range is given (and right) unless the damage hit the frame's own index, record or length fields.
    if (at === part.start || at >= part.bodyStart) expect(named![3]).toBe(String(last));
    else if (named![3] !== '') expect(named![3]).toBe(String(last));
    return;
  }
  // Repaired (robust mode): the frame's records hold only skills they had; the rest are counted as missing.
  expect(result.records.map((r) => r.index)).toEqual(truth.map((r) => r.index));
  expect(result.damaged.map((d) => [d.frame, d.firstRecord, d.lastRecord])).toEqual([[part.index, part.firstRecord, last]]);
  const inFrame = result.records.filter((r) => r.index >= part.firstRecord && r.index <= last);
  expect(result.damaged[0].lost).toBe(inFrame.reduce((n, r) => n + (r.missing ?? 0), 0));
  expect(result.damaged[0].recovered).toBe(inFrame.reduce((n, r) => n + r.skills.length, 0));
  for (const r of result.records) {
    const t = truth[r.index];
    if (r.index < part.firstRecord || r.index > last) expect(view(r)).toEqual(view(t));
    else {
      expect(r.skills.every((s) => t.skills.includes(s))).toBe(true);
      expect(r.novelCount).toBe(t.novelCount);
      expect(r.missing ?? 0).toBe(t.skills.length - r.skills.length);
    }
  }
  expect(parts.length).toBeGreaterThan(2);
}

for (const mode of [
  { name: 'compact', options: { maxRecords: 4 } },
  { name: 'robust', options: { mode: 'robust', modeOptions: { block: 4 } } },
]) {
  describe(`${mode.name} mode: intact frames before the damage are all given`, () => {
    const stream = encode(model, text, mode.options);
    const truth = stream.then(async (bytes) => (await decode(model, bytes)).records);

    test('every byte of the stream flipped in turn, read in one chunk', async () => {
      const bytes = await stream;
      const parts = layout(bytes);
      expect(parts.filter((p) => p.kind === 'frame').length).toBeGreaterThan(5);
      let repaired = 0;
      for (let at = 0; at < bytes.length; at++) {
        const damaged = Uint8Array.from(bytes);
        damaged[at] ^= 0x5a;
        const part = parts.find((p) => p.start <= at && at < p.end)!;
        const result = await decodeUntilError(model, damaged);
        checkDamaged(part, at, parts, await truth, result);
        if (!result.error) repaired++;
      }
      // Compact frames have no redundancy of their own; robust frames are repaired from their slots.
      if (mode.name === 'compact') expect(repaired).toBe(0);
      else expect(repaired).toBeGreaterThan(bytes.length / 20); // measured: 45 of 505 bytes (the slot bytes of 4-record frames)
    });

    test.prop([fc.nat(), fc.integer({ min: 1, max: 255 }), fc.array(fc.nat(), { maxLength: 12 })], { numRuns: 150 })(
      'a flipped byte anywhere, read in random chunks',
      async (where, flip, cuts) => {
        const bytes = await stream;
        const parts = layout(bytes);
        const at = where % bytes.length;
        const damaged = Uint8Array.from(bytes);
        damaged[at] ^= flip;
        const part = parts.find((p) => p.start <= at && at < p.end)!;
        checkDamaged(part, at, parts, await truth, await decodeUntilError(model, damaged, {}, cuts));
      },
    );
  });
}

describe('robust mode: a frame whose CRC fails is repaired from its slots', () => {
  const big = Array.from({ length: 60 }, (_, i) => lines[i % lines.length] + ' ' + model.skills.keys[(7 * i) % 250]).join('\n') + '\n';
  const options = { mode: 'robust', modeOptions: { block: 60 } };
  const stream = encode(model, big, options);
  const truth = stream.then(async (bytes) => (await decode(model, bytes)).records);

  test.prop([fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 3 })], { numRuns: 200 })(
    'random byte flips in the frame body: every skill given is one the record had, the rest are counted and reported',
    async (flips) => {
      const bytes = await stream;
      const frame = layout(bytes).find((p) => p.kind === 'frame')!;
      const damaged = Uint8Array.from(bytes);
      for (const [at, x] of flips) damaged[frame.bodyStart + (at % (frame.end - 4 - frame.bodyStart))] ^= x;
      const result = await decodeUntilError(model, damaged);
      if (result.error) {
        expect(result.error.message).toMatch(/^input: frame 0 \(records 0–59\) is corrupt/);
        expect(result.records).toEqual([]);
        return;
      }
      const t = await truth;
      let lost = 0;
      for (const r of result.records) {
        expect(r.skills.every((s) => t[r.index].skills.includes(s))).toBe(true);
        expect(r.missing ?? 0).toBe(t[r.index].skills.length - r.skills.length);
        lost += r.missing ?? 0;
      }
      expect(result.damaged).toHaveLength(1);
      expect(result.damaged[0]).toMatchObject({ frame: 0, firstRecord: 0, lastRecord: 59, lost });
      expect(result.damaged[0].message).toMatch(/frame 0 \(records 0–59\) is damaged .* skills recovered, \d+ lost/);
    },
  );

  test('a flipped slot byte is often repaired, at a cost of a few skills', async () => {
    const bytes = await stream;
    const frame = layout(bytes).find((p) => p.kind === 'frame')!;
    const t = await truth;
    const all = t.reduce((n, r) => n + r.skills.length, 0);
    let repaired = 0;
    let recovered = 0;
    // The last quarter of the body is slot fields.
    const from = frame.end - 4 - Math.floor((frame.end - 4 - frame.bodyStart) / 4);
    for (let at = from; at < frame.end - 4; at++) {
      const damaged = Uint8Array.from(bytes);
      damaged[at] ^= 0x10;
      const result = await decodeUntilError(model, damaged);
      if (result.error) continue;
      repaired++;
      recovered += result.damaged[0].recovered;
    }
    // Measured: 0.43 of such bytes are repaired (a flip that turns an empty slot into a full one or back shifts the
    // slots after it: those frames stay corrupt).
    expect(repaired / (frame.end - 4 - from)).toBeGreaterThan(0.3);
    expect(recovered / (repaired * all)).toBeGreaterThan(0.8);
  });

  test('slot checksums narrower than 8 bits do not repair: the frame is corrupt as in compact mode', async () => {
    const bytes = Uint8Array.from(await encode(model, big, { mode: 'robust', modeOptions: { block: 60, checksumBits: 4 } }));
    bytes[bytes.length - 30] ^= 0x10;
    const result = await decodeUntilError(model, bytes);
    expect(result.error?.message).toMatch(/^input: frame 0 \(records 0–59\) is corrupt \(CRC mismatch\)/);
  });
});
