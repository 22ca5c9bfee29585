// The simulator at scale: SCNS peeling throughput on a 10^6-skill PP d = 4, R = 2 graph beside a scatter
// pass over the same arrays in the same run (the same count decrements and XORs, in skill order, no queue), timed by
// the wall clock and by CPU time (which leaves out waiting for a core on a busy shared machine), and beside the plain
// C queue peeler of bench/peel-reference.c on the same graph (built with the system cc; "no cc" without one); the
// time of the DE thresholds beside one DE fixed point; and the largest simulated graph (10^7 skills, 8×10^7 edges)
// with its peak memory beside the bytes of its CSR arrays, and its peeling beside the C peeler again.

import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ppGraph } from '../src/graph/random.js';
import type { SkillTextGraph } from '../src/graph/bipartite.js';
import { peel, textCountsAndXors } from '../src/learn/peel.js';
import { ensembleFromSpecs } from '../src/theory/ensemble.js';
import { evolve } from '../src/theory/de.js';
import { jump, threshold } from '../src/theory/thresholds.js';
import { Prng } from '../src/util/prng.js';
import { medianMs, peakRssMb, type Bench, type BenchFigure } from './harness.js';

const ONE_SKILL = Float64Array.of(1);

/** The peeling engine's work on a graph, from the per-text counts and XORs it starts with. */
function peelOnce(graph: SkillTextGraph, counts: Int32Array, xors: Int32Array): number {
  return peel({ skills: graph.skills, counts, xors, textsOf: graph.skillTexts, skillsOf: graph.textSkills }, { phi: ONE_SKILL }).learnedCount;
}

/** The baseline: copy the counts and XORs, then cancel every skill from its texts in skill order. */
function scatterOnce(graph: SkillTextGraph, counts: Int32Array, xors: Int32Array): number {
  const count = counts.slice();
  const xor = xors.slice();
  const { offsets, targets } = graph.skillTexts;
  for (let s = 0; s < graph.skills; s++) {
    for (let e = offsets[s], end = offsets[s + 1]; e < end; e++) {
      const t = targets[e];
      count[t]--;
      xor[t] ^= s;
    }
  }
  return count[0] + xor[0];
}

/** Median CPU time (user + system, ms) of `repeats` runs after a warm-up: on a shared machine, unlike wall time, it
 * does not count the time the process waits for a core. */
function medianCpuMs(fn: () => unknown, repeats: number): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(repeats / 2)];
}

const C_SOURCE = fileURLToPath(new URL('../../bench/peel-reference.c', import.meta.url));

/** The C peeler compiled into `dir`, or undefined when the system has no working cc. */
function compileReference(dir: string): string | undefined {
  const binary = path.join(dir, 'peel-reference');
  const cc = spawnSync('cc', ['-O2', '-o', binary, C_SOURCE], { encoding: 'utf8' });
  if (cc.error || cc.status !== 0) return undefined;
  return binary;
}

