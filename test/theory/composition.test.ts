// Composition DE and the pair correction (docs/THEORY.md §10) on small graphs: one band is plain empirical DE; the
// text side's leave-one-out convolutions and the pair correction's inclusion–exclusion against exact enumeration.
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { degreeHistogram, graphFromTextLists, type SkillTextGraph } from '../../src/graph/bipartite.js';
import { configurationGraph } from '../../src/graph/random.js';
import { bandSide, compositionDE, textSide } from '../../src/theory/composition.js';
import { corpusStructure, LOW_MAX, LOW_MIN, lowDegreeNeighbourhoods, type Typing } from '../../src/theory/corpus-structure.js';
import { DegreeDistribution } from '../../src/theory/degree.js';
import { predictEmpirical } from '../../src/theory/empirical.js';
import { parseLearner, phiAt } from '../../src/theory/learners.js';
import { pairSide } from '../../src/theory/pair-correction.js';
import { Prng } from '../../src/util/prng.js';

/** A graph from explicit text lists. */
function graphOf(skills: number, lists: number[][]): SkillTextGraph {
  const offsets = Int32Array.from([0, ...lists.map((_, i) => lists.slice(0, i + 1).reduce((n, l) => n + l.length, 0))]);
  return graphFromTextLists(skills, { offsets, targets: Int32Array.from(lists.flat()) });
}

/** Small graphs: 3–9 texts of 1–5 skills among 8 skills (unused skills allowed: degree 0). */
const smallGraphs = fc
  .array(fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 5 }), { minLength: 3, maxLength: 9 })
  .map((lists) => graphOf(8, lists));

const learners = fc.constantFrom('1', '2', '3', 'phi:1,0.5,0.25', 'noisy:0.7').map(parseLearner);

/** Every subset of `n` independent events with probabilities `probs`: calls visit(mask, probability). */
function enumerate(probs: number[], visit: (mask: number, probability: number) => void): void {
  for (let mask = 0; mask < 1 << probs.length; mask++) {
    let probability = 1;
    for (let i = 0; i < probs.length; i++) probability *= mask & (1 << i) ? probs[i] : 1 - probs[i];
    visit(mask, probability);
  }
}

