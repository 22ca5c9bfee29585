// `npm run bench concepts`: emergence on concept skills (issue #17, docs/THEORY.md §12). Brown trained with word
// skills and with concept:1, concept:2 and concept:3 skills (src/concepts), each with the emergence sweep (seeded
// nested subsamples); for each, the share of Brown's texts at which the learned fraction of skills first reaches
// REACH, measured (peeling) and predicted (composition DE, THEORY.md §10), by linear interpolation along the sweep,
// printed beside word skills' own figure from the same run: the ratio says how much earlier the concept curve rises.

import { readBrown, trainModel, type SkillModel } from '../src/model/index.js';
import type { Bench, BenchFigure } from './harness.js';

const SWEEP = [0.025, 0.05, 0.075, 0.1, 0.125, 0.15, 0.2, 0.25, 0.5, 1];
const REACH = 0.2;
const SKILLS = ['word', 'concept:1', 'concept:2', 'concept:3'];

/** The first fraction at which `learned` reaches `y`, interpolated linearly between sweep points (null: never). */
export function firstReach(points: Array<{ fraction: number; learned: number }>, y: number): number | null {
  for (let i = 0; i < points.length; i++) {
    if (points[i].learned < y) continue;
    if (i === 0) return points[0].fraction;
    const [a, b] = [points[i - 1], points[i]];
    return a.fraction + ((b.fraction - a.fraction) * (y - a.learned)) / (b.learned - a.learned);
  }
  return null;
}

function reach(model: SkillModel, figure: 'measured' | 'composition'): number {
  return firstReach(model.stats.sweep.map((p) => ({ fraction: p.fraction, learned: p.learned[figure] })), REACH) ?? NaN;
}

export const conceptsBench: Bench = {
  name: 'concepts',
  description: `emergence of concept skills on Brown: the share of the texts at which ${REACH} of the skills are learned, word vs concept:L`,
  async run(): Promise<BenchFigure[]> {
    const texts: string[] = [];
    for await (const s of readBrown()) texts.push(s.text);
    const models = new Map<string, SkillModel>();
    for (const skills of SKILLS) models.set(skills, await trainModel(texts, { skills, sweep: SWEEP, seed: 1 }));
    const word = models.get('word')!;
    const figures: BenchFigure[] = [];
    for (const [skills, model] of models) {
      const s = model.stats;
      for (const figure of ['measured', 'composition'] as const) {
        const value = reach(model, figure);
        const base = reach(word, figure);
        figures.push({
          name: `${skills}: N = ${s.skills}, R = ${s.ratio.toFixed(2)}, share of Brown's texts where ${REACH} of skills are learned, ${figure === 'measured' ? 'measured' : 'composition DE'}`,
          value,
          unit: 'of the texts',
          baseline: { name: `word skills, ${figure === 'measured' ? 'measured' : 'composition DE'}`, value: base, unit: 'of the texts' },
          ratio: value / base,
        });
      }
      figures.push({
        name: `${skills}: learned fraction of all Brown, measured (composition DE ${s.learned.composition.toFixed(3)})`,
        value: s.learned.measured,
        unit: 'of skills',
        baseline: { name: 'word skills, measured', value: word.stats.learned.measured, unit: 'of skills' },
        ratio: s.learned.measured / word.stats.learned.measured,
      });
    }
    return figures;
  },
};
