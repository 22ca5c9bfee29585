// `skillzip theory compare`: for one set of parameters, the density-evolution learned fraction against R, the
// Arora–Goyal guaranteed competence against scale and the TAP trajectory, side by side (src/theory/compare.ts).

import type { Argv } from 'yargs';
import { UsageError } from '../../../src/util/errors.js';
import { compareEmergence, emergenceShapes } from '../../../src/theory/compare.js';
import {
  ensembleFromArgs,
  parseRatios,
  withEnsembleOptions,
  withFormatOptions,
  type EnsembleArgs,
  type FormatArgs,
} from '../../ensemble-options.js';
import { parseNumberList } from '../../flags.js';
import { printResult, type Cell } from '../../output.js';
import { parseScales, scaleParams, tapParamsFromArgs, withScaleOptions, withTapOptions, type ScaleArgs, type TapArgs } from '../../theory-options.js';
import { tapJson, tapRows, tapSummary } from '../../present/tap.js';
import type { CommandBody } from '../../lazy-commands.js';

interface CompareArgs extends EnsembleArgs, ScaleArgs, TapArgs, FormatArgs {
  k?: number;
  scale?: string;
}

export const compare: CommandBody<CompareArgs> = {
  builder: (y) =>
    withFormatOptions(
      withTapOptions(withScaleOptions(withEnsembleOptions(y, '0.25:4:0.25')), { alpha: 0.05, steps: 24 }),
      'the three transitions on a common frame',
    )
      .option('k', { type: 'number', describe: "Skills per text for the AG bound (default: the ensemble's mean text degree at the largest R)" })
      .option('alpha', { type: 'string', default: '0.1', describe: 'α of the AG bound (one value)' })
      .option('scale', { type: 'string', describe: 'AG scale factors s (list or A:B:STEP); default 10^-2..10^3' })
      .example('$0 theory compare --pp 4 --plot', 'PP model d = 4 beside AG (k = 4) and TAP (α = 0.05)')
      .example('$0 theory compare --skill-degree liva8 --ratio 0.5:2:0.1 --k 8 --tap-alpha 0.1 --json', 'IRSA view, one JSON document') as unknown as Argv<CompareArgs>,
  handler: (args) => {
    const alphas = parseNumberList(args.alpha ?? '0.1', 'alpha', (x) => x > 0 && x < 1, 'strictly between 0 and 1');
    if (alphas.length !== 1) throw new UsageError('compare needs a single --alpha');
    const ensemble = ensembleFromArgs(args);
    const tap = tapParamsFromArgs(args);
    const scale = { ...scaleParams(args), alpha: alphas[0] };
    const result = compareEmergence({
      ensemble,
      ratios: parseRatios(args.ratio as string),
      scale,
      k: args.k,
      scales: parseScales(args.scale),
      tap,
      tapSteps: args.steps,
    });
    const tapTable = tapRows(result.tap, !args.csv);
    const length = Math.max(result.de.length, result.ag.length, tapTable.length);
    const rows: Cell[][] = Array.from({ length }, (_, i) => {
      const de = result.de[i];
      const ag = result.ag[i];
      const t = tapTable[i];
      return [de?.ratio, de?.learned, ag?.scale, ag?.theta, ag?.competence, t?.[0], t?.[2]];
    });
    printResult(
      { ensemble: ensemble.toJSON(), de: result.de, ag: { params: { ...scale, k: result.k }, rows: result.ag }, tap: { params: tap, ...tapJson(result.tap) } },
      [
        {
          title: `${ensemble.describe()} | AG: k = ${Number(result.k.toPrecision(6))}, α = ${alphas[0]}, θ = ${scale.lossToFailure}·δ(${scale.parameters}·s, ${scale.tokens}·s) | TAP: M0 = ${args.m0}, α = ${args['tap-alpha']}; ${tapSummary(result.tap, args)}`,
          columns: ['R', 'DE learned', 'scale', 'AG theta', 'AG competence', 't', 'TAP log10 M'],
          rows,
        },
      ],
      args,
      { series: emergenceShapes(result, args['blowup-at']), xLabel: 'position along each sweep (R, scale, t)', yLabel: 'learned / competence / log10 M over threshold' },
    );
  },
};
