// Whole processes against gzip, as a user runs them: all of Brown as one text file (a sentence a line) through
// `skillzip encode`, `skillzip decode --format text` and `skillzip train --corpus brown`, beside `gzip -6` and
// `gunzip` of the same text; then the text repeated SKILLZIP_BENCH_TIMES times (default 100, written to the bench's
// temporary folder and deleted after), where the fixed costs fade and the marginal rates show, with the encoding
// process's peak RSS (GNU time's %M). Runs are interleaved with their baseline and each figure is the median of
// SKILLZIP_BENCH_REPEATS runs (default 5), in CPU (user + sys) and wall time.

import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBrown } from '../src/corpus/index.js';
import type { Bench, BenchFigure } from './harness.js';
import { figure, measure, peakRssMb, writeRepeated, type Cost } from './process-cost.js';

const CLI = fileURLToPath(new URL('../bundle/skillzip.js', import.meta.url));
const REPEATS = Number(process.env.SKILLZIP_BENCH_REPEATS ?? 5);
const TIMES = Number(process.env.SKILLZIP_BENCH_TIMES ?? 100);

/** Runs the pairs interleaved (baseline, then command) `repeats` times; their costs. stdin is `input` (the baseline's `baselineInput` when given). */
function interleaved(pairs: Array<{ command: string[]; input: string; baseline: string[]; baselineInput?: string }>, repeats: number): Array<{ costs: Cost[]; baseline: Cost[] }> {
  const out = pairs.map(() => ({ costs: [] as Cost[], baseline: [] as Cost[] }));
  for (let i = 0; i < repeats; i++) {
    pairs.forEach((pair, p) => {
      out[p].baseline.push(measure(pair.baseline, pair.baselineInput ?? pair.input));
      out[p].costs.push(measure(pair.command, pair.input));
    });
  }
  return out;
}

/** The whole-process figures of one text file: encode and decode beside gzip -6 and gunzip, CPU and wall. */
function codecFigures(label: string, text: string, repeats: number, targets: { encode: number; decode: number }): BenchFigure[] {
  const gz = `${text}.gz`;
  const skz = `${text}.skz`;
  const made = spawnSync('bash', ['-c', `gzip -6 -c '${text}' > '${gz}' && '${process.execPath}' '${CLI}' encode -q < '${text}' > '${skz}'`], { stdio: 'inherit' });
  if (made.status !== 0) throw new Error(`making ${gz} and ${skz} failed (exit ${made.status})`);
  const [encode, decode] = interleaved(
    [
      { command: [process.execPath, CLI, 'encode', '-q'], baseline: ['gzip', '-6'], input: text },
      { command: [process.execPath, CLI, 'decode', '-q', '--format', 'text'], input: skz, baseline: ['gzip', '-d'], baselineInput: gz },
    ],
    repeats,
  );
  return [
    figure(`${label} encode`, encode.costs, encode.baseline, 'cpuMs', targets.encode, 'gzip -6'),
    figure(`${label} encode`, encode.costs, encode.baseline, 'wallMs', undefined, 'gzip -6'),
    figure(`${label} decode to text`, decode.costs, decode.baseline, 'cpuMs', targets.decode, 'gunzip'),
    figure(`${label} decode to text`, decode.costs, decode.baseline, 'wallMs', undefined, 'gunzip'),
  ];
}

export const gzipBench: Bench = {
  name: 'gzip',
  description: `whole skillzip processes on Brown (encode, decode, train) and on ${TIMES}× Brown beside gzip -6 / gunzip, medians of ${REPEATS} interleaved runs`,
  async run(): Promise<BenchFigure[]> {
    const sentences: string[] = [];
    for await (const s of readBrown()) sentences.push(s.text);
    const brown = sentences.join('\n') + '\n';
    const dir = await mkdtemp(path.join(tmpdir(), 'skillzip-bench-gzip-'));
    try {
      const text = path.join(dir, 'brown.txt');
      await writeFile(text, brown);
      const figures = codecFigures('Brown', text, REPEATS, { encode: 2, decode: 10 });
      const model = path.join(dir, 'brown.skm');
      const [train] = interleaved([{ command: [process.execPath, CLI, 'train', '--corpus', 'brown', '-q', '-f', '-o', model], baseline: ['gzip', '-6'], input: text }], REPEATS);
      figures.push(figure('train --corpus brown', train.costs, train.baseline, 'cpuMs', 4, 'gzip -6'), figure('train --corpus brown', train.costs, train.baseline, 'wallMs', undefined, 'gzip -6'));
      const big = path.join(dir, 'brown-repeated.txt');
      await writeRepeated(big, brown, TIMES);
      await rm(text);
      figures.push(...codecFigures(`${TIMES}× Brown`, big, REPEATS, { encode: 1.2, decode: 3 }));
      const rss = peakRssMb([process.execPath, CLI, 'encode', '-q'], big);
      figures.push(
        rss === null
          ? { name: `${TIMES}× Brown encode, peak RSS`, value: NaN, unit: 'MB', target: 'no GNU time' }
          : { name: `${TIMES}× Brown encode, peak RSS`, value: Math.round(rss), unit: 'MB', target: '≤ 200 MB', pass: rss <= 200 },
      );
      return figures;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
