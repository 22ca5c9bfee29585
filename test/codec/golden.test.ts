// Golden streams: fixtures/streams/*.skz were written by this codec from fixed texts and a seeded fixture model;
// encoding the same texts must give the same bytes on every machine (integer-only coding), and the files must keep
// decoding to the same records. A change of the format shows up here first: bump STREAM_VERSION, then rewrite the
// files with `SKILLZIP_WRITE_GOLDEN=1 npx vitest run test/codec/golden.test.ts` and say why in the commit.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/util/prng.js';
import { fixtureModel } from './fixture-model.js';
import { decode, encode } from './helpers.js';
import { RecordEncoder } from '../../codec/records.js';

const model = fixtureModel({ skills: 800, learnedShare: 0.85, maxNeighbors: 12, seed: 77 });

function texts(): string {
  const prng = new Prng(78);
  const keys = model.skills.keys;
  return Array.from({ length: 300 }, () =>
    Array.from({ length: prng.nextInt(12) }, () => (prng.next() < 0.9 ? keys[Math.floor(keys.length * prng.next() ** 2)] : `new${prng.nextInt(9)}x`)).join(' '),
  ).join('\n');
}

const cases = [
  { file: 'fixtures/streams/compact-context.skz', options: {} },
  { file: 'fixtures/streams/compact-plain-novel.skz', options: { modeOptions: { context: false }, keepNovel: true } },
];

describe('golden streams', () => {
  for (const { file, options } of cases) {
    it(`${file}: same bytes, same records`, async () => {
      const bytes = await encode(model, texts(), { ...options, maxRecords: 100 });
      if (process.env.SKILLZIP_WRITE_GOLDEN === '1') writeFileSync(file, bytes);
      const golden = readFileSync(file);
      expect(Buffer.from(bytes).equals(golden)).toBe(true);
      const { records } = await decode(model, golden);
      const encoder = new RecordEncoder(model);
      const want = texts()
        .split('\n')
        .map((t) => Array.from(encoder.encode(t, undefined, 'golden', false).symbols));
      expect(records.map((r) => Array.from(r.symbols))).toEqual(want);
    });
  }
});
