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
function checkDamaged(part: Part, at: number, parts: Part[], truth: StreamRecord[], result: { records: StreamRecord[]; error?: Error }): void {
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
      for (let at = 0; at < bytes.length; at++) {
        const damaged = Uint8Array.from(bytes);
        damaged[at] ^= 0x5a;
        const part = parts.find((p) => p.start <= at && at < p.end)!;
        checkDamaged(part, at, parts, await truth, await decodeUntilError(model, damaged));
      }
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
