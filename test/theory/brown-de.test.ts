// Density evolution on a real corpus (docs/THEORY.md §10), on Brown with the extractor of today's default model
// pinned in full: the trainer's three predictions beside measured SCNS and §10's reference values, and rewired
// copies of Brown's graph (degrees kept; degrees kept within bands) against peeling.
import { beforeAll, describe, expect, it } from 'vitest';
import { degreeHistogram, graphFromTextLists, type SkillTextGraph } from '../../src/graph/bipartite.js';
import { peelGraph } from '../../src/learn/peel.js';
import { CorpusGraphBuilder } from '../../src/model/accumulate.js';
import { createExtractor, readBrown, trainModel, type ExtractorSettings, type SkillModel } from '../../src/model/index.js';
import { compositionDE } from '../../src/theory/composition.js';
import { corpusJump } from '../../src/theory/corpus-jump.js';
import { corpusStructure } from '../../src/theory/corpus-structure.js';
import { DegreeDistribution } from '../../src/theory/degree.js';
import { predictEmpirical } from '../../src/theory/empirical.js';
import { oneSkill } from '../../src/theory/learners.js';
import { Prng } from '../../src/util/prng.js';

/** The default model's extractor as of stream format 3, pinned (the default stopword list may change). */
const PINNED: ExtractorSettings = {
  version: 1,
  lang: 'en',
  normalization: 'NFKC',
  stopwords: { package: 'stopword', version: '3.1.5', list: 'eng' },
  stemmer: { package: 'snowball-stemmers', version: '0.6.0', algorithm: 'english' },
  minLength: 2,
  collocations: null,
};

const SWEEP = [0.1, 0.25, 0.5, 1];
/** docs/THEORY.md §10, 1-skill learner: composition DE with the bands, and with the pair correction. */
const REFERENCE = { composition: [0.0123, 0.3251, 0.5446, 0.7926], pair: [0.0149, 0.3233, 0.5381, 0.7807] };

let texts: string[];
let model: SkillModel;
let graph: SkillTextGraph;

beforeAll(async () => {
  texts = [];
  for await (const s of readBrown()) texts.push(s.text);
  model = await trainModel(texts, { extractor: PINNED, sweep: SWEEP });
  const builder = new CorpusGraphBuilder(createExtractor(PINNED));
  for (const text of texts) builder.add(text);
  graph = builder.finish(1).graph;
}, 120_000);

/** Brown's edges with the skill ends shuffled among the edges whose skill has the same `group` (degrees kept). */
function rewired(group: (degree: number) => number, seed: number): SkillTextGraph {
  const { textSkills, skillTexts } = graph;
  const targets = textSkills.targets.slice();
  const positions = new Map<number, number[]>();
  targets.forEach((s, e) => {
    const g = group(skillTexts.offsets[s + 1] - skillTexts.offsets[s]);
    const list = positions.get(g);
    if (list) list.push(e);
    else positions.set(g, [e]);
  });
  const rng = new Prng(seed);
  for (const list of positions.values()) {
    const values = rng.shuffle(Int32Array.from(list, (e) => targets[e]));
    list.forEach((e, i) => (targets[e] = values[i]));
  }
  return graphFromTextLists(graph.skills, { offsets: textSkills.offsets, targets }); // a repeat within a text counts once
}

function measured(g: SkillTextGraph): number {
  return peelGraph(g, { phi: oneSkill().phi, rng: new Prng(1) }).learnedCount / g.skills;
}

function plainDE(g: SkillTextGraph): number {
  return predictEmpirical(DegreeDistribution.fromCounts(degreeHistogram(g.skillTexts)), DegreeDistribution.fromCounts(degreeHistogram(g.textSkills)), oneSkill()).learned;
}

describe('density evolution on Brown (docs/THEORY.md §10)', () => {
  it('the best prediction is within 0.03 of measured SCNS at every sweep point, where plain DE is not', () => {
    const { sweep } = model.stats;
    expect(sweep.map((p) => p.fraction)).toEqual(SWEEP);
    for (const p of sweep) expect(Math.abs(p.learned.predicted - p.learned.measured)).toBeLessThan(0.03);
    expect(sweep[3].learned.plainDE - sweep[3].learned.measured).toBeGreaterThan(0.1);
    expect(model.stats.learned).toEqual(sweep[3].learned);
  });

  it("reproduces §10's composition and pair-corrected values to ±0.003", () => {
    model.stats.sweep.forEach((p, i) => {
      expect(Math.abs(p.learned.composition - REFERENCE.composition[i])).toBeLessThan(0.003);
      expect(Math.abs(p.learned.predicted - REFERENCE.pair[i])).toBeLessThan(0.003);
    });
  });

  it('composition DE with one band is plain DE to 1e-9 on Brown', () => {
    const single = corpusStructure(graph, 'single');
    for (const [i, f] of SWEEP.entries()) expect(Math.abs(compositionDE(single, oneSkill(), f).learned - model.stats.sweep[i].learned.plainDE)).toBeLessThan(1e-9);
  });

  it('on a configuration-model rewiring of Brown, composition and plain DE agree with peeling within 0.01', () => {
    const g = rewired(() => 0, 7);
    const peeled = measured(g);
    expect(Math.abs(plainDE(g) - peeled)).toBeLessThan(0.01);
    expect(Math.abs(compositionDE(corpusStructure(g, 'bands'), oneSkill()).learned - peeled)).toBeLessThan(0.01);
  });

  it('on a rewiring within degree bands, composition DE agrees with peeling within 0.01 (plain DE does not)', () => {
    const structure = corpusStructure(graph, 'bands');
    const g = rewired((k) => structure.bandOfDegree[k], 8);
    const peeled = measured(g);
    expect(Math.abs(compositionDE(corpusStructure(g, 'bands'), oneSkill()).learned - peeled)).toBeLessThan(0.01);
    expect(plainDE(g) - peeled).toBeGreaterThan(0.05);
  });

  it('locates the jump of the thinned ensemble where composition DE, run to convergence, steps (f_c ≈ 0.152, R_c ≈ 0.706; converged: 0.111 learned at f = 0.1515, 0.331 at 0.152)', () => {
    const structure = corpusStructure(graph, 'bands');
    const jump = corpusJump(structure, oneSkill(), graph.texts);
    expect(jump).not.toBeNull();
    const { fraction, ratio } = jump as NonNullable<typeof jump>;
    expect(fraction).toBeGreaterThan(0.149);
    expect(fraction).toBeLessThan(0.153);
    expect(ratio).toBeGreaterThan(0.70);
    expect(ratio).toBeLessThan(0.71);
    const learned = (f: number): number => compositionDE(structure, oneSkill(), f).learned;
    // Across ±1 % of f_c the learned share rises by more than across the 4 % below it: a step.
    const step = learned(1.01 * fraction) - learned(0.99 * fraction);
    expect(step).toBeGreaterThan(0.05);
    expect(step).toBeGreaterThan(3 * (learned(0.99 * fraction) - learned(0.95 * fraction)));
  }, 60_000);
});
