// One long line against the same bytes as lines: whole `skillzip encode` processes of the built CLI on
// 50 MB of Brown sentences, once as one line (sentences joined by spaces) and once as one sentence a line, in the
// same run. The splitter keeps an unfinished line as a list of chunks joined once, so both should take about the
// same time; before, the single line took 90–108 s and 440 MB against 5 s as lines. SKILLZIP_BENCH_MB scales it.

import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { readBrown } from '../src/corpus/index.js';
import type { Bench, BenchFigure } from './harness.js';

const CLI = fileURLToPath(new URL('../bundle/skillzip.js', import.meta.url));

/** Wall seconds of `skillzip encode FILE` with output thrown away. */
function encodeSeconds(file: string): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, [CLI, 'encode', file], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`skillzip encode ${file} failed: ${run.stderr}`);
  return (performance.now() - start) / 1000;
}

export const linesBench: Bench = {
  name: 'lines',
  description: 'encode 50 MB as one line vs the same bytes as lines (whole processes)',
  async run(): Promise<BenchFigure[]> {
    const megabytes = Number(process.env.SKILLZIP_BENCH_MB ?? 50);
    const sentences: string[] = [];
    for await (const s of readBrown()) sentences.push(s.text);
    const brown = sentences.join('\n');
    const asLines = brown.repeat(Math.ceil((megabytes << 20) / brown.length)).slice(0, megabytes << 20);
    const dir = await mkdtemp(path.join(tmpdir(), 'skillzip-bench-lines-'));
    try {
      const linesFile = path.join(dir, 'lines.txt');
      const oneLineFile = path.join(dir, 'one-line.txt');
      await writeFile(linesFile, asLines);
      await writeFile(oneLineFile, asLines.replace(/\n/g, ' '));
      const lines = encodeSeconds(linesFile);
      const oneLine = encodeSeconds(oneLineFile);
      return [
        {
          name: `encode ${megabytes} MB as one line`,
          value: Number(oneLine.toFixed(2)),
          unit: 's',
          baseline: { name: `the same bytes as ${asLines.split('\n').length} lines`, value: Number(lines.toFixed(2)), unit: 's' },
          ratio: Number((oneLine / lines).toFixed(2)),
          target: 'within 2× of the same bytes as lines',
          pass: oneLine <= 2 * lines,
        },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
