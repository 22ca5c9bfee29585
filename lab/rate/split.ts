// The seeded train / held-out split of a rate run: by document, so that every record of a document lands
// on the same side and the held-out texts come from documents the model never saw (for Brown: 90% of the 500
// documents train, 10% are held out). Documents are sorted, then shuffled with the project's seeded Prng, so the
// same corpus and seed give the same split on every machine. Records without a document are their own document.

import { Prng } from '../../src/util/prng.js';

export interface SplittableRecord {
  id: string;
  text: string;
  document?: string;
}

export interface Split<R> {
  train: R[];
  test: R[];
  trainDocuments: number;
  testDocuments: number;
}

/**
 * Splits `records` by document: round(trainFraction · D) documents (at least one on each side when D ≥ 2) train,
 * the rest are held out. Records keep their input order on each side.
 */
export function splitByDocument<R extends SplittableRecord>(records: readonly R[], trainFraction: number, seed: number): Split<R> {
  if (!(trainFraction > 0 && trainFraction < 1)) throw new RangeError(`train fraction must lie strictly between 0 and 1, got ${trainFraction}`);
  const documentOf = (r: R): string => r.document ?? r.id;
  const documents = [...new Set(records.map(documentOf))].sort();
  new Prng(seed).shuffle(documents);
  const count = documents.length < 2 ? documents.length : Math.min(documents.length - 1, Math.max(1, Math.round(trainFraction * documents.length)));
  const trainSet = new Set(documents.slice(0, count));
  const train: R[] = [];
  const test: R[] = [];
  for (const r of records) (trainSet.has(documentOf(r)) ? train : test).push(r);
  return { train, test, trainDocuments: count, testDocuments: documents.length - count };
}

/**
 * A seeded subsample holding round(fraction · n) of the records: the first ones of a seeded permutation, kept in
 * input order, as the trainer's emergence sweep draws its texts (src/model/train.ts), so the same seed gives nested
 * subsamples as the fraction grows.
 */
export function subsample<R>(records: readonly R[], fraction: number, seed: number): R[] {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`subsample fraction must lie in (0, 1], got ${fraction}`);
  const permutation = new Prng(seed).shuffle(Int32Array.from({ length: records.length }, (_, i) => i));
  return Array.from(permutation.subarray(0, Math.round(fraction * records.length)).sort(), (i) => records[i]);
}