describe('composition DE (docs/THEORY.md §10)', () => {
  test.prop([fc.integer({ min: 1, max: 1e6 }), learners, fc.constantFrom(0.2, 0.5, 1)], { numRuns: 12 })(
    'with one band it is plain empirical DE to 1e-9 (configuration-model graphs, any learner, any fraction)',
    (seed, learner, fraction) => {
      const rng = new Prng(seed);
      const graph = configurationGraph(400, 300, (r) => 1 + r.nextInt(6), (r) => 1 + r.nextInt(8), rng);
      const plain = predictEmpirical(
        DegreeDistribution.fromCounts(degreeHistogram(graph.skillTexts)),
        DegreeDistribution.fromCounts(degreeHistogram(graph.textSkills)),
        learner,
        fraction,
      );
      const single = compositionDE(corpusStructure(graph, 'single'), learner, fraction, { tolerance: 1e-15 });
      expect(single.converged).toBe(true);
      expect(Math.abs(single.learned - plain.learned)).toBeLessThan(1e-9);
      expect(Math.abs(single.edgeLearned - plain.edgeLearned)).toBeLessThan(1e-9);
      expect(Math.abs(single.textsCovered - plain.textsCovered)).toBeLessThan(1e-9);
    },
  );

  test.prop([smallGraphs, learners, fc.constantFrom<Typing>('bands', 'exact'), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 8, maxLength: 8 })], { numRuns: 60 })(
    'the text side sums E[φ_{M+1}] over band-b edges, M the novel co-skills (exact enumeration)',
    (graph, learner, typing, probs) => {
      const structure = corpusStructure(graph, typing);
      const bands = structure.bandLabels.length;
      const p = Float64Array.from({ length: bands }, (_, b) => (b % 3 === 0 ? [0, 1][b % 2] : probs[b % 8]));
      const got = new Float64Array(bands);
      textSide(structure, learner)(p, got);
      const want = new Float64Array(bands);
      const bandOfSkill = (s: number): number => structure.bandOfDegree[graph.skillTexts.offsets[s + 1] - graph.skillTexts.offsets[s]];
      for (let t = 0; t < graph.texts; t++) {
        const skills = Array.from(graph.textSkills.targets.subarray(graph.textSkills.offsets[t], graph.textSkills.offsets[t + 1]));
        for (const s of skills) {
          const others = skills.filter((u) => u !== s);
          enumerate(others.map((u) => p[bandOfSkill(u)]), (mask, probability) => {
            let novel = 0;
            for (let v = mask; v > 0; v &= v - 1) novel++;
            want[bandOfSkill(s)] += probability * phiAt(learner, novel + 1);
          });
        }
      }
      for (let b = 0; b < bands; b++) expect(got[b]).toBeCloseTo(want[b], 12);
    },
  );

  test.prop([smallGraphs, fc.constantFrom(0.3, 1), fc.constantFrom(1, 0.6), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 8, maxLength: 8 })], { numRuns: 60 })(
    'the pair correction is exact inclusion–exclusion: co-skills shared by several texts of a skill count once',
    (graph, fraction, phi1, probs) => {
      const learner = parseLearner(`noisy:${phi1}`);
      const structure = corpusStructure(graph, 'exact');
      const bands = structure.bandLabels.length;
      const p = Float64Array.from({ length: bands }, (_, b) => probs[b % 8]);
      const x = new Float64Array(bands).fill(0.5);
      const side = pairSide(structure, lowDegreeNeighbourhoods(graph, structure), learner, fraction);
      const unlearned = new Float64Array(structure.degreeCounts.length);
      side.unlearnedByDegree(x, p, unlearned);
      const messages = new Float64Array(bands);
      side.edgeMessages(x, p, messages);
      // Take the other skills' terms away: what is left is the low-degree skills'.
      const isLow = (k: number): boolean => k >= LOW_MIN && k <= LOW_MAX;
      const rest = bandSide(structure, isLow);
      const restUnlearned = new Float64Array(unlearned.length);
      rest.unlearnedByDegree(x, p, restUnlearned);
      const restMessages = new Float64Array(bands);
      rest.edgeMessages(x, p, restMessages);

      const wantUnlearned = new Float64Array(unlearned.length);
      const wantMessages = new Float64Array(bands);
      const { skillTexts, textSkills } = graph;
      const degreeOf = (s: number): number => skillTexts.offsets[s + 1] - skillTexts.offsets[s];
      for (let s = 0; s < graph.skills; s++) {
        const k = degreeOf(s);
        if (!isLow(k)) continue;
        const texts = Array.from(skillTexts.targets.subarray(skillTexts.offsets[s], skillTexts.offsets[s + 1]));
        const coSkills = [...new Set(texts.flatMap((t) => Array.from(textSkills.targets.subarray(textSkills.offsets[t], textSkills.offsets[t + 1]))))].filter((u) => u !== s);
        // Events: each text kept-and-its-coin-succeeds (f·φ_1), each co-skill novel (p of its band).
        const events = [...texts.map(() => fraction * phi1), ...coSkills.map((u) => p[structure.bandOfDegree[degreeOf(u)]])];
        enumerate(events, (mask, probability) => {
          const teaches = texts.map((t, i) => {
            if (!(mask & (1 << i))) return false;
            return coSkills.every((u, j) => !(mask & (1 << (k + j))) || !textSkills.targets.subarray(textSkills.offsets[t], textSkills.offsets[t + 1]).includes(u));
          });
          if (!teaches.some(Boolean)) wantUnlearned[k] += probability;
          for (let i = 0; i < k; i++) if (!teaches.some((taught, j) => taught && j !== i)) wantMessages[structure.bandOfDegree[k]] += probability;
        });
      }
      for (let k = 0; k < unlearned.length; k++) expect(unlearned[k] - restUnlearned[k]).toBeCloseTo(wantUnlearned[k], 12);
      for (let b = 0; b < bands; b++) expect(messages[b] - restMessages[b]).toBeCloseTo(wantMessages[b], 12);
    },
  );
});
