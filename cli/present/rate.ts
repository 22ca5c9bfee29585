// The tables of a rate run (`skillzip rate`, `skillzip report`), in the order people read them: rate and fidelity
// beside lossless coders of the text and of the bag of skills, the model's cost, testing error beside THEORY.md §5,
// the emergence sweep, the erasure sweep beside §8.

import type { RateReport } from '../../lab/rate/types.js';
import type { Cell, Table } from '../output.js';

/** The names of the tables a rate run may print (`--table NAME`, `--csv DIR` writes NAME.csv). */
export const RATE_TABLES = ['rate', 'model-cost', 'testing-error', 'emergence', 'distortion', 'layered', 'erasure', 'channels', 'cheapest'] as const;

/**
 * The tables of a rate run, in the order people read them. Over several seeds, each numeric column whose values vary
 * is followed by its 95 % interval's half-width ('±'), from the tables of the interval's bounds.
 */
export function rateTables(report: RateReport): Table[] {
  const tables = tablesOf(report);
  if (report.interval === null) return tables;
  const low = tablesOf(report.interval.low);
  const high = tablesOf(report.interval.high);
  return tables.map((table, t) => withHalfWidths(table, low[t], high[t], report.interval!.seeds.length));
}

function withHalfWidths(mean: Table, low: Table, high: Table, seeds: number): Table {
  const half = (r: number, c: number): number | null => {
    const [a, b] = [low.rows[r]?.[c], high.rows[r]?.[c]];
    // Below 1e-12 of the value, a width is rounding in the mean, not spread over seeds.
    if (typeof a !== 'number' || typeof b !== 'number') return null;
    return b - a > 1e-12 * Math.max(1, Math.abs(a), Math.abs(b)) ? (b - a) / 2 : 0;
  };
  const varying = mean.columns.map((_, c) => mean.rows.some((_, r) => (half(r, c) ?? 0) > 0));
  const pair = (cell: Cell, h: number | null): Cell[] => (typeof cell === 'number' && h !== null && h > 0 ? roundToInterval(cell, h) : [cell, h]);
  return {
    name: mean.name,
    title: `${mean.title ?? ''} (means over ${seeds} seeds, ± the 95 % interval's half-width)`,
    columns: mean.columns.flatMap((name, c) => (varying[c] ? [name, `${name} ±`] : [name])),
    rows: mean.rows.map((row, r) => row.flatMap((cell, c) => (varying[c] ? pair(cell, half(r, c)) : [cell]))),
  };
}

/**
 * A mean and its interval's half-width rounded to what the interval supports: the half-width to two significant
 * digits, the mean to the same decimal place (60117.8 ± 747.66 → 60120 ± 750; 0.792095 ± 0.00987 → 0.7921 ± 0.0099).
 * The JSON document keeps every figure unrounded.
 */
export function roundToInterval(mean: number, half: number): [number, number] {
  const place = Math.floor(Math.log10(half)) - 1;
  const round = (v: number): number => (place < 0 ? Number(v.toFixed(-place)) : Math.round(v / 10 ** place) * 10 ** place);
  return [round(mean), round(half)];
}

