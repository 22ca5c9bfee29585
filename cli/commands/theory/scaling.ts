// `skillzip theory scaling`: the scaling law of testing error in R (THEORY.md §5): skill and text error, skills seen
// in no training text, and the semi-log slope and log-log exponent fitted past emergence (src/theory/scaling.ts).

import type { Argv } from 'yargs';
import { scalingLaw } from '../../../src/theory/scaling.js';
import { printResult, type Table } from '../../output.js';
import { ensembleFromArgs, parseRatios, withEnsembleOptions, withFormatOptions, type EnsembleArgs, type FormatArgs } from '../../ensemble-options.js';
import type { CommandBody } from '../../lazy-commands.js';

type ScalingArgs = EnsembleArgs & FormatArgs;

export const scaling: CommandBody<ScalingArgs> = {
  builder: (y) =>
    withFormatOptions(withEnsembleOptions(y, '0.5:5:0.25'), 'ln(skill error) against R')
      .example('$0 theory scaling --pp 3 --ratio 1.5:6:0.5', 'slope ≈ −3: ε(R) ≈ e^{−3R}')
      .example("$0 theory scaling --text-degree 'fixed:4' --json", 'AG view') as unknown as Argv<ScalingArgs>,
  handler: (args) => {
    const ensemble = ensembleFromArgs(args);
    const law = scalingLaw(ensemble, parseRatios(args.ratio as string));
    const tables: Table[] = [
      {
        title: ensemble.describe(),
        columns: ['ratio', 'skillError', 'textError', 'unseen', 'learned', 'iterations'],
        rows: law.points.map((p) => [p.ratio, p.skillError, p.textError, p.unseen, p.learned, p.iterations]),
      },
      {
        title: `fit past emergence${law.emergenceRatio === null ? '' : ` (R > ${law.emergenceRatio.toPrecision(7)})`}`,
        columns: ['fit', 'value', 'note'],
        rows: law.fit
          ? [
              ['slope', law.fit.slope, `ln ε = ${law.fit.intercept.toPrecision(6)} + slope·R`],
              ['exponent', law.fit.exponent, `ln ε = ${law.fit.exponentIntercept.toPrecision(6)} + exponent·ln R`],
              ['points', law.fit.count, `R from ${law.fit.fromRatio} to ${law.fit.toRatio}`],
            ]
          : [['none', null, 'fewer than two points past emergence with ε > 0']],
      },
    ];
    printResult({ ensemble: ensemble.toJSON(), ...law }, tables, args, {
      series: [
        { name: 'ln skill error', points: law.points.filter((p) => p.skillError > 0).map((p) => [p.ratio, Math.log(p.skillError)]) },
        { name: 'ln unseen', points: law.points.filter((p) => p.unseen > 0).map((p) => [p.ratio, Math.log(p.unseen)]) },
      ],
      xLabel: 'R = texts/skills',
      yLabel: 'ln ε',
    });
  },
};
