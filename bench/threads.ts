// `npm run bench threads`: the scaling of -T (codec/workers.ts, src/model/train.ts gather) on this machine. Whole
// processes of the built CLI on SKILLZIP_BENCH_TIMES× Brown (default 100, written to the bench's temporary folder and
// deleted after): encode and decode to text with -T 2 beside -T 1 (wall, the speed-up against the targets 1.6×),
// training's extraction (trainPart: skills gathered, no learning) with 2 threads beside 1 on
// SKILLZIP_BENCH_TRAIN_TIMES× Brown (default 10; the target 1.5×), the memory a worker adds (peak RSS of -T 2 less
// -T 1, halved), one sentence with -T 0 beside -T 1 (≤ 1.1×), and the machine's load average before and after, since
// a scaling figure means little when other work holds the cores. Runs of a pair are interleaved, medians of
// SKILLZIP_BENCH_REPEATS (default 3; 1 for the 100× figures when set so).

import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readBrown } from '../src/corpus/index.js';
import { trainPart } from '../src/model/index.js';
import type { Bench, BenchFigure } from './harness.js';
import { type Cost, measure, median, peakRssMb, writeRepeated } from './process-cost.js';

const CLI = path.resolve('dist/bundle/skillzip.js');
const TIMES = Number(process.env.SKILLZIP_BENCH_TIMES ?? 100);
const TRAIN_TIMES = Number(process.env.SKILLZIP_BENCH_TRAIN_TIMES ?? 10);
const REPEATS = Number(process.env.SKILLZIP_BENCH_REPEATS ?? 3);

/** Runs the commands interleaved `repeats` times; the wall times of each. */
function interleaved(commands: string[][], input: string, repeats: number): Cost[][] {
  const out = commands.map(() => [] as Cost[]);
  for (let i = 0; i < repeats; i++) commands.forEach((command, c) => out[c].push(measure(command, input)));
  return out;
}

/** A speed-up figure: the baseline's median wall over the figure's, against a target at least `target`. */
function speedup(name: string, costs: Cost[], baseline: Cost[], baselineName: string, target: number): BenchFigure {
  const value = median(costs.map((c) => c.wallMs));
  const base = median(baseline.map((c) => c.wallMs));
  const ratio = Number((base / value).toFixed(2));
  return { name, value: Math.round(value), unit: 'ms wall', baseline: { name: baselineName, value: Math.round(base), unit: 'ms wall' }, ratio, target: `speed-up ≥ ${target}×`, pass: ratio >= target };
}

const load = (when: string): BenchFigure => ({ name: `load average (1 min) ${when}, ${availableParallelism()} cores`, value: Number(loadavg()[0].toFixed(2)), unit: 'runnable' });

export const threadsBench: Bench = {
  name: 'threads',
  description: `-T scaling: encode/decode of ${TIMES}× Brown and training extraction of ${TRAIN_TIMES}× Brown with 2 threads beside 1, per-worker memory, one sentence with -T 0`,
  async run(): Promise<BenchFigure[]> {
    const figures: BenchFigure[] = [load('before')];
    const sentences: string[] = [];
    for await (const s of readBrown()) sentences.push(s.text);
    const brown = sentences.join('\n') + '\n';
    const dir = await mkdtemp(path.join(tmpdir(), 'skillzip-bench-threads-'));
    try {
      const sentence = path.join(dir, 'sentence.txt');
      await writeFile(sentence, 'The jury praised the handling of the election.\n');
      const [one, all] = interleaved(
        [
          [process.execPath, CLI, 'encode', '-q', '-T', '1'],
          [process.execPath, CLI, 'encode', '-q', '-T', '0'],
        ],
        sentence,
        Math.max(5, REPEATS),
      );
      const sentenceRatio = Number((median(all.map((c) => c.wallMs)) / median(one.map((c) => c.wallMs))).toFixed(2));
      figures.push({
        name: 'one sentence encode -T 0',
        value: Math.round(median(all.map((c) => c.wallMs))),
        unit: 'ms wall',
        baseline: { name: 'encode -T 1', value: Math.round(median(one.map((c) => c.wallMs))), unit: 'ms wall' },
        ratio: sentenceRatio,
        target: '≤ 1.1× -T 1',
        pass: sentenceRatio <= 1.1,
      });

      const big = path.join(dir, 'brown-repeated.txt');
      await writeRepeated(big, brown, TIMES);
      const skz = `${big}.skz`;
      const made = spawnSync('bash', ['-c', `'${process.execPath}' '${CLI}' encode -q < '${big}' > '${skz}'`], { stdio: 'inherit' });
      if (made.status !== 0) throw new Error(`encoding ${big} failed (exit ${made.status})`);
      const [enc1, enc2] = interleaved([1, 2].map((t) => [process.execPath, CLI, 'encode', '-q', '-T', String(t)]), big, REPEATS);
      figures.push(speedup(`${TIMES}× Brown encode -T 2`, enc2, enc1, 'encode -T 1', 1.6));
      const [dec1, dec2] = interleaved([1, 2].map((t) => [process.execPath, CLI, 'decode', '-q', '--format', 'text', '-T', String(t)]), skz, REPEATS);
      figures.push(speedup(`${TIMES}× Brown decode to text -T 2`, dec2, dec1, 'decode -T 1', 1.6));
      for (const command of ['encode', 'decode'] as const) {
        const input = command === 'encode' ? big : skz;
        const args = command === 'encode' ? ['encode', '-q'] : ['decode', '-q', '--format', 'text'];
        const rss1 = peakRssMb([process.execPath, CLI, ...args, '-T', '1'], input);
        const rss2 = peakRssMb([process.execPath, CLI, ...args, '-T', '2'], input);
        if (rss1 !== null && rss2 !== null) {
          figures.push({ name: `${command} -T 2: memory per worker (peak RSS − that of -T 1, halved)`, value: Math.round((rss2 - rss1) / 2), unit: 'MB', baseline: { name: `${command} -T 1 peak RSS`, value: Math.round(rss1), unit: 'MB' } });
        }
      }
      await rm(big);
      await rm(skz);

      const texts = Array.from({ length: TRAIN_TIMES }, () => sentences).flat();
      const extraction = async (threads: number): Promise<number> => {
        const start = performance.now();
        await trainPart(texts, { threads });
        return performance.now() - start;
      };
      const train1: number[] = [];
      const train2: number[] = [];
      for (let i = 0; i < REPEATS; i++) {
        train1.push(await extraction(1));
        train2.push(await extraction(2));
      }
      const ratio = Number((median(train1) / median(train2)).toFixed(2));
      figures.push({
        name: `${TRAIN_TIMES}× Brown training extraction, 2 threads`,
        value: Math.round(median(train2)),
        unit: 'ms wall',
        baseline: { name: '1 thread', value: Math.round(median(train1)), unit: 'ms wall' },
        ratio,
        target: 'speed-up ≥ 1.5×',
        pass: ratio >= 1.5,
      });
      figures.push(load('after'));
      return figures;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
