// `skillzip rate`: semantic-communication rate trade-offs on the user's corpus (issue 5). Reads the records (files
// or the built-in Brown corpus), splits them by document with a seed (or holds all out when -m names a model),
// hands them to codec/rate for the measurements, and prints the tables (--json, --csv) and charts (--plot).
// `skillzip report` reuses the options, the run and the tables defined here.

import type { Argv, CommandModule } from 'yargs';
import { InputError, UsageError } from '../../src/util/errors.js';
import { parseDegreeSpec } from '../../src/theory/degree.js';
import { expandInputs, readBrown, readTexts } from '../../src/corpus/index.js';
import { jsonFieldsOf, withUnitOptions, type UnitArgs } from '../unit-options.js';
import type { SplittableRecord } from '../../codec/rate/split.js';
import type { RateReport } from '../../codec/rate/types.js';
import { measureRate, type RateOptions } from '../../codec/rate/run.js';
import { MAX_BLOCK, MAX_OVERHEAD } from '../../codec/robust/index.js';
import { printResult, type Table } from '../output.js';
import { rateCharts } from '../charts/rate-charts.js';
import { renderAsciiChart } from '../charts/ascii.js';
import { renderChartsSvg, svgToPng } from '../charts/vega.js';
import { resolveOutput, writeOutputData, type OutputTarget } from '../output-file.js';

export interface RateArgs extends UnitArgs {
  input?: string[];
  model?: string;
  corpus?: string;
  'train-fraction': number;
  seed: number;
  sweep?: string;
  erasure?: string;
  repetition?: string;
  overhead?: string;
  block?: string;
  target?: number;
}

/** The erasure sweep's settings when --erasure is given without them. */
const SWEEP_DEFAULTS = { repetition: 'liva8', overhead: '1.5,2', block: '1', target: 0.99 } as const;

/** Numbers from 'A:B:STEP' (both ends included) or 'a,b,c'; each must satisfy `valid`. */
export function parseNumbers(spec: string, option: string, valid: (x: number) => boolean, rule: string): number[] {
  const fail = (): never => {
    throw new UsageError(`--${option} '${spec}': expected A:B:STEP or a comma-separated list of numbers, each ${rule}`);
  };
  let values: number[];
  const range = spec.split(':');
  if (range.length === 3) {
    const [a, b, step] = range.map((s) => (s.trim() === '' ? NaN : Number(s)));
    if (![a, b, step].every(Number.isFinite) || step <= 0 || b < a) fail();
    const count = Math.floor((b - a) / step + 1e-9);
    if (count > 1000) throw new UsageError(`--${option} '${spec}': more than 1000 values`);
    values = Array.from({ length: count + 1 }, (_, i) => Number((a + i * step).toPrecision(12)));
  } else if (range.length === 1) {
    values = spec.split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
  } else {
    values = fail();
  }
  if (values.length === 0 || !values.every((x) => Number.isFinite(x) && valid(x))) fail();
  return values;
}

/** The options `rate` and `report` share. */
export function rateOptions<T>(y: Argv<T>): Argv<T & RateArgs> {
  return withUnitOptions(y, 'records')
    .positional('input', {
      type: 'string',
      array: true,
      describe: 'Corpus files or folders (- or none: stdin); several files split by file, one file by record',
    })
    .option('model', { alias: 'm', type: 'string', describe: 'Measure this model on every input record (no training, no split)' })
    .option('corpus', { type: 'string', choices: ['brown'], describe: 'Use the built-in Brown corpus (sentences as records)' })
    .option('train-fraction', { type: 'number', default: 0.9, describe: 'Share of documents trained on; the rest is held out' })
    .option('seed', { type: 'number', default: 1, describe: 'Seed of the split, the subsamples and the erasure channel' })
    .option('sweep', { type: 'string', describe: 'Training fractions for the emergence sweep, e.g. 0.1,0.25,0.5,1' })
    .option('erasure', { type: 'string', describe: 'Slot erasure probabilities for the robust sweep, A:B:STEP or a list, e.g. 0:0.3:0.05' })
    .option('repetition', { type: 'string', describe: `Repetition distributions of the robust sweep, ;-separated SPECs [default: ${SWEEP_DEFAULTS.repetition}]` })
    .option('overhead', { type: 'string', describe: `Slots per skill of the robust sweep, a list [default: ${SWEEP_DEFAULTS.overhead}]` })
    .option('block', { type: 'string', describe: `Records per robust block, a list [default: ${SWEEP_DEFAULTS.block}]` })
    .option('target', { type: 'number', describe: `Share of skills the cheapest robust setting must recover [default: ${SWEEP_DEFAULTS.target}]` })
    .check((argv) => {
      const a = argv as unknown as RateArgs;
      if (a.corpus && a.input && a.input.length > 0) throw new UsageError('give either input files or --corpus brown, not both');
      if (!(a['train-fraction'] > 0 && a['train-fraction'] < 1)) throw new UsageError(`--train-fraction must lie strictly between 0 and 1, got ${a['train-fraction']}`);
      if (a.model !== undefined && a.sweep !== undefined) throw new UsageError('--sweep trains models, so it cannot be combined with -m');
      const sweepOptions = (['repetition', 'overhead', 'block', 'target'] as const).filter((k) => a[k] !== undefined);
      if (a.erasure === undefined && sweepOptions.length > 0) {
        throw new UsageError(`--${sweepOptions.join(', --')} set${sweepOptions.length === 1 ? 's' : ''} up the erasure sweep: give --erasure too`);
      }
      if (a.target !== undefined && !(a.target > 0 && a.target <= 1)) throw new UsageError(`--target must lie in (0, 1], got ${a.target}`);
      if (!(Number.isInteger(a.seed) && a.seed >= 0 && a.seed <= 0xffffffff)) throw new UsageError(`--seed must be an integer in [0, 2^32), got ${a.seed}`);
      return true;
    }) as unknown as Argv<T & RateArgs>;
}

