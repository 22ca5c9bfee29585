// `skillzip theory tap`: the adjacent-possible (TAP) equation of src/theory/tap.ts on the command line: the map, its
// two-scale, differential and resource-constrained variants, the blow-up time, exact integers while they fit.

import type { Argv } from 'yargs';
import { UsageError } from '../../../src/util/errors.js';
import { tapDifferential, tapTrajectory } from '../../../src/theory/tap.js';
import { printResult, type Table } from '../../output.js';
import { withFormatOptions, type FormatArgs } from '../../ensemble-options.js';
import { withTapOptions, tapParamsFromArgs, type TapArgs } from '../../theory-options.js';
import { tapJson, tapRows, tapSummary } from '../../present/tap.js';
import type { CommandBody } from '../../lazy-commands.js';

interface TapCommandArgs extends TapArgs, FormatArgs {
  differential?: boolean;
  dt?: number;
}

export const tap: CommandBody<TapCommandArgs> = {
  builder: (y) =>
    withFormatOptions(withTapOptions(y, { alpha: 1, steps: 10 }), 'log10 M against t')
      .alias('tap-alpha', 'alpha')
      .option('differential', { type: 'boolean', describe: 'dM/dt = increment of the map (sampled every --dt)' })
      .option('dt', { type: 'number', describe: 'Sampling interval of the differential variant (default 1)' })
      .example('$0 theory tap --alpha 1 --steps 6', '2, 3, 7, 127, 2^127 − 1, then log space')
      .example('$0 theory tap --alpha 0.01 --alpha1 0.1 --steps 60 --plot', 'two-scale: exponential growth, then blow-up')
      .example('$0 theory tap --alpha 0.05 --architecture 0.5 --data 0.8 --context 0.9 --capacity 1e6 --steps 40', 'resource-constrained') as unknown as Argv<TapCommandArgs>,
  handler: (args) => {
    const params = tapParamsFromArgs(args);
    if (args.dt !== undefined && !args.differential) throw new UsageError('--dt samples the differential variant: add --differential');
    const run = args.differential ? tapDifferential(params, args.steps, args.dt ?? 1) : tapTrajectory(params, args.steps);
    const table: Table = {
      title: `TAP ${args.differential ? 'differential ' : ''}trajectory (M0 = ${args.m0}, α = ${args['tap-alpha']} ${args.kernel}, μ = ${args.mu}${args.alpha1 > 0 ? `, α₁ = ${args.alpha1}` : ''}): ${tapSummary(run, args)}`,
      columns: ['t', 'M', 'log10 M', 'exact M'],
      rows: tapRows(run, !args.csv),
    };
    printResult({ params, differential: Boolean(args.differential), ...tapJson(run) }, [table], args, {
      series: [{ name: 'log10 M', points: run.points.filter((p) => Number.isFinite(p.log10)).map((p) => [p.t, p.log10]) }],
      xLabel: 't',
      yLabel: 'log10 M',
    });
  },
};
