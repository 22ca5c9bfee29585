// `skillzip theory threshold`: the learning threshold R* (load G* = 1/R*) with its stability bound where it exists,
// otherwise the emergence jump R_c with the lower spinodal and, for the PP model, the closed form beside the numeric
// value (src/theory/thresholds.ts, THEORY.md §4). --plot draws the cold- and warm-start curves around it.

import type { Argv } from 'yargs';
import { evolve } from '../../../src/theory/de.js';
import { thresholdReport } from '../../../src/theory/thresholds.js';
import { printResult, type Table } from '../../output.js';
import { ensembleFromArgs, withEnsembleOptions, withFormatOptions, type EnsembleArgs, type FormatArgs } from '../../ensemble-options.js';
import type { CommandBody } from '../../lazy-commands.js';

type ThresholdArgs = EnsembleArgs & FormatArgs;

export const threshold: CommandBody<ThresholdArgs> = {
  builder: (y) =>
    withFormatOptions(withEnsembleOptions(y, null), 'the learned fraction against R (cold and warm start)')
      .example('$0 theory threshold --skill-degree liva8', 'IRSA view: G* = 0.938635')
      .example('$0 theory threshold --pp 3 --json', 'PP model: jump at R_c = 1.037886, numeric and closed form') as unknown as Argv<ThresholdArgs>,
  handler: (args) => {
    const ensemble = ensembleFromArgs(args);
    const { threshold, jump } = thresholdReport(ensemble);
    const doc = {
      ratio: threshold?.ratio ?? null,
      load: threshold?.load ?? null,
      stabilityBound: threshold?.stabilityBound ?? null,
      skillErrorBelow: threshold?.skillErrorBelow ?? null,
      jump,
      learner: ensemble.learner.label,
      ensemble: ensemble.toJSON(),
    };
    const rows: Table['rows'] = [];
    if (threshold) {
      rows.push(['threshold R*', threshold.ratio, threshold.load, `unlearned just below: ${threshold.skillErrorBelow.toPrecision(6)}; p* = 0 above`]);
      if (threshold.stabilityBound) rows.push(['stability bound', threshold.stabilityBound.ratio, threshold.stabilityBound.load, 'R* ≥ 2ε0Λ_2(1 − φ_2)']);
    }
    if (jump) {
      rows.push(['jump R_c', jump.ratio, 1 / jump.ratio, `learned ${jump.before.learned.toPrecision(6)} -> ${jump.after.learned.toPrecision(6)}`]);
      if (jump.lowerRatio !== null) rows.push(['lower spinodal', jump.lowerRatio, 1 / jump.lowerRatio, 'warm start keeps learning down to here']);
      if (jump.closedForm) {
        rows.push(['jump R_c (closed form)', jump.closedForm.ratio, 1 / jump.closedForm.ratio, 'ε ln(1/ε) = 1/d, larger root']);
        rows.push(['lower spinodal (closed form)', jump.closedForm.lowerRatio, 1 / jump.closedForm.lowerRatio, 'smaller root']);
      }
    }
    if (rows.length === 0) rows.push(['none', null, null, 'no threshold and no jump: the learned fraction rises continuously']);
    const table: Table = { title: ensemble.describe(), columns: ['quantity', 'ratio R', 'load G', 'note'], rows };
    const centre = threshold?.ratio ?? jump?.ratio ?? 1;
    const ratios = Array.from({ length: 64 }, (_, i) => centre * (0.5 + i / 63));
    const curve = (start: number): Array<[number, number]> => ratios.filter((r) => r <= ensemble.maxRatio()).map((r) => [r, evolve(ensemble, r, { start }).learned]);
    printResult(doc, [table], args, {
      series: [
        { name: 'cold start', points: args.plot ? curve(1) : [] },
        { name: 'warm start', points: args.plot ? curve(0) : [] },
      ],
      xLabel: 'R = texts/skills',
      yLabel: 'learned fraction',
    });
  },
};
