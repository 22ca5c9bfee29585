// Concatenated streams (members, like gzip's): `cat a.skz b.skz` decodes to a's records then b's, record numbers
// continuing and ids kept, for any chunking of the bytes; a member made with another model is refused naming the
// member; a cut or damaged later member is named; inspect lists the members.
import { Readable } from 'node:stream';
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { summarizeStream } from '../../codec/inspect.js';
import { Prng } from '../../src/util/prng.js';
import { fixtureModel } from './fixture-model.js';
import { decode, decodeUntilError, encode } from './helpers.js';

const model = fixtureModel({ skills: 400, learnedShare: 0.8, maxNeighbors: 8, seed: 31 });
const other = fixtureModel({ skills: 400, learnedShare: 0.8, maxNeighbors: 8, seed: 32 });

function lines(seed: number, count: number): string {
  const prng = new Prng(seed);
  const keys = model.skills.keys;
  return Array.from({ length: count }, () => Array.from({ length: 1 + prng.nextInt(8) }, () => keys[prng.nextInt(keys.length)]).join(' ')).join('\n') + '\n';
}

const concat = (...parts: Uint8Array[]): Uint8Array => Buffer.concat(parts);

describe('concatenated streams', () => {
  test('decode to the records of the whole input, numbers continuing, ids kept', async () => {
    const a = lines(1, 30);
    const b = lines(2, 17);
    const whole = await decode(model, await encode(model, a + b, { maxRecords: 8 }));
    const joined = await decode(model, concat(await encode(model, a, { maxRecords: 8 }), await encode(model, b, { maxRecords: 5 })));
    expect(joined.records.map((r) => ({ index: r.index, skills: r.skills }))).toEqual(whole.records.map((r) => ({ index: r.index, skills: r.skills })));
    expect(joined.records.map((r) => r.index)).toEqual([...Array(47).keys()]);
    const ids = await decode(model, concat(await encode(model, '{"id":"x","text":"a"}\n', { unit: 'jsonl' }), await encode(model, '{"id":7,"text":"b"}\n', { unit: 'jsonl' })));
    expect(ids.records.map((r) => [r.index, r.id])).toEqual([
      [0, 'x'],
      [1, 7],
    ]);
  });

  test.prop([fc.array(fc.nat(), { maxLength: 6 })])('do not depend on the chunking of the bytes', async (cuts) => {
    const bytes = concat(await encode(model, lines(3, 9), { maxRecords: 4 }), await encode(model, ''), await encode(model, lines(4, 6), { maxRecords: 4 }));
    const whole = await decode(model, bytes);
    expect(whole.records).toHaveLength(15);
    expect((await decode(model, bytes, {}, cuts)).records).toEqual(whole.records);
  });

  test('a member made with another model is refused, naming the member, after the records before it', async () => {
    const bytes = concat(await encode(model, lines(5, 4)), await encode(model, lines(6, 3)), await encode(other, lines(7, 3)));
    const { records, error } = await decodeUntilError(model, bytes);
    expect(records).toHaveLength(7);
    expect(error?.message).toMatch(/^input member 3: the stream was made with model/);
  });

  test('a later member cut short or damaged is named', async () => {
    const second = await encode(model, lines(9, 5), { maxRecords: 2 });
    const first = await encode(model, lines(8, 5));
    expect((await decodeUntilError(model, concat(first, second.subarray(0, 2)))).error?.message).toBe('input member 2: stream header is truncated (the input ends inside it)');
    expect((await decodeUntilError(model, concat(first, second.subarray(0, second.length - 3)))).error?.message).toMatch(/^input member 2: trailer/);
    const flipped = concat(first, second);
    flipped[first.length + 40] ^= 0x10;
    expect((await decodeUntilError(model, flipped)).error?.message).toMatch(/^input member 2: frame \d+ \(records/);
    expect((await decodeUntilError(model, concat(first, Uint8Array.of(0, 1)))).error?.message).toBe("input: 2 bytes of data after the stream's trailer");
  });

  test('inspect lists the members and sums their figures', async () => {
    const a = await encode(model, lines(10, 6));
    const b = await encode(model, lines(11, 4), { mode: 'robust' });
    const summary = await summarizeStream(Readable.from([Buffer.from(concat(a, b))]), 'ab.skz', async (id) => (id === model.id ? model : undefined));
    expect(summary.members.map((m) => [m.name, m.mode, m.records, m.complete])).toEqual([
      ['ab.skz', 'compact', 6, true],
      ['ab.skz member 2', 'robust', 4, true],
    ]);
    expect([summary.records, summary.complete, summary.damaged, summary.bytes]).toEqual([10, true, false, a.length + b.length]);
  });
});
