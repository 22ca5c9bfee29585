import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { associationComponents } from '../../src/graph/association.js';
import { graphFromTextLists } from '../../src/graph/bipartite.js';
import { agGraph, irsaGraph } from '../../src/graph/random.js';
import { DegreeDistribution, parseDegreeSpec } from '../../src/theory/degree.js';
import { giantOfUniform } from '../../src/theory/percolation.js';
import { Prng } from '../../src/util/prng.js';

function textCsr(lists: number[][]): { offsets: Int32Array; targets: Int32Array } {
  const offsets = new Int32Array(lists.length + 1);
  lists.forEach((l, i) => (offsets[i + 1] = offsets[i] + l.length));
  return { offsets, targets: Int32Array.from(lists.flat()) };
}

/** Components by depth-first search over explicit association edges: the reference. */
function referenceComponents(skills: number, lists: number[][], occupied: boolean[]): number[] {
  const adjacent: number[][] = Array.from({ length: skills }, () => []);
  for (const list of lists) {
    const on = list.filter((s) => occupied[s]);
    for (const a of on) for (const b of on) if (a !== b) adjacent[a].push(b);
  }
  const seen = new Array<boolean>(skills).fill(false);
  const sizes: number[] = [];
  for (let s = 0; s < skills; s++) {
    if (!occupied[s] || seen[s]) continue;
    let size = 0;
    const stack = [s];
    seen[s] = true;
    while (stack.length) {
      const x = stack.pop()!;
      size++;
      for (const y of adjacent[x]) if (!seen[y]) stack.push(y), (seen[y] = true);
    }
    sizes.push(size);
  }
  return sizes.sort((a, b) => b - a);
}

describe('association-graph components', () => {
  it('joins occupied skills through shared texts, and only those', () => {
    // texts {0,1}, {1,2}, {3,4}; skill 1 unoccupied cuts 0 from 2
    const csr = textCsr([[0, 1], [1, 2], [3, 4]]);
    const r = associationComponents(csr, Uint8Array.from([1, 0, 1, 1, 1, 0]));
    expect(r.components).toBe(3);
    expect(r.largest).toBe(2);
    expect(r.giantFraction).toBeCloseTo(2 / 6, 12);
    expect(r.componentOf[1]).toBe(-1);
    expect(r.componentOf[3]).toBe(r.componentOf[4]);
    expect(r.componentOf[0]).not.toBe(r.componentOf[2]);
  });

  test.prop([
    fc.integer({ min: 1, max: 20 }).chain((skills) =>
      fc.record({
        skills: fc.constant(skills),
        lists: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: skills - 1 }), { maxLength: 4 }), { maxLength: 15 }),
        occupied: fc.array(fc.boolean(), { minLength: skills, maxLength: skills }),
      }),
    ),
  ])('matches a depth-first search over the explicit association edges', ({ skills, lists, occupied }) => {
    const r = associationComponents(graphFromTextLists(skills, textCsr(lists)).textSkills, Uint8Array.from(occupied.map(Number)));
    const sizes = referenceComponents(skills, lists, occupied);
    expect(r.components).toBe(sizes.length);
    expect(r.largest).toBe(sizes[0] ?? 0);
  });

  it('independently occupied sites of an IRSA x^3 graph percolate as the uniform-occupation theory says (§7)', () => {
    const skills = 100_000;
    const g = irsaGraph(skills, skills, () => 3, new Prng(12)); // R = 1: texts Poisson(3)
    const rng = new Prng(13);
    for (const phi of [0.22, 0.4]) {
      const occupied = Uint8Array.from({ length: skills }, () => (rng.next() < phi ? 1 : 0));
      const theory = giantOfUniform(parseDegreeSpec('x^3'), DegreeDistribution.poisson(3), phi).giant;
      expect(theory).toBeGreaterThan(0.1);
      expect(Math.abs(associationComponents(g.textSkills, occupied).giantFraction - theory)).toBeLessThan(0.01);
    }
  });

  it('texts of two skills make a one-mode Poisson(2) graph: giant fraction 0.796812 (THEORY.md §7)', () => {
    const skills = 100_000;
    const g = agGraph(skills, skills, () => 2, new Prng(11));
    const r = associationComponents(g.textSkills, new Uint8Array(skills).fill(1));
    expect(Math.abs(r.giantFraction - 0.796812)).toBeLessThan(0.01);
  });
});