/** Median wall and CPU ms of one peel of `graph` by the C reference over `repeats` runs (plus a warm-up), and the skills it learned. */
function referencePeel(binary: string, dir: string, graph: SkillTextGraph, counts: Int32Array, xors: Int32Array, repeats: number): { wallMs: number; cpuMs: number; learned: number } {
  const file = path.join(dir, 'graph.bin');
  const parts = [Int32Array.of(graph.skills, graph.texts, graph.edges), graph.skillTexts.offsets, graph.skillTexts.targets, counts, xors];
  const fd = openSync(file, 'w');
  try {
    for (const a of parts) writeSync(fd, new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  } finally {
    closeSync(fd);
  }
  try {
    const run = spawnSync(binary, [file, String(repeats)], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`peel-reference failed (exit ${run.status}): ${run.stderr}`);
    return JSON.parse(run.stdout) as { wallMs: number; cpuMs: number; learned: number };
  } finally {
    rmSync(file, { force: true });
  }
}

/** The engine's speed as a fraction of the C peeler's (C time / engine time, CPU), or a "no cc" figure. */
function againstC(label: string, binary: string | undefined, dir: string, graph: SkillTextGraph, counts: Int32Array, xors: Int32Array, engineCpuMs: number, learned: number, repeats: number): BenchFigure {
  const name = `${label}: engine speed as a fraction of the C queue peeler's, CPU time`;
  if (!binary) return { name, value: NaN, unit: '× C', target: 'no cc' };
  const c = referencePeel(binary, dir, graph, counts, xors, repeats);
  if (c.learned !== learned) throw new Error(`the C peeler learned ${c.learned} skills, the engine ${learned}`);
  const ratio = Number((c.cpuMs / engineCpuMs).toFixed(3));
  return {
    name,
    value: ratio,
    unit: '× C',
    baseline: { name: `C peeler (cc -O2), ${(graph.edges / (c.cpuMs / 1000) / 1e6).toFixed(1)} M edges/s`, value: Number(c.cpuMs.toFixed(1)), unit: 'ms CPU per peel' },
    ratio,
    target: '≥ 0.75× the C peeler',
    pass: ratio >= 0.75,
  };
}

async function throughput(dir: string, binary: string | undefined): Promise<BenchFigure[]> {
  const graph = ppGraph(1_000_000, 2, 4, new Prng(1));
  const { counts, xors } = textCountsAndXors(graph.textSkills);
  let learned = 0;
  const figures: BenchFigure[] = [];
  let engineCpuMs = NaN;
  for (const [clock, measure] of [
    ['wall', (fn: () => unknown) => medianMs(fn, 7)],
    ['CPU', (fn: () => unknown) => medianCpuMs(fn, 7)],
  ] as const) {
    const peelMs = await measure(() => (learned = peelOnce(graph, counts, xors)));
    const scatterMs = await measure(() => scatterOnce(graph, counts, xors));
    if (clock === 'CPU') engineCpuMs = peelMs;
    const rate = graph.edges / (peelMs / 1000);
    const slowdown = peelMs / scatterMs;
    figures.push({
      name: `SCNS peeling, PP d=4 R=2, 10^6 skills, ${graph.edges} edges (learned ${(learned / graph.skills).toFixed(5)}), ${clock} time`,
      value: rate,
      unit: 'edges/s',
      baseline: { name: 'scatter pass over the same arrays', value: graph.edges / (scatterMs / 1000), unit: 'edges/s' },
      ratio: slowdown,
      target: '≥ 1e7 edges/s and within 25× of the scatter pass',
      pass: rate >= 1e7 && slowdown <= 25,
    });
  }
  figures.push(againstC(`SCNS peeling, PP d=4 R=2, 10^6 skills`, binary, dir, graph, counts, xors, engineCpuMs, learned, 7));
  return figures;
}

async function thresholdTimes(): Promise<BenchFigure[]> {
  const liva8 = ensembleFromSpecs({ skillDegree: 'liva8' });
  const pp4 = ensembleFromSpecs({ pp: 4 });
  let found = 0;
  const thresholdMs = await medianMs(() => (found = threshold(liva8)?.load ?? NaN), 5);
  const jumpMs = await medianMs(() => jump(pp4), 3);
  const oneDeMs = await medianMs(() => evolve(liva8, 1.2), 5);
  const baseline = { name: 'one DE fixed point (liva8, R = 1.2)', value: oneDeMs, unit: 'ms' };
  return [
    { name: `DE threshold G* of liva8 (${found.toFixed(6)})`, value: thresholdMs, unit: 'ms', baseline, ratio: thresholdMs / oneDeMs },
    { name: 'DE jump R_c of PP d=4 (numerical bisection)', value: jumpMs, unit: 'ms', baseline, ratio: jumpMs / oneDeMs },
  ];
}

function largestGraph(dir: string, binary: string | undefined): BenchFigure[] {
  const start = performance.now();
  const graph = ppGraph(10_000_000, 2, 4, new Prng(2));
  const built = performance.now();
  const { counts, xors } = textCountsAndXors(graph.textSkills);
  const learned = peelOnce(graph, counts, xors);
  const peeled = performance.now();
  const peakMb = peakRssMb();
  let repeatedLearned = 0;
  const engineCpuMs = medianCpuMs(() => (repeatedLearned = peelOnce(graph, counts, xors)), 3);
  const arrayMb = (4 * (2 * graph.edges + graph.skills + graph.texts + 2)) / 2 ** 20;
  return [
    {
      name: `largest simulated graph: ${graph.skills} skills, ${graph.texts} texts, ${graph.edges} edges (learned ${(learned / graph.skills).toFixed(5)})`,
      value: peakMb,
      unit: 'MB peak RSS',
      baseline: { name: 'bytes of its two CSR directions', value: arrayMb, unit: 'MB' },
      ratio: peakMb / arrayMb,
      target: '10^7 skills with 8×10^7 edges in < 4 GB',
      pass: peakMb < 4096 && graph.edges >= 7.9e7,
    },
    { name: 'largest graph: build (draws + transpose)', value: (built - start) / 1000, unit: 's' },
    { name: 'largest graph: peel', value: graph.edges / ((peeled - built) / 1000), unit: 'edges/s' },
    againstC('largest graph', binary, dir, graph, counts, xors, engineCpuMs, repeatedLearned, 3),
  ];
}

export const peelBench: Bench = {
  name: 'peel',
  description: 'SCNS peeling throughput vs a scatter pass and a C queue peeler, DE threshold time, the largest simulated graph and its memory',
  async run() {
    const dir = mkdtempSync(path.join(tmpdir(), 'skillzip-bench-peel-'));
    try {
      const binary = compileReference(dir);
      return [...(await throughput(dir, binary)), ...(await thresholdTimes()), ...largestGraph(dir, binary)];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
