// The one parser of number-list flags (--ratio, --alpha, --scale, --sweep, --erasure, --overhead, --block, --sizes):
// a comma-separated list or a sweep A:B:STEP, each value checked by the flag's own rule, errors naming the flag.

import { UsageError } from '../src/util/errors.js';

/** Most values a list or sweep flag may expand to. */
export const MAX_LIST_VALUES = 100_000;

/**
 * Numbers from a comma-separated list or a sweep A:B:STEP (A ≤ B, STEP > 0, B included when the steps land on it),
 * each checked by `valid` (`rule` says what it wants); `list: false` refuses lists (one value or a sweep only).
 * Errors are UsageErrors naming --`flag`.
 */
export function parseNumberList(spec: string, flag: string, valid: (x: number) => boolean, rule: string, list = true): number[] {
  const usage = new UsageError(`--${flag} '${spec}': expected ${list ? 'a comma-separated list' : 'one number'} or a sweep A:B:STEP, each ${rule}`);
  const range = spec.split(':');
  let values: number[];
  if (range.length === 3) {
    const [a, b, step] = range.map((x) => (x.trim() === '' ? NaN : Number(x)));
    if (!(Number.isFinite(a) && Number.isFinite(b) && step > 0 && b >= a)) throw usage;
    const count = Math.floor((b - a) / step + 1e-9) + 1;
    if (count > MAX_LIST_VALUES) throw new UsageError(`--${flag} '${spec}': ${count} values is more than ${MAX_LIST_VALUES}`);
    // Computed as a + i·step and rounded to 12 significant digits, so 0.1 steps print as 0.3, not 0.30000000000000004.
    values = Array.from({ length: count }, (_, i) => Number((a + i * step).toPrecision(12)));
  } else if (range.length === 1 && (list || !spec.includes(','))) {
    values = spec.split(',').map((x) => (x.trim() === '' ? NaN : Number(x)));
  } else {
    throw usage;
  }
  if (!values.every((x) => Number.isFinite(x) && valid(x))) throw usage;
  return values;
}
