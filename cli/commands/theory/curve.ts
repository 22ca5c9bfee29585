// `skillzip theory curve`: density evolution over a sweep of R (THEORY.md §3, §5): learned fraction, skill and text
// testing error, edge-weighted learned share, training texts covered, iterations; --warm starts from p_0 = 0
// (hysteresis), --trajectory adds the learned fraction after every round.

import type { Argv } from 'yargs';
import { evolve } from '../../../src/theory/de.js';
import { printResult, type Table } from '../../output.js';
import { ensembleFromArgs, parseRatios, withEnsembleOptions, withFormatOptions, type EnsembleArgs, type FormatArgs } from '../../ensemble-options.js';
import type { CommandBody } from '../../lazy-commands.js';

type CurveArgs = EnsembleArgs & FormatArgs & { warm?: boolean; trajectory?: boolean };

export const curve: CommandBody<CurveArgs> = {
  builder: (y) =>
    withFormatOptions(withEnsembleOptions(y, '0.1:3:0.1'), 'the learned fraction against R')
      .option('warm', { type: 'boolean', describe: 'Start DE from p_0 = 0 (warm) instead of 1 (cold start)' })
      .option('trajectory', { type: 'boolean', describe: 'Add the learned fraction after every round (JSON; a table for one R)' })
      .example('$0 theory curve --pp 3 --ratio 0.5:2:0.05 --plot', 'the PP jump near R = 1.04')
      .example("$0 theory curve --skill-degree 'x^3' --ratio 1 --trajectory", 'DE round by round below R*') as unknown as Argv<CurveArgs>,
  handler: (args) => {
    const ensemble = ensembleFromArgs(args);
    const ratios = parseRatios(args.ratio as string);
    const results = ratios.map((ratio) => evolve(ensemble, ratio, { start: args.warm ? 0 : 1, trajectory: args.trajectory }));
    const points = results.map((r) => ({
      ratio: r.ratio,
      learned: r.learned,
      skillError: r.skillError,
      textError: r.textError,
      iterations: r.iterations,
      converged: r.converged,
      edgeLearned: r.edgeLearned,
      textsCovered: r.textsCovered,
      p: r.p,
      q: r.q,
      ...(r.trajectory ? { trajectory: Array.from(r.trajectory) } : {}),
    }));
    const tables: Table[] = [
      {
        title: `${ensemble.describe()}; ${args.warm ? 'warm' : 'cold'} start`,
        columns: ['ratio', 'learned', 'skillError', 'textError', 'edgeLearned', 'textsCovered', 'iterations', 'converged'],
        rows: points.map((p) => [p.ratio, p.learned, p.skillError, p.textError, p.edgeLearned, p.textsCovered, p.iterations, p.converged]),
      },
    ];
    const single = results.length === 1 ? results[0].trajectory : undefined;
    if (single) tables.push({ title: `rounds at R = ${ratios[0]}`, columns: ['round', 'learned'], rows: Array.from(single, (v, i) => [i + 1, v]) });
    printResult({ start: args.warm ? 'warm' : 'cold', ensemble: ensemble.toJSON(), points }, tables, args, {
      series: [{ name: 'learned fraction (DE)', points: points.map((p) => [p.ratio, p.learned]) }],
      xLabel: 'R = texts/skills',
      yLabel: 'learned fraction',
    });
  },
};
