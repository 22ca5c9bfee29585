import { describe, expect, it } from 'vitest';
import { agGraph, configurationGraph, irsaGraph, ppGraph } from '../../src/graph/random.js';
import { degreeHistogram, type Csr } from '../../src/graph/bipartite.js';
import { Prng } from '../../src/util/prng.js';
import { InputError } from '../../src/util/errors.js';

/** An FNV-1a digest of the arrays, to pin the exact graph a seed gives on every machine. */
function digest(csr: Csr): number {
  let h = 0x811c9dc5;
  for (const a of [csr.offsets, csr.targets]) for (let i = 0; i < a.length; i++) h = Math.imul(h ^ a[i], 0x01000193) >>> 0;
  return h;
}

function meanAndVariance(csr: Csr): [number, number] {
  const n = csr.offsets.length - 1;
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const k = csr.offsets[i + 1] - csr.offsets[i];
    s += k;
    s2 += k * k;
  }
  return [s / n, s2 / n - (s / n) ** 2];
}

function distinctLists(csr: Csr): boolean {
  for (let i = 0; i + 1 < csr.offsets.length; i++) {
    const list = csr.targets.subarray(csr.offsets[i], csr.offsets[i + 1]);
    if (new Set(list).size !== list.length) return false;
  }
  return true;
}

describe('random skill-text graphs', () => {
  it('the same seed gives the same graph (pinned digest), another seed another graph', () => {
    const a = ppGraph(1000, 2, 4, new Prng(1));
    expect(ppGraph(1000, 2, 4, new Prng(1))).toEqual(a);
    expect(digest(a.textSkills)).not.toBe(digest(ppGraph(1000, 2, 4, new Prng(2)).textSkills));
    expect(digest(a.textSkills)).toBe(749661285); // recorded once; any change of a draw's order changes it
  });

  it('IRSA view: every skill has its drawn degree in distinct texts; texts are Poisson(Λ\'(1)/R)', () => {
    const g = irsaGraph(50_000, 40_000, () => 3, new Prng(3));
    expect(degreeHistogram(g.skillTexts)).toEqual([0, 0, 0, 50_000]);
    expect(distinctLists(g.skillTexts)).toBe(true);
    const [mean, variance] = meanAndVariance(g.textSkills);
    expect(mean).toBeCloseTo(3.75, 10);
    expect(Math.abs(variance - 3.75 * (1 - 1 / 40_000))).toBeLessThan(0.1);
    // both directions hold the same edges
    expect(g.textSkills.offsets[g.texts]).toBe(g.edges);
  });

  it('AG / PP view: texts Poisson(d) with distinct skills, skills Poisson(d·R)', () => {
    const g = ppGraph(50_000, 1.5, 4, new Prng(4));
    expect(g.texts).toBe(75_000);
    expect(distinctLists(g.textSkills)).toBe(true);
    const [tm, tv] = meanAndVariance(g.textSkills);
    expect(Math.abs(tm - 4)).toBeLessThan(0.03);
    expect(Math.abs(tv - 4)).toBeLessThan(0.15);
    const [sm, sv] = meanAndVariance(g.skillTexts);
    expect(Math.abs(sm - 6)).toBeLessThan(0.05);
    expect(Math.abs(sv - 6)).toBeLessThan(0.2);
  });

  it('configuration model: both degree sequences as drawn, up to the unmatched surplus and repeats', () => {
    const g = configurationGraph(20_000, 30_000, () => 3, () => 2, new Prng(5));
    const skillHist = degreeHistogram(g.skillTexts);
    expect(skillHist[3]).toBeGreaterThan(20_000 * 0.999);
    expect(degreeHistogram(g.textSkills)[2]).toBeGreaterThan(30_000 * 0.999);
  });

  it('rejects degrees that cannot be drawn without repeats', () => {
    expect(() => irsaGraph(10, 2, () => 3, new Prng(1))).toThrow(InputError);
    expect(() => agGraph(10, 5, () => -1, new Prng(1))).toThrow(/drew degree -1/);
  });
});
