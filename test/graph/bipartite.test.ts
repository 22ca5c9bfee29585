import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { degreeHistogram, graphFromEdges, graphFromTextLists, transpose, type SkillTextGraph } from '../../src/graph/bipartite.js';
import { InputError } from '../../src/util/errors.js';

function lists(csr: { offsets: Int32Array; targets: Int32Array }): number[][] {
  const out: number[][] = [];
  for (let i = 0; i + 1 < csr.offsets.length; i++) out.push(Array.from(csr.targets.subarray(csr.offsets[i], csr.offsets[i + 1])));
  return out;
}

function edgeSet(graph: SkillTextGraph): string[] {
  return lists(graph.textSkills).flatMap((skills, t) => skills.map((s) => `${s}:${t}`)).sort();
}

const edgeLists = fc
  .record({ skills: fc.integer({ min: 1, max: 12 }), texts: fc.integer({ min: 1, max: 12 }) })
  .chain(({ skills, texts }) =>
    fc.record({
      skills: fc.constant(skills),
      texts: fc.constant(texts),
      edges: fc.array(fc.tuple(fc.integer({ min: 0, max: skills - 1 }), fc.integer({ min: 0, max: texts - 1 })), { maxLength: 60 }),
    }),
  );

describe('skill-text graph in CSR', () => {
  it('builds both directions, sorted and without repeated edges', () => {
    const g = graphFromEdges(3, 2, Int32Array.from([2, 0, 2, 1, 0]), Int32Array.from([0, 0, 0, 1, 1]));
    expect(g.edges).toBe(4);
    expect(lists(g.textSkills)).toEqual([[0, 2], [0, 1]]);
    expect(lists(g.skillTexts)).toEqual([[0, 1], [1], [0]]);
    expect(degreeHistogram(g.skillTexts)).toEqual([0, 2, 1]);
  });

  it('names the edge and the source of an out-of-range index', () => {
    expect(() => graphFromEdges(3, 2, Int32Array.from([0, 3]), Int32Array.from([0, 1]), 'corpus.jsonl')).toThrow(
      new InputError('corpus.jsonl: edge 1 names skill 3, outside 0..2'),
    );
    expect(() => graphFromEdges(3, 2, Int32Array.from([0]), Int32Array.from([-1]))).toThrow(/edge 0 names text -1/);
    expect(() => graphFromEdges(3, 2, Int32Array.from([0]), Int32Array.from([]))).toThrow(InputError);
    expect(() => graphFromTextLists(2, { offsets: Int32Array.from([0, 3]), targets: Int32Array.from([0, 1]) })).toThrow(/text 0/);
  });

  test.prop([edgeLists, fc.integer()])('is the set of the input edges, whatever their order', ({ skills, texts, edges }, seed) => {
    const g = graphFromEdges(skills, texts, Int32Array.from(edges.map((e) => e[0])), Int32Array.from(edges.map((e) => e[1])));
    const expected = [...new Set(edges.map(([s, t]) => `${s}:${t}`))].sort();
    expect(edgeSet(g)).toEqual(expected);
    expect(g.edges).toBe(expected.length);
    // the two directions describe the same edges
    const reverse = lists(g.skillTexts).flatMap((ts, s) => ts.map((t) => `${s}:${t}`)).sort();
    expect(reverse).toEqual(expected);
    // canonical: a shuffled input gives identical arrays
    const shuffled = [...edges];
    let x = seed >>> 0;
    for (let i = shuffled.length - 1; i > 0; i--) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const j = x % (i + 1);
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    const h = graphFromEdges(skills, texts, Int32Array.from(shuffled.map((e) => e[0])), Int32Array.from(shuffled.map((e) => e[1])));
    expect(h.textSkills).toEqual(g.textSkills);
    expect(h.skillTexts).toEqual(g.skillTexts);
    expect(transpose(g.skillTexts, texts)).toEqual(g.textSkills);
  });
});
