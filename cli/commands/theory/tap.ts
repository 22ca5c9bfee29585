// `skillzip theory tap`: the adjacent-possible (TAP) equation of src/theory/tap.ts on the command line: the map, its
// two-scale, differential and resource-constrained variants, the blow-up time, exact integers while they fit.

import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../../../src/util/errors.js';
import { tapDifferential, tapTrajectory, type TapKernel, type TapParams, type TapTrajectory } from '../../../src/theory/tap.js';
import { printResult, type Table } from '../../output.js';
import { withFormatOptions, type FormatArgs } from '../../ensemble-options.js';

/** The TAP flags, shared with `theory compare`. */
export interface TapArgs {
  m0: number;
  'tap-alpha': number;
  kernel: TapKernel;
  mu: number;
  alpha1: number;
  architecture: number;
  data: number;
  context: number;
  capacity?: number;
  'blowup-at': number;
  steps: number;
}

export function withTapOptions<T>(y: Argv<T>, defaults: { alpha: number; steps: number }): Argv<T & TapArgs> {
  return y
    .option('m0', { type: 'number', default: 2, describe: 'M0, the objects (capabilities) at t = 0' })
    .option('tap-alpha', { type: 'number', default: defaults.alpha, describe: 'α: α_i = α (constant kernel) or α^(i−1) (power kernel)' })
    .option('kernel', { choices: ['constant', 'power'] as const, default: 'constant' as const, describe: 'How α_i depends on the combination size i' })
    .option('mu', { type: 'number', default: 0, describe: 'μ, the share of objects going extinct per step' })
    .option('alpha1', { type: 'number', default: 0, describe: 'α₁ > 0: the two-scale variant (a linear term α₁·M)' })
    .option('architecture', { type: 'number', default: 1, describe: 'Architecture constraint factor in (0, 1] (our formulation of [TAP])' })
    .option('data', { type: 'number', default: 1, describe: 'Training-data constraint factor in (0, 1]' })
    .option('context', { type: 'number', default: 1, describe: 'Context constraint factor in (0, 1]' })
    .option('capacity', { type: 'number', describe: 'K: new objects fill the room left below K (no blow-up)' })
    .option('blowup-at', { type: 'number', default: 100, describe: 'Blow-up when log10 M reaches this (≤ 300)' })
    .option('steps', { type: 'number', default: defaults.steps, describe: 'Steps of the map (samples of the differential variant)' }) as Argv<T & TapArgs>;
}

export function tapParamsFromArgs(args: TapArgs): TapParams {
  return {
    initial: args.m0,
    alpha: args['tap-alpha'],
    kernel: args.kernel,
    extinction: args.mu,
    linearRate: args.alpha1,
    constraints: { architecture: args.architecture, data: args.data, context: args.context },
    capacity: args.capacity ?? null,
    blowupLog10: args['blowup-at'],
  };
}

/** Exact values in full for JSON and CSV; shortened in tables beyond this many digits. */
const TABLE_DIGITS = 40;

/** The trajectory as printable rows: t, M (double or null), log10 M, the exact integer (a decimal string) if known. */
export function tapRows(run: TapTrajectory, shorten: boolean): Array<[number, number | null, number | null, string | null]> {
  return run.points.map((p) => {
    let exact = p.exact === null ? null : p.exact.toString();
    if (exact !== null && shorten && exact.length > TABLE_DIGITS) exact = `${exact.slice(0, 12)}…(${exact.length} digits)`;
    return [p.t, p.value, Number.isFinite(p.log10) ? p.log10 : null, exact];
  });
}

export function tapSummary(run: TapTrajectory, args: TapArgs): string {
  const blowup = run.blowupTime === null ? 'no blow-up in this run' : `blow-up (M ≥ 1e${args['blowup-at']}) at t = ${Number(run.blowupTime.toPrecision(8))}`;
  const stop = { steps: 'all steps done', overflow: 'stopped: the next value is beyond 2^(2^1024)', blowup: 'stopped at blow-up' }[run.stop];
  return `${blowup}; ${stop}`;
}

/** The JSON form of a trajectory (exact integers as decimal strings, M beyond doubles as null). */
export function tapJson(run: TapTrajectory): object {
  return { ...run, points: run.points.map((p) => ({ ...p, log10: Number.isFinite(p.log10) ? p.log10 : null, exact: p.exact?.toString() ?? null })) };
}

interface TapCommandArgs extends TapArgs, FormatArgs {
  differential?: boolean;
  dt?: number;
}

export const tapCommand: CommandModule<object, TapCommandArgs> = {
  command: 'tap',
  describe: 'The adjacent possible: TAP trajectory and blow-up time (two-scale, differential, resource-constrained)',
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
