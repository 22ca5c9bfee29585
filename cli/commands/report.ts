// `skillzip report [INPUT...] -o report.html`: a rate run (the options and measurements of `skillzip rate`, cli/rate-run.ts) written
// as one self-contained HTML page: the rate tables and charts, the model's statistics beside their DE predictions,
// and the theory's thresholds for the model's empirical ensemble and for the robust repetitions. Without flags it
// carries every chart (REPORT_DEFAULTS: emergence sweep, rate–distortion, erasure channels); flags narrow it.

import type { Argv } from 'yargs';
import type { RateReport, TheorySummary } from '../../lab/rate/types.js';
import { UsageError } from '../../src/util/errors.js';
import { outputOption, withOutputOptions, writeOutputData, type OutputArgs } from '../output-file.js';
import type { Table } from '../output.js';
import { channelChart, distortionChart, emergenceChart, rateFidelityChart, recoveryChart, withIntervals } from '../charts/rate-charts.js';
import { hasData, type Chart } from '../charts/chart.js';
import { renderReportPage, type Figure, type ReportSection } from '../charts/page.js';
import { loadChartRenderer, type ChartRenderer } from '../charts/vega.js';
import { progressOnTerminal } from '../progress.js';
import { rateOptions, runRate, type RateArgs } from '../rate-run.js';
import { rateTables } from '../present/rate.js';
import type { CommandBody } from '../lazy-commands.js';

function modelTable(report: RateReport): Table {
  const m = report.model;
  const pair = (name: string, v: { measured: number; predicted: number }): [string, number, number] => [name, v.measured, v.predicted];
  return {
    title: `Model ${m.id.slice(0, 16)}… (${m.source}; ${m.bytes} bytes; learner ${m.learner}, ${m.rounds} peeling rounds)`,
    columns: ['figure', 'measured', 'DE prediction'],
    rows: [
      ['skills N', m.skills, null],
      ['training texts T', m.texts, null],
      ['R = T/N', m.ratio, null],
      ['edges', m.edges, null],
      ['mean texts per skill', m.meanSkillDegree, null],
      ['mean skills per text', m.meanTextDegree, null],
      ['learned skills', m.learnedSkills, null],
      pair('learned fraction of skills', m.learned),
      pair('learned fraction of edges', m.edgeLearned),
      pair('training texts fully covered', m.textsCovered),
      pair('giant component of learned skills', m.giantComponent),
    ],
  };
}

function theoryTable(report: RateReport, t: TheorySummary): Table {
  const rows: Table['rows'] = [];
  if (t.threshold) rows.push(['threshold R* (load G* = 1/R*)', t.threshold.ratio, `G* = ${t.threshold.load}`]);
  if (t.jump) {
    rows.push(['emergence jump R_c (cold start)', t.jump.ratio, `learned ${t.jump.learnedBefore.toPrecision(4)} → ${t.jump.learnedAfter.toPrecision(4)}`]);
    rows.push(['lower spinodal R_l (warm start)', t.jump.lowerRatio, 'hysteresis between R_l and R_c']);
  }
  if (!t.threshold && !t.jump) rows.push(['no threshold and no jump', null, 'the learned fraction grows continuously with R']);
  rows.push(['the model\'s own R = T/N', report.model.ratio, t.threshold || t.jump ? 'compare with the threshold above' : '']);
  for (const r of t.repetitions) rows.push([`robust repetition ${r.spec}: clean-channel load threshold G*`, r.cleanThreshold, 'frames decode fully below it (THEORY.md §8)']);
  return { title: `Theory for the model's empirical ensemble (${t.ensemble})`, columns: ['threshold', 'value', 'meaning'], rows };
}

async function figure(renderer: ChartRenderer, chart: Chart, caption: string): Promise<Figure[]> {
  return hasData(chart) ? [{ id: chart.id, caption, svg: await renderer.renderChartSvg(chart) }] : [];
}

