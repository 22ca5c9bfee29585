// The keyword-extraction baseline of the rate–distortion curve (docs/RATE.md, "TF-IDF keywords at equal bits"): each
// held-out text sends its top-k skills by TF-IDF — tf the skill's occurrences in the text, idf the smoothed inverse
// document frequency over the model's training texts (./fidelity.ts), ties by key — written as a bag of skills (one
// sorted line per text, ./baselines.ts) and coded with brotli -11 as one stream. Unlike skillzip it may send any
// skill, learned or not. To compare at equal bits, the keyword budget is matched to a byte target: with N texts
// and budget u = k·N + m, the first m texts send k + 1 keywords and the rest k; the largest u whose stream fits the
// target is found by bisection (the stream grows with u, up to brotli's small non-monotonic wobbles).

import { bagOfSkills, compress, rateOf, type LosslessMethod, type Rate } from './baselines.js';
import { fidelityOf, type HeldOut } from './held-out.js';
import type { Fidelity } from './fidelity.js';

export const KEYWORD_CODER: LosslessMethod = 'brotli -11';

export interface KeywordPoint {
  /** Every text sends k or k + 1 keywords; the first `extra` texts send k + 1. */
  k: number;
  extra: number;
  rate: Rate;
  fidelity: Fidelity;
}

/** Each text's distinct skills ranked by TF-IDF, highest first, ties by key. */
export function rankKeywords(occurrences: readonly (readonly string[])[], idf: (key: string) => number): string[][] {
  return occurrences.map((keys) => {
    const tf = new Map<string, number>();
    for (const key of keys) tf.set(key, (tf.get(key) ?? 0) + 1);
    const score = (key: string): number => tf.get(key)! * idf(key);
    return [...tf.keys()].sort((a, b) => score(b) - score(a) || (a < b ? -1 : a > b ? 1 : 0));
  });
}

/** The keywords sent at budget u = k·N + m: the first m texts send k + 1, the rest k (or all they have). */
export function keywordsAt(ranked: readonly string[][], budget: number): string[][] {
  const n = ranked.length;
  const k = Math.floor(budget / n);
  const extra = budget - k * n;
  return ranked.map((keys, i) => keys.slice(0, i < extra ? k + 1 : k));
}

/** Bytes of the keyword stream at a budget. */
async function streamBytes(ranked: readonly string[][], budget: number): Promise<number> {
  return (await compress(KEYWORD_CODER, Buffer.from(bagOfSkills(keywordsAt(ranked, budget)).map((line) => line + '\n').join('')))).length;
}

/** The largest budget whose keyword stream takes at most `targetBytes`, by bisection on u ∈ [0, N·(longest + 1)]. */
export async function matchBudget(ranked: readonly string[][], targetBytes: number): Promise<number> {
  const n = ranked.length;
  if (n === 0) return 0;
  let low = 0;
  let high = n * (Math.max(0, ...ranked.map((keys) => keys.length)) + 1);
  if ((await streamBytes(ranked, high)) <= targetBytes) return high;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if ((await streamBytes(ranked, mid)) <= targetBytes) low = mid;
    else high = mid;
  }
  return low;
}

/** TF-IDF keywords of the held-out texts at the byte budget `targetBytes`, with their rate and fidelity. */
export async function keywordsAtBytes(data: HeldOut, ranked: readonly string[][], targetBytes: number): Promise<KeywordPoint> {
  const budget = await matchBudget(ranked, targetBytes);
  const sent = keywordsAt(ranked, budget);
  const fidelity = fidelityOf(data);
  sent.forEach((keys, i) => fidelity.add(i, keys));
  const n = ranked.length;
  return {
    k: n > 0 ? Math.floor(budget / n) : 0,
    extra: n > 0 ? budget % n : 0,
    rate: rateOf(await streamBytes(ranked, budget), data.set),
    fidelity: fidelity.meter.result(),
  };
}
