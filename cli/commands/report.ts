// `skillzip report [INPUT...] -o report.html`: a rate run (the options and measurements of `skillzip rate`, cli/rate-run.ts) written
// as one self-contained HTML page: the rate tables and charts, the model's statistics beside their DE predictions,
// and the theory's thresholds for the model's empirical ensemble and for the robust repetitions.

import type { Argv } from 'yargs';
import type { RateReport, TheorySummary } from '../../lab/rate/types.js';
import { UsageError } from '../../src/util/errors.js';
import { outputOption, withOutputOptions, writeOutputData, type OutputArgs } from '../output-file.js';
import type { Table } from '../output.js';
import { emergenceChart, rateFidelityChart, recoveryChart } from '../charts/rate-charts.js';
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
  const [rate, testing, ...sweeps] = rateTables(report);
  const sweep = report.sweep.length > 0 ? sweeps.shift() : undefined;
  const erasure = sweeps;
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
      tables: [rate, testing],
      figures: await figure(renderer, rateFidelityChart(report), 'Each point is one way of sending the held-out records: bits per input character against the share of their skills that arrive.'),
    },
    {
      heading: 'Emergence',
      tables: sweep ? [sweep] : [],
      figures: await figure(renderer, emergenceChart(report), 'Learned fraction of skills against R = T/N: peeling on the training texts (points) beside density evolution on the corpus\'s own degree distributions (dashed).'),
    },
    ...(erasure.length > 0
      ? [
          {
            heading: 'Robust mode over an erasure channel',
            tables: erasure,
            figures: await figure(renderer, recoveryChart(report), 'Share of skills recovered when each slot is lost with probability e: measured (points) beside the density evolution of THEORY.md §8 (dashed).'),
          },
        ]
      : []),
    { heading: 'Model and theory', tables: [modelTable(report), ...(report.theory ? [theoryTable(report, report.theory)] : [])] },
  ];
}

interface ReportArgs extends RateArgs, OutputArgs {
  output: string;
}

export const report: CommandBody<ReportArgs> = {
  builder: (y) =>
    withOutputOptions(rateOptions(y), 'the HTML page', { required: true })
      .example('$0 report --corpus brown --sweep 0.1,0.25,0.5,1 --erasure 0:0.3:0.1 -o report.html', 'The Brown rate run as a page') as unknown as Argv<ReportArgs>,
  handler: async (args) => {
    if (!/\.html?$/i.test(args.output)) throw new UsageError(`-o ${args.output}: the report is an HTML page; name a .html file`);
    const output = await outputOption(args);
    const renderer = await loadChartRenderer(); // before the run: a missing chart package is reported before the work
    const report = await runRate(args, progressOnTerminal('report'), true);
    const meta = `skillzip report on ${report.corpus.source}, seed ${report.corpus.seed}; every figure was measured in this run.`;
    await writeOutputData(output, renderReportPage(`skillzip rate report: ${report.corpus.source}`, meta, await reportSections(report, renderer)));
  },
};
