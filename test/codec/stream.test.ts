// The container and the Transforms (codec/container.ts, codec/stream-parser.ts, codec/streams.ts): texts come back
// as their learned skills for every unit and option; stream bytes do not depend on input chunking and decoding does
// not depend on stream chunking; flipped bytes and truncations give an error naming the frame and its records, or
// with skipBad exactly the records of the intact frames — never a crash, a hang or a wrong record.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { InputError } from '../../src/util/errors.js';
import { Prng } from '../../src/util/prng.js';
import { RecordEncoder } from '../../codec/records.js';
import { decodeRecord, encodeRecord } from '../../codec/single-record.js';
import { DecodeStream, EncodeStream, type StreamRecord } from '../../codec/streams.js';
import { once } from 'node:events';
import { fixtureModel } from './fixture-model.js';
import { decode, encode } from './helpers.js';

const model = fixtureModel({ skills: 500, learnedShare: 0.8, maxNeighbors: 8, seed: 21 });
const other = fixtureModel({ skills: 500, learnedShare: 0.8, maxNeighbors: 8, seed: 22 });
const keys = model.skills.keys;

/** A text of random skill words (some not learned, some unknown to the model) and stopwords. */
function sentence(prng: Prng): string {
  const words: string[] = [];
  const n = prng.nextInt(14);
  for (let i = 0; i < n; i++) {
    const r = prng.next();
    words.push(r < 0.75 ? keys[Math.floor(keys.length * prng.next() ** 2)] : r < 0.9 ? 'the' : `zz${prng.nextInt(50)}q`);
  }
  return words.join(' ');
}

function corpus(seed: number, lines: number): string[] {
  const prng = new Prng(seed);
  return Array.from({ length: lines }, () => sentence(prng));
}

/** What decoding must give for each text: its learned skills' surface forms in symbol order, and novel count. */
function expected(texts: string[]): Array<{ skills: string[]; novelCount: number }> {
  const encoder = new RecordEncoder(model);
  return texts.map((t) => {
    const r = encoder.encode(t, undefined, 'test', false);
    return { skills: Array.from(r.symbols, (s) => model.skills.surface[model.coding.order[s]]), novelCount: r.novelCount };
  });
}

describe('round trip', () => {
  for (const mode of [{ context: true }, { context: false }]) {
    test(`lines, context ${mode.context}, frames of 7 records`, async () => {
      const texts = corpus(1, 100);
      const bytes = await encode(model, texts.join('\n') + '\n', { modeOptions: mode, maxRecords: 7 });
      const { records } = await decode(model, bytes);
      expect(records.map((r) => ({ skills: r.skills, novelCount: r.novelCount }))).toEqual(expected(texts));
      expect(records.map((r) => r.index)).toEqual(texts.map((_, i) => i));
    });
  }

  test('paragraphs, JSON Lines with ids, kept novel skills', async () => {
    const texts = corpus(2, 12).filter((t) => t.trim().length > 0);
    const para = await decode(model, await encode(model, '\n\n' + texts.join('\n\n') + '\r\n', { unit: 'paragraph' }));
    expect(para.records.map((r) => r.skills)).toEqual(expected(texts).map((e) => e.skills));
    const jsonl = texts.map((t, i) => (i % 3 === 0 ? JSON.stringify(t) : JSON.stringify({ id: i % 3 === 1 ? `doc-${i}` : i, text: t }))).join('\n');
    const js = await decode(model, await encode(model, jsonl, { unit: 'jsonl', keepNovel: true }));
    expect(js.records.map((r) => r.id)).toEqual(texts.map((_, i) => (i % 3 === 0 ? undefined : i % 3 === 1 ? `doc-${i}` : i)));
    expect(js.records.map((r) => r.novel!.length)).toEqual(expected(texts).map((e) => e.novelCount));
    expect(js.records.flatMap((r) => r.novel!).every((k) => /^zz\d+q$/.test(k) || keys.includes(k))).toBe(true);
  });

  test('an empty input is a stream with no records; text and JSON Lines outputs', async () => {
    expect((await decode(model, await encode(model, ''))).records).toEqual([]);
    const bytes = await encode(model, `${keys[0]} ${keys[1]} the\n\n`);
    const text = (await decode(model, bytes, { output: 'text' })).records.join('');
    const want = expected([`${keys[0]} ${keys[1]} the`, ''])[0].skills.join(' ');
    expect(text).toBe(`${want}\n\n`);
    const lines = (await decode(model, bytes, { output: 'jsonl' })).records.join('').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[1]).toEqual({ record: 1, skills: [] });
  });

  test('text output is the JSON Lines output as plain lines: skills, then novel skills, by spaces', async () => {
    const texts = [...corpus(4, 40), '', 'the of', 'zz1q zz2q', `${keys[0]} zz3q`];
    const bytes = await encode(model, texts.join('\n'), { keepNovel: true, maxRecords: 7 });
    const text = (await decode(model, bytes, { output: 'text' })).records.join('');
    const json = (await decode(model, bytes, { output: 'jsonl' })).records.join('').trim().split('\n').map((l) => JSON.parse(l));
    expect(text).toBe(json.map((r: { skills: string[]; novel?: string[] }) => [...r.skills, ...(r.novel ?? [])].join(' ') + '\n').join(''));
    expect(json.some((r: { skills: string[]; novel?: string[] }) => r.skills.length > 0 && r.novel!.length > 0)).toBe(true);
  });

  test('single records', () => {
    const text = corpus(3, 1)[0] + ' zzz1q';
    for (const keepNovel of [false, true]) {
      const out = decodeRecord(model, encodeRecord(model, text, { keepNovel, id: 'r1' }), { keepNovel });
      expect(out.skills).toEqual(expected([text])[0].skills);
      expect(out.id).toBe('r1');
      expect(out.novelCount).toBe(expected([text])[0].novelCount);
      if (keepNovel) expect(out.novel).toContain('zzz1q');
    }
  });

  test('bad input is an InputError naming the line', async () => {
    await expect(encode(model, '{"text": "a"}\nnot json\n', { unit: 'jsonl', name: 'in.jsonl' })).rejects.toThrow(/in\.jsonl:2: not valid JSON/);
    await expect(encode(model, Uint8Array.of(0x61, 0x0a, 0xff, 0x0a))).rejects.toThrow(/input:2: invalid UTF-8/);
  });

  test('a stream made with another model is refused', async () => {
    const bytes = await encode(model, 'x\n');
    await expect(decode(other, bytes)).rejects.toThrow(/made with model fixture-00000015, not with the model given/);
  });
});

