// The golden streams of fixtures/streams: fixed texts encoded with a seeded fixture model. Shared by the script that
// writes them (./write-fixtures.ts) and the test that checks them (test/codec/golden.test.ts).

import { fixtureModel, layeredFixture } from '../test/codec/fixture-model.js';
import type { EncodeOptions } from '../codec/streams.js';
import { Prng } from '../src/util/prng.js';

export const goldenModel = fixtureModel({ skills: 800, learnedShare: 0.85, maxNeighbors: 12, seed: 77 });
/** The same words with a base layer of concepts, for the layered golden stream (its records are goldenModel's). */
export const goldenLayeredModel = layeredFixture(goldenModel, 3, 79);

/** 300 lines of skill keys, some novel words; and the same texts as JSON Lines with ids of both types. */
export function goldenTexts(): string {
  const prng = new Prng(78);
  const keys = goldenModel.skills.keys;
  return Array.from({ length: 300 }, () =>
    Array.from({ length: prng.nextInt(12) }, () => (prng.next() < 0.9 ? keys[Math.floor(keys.length * prng.next() ** 2)] : `new${prng.nextInt(9)}x`)).join(' '),
  ).join('\n');
}

export function goldenJsonLines(): string {
  return goldenTexts()
    .split('\n')
    .map((text, i) => JSON.stringify(i % 3 === 0 ? { text } : { id: i % 3 === 1 ? i : String(i), text }))
    .join('\n');
}

export const goldenCases: Array<{ file: string; jsonl: boolean; options: EncodeOptions; layered?: boolean }> = [
  { file: 'fixtures/streams/compact-context.skz', jsonl: false, options: { maxRecords: 100 } },
  { file: 'fixtures/streams/compact-plain-novel.skz', jsonl: false, options: { maxRecords: 100, modeOptions: { context: false }, keepNovel: true } },
  { file: 'fixtures/streams/compact-ids.skz', jsonl: true, options: { maxRecords: 100, unit: 'jsonl' } },
  { file: 'fixtures/streams/compact-layered.skz', jsonl: true, options: { maxRecords: 100, unit: 'jsonl' }, layered: true },
];
