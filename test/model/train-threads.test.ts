// Training with threads (src/model/train.ts gather, `train -T N`): batches of texts gathered on worker threads and
// added in order give the same model, byte for byte and so the same id, as one thread — with documents that run
// across batch boundaries, and for the shard of a part (trainPart). The workers load the built code (npm run build).
import { describe, expect, it } from 'vitest';
import { readBrown } from '../../src/corpus/index.js';
import { encodeModel, trainFromParts, trainModel, trainPart, type DocumentText } from '../../src/model/index.js';
import { CorpusGraphBuilder } from '../../src/model/accumulate.js';
import { BatchGatherer, DeltaGatherer } from '../../src/model/train.js';
import { createExtractor } from '../../src/skills/extractor.js';

describe('training with threads', () => {
  it('gives the model of one thread, same bytes and id', async () => {
    const texts: DocumentText[] = [];
    for await (const sentence of readBrown()) {
      texts.push({ text: sentence.text, document: sentence.document });
      if (texts.length === 40_000) break;
    }
    const options = { sweep: [0.5, 1] };
    const one = await trainModel(texts, options);
    const two = await trainModel(texts, { ...options, threads: 2 });
    expect(two.id).toBe(one.id);
    expect(Buffer.from(encodeModel(two)).equals(Buffer.from(encodeModel(one)))).toBe(true);
    const part = await trainPart(texts.slice(0, 36_000), { threads: 3 });
    expect(part).toEqual(await trainPart(texts.slice(0, 36_000)));
    // one gatherer over many batches, as a worker is: its parts list each folded word once, and add up to the model
    const { extractor } = part;
    const gatherer = new BatchGatherer(extractor);
    const parts = [0, 1500, 4000, 4001, 7000, 20_000].map((start, i, starts) => gatherer.gather(texts.slice(start, starts[i + 1] ?? texts.length).map((t) => [t.text, t.document] as const)));
    expect(new Set(parts.flatMap((p) => p.foldedWords)).size).toBe(parts.reduce((n, p) => n + p.foldedWords.length, 0));
    expect((await trainFromParts(parts, extractor, options)).id).toBe(one.id);
    // two workers' gatherers, batch after batch, their deltas added in order: the part of one pass
    const workers = [new DeltaGatherer(extractor), new DeltaGatherer(extractor)];
    const numberings = [0, 1].map(() => ({ skills: [] as number[], forms: [] as number[] }));
    const merged = new CorpusGraphBuilder(createExtractor(extractor));
    const starts = [0, 1500, 4000, 4001, 7000, 20_000, 30_000];
    starts.forEach((start, i) => {
      const w = i === 2 ? 0 : i % 2; // a worker may take two batches in a row
      merged.addDelta(workers[w].gather(texts.slice(start, starts[i + 1] ?? 36_000).map((t) => [t.text, t.document] as const)), numberings[w]);
    });
    expect(merged.part()).toEqual(part.part);
  }, 300_000);
});
