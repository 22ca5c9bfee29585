// Whole-process costs for the benchmarks that run the built CLI as a user does (bench/startup.ts, bench/gzip.ts):
// a command run under bash with its wall time and its children's CPU time (user + sys, as bash's `times` reports
// it, millisecond resolution), and a figure as the median of such runs beside the median of a baseline's runs.

import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import type { BenchFigure } from './harness.js';

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
