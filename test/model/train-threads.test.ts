// Training with threads (src/model/train.ts gather, `train -T N`): batches of texts gathered on worker threads and
// added in order give the same model, byte for byte and so the same id, as one thread — with documents that run
// across batch boundaries, and for the shard of a part (trainPart). The workers load the built code (npm run build).
import { describe, expect, it } from 'vitest';
import { readBrown } from '../../src/corpus/index.js';
import { encodeModel, trainModel, trainPart, type DocumentText } from '../../src/model/index.js';

describe('training with threads', () => {
  it('gives the model of one thread, same bytes and id', async () => {
    const texts: DocumentText[] = [];
    for await (const sentence of readBrown()) {
      texts.push({ text: sentence.text, document: sentence.document });
      if (texts.length === 10_000) break;
    }
    const options = { sweep: [0.5, 1] };
    const one = await trainModel(texts, options);
    const two = await trainModel(texts, { ...options, threads: 2 });
    expect(two.id).toBe(one.id);
    expect(Buffer.from(encodeModel(two)).equals(Buffer.from(encodeModel(one)))).toBe(true);
    const part = await trainPart(texts.slice(0, 9000), { threads: 3 });
    expect(part).toEqual(await trainPart(texts.slice(0, 9000)));
  }, 300_000);
});
