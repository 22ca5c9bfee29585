// The benchmark harness: every figure is printed beside a baseline measured in the same run, as a ratio, because
// the machines are noisy. Timings are medians over repeats. Benchmarks never run inside `npm test`.

import { performance } from 'node:perf_hooks';

export interface BenchFigure {
  /** What was measured, e.g. 'peeling, PP d=4 R=2, 10^6 skills'. */
  name: string;
  value: number;
  unit: string;
  /** The same-run baseline this figure is judged against, if any. */
  baseline?: { name: string; value: number; unit: string };
  /** Human-readable target, e.g. '≥ 1e7 edges/s and within 25× of the scatter pass'. */
  target?: string;
  /** Whether the target was met (undefined when the figure has no target). */
  pass?: boolean;
  /** value / baseline.value, or another ratio that the target speaks of. */
  ratio?: number;
}

export interface Bench {
  name: string;
  description: string;
  run(): Promise<BenchFigure[]>;
}

/** Median wall time in milliseconds of `repeats` runs of fn (after one warm-up run). */
export async function medianMs(fn: () => unknown | Promise<unknown>, repeats = 5): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
