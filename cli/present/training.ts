// Tables of a model's training statistics (train, inspect): each measured figure beside the three predictions of
// docs/THEORY.md §10 (pair-corrected, composition and plain density evolution), as percentages.

import type { MeasuredPredictions, TrainingStats } from '../../src/model/index.js';
import type { Table } from '../output.js';

/** A fraction as a percentage for the tables; null (shown as '-') when unavailable. */
function percent(x: number): number | null {
  return Number.isFinite(x) ? Number((100 * x).toFixed(2)) : null;
}

/** A measured figure and its three predictions, as percentages. */
function percents(f: MeasuredPredictions): Array<number | null> {
  return [percent(f.measured), percent(f.predicted), percent(f.composition), percent(f.plainDE)];
}

const PREDICTION_COLUMNS = ['predicted (pair-corrected DE)', 'composition DE', 'plain DE'];

/** The measured-vs-predicted table and the sweep table of a model's training statistics (train and inspect). */
export function statisticsTables(s: TrainingStats, title: string): Table[] {
  const row = (name: string, f: MeasuredPredictions): Table['rows'][number] => [name, ...percents(f)];
  const tables: Table[] = [
    {
      title,
      columns: ['figure (%)', 'measured', ...PREDICTION_COLUMNS],
      rows: [
        row('skills learned', s.learned),
        row('edges to learned skills', s.edgeLearned),
        row('training texts fully covered', s.textsCovered),
        row('giant component of learned skills', s.giantComponent),
      ],
    },
  ];
  if (s.sweep.length > 0) {
    tables.push({
      title: 'Emergence sweep: training on seeded subsamples of the texts',
      columns: ['fraction', 'texts', 'learned % measured', ...PREDICTION_COLUMNS],
      rows: s.sweep.map((p) => [p.fraction, p.texts, ...percents(p.learned)]),
    });
  }
  return tables;
}
/** The learned share by skill degree (--by-degree). */
export function byDegreeTable(s: TrainingStats): Table {
  return {
    title: 'Skills learned by degree (texts per skill)',
    columns: ['degree', 'skills', 'learned % measured', ...PREDICTION_COLUMNS],
    rows: s.byDegree.map((c) => [c.degrees, c.skills, ...percents(c.learned)]),
  };
}