/** The records of the run: Brown sentences (document = Brown document), or the input's records (document = file). */
async function readRecords(args: RateArgs): Promise<{ source: string; records: SplittableRecord[] }> {
  const records: SplittableRecord[] = [];
  if (args.corpus === 'brown') {
    for await (const s of readBrown()) records.push(s);
    return { source: 'brown', records };
  }
  const inputs = args.input && args.input.length > 0 ? args.input : ['-'];
  const files = await expandInputs(inputs);
  for (const file of files) {
    for await (const t of readTexts([file], { unit: args.unit ?? 'line', fields: jsonFieldsOf(args) })) {
      // One file: every record is its own document; several files: each file is a document.
      records.push({ id: String(t.id ?? t.where), text: t.text, document: files.length > 1 ? file : undefined });
    }
  }
  if (records.length === 0) throw new InputError(`${inputs.join(', ')}: no records to measure`);
  return { source: inputs.join(' '), records };
}

/** Progress lines on stderr when it is a terminal; silent otherwise (pipes, CI logs, tests). */
export function progressOnTerminal(command: string): (message: string) => void {
  return (message) => {
    if (process.stderr.isTTY) process.stderr.write(`skillzip ${command}: ${message}\n`);
  };
}

/** Reads the records and runs the measurements the arguments ask for; `theory` adds the ensemble's thresholds. */
export async function runRate(args: RateArgs, progress: (message: string) => void, theory = false): Promise<RateReport> {
  // Every option is checked before the records are read and a model is trained.
  const repetitions = (args.repetition ?? SWEEP_DEFAULTS.repetition).split(';').map((s) => s.trim()).filter((s) => s !== '');
  for (const spec of repetitions) parseDegreeSpec(spec);
  const options: RateOptions = {
    seed: args.seed,
    sweep: args.sweep === undefined ? [] : parseNumbers(args.sweep, 'sweep', (x) => x > 0 && x <= 1, 'in (0, 1]'),
    erasures: args.erasure === undefined ? [] : parseNumbers(args.erasure, 'erasure', (x) => x >= 0 && x < 1, 'in [0, 1)'),
    repetitions,
    overheads: parseNumbers(args.overhead ?? SWEEP_DEFAULTS.overhead, 'overhead', (x) => x >= 1 && x <= MAX_OVERHEAD, `in [1, ${MAX_OVERHEAD}]`),
    blocks: parseNumbers(args.block ?? SWEEP_DEFAULTS.block, 'block', (x) => Number.isInteger(x) && x >= 1 && x <= MAX_BLOCK, `an integer in 1..${MAX_BLOCK}`),
    target: args.target ?? SWEEP_DEFAULTS.target,
    theory,
    progress,
  };
  const { source, records } = await readRecords(args);
  return measureRate({ source, records, modelFile: args.model, trainFraction: args['train-fraction'] }, options);
}

