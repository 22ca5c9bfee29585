// `skillzip theory finetune`: foundation → fine-tune (THEORY.md §6, src/theory/multiclass.ts): the foundation
// ensemble (the shared ensemble flags) trained at --foundation-ratio leaves basic skills unknown with residual ε_b;
// fine-tune texts with --basic and --special skills each are swept over --ratio (fine-tune texts per specialised
// skill), beside learning the same texts from scratch.

import type { Argv } from 'yargs';
import { UsageError } from '../../../src/util/errors.js';
import { finetuneAt, finetuneEmergence, foundationResidual, type FinetuneSetting } from '../../../src/theory/multiclass.js';
import { printResult, type Table } from '../../output.js';
import { ensembleFromArgs, parseRatios, withEnsembleOptions, withFormatOptions, type EnsembleArgs, type FormatArgs } from '../../ensemble-options.js';
import type { CommandBody } from '../../lazy-commands.js';

type FinetuneArgs = EnsembleArgs &
  FormatArgs & { 'foundation-ratio': number; basic: number; special: number; 'basic-per-special': number };

function positive(flag: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0)) throw new UsageError(`--${flag} ${value}: must be a positive number`);
  return value;
}

export const finetune: CommandBody<FinetuneArgs> = {
  builder: (y) =>
    withFormatOptions(withEnsembleOptions(y, '0.25:6:0.25'), 'the specialised learned fraction against R')
      .option('foundation-ratio', { type: 'number', default: 2, describe: 'R of the foundation stage (its texts per basic skill)' })
      .option('basic', { type: 'number', default: 3, describe: 'd_b: mean basic skills per fine-tune text' })
      .option('special', { type: 'number', default: 1.5, describe: 'd_s: mean specialised skills per fine-tune text' })
      .option('basic-per-special', { type: 'number', default: 10, describe: 'N_b/N_s: basic skills per specialised skill' })
      .example('$0 theory finetune --pp 4 --foundation-ratio 2 --plot', 'specialised skills emerge far earlier on a foundation')
      .example('$0 theory finetune --pp 4 --basic 4 --special 3 --ratio 0.5:4:0.5 --json', 'both curves as JSON') as unknown as Argv<FinetuneArgs>,
  handler: (args) => {
    const setting: FinetuneSetting = {
      foundation: ensembleFromArgs(args),
      foundationRatio: positive('foundation-ratio', args['foundation-ratio']),
      basicPerText: positive('basic', args.basic),
      specialPerText: positive('special', args.special),
      basicPerSpecial: positive('basic-per-special', args['basic-per-special']),
    };
    const residual = foundationResidual(setting);
    const points = parseRatios(args.ratio as string).map((ratio) => finetuneAt(setting, ratio, residual));
    const emergence = finetuneEmergence(setting, residual);
    const jumpText = (r: number | null): string => (r === null ? 'no jump' : `jump at R = ${Number(r.toPrecision(7))}`);
    const table: Table = {
      title:
        `foundation ${setting.foundation.describe()} at R_f = ${setting.foundationRatio}: basic residual ε_b = ${residual}\n` +
        `fine-tune texts: Poisson(${setting.basicPerText}) basic + Poisson(${setting.specialPerText}) specialised skills; ` +
        `specialised: ${jumpText(emergence.tuned)} on the foundation, ${jumpText(emergence.scratch)} from scratch`,
      columns: ['ratio', 'special', 'specialScratch', 'basic', 'basicScratch'],
      rows: points.map((p) => [p.ratio, p.special, p.specialScratch, p.basic, p.basicScratch]),
    };
    const doc = {
      foundation: { ensemble: setting.foundation.toJSON(), ratio: setting.foundationRatio, residual },
      fineTune: { basicPerText: setting.basicPerText, specialPerText: setting.specialPerText, basicPerSpecial: setting.basicPerSpecial },
      emergence,
      points,
    };
    printResult(doc, [table], args, {
      series: [
        { name: 'specialised, on the foundation', points: points.map((p) => [p.ratio, p.special]) },
        { name: 'specialised, from scratch', points: points.map((p) => [p.ratio, p.specialScratch]) },
      ],
      xLabel: 'R = fine-tune texts per specialised skill',
      yLabel: 'learned fraction',
    });
  },
};
