// `npm run bench train`: training throughput on the Brown corpus beside gzip -6 (node:zlib) of the same
// text in the same run. The text is the corpus as training sees it: Brown's sentences with the tags stripped, one
// per line. "train --corpus brown" runs what the command does, reading and stripping the tagged files included; the
// in-memory figure leaves the reading out. The machine is shared and noisy, so each training run is paired with a
// gzip run just before it and the ratio is the median of the pairs' ratios. Target: train within 5× of gzip's time.

import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { peakRssMb, type Bench, type BenchFigure } from './harness.js';
import { readBrown, trainModel } from '../src/model/index.js';

const PAIRS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timeMs(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export const trainBench: Bench = {
  name: 'train',
  description: 'skill-model training on the Brown corpus beside gzip -6 of the same text',
  async run(): Promise<BenchFigure[]> {
    const texts: string[] = [];
    for await (const sentence of readBrown()) texts.push(sentence.text);
    const text = Buffer.from(texts.join('\n'));
    const mb = text.length / 1e6;
    const gzip = (): Buffer => gzipSync(text, { level: 6 });
    const fromBrown = (): Promise<unknown> =>
      trainModel(async function* () {
        for await (const sentence of readBrown()) yield sentence.text;
      });
    const figures: BenchFigure[] = [];
    const cases: Array<[string, () => unknown, boolean]> = [
      [`train --corpus brown (read, strip, extract, peel, tables; ${mb.toFixed(2)} MB)`, fromBrown, true],
      ['train from texts in memory', () => trainModel(texts), false],
      ['train from memory with --sweep 0.1,0.25,0.5,1', () => trainModel(texts, { sweep: [0.1, 0.25, 0.5, 1] }), false],
    ];
    await gzip();
    for (const [name, train, hasTarget] of cases) {
      await train(); // warm-up
      const gzipTimes: number[] = [];
      const trainTimes: number[] = [];
      const ratios: number[] = [];
      for (let i = 0; i < PAIRS; i++) {
        gzipTimes.push(await timeMs(gzip));
        trainTimes.push(await timeMs(train));
        ratios.push(trainTimes[i] / gzipTimes[i]);
      }
      const ratio = median(ratios);
      figures.push({
        name,
        value: mb / (median(trainTimes) / 1000),
        unit: 'MB/s',
        baseline: { name: 'gzip -6 (node:zlib), same text, paired runs', value: mb / (median(gzipTimes) / 1000), unit: 'MB/s' },
        ratio,
        ...(hasTarget ? { target: 'time within 5× of gzip -6 (median of paired ratios)', pass: ratio <= 5 } : {}),
      });
    }
    figures.push({ name: 'peak resident memory of the bench process', value: peakRssMb(), unit: 'MB' });
    return figures;
  },
};
