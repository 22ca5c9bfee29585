// `skillzip simulate`: Monte-Carlo SCNS learning on random skill-text graphs beside density evolution and
// percolation theory (src/learn/montecarlo.ts), over one ratio or a sweep; a progress bar on stderr when it is a
// terminal.

import type { Argv } from 'yargs';
import { SingleBar } from 'cli-progress';
import { UsageError } from '../../src/util/errors.js';
import { simulatePoint } from '../../src/learn/montecarlo.js';
import { printResult, type Table } from '../output.js';
import { ensembleFromArgs, parseRatios, withEnsembleOptions, withFormatOptions, type EnsembleArgs, type FormatArgs } from '../ensemble-options.js';
import type { CommandBody } from '../lazy-commands.js';

type SimulateArgs = EnsembleArgs & FormatArgs & { skills: number; trials: number; seed: number };


export const simulate: CommandBody<SimulateArgs> = {
  builder: (y) =>
    withFormatOptions(withEnsembleOptions(y, '0.5:2:0.1'), 'measured and predicted learned fractions against R')
      .option('skills', { type: 'number', default: 10_000, describe: 'N: skills per random graph (texts = round(R·N))' })
      .option('trials', { type: 'number', default: 10, describe: 'Random graphs per ratio (same seeds at every ratio)' })
      .option('seed', { type: 'number', default: 1, describe: 'Seed of the trials (same seed, same output)' })
      .example('$0 simulate --skill-degree liva8 --skills 100000 --trials 5 --seed 7 --ratio 0.8:1.4:0.05 --plot', 'IRSA view around R* = 1.0654')
      .example('$0 simulate --pp 3 --ratio 1.2 --json', 'PP model above its jump, as JSON') as unknown as Argv<SimulateArgs>,
  handler: (args) => {
    if (!(Number.isInteger(args.seed) && args.seed >= 0 && args.seed <= 0xffffffff)) {
      throw new UsageError(`--seed ${args.seed}: expected an integer from 0 to 4294967295`);
    }
    const ensemble = ensembleFromArgs(args);
    const ratios = parseRatios(args.ratio as string);
    const options = { skills: args.skills, trials: args.trials, seed: args.seed };
    const bar = process.stderr.isTTY ? new SingleBar({ stream: process.stderr, format: 'simulating {bar} {value}/{total} graphs', hideCursor: true }) : null;
    bar?.start(ratios.length * args.trials, 0);
    let points;
    try {
      points = ratios.map((ratio) => simulatePoint(ensemble, ratio, { ...options, onTrial: () => bar?.increment() }));
    } finally {
      bar?.stop();
    }
    const table: Table = {
      title: `${ensemble.describe()}; ${args.skills} skills, ${args.trials} trial(s), seed ${args.seed}; intervals are 95% for the mean`,
      columns: ['ratio', 'learned', 'low', 'high', 'DE', 'giant', 'giant theory', 'texts covered', 'covered DE', 'rounds'],
      rows: points.map((p) => [
        p.ratio,
        p.measured.mean,
        p.measured.low,
        p.measured.high,
        p.predicted,
        p.giant.mean,
        p.predictedGiant,
        p.textsCovered.mean,
        p.predictedTextsCovered,
        p.rounds.mean,
      ]),
    };
    printResult({ ensemble: ensemble.toJSON(), ...options, points }, [table], args, {
      series: [
        { name: 'DE', points: points.map((p) => [p.ratio, p.predicted]) },
        { name: 'simulated', points: points.map((p) => [p.ratio, p.measured.mean]) },
      ],
      xLabel: 'R = texts/skills',
      yLabel: 'learned fraction',
    });
  },
};
