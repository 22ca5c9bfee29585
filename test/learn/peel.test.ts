import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { graphFromEdges, graphFromTextLists, type SkillTextGraph } from '../../src/graph/bipartite.js';
import { fullyCoveredTexts, peel, peelGraph, SILENT_TEXT, textCountsAndXors } from '../../src/learn/peel.js';
import { Prng } from '../../src/util/prng.js';
import { InputError } from '../../src/util/errors.js';

const oneSkill = Float64Array.from([1]);
const kSkill = (k: number): Float64Array => new Float64Array(k).fill(1);

function graphOf(skills: number, textLists: number[][]): SkillTextGraph {
  const offsets = Int32Array.from([0, ...textLists.map((_, i) => textLists.slice(0, i + 1).flat().length)]);
  return graphFromTextLists(skills, { offsets, targets: Int32Array.from(textLists.flat()) });
}

/** Synchronous peeling straight from THEORY.md §2: every round, every text with 1 ≤ m ≤ K novel skills teaches them. */
function referencePeel(textLists: number[][], k: number, known: boolean[]): number[] {
  const round = known.map((x): number => (x ? 0 : -1));
  for (let r = 1; ; r++) {
    const taught = new Set<number>();
    for (const list of textLists) {
      const novel = [...new Set(list)].filter((s) => round[s] < 0);
      if (novel.length >= 1 && novel.length <= k) novel.forEach((s) => taught.add(s));
    }
    if (taught.size === 0) return round;
    taught.forEach((s) => (round[s] = r));
  }
}

const smallGraphs = fc
  .record({ skills: fc.integer({ min: 1, max: 15 }), texts: fc.integer({ min: 0, max: 20 }) })
  .chain(({ skills, texts }) =>
    fc.record({
      skills: fc.constant(skills),
      textLists: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: skills - 1 }), { maxLength: 5 }), { minLength: texts, maxLength: texts }),
      known: fc.array(fc.integer({ min: 0, max: 4 }).map((x) => x === 0), { minLength: skills, maxLength: skills }),
      k: fc.integer({ min: 1, max: 4 }),
      seed: fc.integer(),
    }),
  );

