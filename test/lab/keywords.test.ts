// TF-IDF keywords (lab/rate/keywords.ts): the ranking on a hand-worked example, the budget's split into k and k + 1,
// and the equal-rate matching: the budget found fits the byte target and one keyword more would not.
import { describe, expect, it } from 'vitest';
import { bagOfSkills, compress } from '../../lab/rate/baselines.js';
import { inverseDocumentFrequency } from '../../lab/rate/fidelity.js';
import { KEYWORD_CODER, keywordsAt, matchBudget, rankKeywords } from '../../lab/rate/keywords.js';
import { Prng } from '../../src/util/prng.js';

const df: Record<string, number> = { jury: 10, elect: 40, prais: 2, said: 90 };
const idf = inverseDocumentFrequency(100, (k) => df[k] ?? 0);

async function bytesOf(keywords: string[][]): Promise<number> {
  return (await compress(KEYWORD_CODER, Buffer.from(bagOfSkills(keywords).map((l) => l + '\n').join('')))).length;
}

describe('TF-IDF keywords', () => {
  it('oracle: ranks by occurrences × idf, ties by key', () => {
    // idf: prais ln(101/3)+1 = 4.517, jury ln(101/11)+1 = 3.217, elect ln(101/41)+1 = 1.902, said ln(101/91)+1 = 1.104.
    // tf·idf: said ×3 → 3.313 beats jury 3.217; elect ×2 → 3.803; prais 4.517; zz (never seen) ln(101)+1 = 5.615.
    expect(rankKeywords([['said', 'jury', 'said', 'elect', 'prais', 'said', 'elect', 'zz']], idf)).toEqual([['zz', 'prais', 'elect', 'said', 'jury']]);
    expect(rankKeywords([['b', 'a']], () => 1)).toEqual([['a', 'b']]);
  });

  it('a budget u = k·N + m sends k + 1 keywords in the first m texts, k in the rest', () => {
    const ranked = [['a', 'b', 'c'], ['d'], ['e', 'f', 'g']];
    expect(keywordsAt(ranked, 0)).toEqual([[], [], []]);
    expect(keywordsAt(ranked, 4)).toEqual([['a', 'b'], ['d'], ['e']]);
    expect(keywordsAt(ranked, 8)).toEqual([['a', 'b', 'c'], ['d'], ['e', 'f']]);
  });

  it('the matched budget fits the byte target and the next one does not', async () => {
    const prng = new Prng(4);
    const ranked = Array.from({ length: 80 }, () => Array.from({ length: 1 + prng.nextInt(9) }, () => `w${prng.nextInt(400)}`)).map((keys) => [...new Set(keys)]);
    for (const target of [40, 200, 500]) {
      const budget = await matchBudget(ranked, target);
      expect(await bytesOf(keywordsAt(ranked, budget))).toBeLessThanOrEqual(target);
      expect(await bytesOf(keywordsAt(ranked, budget + 1))).toBeGreaterThan(target);
    }
    // A target above the whole bag takes every keyword.
    const all = await matchBudget(ranked, 1 << 20);
    expect(keywordsAt(ranked, all)).toEqual(ranked);
  });
});
