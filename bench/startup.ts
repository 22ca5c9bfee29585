// Start-up cost: whole processes of the built CLI encoding one sentence and decoding it again, beside
// `node -e 0` measured in the same run. The runs are interleaved (baseline, encode, decode, baseline, …) so that the
// machine's load falls on all three alike, and each figure is the median of the repeats. CPU time (user + sys) is
// the children's, as bash's `times` reports it (millisecond resolution); wall time includes the same bash wrapper for
// all three. Target: one sentence encoded, and decoded, in at most 3× the CPU of `node -e 0`. The same commands of the
// unbundled build (dist/cli/bin.js, tsc's output) are measured beside the shipped bundle (dist/bundle/skillzip.js,
// scripts/bundle-cli.ts), to show what the bundle saves.

import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bench, BenchFigure } from './harness.js';
import { figure, measure, type Cost } from './process-cost.js';

const CLI = fileURLToPath(new URL('../bundle/skillzip.js', import.meta.url));
const UNBUNDLED = fileURLToPath(new URL('../cli/bin.js', import.meta.url));
const SENTENCE = 'The jury praised the election\n';
const REPEATS = Number(process.env.SKILLZIP_BENCH_REPEATS ?? 9);

export const startupBench: Bench = {
  name: 'startup',
  description: `one sentence through skillzip encode and decode (whole processes, bundled and not) beside node -e 0, medians of ${REPEATS} interleaved runs`,
  async run(): Promise<BenchFigure[]> {
    const dir = await mkdtemp(path.join(tmpdir(), 'skillzip-bench-startup-'));
    try {
      const text = path.join(dir, 'sentence.txt');
      const stream = path.join(dir, 'sentence.skz');
      await writeFile(text, SENTENCE);
      const encoded = spawnSync(process.execPath, [CLI, 'encode'], { input: SENTENCE });
      if (encoded.status !== 0) throw new Error(`skillzip encode failed: ${encoded.stderr}`);
      await writeFile(stream, encoded.stdout);
      const node: Cost[] = [];
      const encode: Cost[] = [];
      const decode: Cost[] = [];
      const unbundledEncode: Cost[] = [];
      const unbundledDecode: Cost[] = [];
      for (let i = 0; i < REPEATS; i++) {
        node.push(measure([process.execPath, '-e', '0'], text));
        encode.push(measure([process.execPath, CLI, 'encode'], text));
        decode.push(measure([process.execPath, CLI, 'decode'], stream));
        unbundledEncode.push(measure([process.execPath, UNBUNDLED, 'encode'], text));
        unbundledDecode.push(measure([process.execPath, UNBUNDLED, 'decode'], stream));
      }
      return [
        figure('encode one sentence', encode, node, 'cpuMs', 3),
        figure('decode one sentence', decode, node, 'cpuMs', 3),
        figure('encode one sentence', encode, node, 'wallMs'),
        figure('decode one sentence', decode, node, 'wallMs'),
        figure('encode one sentence, bundle', encode, unbundledEncode, 'cpuMs', 1, 'unbundled dist/cli/bin.js'),
        figure('decode one sentence, bundle', decode, unbundledDecode, 'cpuMs', 1, 'unbundled dist/cli/bin.js'),
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
