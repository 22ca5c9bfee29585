// Coding on worker threads (codec/workers.ts, `threads`): the stream is the same bytes and the decoded output the
// same records for every number of threads, whatever the chunking; a damaged frame decoded on a worker is reported
// after every record before it, as with one thread; a worker that fails names the frame and records it was coding;
// results come back in submission order however long each job takes. The workers load the built code (npm run build).
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { ByteReader } from '../../codec/bytes.js';
import { INDEXED_VERSION, readTrailer, TRAILER_FOOTER_BYTES } from '../../codec/container.js';
import { Threads, WORKER_HEAP_MB, modelSource } from '../../codec/workers.js';
import { InOrder, WorkerPool, workerScript } from '../../src/util/worker-pool.js';
import { Prng } from '../../src/util/prng.js';
import { fixtureModel } from './fixture-model.js';
import { decode, decodeUntilError, encode } from './helpers.js';

const model = fixtureModel({ skills: 400, learnedShare: 0.8, maxNeighbors: 8, seed: 51 });

function lines(seed: number, count: number): string {
  const prng = new Prng(seed);
  const keys = model.skills.keys;
  return Array.from({ length: count }, () => Array.from({ length: prng.nextInt(9) }, () => (prng.next() < 0.9 ? keys[prng.nextInt(keys.length)] : `w${prng.nextInt(50)}`)).join(' ')).join('\n') + '\n';
}

describe('worker threads', () => {
  test.prop([fc.nat(1000), fc.integer({ min: 1, max: 9 }), fc.array(fc.nat(), { maxLength: 4 })], { numRuns: 4 })(
    'the same stream bytes and the same records for 1, 2 and 3 threads',
    async (seed, maxRecords, cuts) => {
      const text = lines(seed, 60);
      const one = await encode(model, text, { maxRecords, keepNovel: seed % 2 === 0 });
      const records = (await decode(model, one)).records;
      for (const threads of [2, 3]) {
        expect(Buffer.from(await encode(model, text, { maxRecords, keepNovel: seed % 2 === 0, threads }, cuts)).equals(Buffer.from(one))).toBe(true);
        expect((await decode(model, one, { threads }, cuts)).records).toEqual(records);
        expect((await decode(model, one, { threads, records: { first: 7, last: 31 } }, cuts)).records).toEqual(records.slice(7, 32));
      }
    },
    60_000,
  );

  it('robust mode on workers: the same stream bytes and records (its options reach a worker as header bytes)', async () => {
    const text = lines(11, 90);
    const options = { mode: 'robust', modeOptions: { block: 4, repetition: 'x^3', erasure: 0.05 } };
    const one = await encode(model, text, options);
    const records = (await decode(model, one)).records;
    expect(Buffer.from(await encode(model, text, { ...options, threads: 2 })).equals(Buffer.from(one))).toBe(true);
    expect((await decode(model, one, { threads: 2 })).records).toEqual(records);
  });

  it('a damaged frame decoded on a worker is reported after the records before it', async () => {
    const bytes = Buffer.from(await encode(model, lines(3, 80), { maxRecords: 5 }));
    const whole = (await decode(model, bytes)).records;
    // a byte inside frame 9 (located through the trailer's index): its CRC fails, the frame is reported corrupt
    const length = new ByteReader(bytes, 't', bytes.length - TRAILER_FOOTER_BYTES).uint32();
    const index = readTrailer(new ByteReader(bytes, 't', bytes.length - TRAILER_FOOTER_BYTES - length), INDEXED_VERSION)!.index!;
    const frame9 = index.headerBytes + index.frameBytes.slice(0, 9).reduce((a, b) => a + b, 0);
    const damaged = Buffer.from(bytes);
    damaged[frame9 + index.frameBytes[9] - 6] ^= 0x55;
    const one = await decodeUntilError(model, damaged, { threads: 1 });
    const two = await decodeUntilError(model, damaged, { threads: 2 });
    expect(two.error?.message).toBe(one.error?.message);
    expect(two.records).toEqual(one.records);
    expect(one.records.length).toBeGreaterThan(0);
    expect(whole.slice(0, one.records.length)).toEqual(one.records);
    const skipped = await decode(model, damaged, { threads: 2, skipBad: true });
    expect(skipped.records).toEqual((await decode(model, damaged, { skipBad: true })).records);
  });

  it('a worker that fails names the frame it was coding; the pool closes', async () => {
    const failures: Error[] = [];
    const threads = new Threads(2, (err) => failures.push(err));
    const written: number[] = [];
    threads.run(() => 0, () => ({ kind: 'encode' }), model, (n: number) => written.push(n), 'input records 0–3 (frame 0)');
    threads.run(() => 1, () => ({ kind: 'encode', settings: { mode: 'compact', modeOptions: {}, keepNovel: false }, texts: null }), model, (n: number) => written.push(n), 'input records 4–7 (frame 1)');
    await new Promise<void>((resolve) => threads.finish(resolve, () => resolve()));
    expect(written).toEqual([0]);
    expect(failures).toHaveLength(1);
    expect(failures[0].message).toMatch(/^input records 4–7 \(frame 1\): /);
  });

  it('writes results in submission order whatever order they finish in', async () => {
    const order = new InOrder((err: Error) => {
      throw err;
    });
    const out: number[] = [];
    const later = (n: number, ms: number) => new Promise<number>((resolve) => setTimeout(() => resolve(n), ms));
    for (const [n, ms] of [[0, 30], [1, 1], [2, 15], [3, 0]]) order.submit(later(n, ms), (v: number) => out.push(v));
    await order.wait(0);
    expect(out).toEqual([0, 1, 2, 3]);
  });

  it('loads a model that came from a file in the worker, and clones one that did not', async () => {
    expect('model' in modelSource(model)).toBe(true);
    const pool = new WorkerPool(workerScript(import.meta.url, './no-such-worker.js', '../../dist/codec/worker.js'), 1, modelSource(model), WORKER_HEAP_MB);
    const frame = await pool.run<{ body: Uint8Array; skills: number }>({ kind: 'encode', settings: { mode: 'compact', modeOptions: { context: true, associations: true }, keepNovel: false }, texts: [{ text: model.skills.keys.slice(0, 3).join(' '), where: 'x:1' }] });
    expect(frame.skills).toBeGreaterThan(0);
    await pool.close();
  });
});
