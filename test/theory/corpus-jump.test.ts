// The jump locator of a corpus's own ensemble (src/theory/corpus-jump.ts, docs/THEORY.md §11) on random graphs
// whose jump THEORY.md §4 gives in closed form: a PP graph thinned by f is the PP model at R = f·T/N.
import { describe, expect, it } from 'vitest';
import { ppGraph } from '../../src/graph/random.js';
import { compositionDE } from '../../src/theory/composition.js';
import { corpusJump, singleBand, skillsHeld } from '../../src/theory/corpus-jump.js';
import { corpusStructure } from '../../src/theory/corpus-structure.js';
import { oneSkill, parseLearner } from '../../src/theory/learners.js';
import { Prng } from '../../src/util/prng.js';

describe('the jump of a thinned corpus', () => {
  it.each([
    [4, 1.46635],
    [3, 1.037886],
  ])('PP d = %d thinned: f_c·T/N is the closed-form R_c = %f within 1 %', (d, closedForm) => {
    const graph = ppGraph(20_000, 2 * closedForm, d, new Prng(11));
    const structure = corpusStructure(graph, 'bands');
    const found = corpusJump(structure, oneSkill(), graph.texts);
    expect(found).not.toBeNull();
    const { fraction, ratio, learnedBefore } = found as NonNullable<typeof found>;
    expect(Math.abs((fraction * graph.texts) / graph.skills / closedForm - 1)).toBeLessThan(0.01);
    expect(ratio).toBeCloseTo((fraction * graph.texts) / skillsHeld(structure.degreeCounts, fraction), 12);
    // Composition DE run to convergence on either side of the located jump: a step, not a steep rise.
    const below = compositionDE(structure, oneSkill(), fraction * 0.99).learned;
    const above = compositionDE(structure, oneSkill(), Math.min(1, fraction * 1.01)).learned;
    expect(above - below).toBeGreaterThan(0.3);
    expect(Math.abs(learnedBefore - below * structure.skills / skillsHeld(structure.degreeCounts, fraction * 0.99))).toBeLessThan(0.1);
  });

  it('is null for a PP graph with d < e, whose learned share rises continuously', () => {
    const graph = ppGraph(20_000, 4, 2, new Prng(12));
    expect(corpusJump(corpusStructure(graph, 'bands'), oneSkill(), graph.texts)).toBeNull();
  });

  it('is null when the jump lies beyond the corpus’s own size', () => {
    const graph = ppGraph(20_000, 0.8 * 1.46635, 4, new Prng(13));
    expect(corpusJump(corpusStructure(graph, 'bands'), oneSkill(), graph.texts)).toBeNull();
  });

  it('collapses a corpus into one band by text degree (plain DE)', () => {
    const graph = ppGraph(2_000, 2, 4, new Prng(14));
    const structure = corpusStructure(graph, 'bands');
    const single = singleBand(structure);
    const plain = corpusStructure(graph, 'single');
    for (const f of [0.3, 1]) expect(compositionDE(single, oneSkill(), f).learned).toBeCloseTo(compositionDE(plain, oneSkill(), f).learned, 12);
  });

  it('is located for learners that teach one novel skill only, and refused for others', () => {
    const graph = ppGraph(5_000, 3, 4, new Prng(15)); // the noisy learner jumps at R_c / 0.7 ≈ 2.09 < 3
    const structure = corpusStructure(graph, 'bands');
    expect(corpusJump(structure, parseLearner('noisy:0.7'), graph.texts)).not.toBeNull();
    expect(() => corpusJump(structure, parseLearner('2'), graph.texts)).toThrow(/one novel skill, not '2'/);
  });
});
