// `npm run bench train`: training throughput on the Brown corpus (issue 3) beside gzip -6 (node:zlib) of the same
// text in the same run. The text is the corpus as training sees it: Brown's sentences with the tags stripped, one
// per line. "train" runs what `skillzip train --corpus brown` does, reading and stripping the tagged files
// included; the in-memory figure leaves the reading out. Target: train within 5× of gzip's time.

import { gzipSync } from 'node:zlib';
import { medianMs, peakRssMb, type Bench, type BenchFigure } from './harness.js';
import { readBrown, trainModel } from '../src/model/index.js';

async function brownSentences(): Promise<string[]> {
  const texts: string[] = [];
  for await (const sentence of readBrown()) texts.push(sentence.text);
  return texts;
}

export const trainBench: Bench = {
  name: 'train',
  description: 'skill-model training on the Brown corpus beside gzip -6 of the same text',
  async run(): Promise<BenchFigure[]> {
    const texts = await brownSentences();
    const text = Buffer.from(texts.join('\n'));
    const mb = text.length / 1e6;
    const gzipMs = await medianMs(() => gzipSync(text, { level: 6 }), 5);
    const gzip = { name: 'gzip -6 (node:zlib), same text', value: mb / (gzipMs / 1000), unit: 'MB/s' };
    const endToEndMs = await medianMs(async () => {
      const sentences = async function* (): AsyncGenerator<string> {
        for await (const s of readBrown()) yield s.text;
      };
      await trainModel(sentences);
    }, 3);
    const inMemoryMs = await medianMs(() => trainModel(texts), 3);
    const sweepMs = await medianMs(() => trainModel(texts, { sweep: [0.1, 0.25, 0.5, 1] }), 1);
    const figure = (name: string, ms: number, target?: string): BenchFigure => ({
      name,
      value: mb / (ms / 1000),
      unit: 'MB/s',
      baseline: gzip,
      ratio: ms / gzipMs,
      ...(target ? { target, pass: ms / gzipMs <= 5 } : {}),
    });
    return [
      figure(`train --corpus brown (read, strip, extract, peel, tables; ${mb.toFixed(2)} MB)`, endToEndMs, 'time within 5× of gzip -6'),
      figure('train from texts in memory', inMemoryMs),
      figure('train from memory with --sweep 0.1,0.25,0.5,1', sweepMs),
      { name: 'peak resident memory of the bench process', value: peakRssMb(), unit: 'MB' },
    ];
  },
};