describe('live input', () => {
  test('a frame is closed when the input pauses, so the decoder sees the record before the input ends', async () => {
    const encoder = new EncodeStream(model, { flushAfterMs: 5 });
    const decoder = new DecodeStream(model);
    encoder.pipe(decoder);
    encoder.write(`${keys[0]} ${keys[1]}\n`);
    const [record] = (await once(decoder, 'data')) as [StreamRecord];
    expect(record.skills).toEqual(expected([`${keys[0]} ${keys[1]}`])[0].skills);
    encoder.end();
    decoder.resume();
    await once(decoder, 'end');
  });
});

describe('chunking', () => {
  const texts = corpus(4, 60);
  const input = new TextEncoder().encode(texts.join('\n') + '\n');
  const reference = encode(model, input, { maxRecords: 9 });

  test.prop([fc.array(fc.nat(), { maxLength: 30 })], { numRuns: 40 })('input chunking does not change the stream', async (cuts) => {
    expect(Buffer.from(await encode(model, input, { maxRecords: 9 }, cuts)).equals(Buffer.from(await reference))).toBe(true);
  });

  test.prop([fc.array(fc.nat(), { maxLength: 40 })], { numRuns: 40 })('stream chunking does not change decoding', async (cuts) => {
    const bytes = await reference;
    const whole = await decode(model, bytes);
    const pieces = await decode(model, bytes, {}, cuts);
    expect(pieces.records).toEqual(whole.records);
  });
});

describe('damaged streams', () => {
  const texts = corpus(5, 40);
  const truth = expected(texts);
  const streamBytes = encode(model, texts.join('\n') + '\n', { maxRecords: 6 });

  const damage = fc.record({
    flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 3 }),
    cut: fc.option(fc.nat(), { nil: undefined }),
    chunks: fc.array(fc.nat(), { maxLength: 8 }),
  });

  function damaged(bytes: Uint8Array, d: { flips: Array<[number, number]>; cut?: number }): Uint8Array {
    const out = Uint8Array.from(bytes);
    for (const [at, x] of d.flips) out[at % out.length] ^= x;
    return d.cut === undefined ? out : out.subarray(0, d.cut % out.length);
  }

  test.prop([damage], { numRuns: 150 })('an error names the frame and its records', async (d) => {
    const bytes = damaged(await streamBytes, d);
    try {
      const { records } = await decode(model, bytes, {}, d.chunks);
      // Possible only when nothing was changed.
      expect(records.map((r) => r.skills)).toEqual(truth.map((t) => t.skills));
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(/frame \d+ \(records|trailer \(after|stream header|not a skillzip stream|after the stream's trailer/);
    }
  });

  test.prop([damage], { numRuns: 150 })('with skipBad, every record given is right and the lost ones are reported', async (d) => {
    const bytes = damaged(await streamBytes, d);
    let result;
    try {
      result = await decode(model, bytes, { skipBad: true }, d.chunks);
    } catch (err) {
      // Only a damaged header (or bytes after the trailer) cannot be skipped.
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(/stream header|not a skillzip stream|after the stream's trailer/);
      return;
    }
    for (const r of result.records) expect({ skills: r.skills, novelCount: r.novelCount }).toEqual(truth[r.index]);
    const got = new Set(result.records.map((r) => r.index));
    for (let i = 0; i < truth.length; i++) {
      if (got.has(i)) continue;
      const reported = result.bad.some((b) => b.firstRecord <= i && (b.lastRecord === undefined || i <= b.lastRecord));
      expect(reported).toBe(true);
    }
  });

  test('a flipped byte in frame 2 is reported with its records; skipBad keeps the others', async () => {
    const bytes = Uint8Array.from(await streamBytes);
    const whole = await decode(model, bytes);
    // Find frame 2: the third 'F' tag after the header whose frame index byte is 2.
    let at = -1;
    for (let i = 0; i < bytes.length - 2; i++) if (bytes[i] === 0x46 && bytes[i + 1] === 2 && bytes[i + 2] === 12) at = i;
    expect(at).toBeGreaterThan(0);
    bytes[at + 8] ^= 0x55;
    await expect(decode(model, bytes)).rejects.toThrow(/frame 2 \(records 12–17\) is corrupt \(CRC mismatch\)/);
    const skipped = await decode(model, bytes, { skipBad: true });
    expect(skipped.bad.map((b) => b.message)).toEqual(['input: frame 2 (records 12–17) skipped: frame 2 is corrupt (CRC mismatch)']);
    expect(skipped.records).toEqual(whole.records.filter((r) => r.index < 12 || r.index > 17));
  });

  test('a truncated stream is reported', async () => {
    const bytes = await streamBytes;
    await expect(decode(model, bytes.subarray(0, bytes.length - 3))).rejects.toThrow(/truncated/);
    await expect(decode(model, new Uint8Array(0))).rejects.toThrow(/empty input/);
  });
});