function tablesOf(report: RateReport): Table[] {
  const test = report.corpus.test;
  const verdict = report.model.verdict ? `${report.model.verdict.line}\n` : '';
  const compact = report.settings[0];
  const cost = report.modelCost;
  const tables: Table[] = [
    {
      name: 'rate',
      title: `${verdict}Rate and fidelity on ${test.records} held-out records (${test.characters} characters, ${test.documents} documents); model ${report.model.bytes} bytes, sent once`,
      columns: ['method', 'content', 'framing / options', 'bytes', 'bits/text', 'bits/char', 'skill recall', 'texts whole', 'similarity', 'ROUGE-1 F', 'WordNet'],
      rows: [
        ...report.settings.map((s) => [
          `skillzip ${s.mode}`,
          'skills',
          Object.entries(s.options).map(([k, v]) => `${k} ${v}`).join(', ') || 'defaults',
          s.rate.bytes,
          s.rate.bitsPerText,
          s.rate.bitsPerChar,
          s.fidelity.skillRecall,
          s.fidelity.textsWhole,
          s.fidelity.similarity,
          s.fidelity.rouge1.f,
          s.fidelity.wordnet,
        ]),
        // A bag of skills carries exactly compact mode's skills, so its fidelity is compact mode's.
        ...report.baselines.map((b) => {
          const f = b.content === 'text' ? { skillRecall: 1, textsWhole: 1, similarity: 1, rouge1: { f: 1 }, wordnet: 1 } : compact.fidelity;
          return [b.method, b.content === 'text' ? 'text' : 'bag of skills', b.framing, b.bytes, b.bitsPerText, b.bitsPerChar, f.skillRecall, f.textsWhole, f.similarity, f.rouge1.f, f.wordnet];
        }),
        ...(report.model.predicted ? [['plan (THEORY.md §11)', 'skills', 'set-entropy bound', null, report.model.predicted.bitsPerText, report.model.predicted.bitsPerChar, report.model.predicted.heldOutRecall, null, null, null, null]] : []),
      ],
    },
    {
      name: 'model-cost',
      title: 'Model cost: compact mode with the model file sent once, and the size past which it undercuts the bag of skills under brotli -11',
      columns: ['model bytes', 'compact bits/char', 'with model, bits/char', 'break-even characters'],
      rows: [[cost.bytes, compact.rate.bitsPerChar, cost.amortisedBitsPerChar, cost.breakEvenCharacters ?? 'never']],
    },
    {
      name: 'testing-error',
      title: 'Testing error on the held-out records: measured beside THEORY.md §5',
      columns: ['level', 'held out', 'DE prediction', 'on training texts', 'skills unseen in training'],
      rows: [
        ['skill (occurrences not carried)', report.testingError.skill.measured, report.testingError.skill.predicted, report.testingError.skill.training, report.testingError.unseen],
        ['text (texts not carried whole)', report.testingError.text.measured, report.testingError.text.predicted, report.testingError.text.training, null],
      ],
    },
  ];
  if (report.sweep.length > 0) {
    tables.push({
      name: 'emergence',
      title: 'Emergence sweep: training fraction → R, learned fraction (measured, DE), held-out fidelity and rate (compact)',
      columns: ['fraction', 'texts', 'skills', 'R', 'learned', 'learned DE', 'skill recall', 'texts whole', 'bits/char'],
      rows: report.sweep.map((p) => [p.fraction, p.texts, p.skills, p.ratio, p.learned.measured, p.learned.predicted, p.fidelity.skillRecall, p.fidelity.textsWhole, p.rate.bitsPerChar]),
    });
  }
  if (report.distortion.length > 0) {
    tables.push({
      name: 'distortion',
      title: 'Rate–distortion: compact mode thinned by --max-skills (knob coverage: with --rank-by coverage) / --min-information (word skills; concept skills with --concepts; layered streams with --layered, from base layer to full refinement), beside TF-IDF top-k keywords (brotli -11) at the same bytes',
      columns: ['skills', 'model fraction', 'knob', 'value', 'bits/char', 'skill recall', 'ROUGE-1 F', 'WordNet', 'WordNet 1st sense', 'TF-IDF k', 'TF-IDF bits/char', 'TF-IDF recall', 'TF-IDF ROUGE-1 F', 'TF-IDF WordNet', 'TF-IDF WordNet 1st sense'],
      rows: report.distortion.map((p) => [
        p.skills,
        p.fraction,
        p.knob,
        p.value,
        p.rate.bitsPerChar,
        p.fidelity.skillRecall,
        p.fidelity.rouge1.f,
        p.fidelity.wordnet,
        p.fidelity.wordnetFirstSense,
        p.keywords ? p.keywords.k + p.keywords.extra / report.corpus.test.records : null,
        p.keywords?.rate.bitsPerChar,
        p.keywords?.fidelity.skillRecall,
        p.keywords?.fidelity.rouge1.f,
        p.keywords?.fidelity.wordnet,
        p.keywords?.fidelity.wordnetFirstSense,
      ]),
    });
  }
  if (report.layered.length > 0) {
    tables.push({
      name: 'layered',
      title: 'Layered streams at full refinement against word mode of the same model (target: at most 1.05×)',
      columns: ['skills', 'word-mode bytes', 'layered bytes', 'layered / word', 'word-mode bits/char', 'layered bits/char', 'target ≤ 1.05× met'],
      rows: report.layered.map((c) => [c.skills, c.wordBytes, c.layeredBytes, c.ratio, c.wordBitsPerChar, c.layeredBitsPerChar, c.ratio <= 1.05 ? 'yes' : 'no']),
    });
  }
  if (report.erasure.length > 0) {
    tables.push({
      name: 'erasure',
      title: 'Erasure sweep (robust mode): recovered skills measured beside the DE of THEORY.md §8',
      columns: ['repetition', 'slots/skill', 'records/block', 'erasure', 'bits/text', 'records recovered', 'skills recovered', 'skills recovered DE', 'ceiling 1 − Λ(e)'],
      rows: report.erasure.map((p) => [p.repetition, p.overhead, p.block, p.erasure, p.rate.bitsPerText, p.recordsRecovered, p.skillsRecovered, p.predictedSkillsRecovered, p.ceiling]),
    });
    tables.push({
      name: 'channels',
      title: 'Compact mode on erasure channels: frame loss, and separation (compact stream + LT code over packets)',
      columns: ['scheme', 'designed for e', 'LT margin', 'erasure', 'bits/char', 'skills delivered'],
      rows: report.channels.map((p) => [p.scheme, p.design, p.margin, p.erasure, p.rate.bitsPerChar, p.skillsDelivered]),
    });
    tables.push({
      name: 'cheapest',
      title: `Cheapest robust setting recovering at least ${report.target.recovery} of the skills, per erasure rate`,
      columns: ['erasure', 'repetition', 'slots/skill', 'records/block', 'bits/text', 'skills recovered'],
      rows: report.target.cheapest.map(({ erasure, setting: p }) =>
        p ? [erasure, p.repetition, p.overhead, p.block, p.rate.bitsPerText, p.skillsRecovered] : [erasure, 'none reaches the target', null, null, null, null],
      ),
    });
  }
  return tables;
}