/** The tables of a rate run, in the order people read them. */
export function rateTables(report: RateReport): Table[] {
  const test = report.corpus.test;
  const verdict = report.model.verdict ? `${report.model.verdict.line}\n` : '';
  const tables: Table[] = [
    {
      title: `${verdict}Rate and fidelity on ${test.records} held-out records (${test.characters} characters, ${test.documents} documents); model ${report.model.bytes} bytes, sent once`,
      columns: ['method', 'framing / options', 'bytes', 'bits/text', 'bits/char', 'skill recall', 'texts whole', 'similarity'],
      rows: [
        ...report.settings.map((s) => [
          `skillzip ${s.mode}`,
          Object.entries(s.options).map(([k, v]) => `${k} ${v}`).join(', ') || 'defaults',
          s.rate.bytes,
          s.rate.bitsPerText,
          s.rate.bitsPerChar,
          s.fidelity.skillRecall,
          s.fidelity.textsWhole,
          s.fidelity.similarity,
        ]),
        ...report.baselines.map((b) => [b.method, b.framing, b.bytes, b.bitsPerText, b.bitsPerChar, 1, 1, 1]),
        ...(report.model.predicted ? [['plan (THEORY.md §11)', 'set-entropy bound', null, report.model.predicted.bitsPerText, report.model.predicted.bitsPerChar, report.model.predicted.heldOutRecall, null, null]] : []),
      ],
    },
    {
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
      title: 'Emergence sweep: training fraction → R, learned fraction (measured, DE), held-out fidelity and rate (compact)',
      columns: ['fraction', 'texts', 'skills', 'R', 'learned', 'learned DE', 'skill recall', 'texts whole', 'bits/char'],
      rows: report.sweep.map((p) => [p.fraction, p.texts, p.skills, p.ratio, p.learned.measured, p.learned.predicted, p.fidelity.skillRecall, p.fidelity.textsWhole, p.rate.bitsPerChar]),
    });
  }
  if (report.erasure.length > 0) {
    tables.push({
      title: 'Erasure sweep (robust mode): recovered skills measured beside the DE of THEORY.md §8',
      columns: ['repetition', 'slots/skill', 'records/block', 'erasure', 'bits/text', 'records recovered', 'skills recovered', 'skills recovered DE', 'ceiling 1 − Λ(e)'],
      rows: report.erasure.map((p) => [p.repetition, p.overhead, p.block, p.erasure, p.rate.bitsPerText, p.recordsRecovered, p.skillsRecovered, p.predictedSkillsRecovered, p.ceiling]),
    });
    tables.push({
      title: `Cheapest robust setting recovering at least ${report.target.recovery} of the skills, per erasure rate`,
      columns: ['erasure', 'repetition', 'slots/skill', 'records/block', 'bits/text', 'skills recovered'],
      rows: report.target.cheapest.map(({ erasure, setting: p }) =>
        p ? [erasure, p.repetition, p.overhead, p.block, p.rate.bitsPerText, p.skillsRecovered] : [erasure, 'none reaches the target', null, null, null, null],
      ),
    });
  }
  return tables;
}

/** Writes the charts of a run: ASCII to stdout without a file, else SVG or PNG by the file's extension. */
export async function writePlot(report: RateReport, target: OutputTarget | undefined): Promise<void> {
  const charts = rateCharts(report);
  if (target === undefined) {
    process.stdout.write('\n' + charts.map(renderAsciiChart).join('\n'));
    return;
  }
  const svg = await renderChartsSvg(charts);
  await writeOutputData(target, /\.png$/i.test(target.name) ? svgToPng(svg) : svg);
}

interface RateCommandArgs extends RateArgs {
  json?: boolean;
  csv?: boolean;
  plot?: string;
  force: boolean;
}

export const rateCommand: CommandModule<object, RateCommandArgs> = {
  command: 'rate [input..]',
  describe: 'Rate / fidelity / erasure trade-offs of skillzip against gzip and brotli, beside the theory',
  builder: (y) =>
    rateOptions(y)
      .option('json', { type: 'boolean', describe: 'Print one JSON document' })
      .option('csv', { type: 'boolean', describe: 'Print the tables as CSV' })
      .option('plot', { type: 'string', requiresArg: true, describe: 'Charts: FILE.svg, FILE.png, or - for ASCII in the terminal' })
      .option('force', { alias: 'f', type: 'boolean', default: false, describe: 'Overwrite an existing --plot file' })
      .conflicts('json', 'csv')
      .example('$0 rate --corpus brown --sweep 0.1,0.25,0.5,1 --plot rate.svg', 'Brown: 90% of documents train, 10% measured; emergence sweep; charts')
      .example("$0 rate notes/*.txt --erasure 0:0.3:0.05 --repetition 'liva8;x^3' --json", 'Your files, robust mode over an erasure channel, as JSON')
      .example('$0 rate -m my.skm held-out.txt --plot -', 'Measure a trained model on held-out text, charts in the terminal') as unknown as Argv<RateCommandArgs>,
  handler: async (args) => {
    if (args.plot !== undefined && args.plot !== '-' && !/\.(svg|png)$/i.test(args.plot)) {
      throw new UsageError(`--plot ${args.plot}: name a .svg or .png file, or - for ASCII charts on stdout`);
    }
    if (args.plot === '-' && (args.json || args.csv)) throw new UsageError('--plot - draws on stdout, which --json or --csv already fill; name a .svg or .png file');
    const plotFile = args.plot === undefined || args.plot === '-' ? undefined : await resolveOutput(args.plot, args.force);
    const report = await runRate(args, progressOnTerminal('rate'));
    printResult(report, rateTables(report), { json: args.json, csv: args.csv });
    if (args.plot !== undefined) await writePlot(report, plotFile);
  },
};
