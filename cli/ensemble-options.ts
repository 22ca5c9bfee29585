// The flags shared by `theory ...`, `simulate`, `train` and `inspect` (DESIGN.md, "Command line"): the ensemble and
// learner (--skill-degree SPEC, --text-degree SPEC, --pp D, --ratio R | A:B:STEP, --learner, --prior), the result
// formats (--json, --csv, --plot) and --ratio (a number list of cli/flags.ts). How the flags choose
// the view (irsa, ag, pp, empirical) is documented in src/theory/ensemble.ts; SPEC syntax in src/theory/degree.ts,
// learner specs in src/theory/learners.ts.

import { readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { ensembleFromSpecs, type Ensemble } from '../src/theory/ensemble.js';
import { parseNumberList } from './flags.js';

export interface EnsembleArgs {
  'skill-degree'?: string;
  'text-degree'?: string;
  pp?: number;
  ratio?: string;
  learner?: string;
  prior?: number;
}

/**
 * Adds the ensemble flags to a command. `ratioDefault`: the --ratio used when the flag is absent; undefined = no
 * default; null = the command takes no --ratio.
 */
export function withEnsembleOptions<T>(y: Argv<T>, ratioDefault?: string | null): Argv<T & EnsembleArgs> {
  const withRatio =
    ratioDefault === null
      ? y
      : y.option('ratio', {
          type: 'string',
          describe: 'R = texts/skills: one value, or a sweep A:B:STEP',
          ...(ratioDefault === undefined ? {} : { default: ratioDefault }),
        });
  return withRatio
    .option('skill-degree', {
      type: 'string',
      describe: "Skill degree (texts per skill): poisson:MEAN, fixed:D, a polynomial like '0.5x^2+0.28x^3+0.22x^8', liva8, crdsa, crdsa3, @file.json; 'poisson' alone = mean implied by R",
    })
    .option('text-degree', { type: 'string', describe: 'Text degree (skills per text), same SPEC syntax' })
    .option('pp', { type: 'number', describe: 'PP model: texts Poisson(D), skills Poisson(D·R) (same as --skill-degree poisson --text-degree poisson:D)' })
    .option('learner', { type: 'string', default: '1', describe: 'Learner: 1 (SCNS), an integer K, phi:a,b,..., noisy:a' })
    .option('prior', { type: 'number', default: 1, describe: 'ε0: probability that a skill starts unknown (1 = from scratch)' }) as Argv<T & EnsembleArgs>;
}

export interface FormatArgs {
  json?: boolean;
  csv?: boolean;
  plot?: boolean;
}

/**
 * Adds --json and --csv, and --plot when there is something to draw (`plotWhat`): what `printResult` in
 * cli/output.ts understands.
 */
export function withFormatOptions<T>(y: Argv<T>, plotWhat?: string): Argv<T & FormatArgs> {
  const formats = y
    .option('json', { type: 'boolean', describe: 'Print one JSON document' })
    .option('csv', { type: 'boolean', describe: 'Print the tables as CSV' })
    .conflicts('json', 'csv');
  return (plotWhat === undefined ? formats : formats.option('plot', { type: 'boolean', describe: `Also draw ${plotWhat} as an ASCII chart` })) as Argv<
    T & FormatArgs
  >;
}

/** Turns parsed flags into an Ensemble; usage errors name the flag. */
export function ensembleFromArgs(args: EnsembleArgs): Ensemble {
  return ensembleFromSpecs({
    skillDegree: args['skill-degree'],
    textDegree: args['text-degree'],
    pp: args.pp,
    learner: args.learner,
    prior: args.prior,
    readFile: (file) => readFileSync(file, 'utf8'),
  });
}

/** Parses --ratio: one positive R, or a sweep A:B:STEP of positive ratios. */
export function parseRatios(spec: string): number[] {
  return parseNumberList(spec, 'ratio', (r) => r > 0, 'a positive ratio texts/skills', false);
}