/** The page's sections, each table beside the chart that pictures it. */
async function reportSections(report: RateReport, renderer: ChartRenderer): Promise<ReportSection[]> {
  const tables = rateTables(report);
  const named = (...names: string[]): Table[] => tables.filter((t) => t.name !== undefined && names.includes(t.name));
  const c = report.corpus;
  return [
    {
      heading: 'Records',
      paragraphs: [
        c.train
          ? `${c.source}: split by document with seed ${c.seed}; ${c.train.records} records of ${c.train.documents} documents trained the model, ` +
            `${c.test.records} records of ${c.test.documents} documents are held out and measured below (fingerprint ${c.test.fingerprint.slice(0, 16)}…).`
          : `${c.source}: all ${c.test.records} records measured with the model ${report.model.source} (fingerprint ${c.test.fingerprint.slice(0, 16)}…).`,
      ],
    },
    {
      heading: 'Rate and fidelity',
      paragraphs: ['gzip and brotli are lossless, so they carry every skill; skillzip carries the skills its model learned, in far fewer bits. The model is sent once and is not counted in the streams.'],
      tables: named('rate', 'model-cost', 'testing-error'),
      figures: await figure(renderer, withIntervals(report, rateFidelityChart), 'Each point is one way of sending the held-out records: bits per input character against the share of their skills that arrive.'),
    },
    {
      heading: 'Emergence',
      tables: named('emergence'),
      figures: await figure(renderer, withIntervals(report, emergenceChart), 'Learned fraction of skills against R = T/N: peeling on the training texts (points) beside density evolution on the corpus\'s own degree distributions (dashed).'),
    },
    ...(report.distortion.length > 0
      ? [
          {
            heading: 'Rate–distortion',
            paragraphs: ['Compact mode thinned to each record\'s most informative skills (encode --max-skills, --min-information) or to those covering the most of the text per bit (--max-skills with --rank-by coverage), beside TF-IDF keywords sent at the same bytes; fidelity measures as defined in docs/RATE.md.'],
            tables: named('distortion', 'layered'),
            figures: [
              ...(await figure(renderer, withIntervals(report, (r) => distortionChart(r, 'recall')), 'Skill recall against bits per input character along each curve.')),
              ...(await figure(renderer, withIntervals(report, (r) => distortionChart(r, 'wordnet')), 'WordNet (Wu–Palmer) similarity of the original words to what was delivered (each word by its best sense), against bits per input character.')),
              ...(await figure(renderer, withIntervals(report, (r) => distortionChart(r, 'wordnetFirstSense')), 'The same with every word read as its most frequent sense, as concept skills read it.')),
            ],
          },
        ]
      : []),
    ...(report.erasure.length > 0
      ? [
          {
            heading: 'Erasure channels',
            paragraphs: ['Robust mode under slot erasure beside compact mode under frame loss, unprotected and protected by an LT code over packets (separation), each at its cost in bits per input character.'],
            tables: named('erasure', 'channels', 'cheapest'),
            figures: [
              ...(await figure(renderer, withIntervals(report, recoveryChart), 'Share of skills recovered when each slot is lost with probability e: measured (points) beside the density evolution of THEORY.md §8 (dashed).')),
              ...(await figure(renderer, withIntervals(report, channelChart), 'Share of skills delivered against erasure rate, every scheme with its cost in the legend.')),
            ],
          },
        ]
      : []),
    { heading: 'Model and theory', tables: [modelTable(report), ...(report.theory ? [theoryTable(report, report.theory)] : [])] },
  ];
}

/** The report's defaults: every chart (emergence sweep, rate–distortion, erasure channels); a flag given narrows it. */
export const REPORT_DEFAULTS = { sweep: '0.1,0.25,0.5,1', distortion: '', erasure: '0:0.3:0.05', overhead: '2', block: '64' } as const;

function withEveryChart(args: ReportArgs): ReportArgs {
  const erasure = args.erasure === undefined ? { erasure: REPORT_DEFAULTS.erasure, overhead: args.overhead ?? REPORT_DEFAULTS.overhead, block: args.block ?? REPORT_DEFAULTS.block } : {};
  return {
    ...args,
    // A given model cannot be retrained on subsamples: no emergence sweep then.
    sweep: args.sweep ?? (args.model === undefined ? REPORT_DEFAULTS.sweep : undefined),
    distortion: args.distortion ?? REPORT_DEFAULTS.distortion,
    ...erasure,
  };
}

interface ReportArgs extends RateArgs, OutputArgs {
  output: string;
}

export const report: CommandBody<ReportArgs> = {
  builder: (y) =>
    withOutputOptions(rateOptions(y), 'the HTML page', { required: true })
      .example('$0 report --corpus brown -o report.html', 'The Brown rate run as a page, every chart')
      .example('$0 report --corpus brown --seeds 5 -o report.html', 'The same over five document splits, with 95 % intervals') as unknown as Argv<ReportArgs>,
  handler: async (args) => {
    if (!/\.html?$/i.test(args.output)) throw new UsageError(`-o ${args.output}: the report is an HTML page; name a .html file`);
    const output = await outputOption(args);
    const renderer = await loadChartRenderer(); // before the run: a missing chart package is reported before the work
    const report = await runRate(withEveryChart(args), progressOnTerminal('report'), true);
    const m = report.meta!;
    const seeds = report.interval ? `seeds ${report.interval.seeds.join(', ')} (means with 95 % intervals)` : `seed ${report.corpus.seed}`;
    const meta = `${m.version}, ${m.date}: \`${m.command}\` on ${report.corpus.source}, ${seeds}, model ${m.modelId}; every figure was measured in this run.`;
    await writeOutputData(output, renderReportPage(`skillzip rate report: ${report.corpus.source}`, meta, await reportSections(report, renderer)));
  },
};
