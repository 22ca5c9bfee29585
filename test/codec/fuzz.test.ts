// A few hundred cases of bench/fuzz.ts (mutated compact and robust streams: bit and byte flips, truncations,
// insertions, deletions, frame swaps, concatenations, random chunks, with and without skipBad) so that CI catches
// a crash, a hang or a wrong record; `npm run bench fuzz` runs 100 000.
import { expect, it } from 'vitest';
import { fuzz } from '../../bench/fuzz.js';

it('mutated streams give clean errors and right (or flagged partial) records only', async () => {
  const result = await fuzz(400, 11);
  expect(result.failures).toEqual([]);
  expect(result.cases).toBe(400);
  expect(result.errors).toBeGreaterThan(0);
  expect(result.records).toBeGreaterThan(0);
}, 120_000);
