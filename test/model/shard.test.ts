// Mergeable training (src/model/shard.ts, CorpusGraphBuilder.part/addPart): shards of a corpus cut anywhere, merged in
// order, give exactly the model (same id) of training on the whole corpus — with documents spanning shards, options
// applied at the merge, and a shard file's bytes round-tripping; shards of another extraction and damaged shard
// files are refused, naming the file and the problem.

import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { readFileSync } from 'node:fs';
import { readBrown, sharedExtractor, trainFromParts, trainModel, trainPart, type DocumentText } from '../../src/model/index.js';
import { decodeShard, encodeShard, type Shard } from '../../src/model/shard.js';
import { InputError } from '../../src/util/errors.js';

const tiny = readFileSync('fixtures/corpora/tiny.txt', 'utf8').split('\n').filter((l) => l.trim() !== '');
/** Texts in documents of five lines each, so that a cut may fall inside a document; some texts have no document. */
const texts: DocumentText[] = tiny.map((text, i) => (i % 7 === 3 ? { text } : { text, document: `d${Math.floor(i / 5)}` }));

async function shardsOf(items: DocumentText[], cuts: number[], options = {}): Promise<Shard[]> {
  const points = [0, ...[...new Set(cuts.map((c) => c % (items.length + 1)))].sort((a, b) => a - b), items.length];
  const shards: Shard[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const shard = await trainPart(items.slice(points[i], points[i + 1]), options);
    shards.push(decodeShard(encodeShard(shard), `part${i}.sks`));
  }
  return shards;
}

describe('merged shards', () => {
  test.prop([fc.array(fc.nat(), { maxLength: 5 })], { numRuns: 25 })('give the model of the whole corpus, same id, wherever the cuts', async (cuts) => {
    const whole = await trainModel(texts, { minCount: 2, sweep: [0.5, 1] });
    const shards = await shardsOf(texts, cuts);
    const merged = await trainFromParts(shards.map((s) => s.part), sharedExtractor(shards, shards.map((_, i) => `part${i}.sks`)), { minCount: 2, sweep: [0.5, 1] });
    expect(merged.id).toBe(whole.id);
  });

  it('give the Brown model of one pass, in three shards', async () => {
    const brown: DocumentText[] = [];
    for await (const s of readBrown()) if (brown.push({ text: s.text, document: s.document }) === 6000) break;
    const whole = await trainModel(brown);
    const shards = await shardsOf(brown, [1000, 3500]);
    expect((await trainFromParts(shards.map((s) => s.part), shards[0].extractor)).id).toBe(whole.id);
  });

  it('refuse shards of another extraction, naming the shard and the setting', async () => {
    const a = await trainPart(tiny.slice(0, 40));
    const b = await trainPart(tiny.slice(40), { minLength: 3 });
    expect(() => sharedExtractor([a, b], ['a.sks', 'b.sks'])).toThrow(/^b\.sks: extractor setting minLength is 3, a\.sks has 2; shards must come from the same extraction$/);
    await expect(trainPart(tiny, { collocations: { minCount: 2, minPmi: 1 } })).rejects.toThrow(/collocations are found over the whole corpus/);
  });

  it('refuse a damaged, cut or foreign shard file, naming it', async () => {
    const bytes = encodeShard(await trainPart(tiny));
    const expectError = (data: Uint8Array, pattern: RegExp): void => {
      expect(() => decodeShard(data, 's.sks')).toThrow(InputError);
      expect(() => decodeShard(data, 's.sks')).toThrow(pattern);
    };
    for (const at of [20, Math.floor(bytes.length / 2), bytes.length - 5]) {
      const flipped = Uint8Array.from(bytes);
      flipped[at] ^= 4;
      expectError(flipped, /^s\.sks: corrupt shard file \(CRC mismatch\)$/);
    }
    expectError(bytes.subarray(0, bytes.length - 1), /^s\.sks: the shard should have \d+ bytes, the file holds \d+/);
    expectError(Buffer.from('SKZMODEL and more bytes'), /^s\.sks: not a skillzip shard file/);
  });
});