describe('SCNS peeling engine', () => {
  it('peels a chain one round at a time and leaves a 2-cycle alone', () => {
    // text 0 = {0}, text 1 = {0,1}, text 2 = {1,2}; skills 3,4 only appear together twice
    const g = graphOf(5, [[0], [0, 1], [1, 2], [3, 4], [3, 4]]);
    const r = peelGraph(g, { phi: oneSkill });
    expect(Array.from(r.round)).toEqual([1, 2, 3, -1, -1]);
    expect(Array.from(r.learned)).toEqual([1, 1, 1, 0, 0]);
    expect(r.learnedCount).toBe(3);
    expect(r.rounds).toBe(3);
    expect(Array.from(r.residualCounts)).toEqual([0, 0, 0, 2, 2]);
    expect(Array.from(r.residualXors)).toEqual([0, 0, 0, 3 ^ 4, 3 ^ 4]);
    expect(Array.from(fullyCoveredTexts(g.textSkills, r.learned))).toEqual([1, 1, 1, 0, 0]);
    // the 2-skill learner also learns the pair; a known skill 3 unlocks it for the 1-skill learner
    expect(Array.from(peelGraph(g, { phi: kSkill(2) }).round)).toEqual([1, 1, 1, 1, 1]);
    const known = Uint8Array.from([0, 0, 0, 1, 0]);
    expect(Array.from(peelGraph(g, { phi: oneSkill, known }).round)).toEqual([1, 2, 3, 0, 1]);
  });

  test.prop([smallGraphs])('learns exactly what a brute-force synchronous peeler learns, in the same rounds', ({ skills, textLists, known, k }) => {
    const g = graphOf(skills, textLists);
    const knownFlags = Uint8Array.from(known.map(Number));
    for (const phi of [oneSkill, kSkill(k)]) {
      const r = peelGraph(g, { phi, known: knownFlags });
      const expected = referencePeel(textLists, phi.length, known);
      expect(Array.from(r.round)).toEqual(expected);
      expect(Array.from(r.learned)).toEqual(expected.map((x) => (x >= 0 ? 1 : 0)));
      expect(r.learnedCount).toBe(expected.filter((x) => x > 0).length);
      expect(Array.from(fullyCoveredTexts(g.textSkills, r.learned))).toEqual(Array.from(r.residualCounts, (c) => (c === 0 ? 1 : 0)));
    }
  });

  test.prop([smallGraphs])('does not depend on the order texts are queued or numbered', ({ skills, textLists, known, k, seed }) => {
    const g = graphOf(skills, textLists);
    const knownFlags = Uint8Array.from(known.map(Number));
    const rng = new Prng(seed);
    const order = rng.shuffle(Int32Array.from(textLists.keys()));
    const relabel = rng.shuffle(Int32Array.from({ length: skills }, (_, i) => i));
    const renamed = graphOf(skills, Array.from(order, (t) => textLists[t].map((s) => relabel[s])));
    const renamedKnown = new Uint8Array(skills);
    knownFlags.forEach((x, s) => (renamedKnown[relabel[s]] = x));
    for (const phi of [oneSkill, kSkill(k)]) {
      const base = peelGraph(g, { phi, known: knownFlags });
      expect(peelGraph(g, { phi, known: knownFlags, order }).round).toEqual(base.round);
      const other = peelGraph(renamed, { phi, known: renamedKnown });
      expect(Array.from(base.round, (_, s) => other.round[relabel[s]])).toEqual(Array.from(base.round));
    }
  });

  test.prop([smallGraphs])('the K-skill learner learns every skill the 1-skill learner learns, no later', ({ skills, textLists, k }) => {
    const g = graphOf(skills, textLists);
    const one = peelGraph(g, { phi: oneSkill });
    const many = peelGraph(g, { phi: kSkill(k) });
    for (let s = 0; s < skills; s++) {
      if (one.learned[s]) {
        expect(many.learned[s]).toBe(1);
        expect(many.round[s]).toBeLessThanOrEqual(one.round[s]);
      }
    }
  });

  test.prop([smallGraphs])('gives the same result when a callback lists the texts of a skill (robust decoder)', ({ skills, textLists }) => {
    const g = graphOf(skills, textLists);
    const { counts, xors } = textCountsAndXors(g.textSkills);
    const textsOf = (s: number): Int32Array => g.skillTexts.targets.slice(g.skillTexts.offsets[s], g.skillTexts.offsets[s + 1]);
    const dense = peelGraph(g, { phi: oneSkill });
    expect(peel({ skills, counts, xors, textsOf }, { phi: oneSkill })).toEqual(dense);
    // sparse: nothing per skill, the same skills in the same order, the same residuals
    const sparse = peel({ skills, counts, xors, textsOf }, { phi: oneSkill, sparse: true });
    expect(sparse.learned.length + sparse.round.length).toBe(0);
    expect(sparse.learnedSkills).toEqual(dense.learnedSkills);
    expect(sparse.residualCounts).toEqual(dense.residualCounts);
    expect(sparse.residualXors).toEqual(dense.residualXors);
    expect(sparse.rounds).toBe(dense.rounds);
    // the learning order goes round by round
    const rounds = Array.from(dense.learnedSkills, (s) => dense.round[s]);
    expect(rounds).toEqual([...rounds].sort((a, b) => a - b));
    expect(new Set(dense.learnedSkills).size).toBe(dense.learnedCount);
  });

  it('peels a huge skill universe sparsely, as the robust decoder does (items in IRSA slots)', () => {
    // 300 item values near 2^31 in 1000 slots, three slots each (load 0.3, well below G* = 0.818 for x^3)
    const rng = new Prng(8);
    const items = Array.from({ length: 300 }, () => 0x7f000000 + rng.nextInt(0xffffff));
    const slotsOf = (item: number): Int32Array => {
      const h = new Prng(item);
      const out = new Set<number>();
      while (out.size < 3) out.add(h.nextInt(1000));
      return Int32Array.from(out);
    };
    const counts = new Int32Array(1000);
    const xors = new Int32Array(1000);
    for (const item of new Set(items)) for (const t of slotsOf(item)) (counts[t]++, (xors[t] ^= item));
    const r = peel({ skills: 0x7fffffff, counts, xors, textsOf: slotsOf }, { phi: oneSkill, sparse: true });
    expect(Array.from(r.learnedSkills).sort()).toEqual([...new Set(items)].sort());
    expect(r.residualCounts.every((c) => c === 0)).toBe(true);
  });

  it('never learns from a silent text (an erased slot)', () => {
    const g = graphOf(2, [[0], [0, 1], [1]]);
    const { counts, xors } = textCountsAndXors(g.textSkills);
    counts[2] = SILENT_TEXT;
    const r = peel({ skills: 2, counts, xors, textsOf: g.skillTexts }, { phi: oneSkill });
    expect(Array.from(r.round)).toEqual([1, 2]);
    counts[1] = SILENT_TEXT;
    expect(Array.from(peel({ skills: 2, counts, xors, textsOf: g.skillTexts }, { phi: oneSkill }).round)).toEqual([1, -1]);
  });

  it('reports inconsistent slots (a corrupt XOR or count) as input errors', () => {
    const g = graphOf(3, [[0], [0, 1], [1, 2]]);
    const { counts, xors } = textCountsAndXors(g.textSkills);
    const bad = xors.slice();
    bad[0] = 7;
    expect(() => peel({ skills: 3, counts, xors: bad, textsOf: g.skillTexts }, { phi: oneSkill })).toThrow(/text 0 .*XOR 7/);
    const low = counts.slice();
    low[2] = 0;
    expect(() => peel({ skills: 3, counts: low, xors, textsOf: g.skillTexts }, { phi: oneSkill })).toThrow(InputError);
    expect(() => peel({ skills: 3, counts, xors, textsOf: g.skillTexts }, { phi: Float64Array.from([0.5]) })).toThrow(/Prng/);
    expect(() => peel({ skills: 3, counts, xors, textsOf: g.skillTexts }, { phi: kSkill(2) })).toThrow(/text → skill/);
    expect(() => peel({ skills: 3, counts, xors, textsOf: g.skillTexts, skillsOf: g.textSkills }, { phi: kSkill(2), sparse: true })).toThrow(/sparse/);
    expect(() => peel({ skills: 3, counts, xors, textsOf: g.skillTexts }, { phi: oneSkill, sparse: true, known: new Uint8Array(3) })).toThrow(/sparse/);
    expect(() => peel({ skills: 3, counts, xors, textsOf: g.skillTexts }, { phi: oneSkill, order: Int32Array.from([0, 0, 1]) })).toThrow(/permutation/);
    expect(() => peel({ skills: 3, counts, xors, textsOf: () => Int32Array.of(9) }, { phi: oneSkill })).toThrow(/lists text 9/);
    // a text that loses more skills than it counted while it teaches or waits in the queue
    const twice = (s: number): Int32Array => (s === 0 ? Int32Array.of(0, 0, 1) : g.skillTexts.targets.subarray(g.skillTexts.offsets[s], g.skillTexts.offsets[s + 1]));
    expect(() => peel({ skills: 3, counts, xors, textsOf: twice }, { phi: oneSkill })).toThrow(/text 0 lost more skills/);
    const thrice = (s: number): Int32Array => (s === 0 ? Int32Array.of(0, 1, 1, 1) : g.skillTexts.targets.subarray(g.skillTexts.offsets[s], g.skillTexts.offsets[s + 1]));
    expect(() => peel({ skills: 3, counts, xors, textsOf: thrice }, { phi: oneSkill })).toThrow(/text 1 lost more skills/);
    expect(() => peel({ skills: 3, counts, xors: Int32Array.from([0, -5, 0]), textsOf: g.skillTexts }, { phi: oneSkill })).toThrow(/text 1 has a negative XOR/);
  });

  it('a random φ-learner is reproducible from its seed and between the 1-skill learner and nothing', () => {
    const rng = new Prng(5);
    const skills = 2000;
    const edgesS: number[] = [];
    const edgesT: number[] = [];
    for (let s = 0; s < skills; s++) {
      for (let j = 0; j < 3; j++) {
        edgesS.push(s);
        edgesT.push(rng.nextInt(3000));
      }
    }
    const g = graphFromEdges(skills, 3000, Int32Array.from(edgesS), Int32Array.from(edgesT));
    const phi = Float64Array.from([0.7, 0.3]);
    const a = peelGraph(g, { phi, rng: new Prng(1) });
    expect(peelGraph(g, { phi, rng: new Prng(1) })).toEqual(a);
    expect(peelGraph(g, { phi, rng: new Prng(2) }).learned).not.toEqual(a.learned);
    const full = peelGraph(g, { phi: kSkill(2) });
    for (let s = 0; s < skills; s++) if (a.learned[s]) expect(full.learned[s]).toBe(1);
    expect(a.learnedCount).toBeGreaterThan(0);
    expect(a.learnedCount).toBeLessThan(full.learnedCount);
  });
});
