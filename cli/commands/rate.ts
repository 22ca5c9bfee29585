// `skillzip rate`: semantic-communication rate trade-offs on the user's corpus: the run of
// cli/rate-run.ts printed as tables (--json, --csv [DIR], --table NAME, cli/present/rate.ts) and drawn as charts (--plot).

import type { Argv } from 'yargs';
import { UsageError } from '../../src/util/errors.js';
import type { RateReport } from '../../lab/rate/types.js';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { printResult, renderCsv, type Table } from '../output.js';
import { progressOnTerminal } from '../progress.js';
import { rateOptions, runRate, type RateArgs } from '../rate-run.js';
import { RATE_TABLES, rateTables } from '../present/rate.js';
import { rateCharts } from '../charts/rate-charts.js';
import { renderAsciiChart } from '../charts/ascii.js';
import { loadChartRenderer, type ChartRenderer } from '../charts/vega.js';
import { resolveOutput, writeOutputData, type OutputTarget } from '../output-file.js';
import type { CommandBody } from '../lazy-commands.js';

/** Writes the charts of a run: ASCII to stdout without a file, else SVG or PNG (by the file's extension) with `renderer`. */
async function writePlot(report: RateReport, file: { target: OutputTarget; renderer: ChartRenderer } | undefined): Promise<void> {
  const charts = rateCharts(report);
  if (file === undefined) {
    process.stdout.write('\n' + charts.map(renderAsciiChart).join('\n'));
    return;
  }
  const svg = await file.renderer.renderChartsSvg(charts);
  await writeOutputData(file.target, /\.png$/i.test(file.target.name) ? file.renderer.svgToPng(svg) : svg);
}

/** Each table to DIR/NAME.csv, written atomically (existing files only with -f). */
async function writeCsvFiles(dir: string, tables: Table[], force: boolean): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const table of tables) await writeOutputData(await resolveOutput(path.join(dir, `${table.name}.csv`), force), renderCsv(table));
}

interface RateCommandArgs extends RateArgs {
  json?: boolean;
  csv?: string;
  table?: string;
  plot?: string;
  force: boolean;
}

export const rate: CommandBody<RateCommandArgs> = {
  builder: (y) =>
    rateOptions(y)
      .option('json', { type: 'boolean', describe: 'Print one JSON document' })
      .option('csv', { type: 'string', describe: 'Print the tables as CSV; --csv DIR writes each table to DIR/NAME.csv instead' })
      .option('table', { type: 'string', choices: [...RATE_TABLES], describe: 'Only this table (printed, or as CSV)' })
      .option('plot', { type: 'string', requiresArg: true, describe: 'Charts: FILE.svg, FILE.png, or - for ASCII in the terminal' })
      .option('force', { alias: 'f', type: 'boolean', default: false, describe: 'Overwrite an existing --plot file or --csv DIR tables' })
      .conflicts('json', 'csv')
      .example('$0 rate --corpus brown --sweep 0.1,0.25,0.5,1 --plot rate.svg', 'Brown: 90% of documents train, 10% measured; emergence sweep; charts')
      .example("$0 rate notes/*.txt --erasure 0:0.3:0.05 --repetition 'liva8;x^3' --json", 'Your files, robust mode over an erasure channel, as JSON')
      .example('$0 rate --corpus brown --distortion --concepts 1,2 --layered 2 --plot rd.svg', 'Word, concept and layered streams on one rate–distortion chart')
      .example('$0 rate -m my.skm held-out.txt --plot -', 'Measure a trained model on held-out text, charts in the terminal') as unknown as Argv<RateCommandArgs>,
  handler: async (args) => {
    if (args.plot !== undefined && args.plot !== '-' && !/\.(svg|png)$/i.test(args.plot)) {
      throw new UsageError(`--plot ${args.plot}: name a .svg or .png file, or - for ASCII charts on stdout`);
    }
    if (args.plot === '-' && (args.json || args.csv === '')) throw new UsageError('--plot - draws on stdout, which --json or --csv already fill; name a .svg or .png file');
    // The chart packages are loaded before the run, so that a missing one is reported before the work, not after.
    const plotFile = args.plot === undefined || args.plot === '-' ? undefined : { target: await resolveOutput(args.plot, args.force), renderer: await loadChartRenderer() };
    if (args.table !== undefined && args.json) throw new UsageError('--table chooses a table, --json prints the whole document: give one of them');
    const csvDir = args.csv === undefined || args.csv === '' ? undefined : args.csv;
    const report = await runRate(args, progressOnTerminal('rate'));
    const tables = rateTables(report).filter((t) => args.table === undefined || t.name === args.table);
    if (args.table !== undefined && tables.length === 0) throw new UsageError(`--table ${args.table}: this run has no such table (its options did not ask for it)`);
    if (csvDir === undefined) printResult(report, tables, { json: args.json, csv: args.csv !== undefined });
    else await writeCsvFiles(csvDir, tables, args.force);
    if (args.plot !== undefined) await writePlot(report, plotFile);
  },
};
