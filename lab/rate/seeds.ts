// Repeating a rate run over seeds (`rate --seeds N`, docs/RATE.md "Uncertainty"): each seed draws its own document
// split, model, subsamples and channels; every number of the report becomes the mean over the seeds with a 95 %
// Student-t interval mean ± t₀.₉₇₅,ₙ₋₁ · s/√n (s the sample standard deviation). The reports of the seeds share one
// shape (the same options give the same lists), so the summary walks them together: numbers are averaged, other
// values (names, ids) are the first seed's, and the interval's bounds are reports of the same shape.

/** t₀.₉₇₅ with ν degrees of freedom, ν = 1..30; 1.96 beyond. */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export interface Interval {
  mean: number;
  low: number;
  high: number;
}

/** Mean and 95 % Student-t interval of `values` (a single value: an interval of width 0). */
export function interval95(values: readonly number[]): Interval {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, low: mean, high: mean };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  const half = (T975[n - 2] ?? 1.96) * Math.sqrt(variance / n);
  return { mean, low: mean - half, high: mean + half };
}

export interface Summary<T> {
  mean: T;
  low: T;
  high: T;
}

/** The mean and the interval's bounds of reports of one shape, leaf by leaf. */
export function summarise<T>(reports: readonly T[]): Summary<T> {
  const walk = (values: readonly unknown[]): Summary<unknown> => {
    const first = values[0];
    const numbers = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (typeof first === 'number' || (first === null && numbers.length > 0)) {
      if (numbers.length === 0) return { mean: first, low: first, high: first };
      const { mean, low, high } = interval95(numbers);
      return { mean, low, high };
    }
    if (Array.isArray(first)) {
      const parts = first.map((_, i) => walk(values.map((v) => (v as unknown[])[i])));
      return { mean: parts.map((p) => p.mean), low: parts.map((p) => p.low), high: parts.map((p) => p.high) };
    }
    if (first !== null && typeof first === 'object') {
      const mean: Record<string, unknown> = {};
      const low: Record<string, unknown> = {};
      const high: Record<string, unknown> = {};
      for (const key of Object.keys(first)) {
        const part = walk(values.map((v) => (v as Record<string, unknown>)[key]));
        mean[key] = part.mean;
        low[key] = part.low;
        high[key] = part.high;
      }
      return { mean, low, high };
    }
    return { mean: first, low: first, high: first };
  };
  return walk(reports) as Summary<T>;
}
