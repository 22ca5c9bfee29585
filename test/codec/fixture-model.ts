// Small SkillModel objects for the codec's tests, built from a seed: Zipf-like skill counts, a share of the skills
// learned, coding tables in the order the trainer uses (descending count, ties by key) and random association
// lists. They exercise the codec without a trained model; the trained default model is tested separately.

import type { SkillModel } from '../../src/model/types.js';
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
  return {
    id: `fixture-${seed.toString(16).padStart(8, '0')}`,
    createdBy: 'test',
    extractor: defaultExtractorSettings(),
    skills: { keys, surface: keys.map((k) => k.toUpperCase()), counts, learned, round },
    coding: { order, frequencies, texts: 10000 },
    association: {
      offsets,
      neighbors: Uint32Array.from(neighbors),
      pairCounts: Uint32Array.from(pairCounts),
      maxNeighbors,
      minPairCount: 1,
    },
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
