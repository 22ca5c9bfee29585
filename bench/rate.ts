// `npm run bench rate`: the full `skillzip rate` run on the Brown corpus — train on 90% of the documents,
// hold out 10%, baselines, compact and robust streams, the emergence sweep 0.1, 0.25, 0.5, 1 and the erasure sweep
// 0:0.3:0.05 over liva8 and x^3 at 1.5 and 2 slots per skill — with its wall time beside the time of one training
// on the same training records in the same run (so the ratio says how many trainings the whole run costs), its
// peak memory, and the headline rates: compact bits per character beside brotli -11 on the same held-out records.

import { performance } from 'node:perf_hooks';
import { peakRssMb, type Bench, type BenchFigure } from './harness.js';
import { readBrown, trainModel, type BrownSentence } from '../src/model/index.js';
import { measureRate } from '../lab/rate/run.js';
import { DEFAULT_DISTORTION } from '../lab/rate/distortion.js';
import { splitByDocument } from '../lab/rate/split.js';

const SEED = 1;
const TRAIN_FRACTION = 0.9;

export const rateBench: Bench = {
  name: 'rate',
  description: 'the full skillzip rate run on Brown (90/10 split by document, both sweeps) beside one training',
  async run(): Promise<BenchFigure[]> {
    const records: BrownSentence[] = [];
    for await (const s of readBrown()) records.push(s);
    const train = splitByDocument(records, TRAIN_FRACTION, SEED).train.map((r) => r.text);
    let start = performance.now();
    await trainModel(train, { seed: SEED });
    const trainMs = performance.now() - start;
    start = performance.now();
    const report = await measureRate(
      { source: 'brown', records, trainFraction: TRAIN_FRACTION },
      {
        seed: SEED,
        sweep: [0.1, 0.25, 0.5, 1],
        distortion: DEFAULT_DISTORTION,
        erasures: [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3],
        repetitions: ['liva8', 'x^3'],
        overheads: [1.5, 2],
        blocks: [1],
        designs: [0.1],
        target: 0.99,
        theory: false,
        concepts: [],
      layered: [],
      },
    );
    const rateMs = performance.now() - start;
    const compact = report.settings[0];
    const brotli = report.baselines.find((b) => b.content === 'text' && b.method === 'brotli -11' && b.framing === 'one stream')!;
    const bag = report.baselines.find((b) => b.content === 'skills' && b.method === 'brotli -11' && b.framing === 'one stream')!;
    const training = { name: 'one training on the same 90% (in the same run)', value: trainMs / 1000, unit: 's' };
    return [
      { name: `rate --corpus brown, both sweeps (${report.corpus.test.records} held-out records)`, value: rateMs / 1000, unit: 's', baseline: training, ratio: rateMs / trainMs },
      { name: 'peak resident memory of the bench process', value: peakRssMb(), unit: 'MB' },
      {
        name: `compact stream, skill recall ${compact.fidelity.skillRecall.toFixed(3)}`,
        value: compact.rate.bitsPerChar,
        unit: 'bits/char',
        baseline: { name: 'brotli -11, one stream, same records', value: brotli.bitsPerChar, unit: 'bits/char' },
        ratio: compact.rate.bytes / brotli.bytes,
      },
      {
        name: 'compact stream, the same skills',
        value: compact.rate.bitsPerChar,
        unit: 'bits/char',
        baseline: { name: 'bag of skills, brotli -11, one stream', value: bag.bitsPerChar, unit: 'bits/char' },
        ratio: compact.rate.bytes / bag.bytes,
      },
    ];
  },
};
