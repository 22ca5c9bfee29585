// Whole-process costs for the benchmarks that run the built CLI as a user does (bench/startup.ts, gzip.ts, threads.ts):
// a command run under bash with its wall time and its children's CPU time (user + sys, as bash's `times` reports
// it, millisecond resolution), and a figure as the median of such runs beside the median of a baseline's runs.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { BenchFigure } from './harness.js';

const GNU_TIME = '/usr/bin/time';

export interface Cost {
  wallMs: number;
  cpuMs: number;
}

/** Seconds in bash's `times` notation (0m0.043s) as milliseconds. */
function timesMs(text: string): number {
  const match = /^(\d+)m([\d.]+)s$/.exec(text);
  if (!match) throw new Error(`unexpected times output: ${text}`);
  return (Number(match[1]) * 60 + Number(match[2])) * 1000;
}

/** Runs `command` (argv, stdin from `input`) under bash, output discarded; its wall and children's CPU time. */
export function measure(command: string[], input: string): Cost {
  const quoted = command.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const script = `${quoted} < '${input}' > /dev/null || exit $?; times >&2`;
  const start = performance.now();
  const run = spawnSync('bash', ['-c', script], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const wallMs = performance.now() - start;
  if (run.status !== 0) throw new Error(`${command.join(' ')} failed (exit ${run.status}): ${run.stderr}`);
  const children = run.stderr.trim().split('\n').at(-1)!.trim().split(/\s+/);
  return { wallMs, cpuMs: timesMs(children[0]) + timesMs(children[1]) };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function figure(name: string, costs: Cost[], baseline: Cost[], key: keyof Cost, target?: number, baselineName = 'node -e 0'): BenchFigure {
  const value = median(costs.map((c) => c[key]));
  const base = median(baseline.map((c) => c[key]));
  const ratio = Number((value / base).toFixed(2));
  const what = key === 'cpuMs' ? 'CPU (user+sys)' : 'wall';
  return {
    name: `${name}, ${what}`,
    value: Number(value.toFixed(1)),
    unit: 'ms',
    baseline: { name: `${baselineName}, ${what}`, value: Number(base.toFixed(1)), unit: 'ms' },
    ratio,
    ...(target === undefined ? {} : { target: `≤ ${target}× ${baselineName}`, pass: ratio <= target }),
  };
}

/** Peak RSS in MB of one run of `command` (stdin from `input`, output discarded), or null without GNU time. */
export function peakRssMb(command: string[], input: string): number | null {
  if (!existsSync(GNU_TIME)) return null;
  const run = spawnSync('bash', ['-c', `"$@" < '${input}' > /dev/null`, 'bash', GNU_TIME, '-f', '%M', ...command], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (run.status !== 0) throw new Error(`${command.join(' ')} failed (exit ${run.status}): ${run.stderr}`);
  return Number(run.stderr.trim().split('\n').at(-1)) / 1024;
}

/** Writes `text` `times` times to `file` without holding the repeated text in memory (the N× corpora). */
export async function writeRepeated(file: string, text: string, times: number): Promise<void> {
  const handle = await open(file, 'w');
  try {
    for (let i = 0; i < times; i++) await handle.write(text);
  } finally {
    await handle.close();
  }
}
