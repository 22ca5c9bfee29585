// The flags shared by `theory ...`, `simulate`, `train` and `inspect` (DESIGN.md, "Command line"): the ensemble and
// learner (--skill-degree SPEC, --text-degree SPEC, --pp D, --ratio R | A:B:STEP, --learner, --prior), the result
// formats (--json, --csv, --plot) and the number lists and sweeps (--ratio, --alpha, --scale). How the flags choose
// the view (irsa, ag, pp, empirical) is documented in src/theory/ensemble.ts; SPEC syntax in src/theory/degree.ts,
// learner specs in src/theory/learners.ts.

import { readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { UsageError } from '../src/util/errors.js';
import { ensembleFromSpecs, type Ensemble } from '../src/theory/ensemble.js';

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

/** Most values a list or sweep flag may expand to. */
const MAX_LIST_VALUES = 100_000;

/**
 * Numbers from a comma-separated list or a sweep A:B:STEP (A ≤ B, STEP > 0, B included when the steps land on it),
 * each checked by `valid` (`rule` says what it wants); `list: false` refuses lists (one value or a sweep only).
 * Errors are UsageErrors naming --`flag`.
 */
export function parseNumberList(spec: string, flag: string, valid: (x: number) => boolean, rule: string, list = true): number[] {
  const usage = new UsageError(`--${flag} '${spec}': expected ${list ? 'a comma-separated list' : 'one number'} or a sweep A:B:STEP, each ${rule}`);
  const range = spec.split(':');
  let values: number[];
  if (range.length === 3) {
    const [a, b, step] = range.map((x) => (x.trim() === '' ? NaN : Number(x)));
    if (!(Number.isFinite(a) && Number.isFinite(b) && step > 0 && b >= a)) throw usage;
    const count = Math.floor((b - a) / step + 1e-9) + 1;
    if (count > MAX_LIST_VALUES) throw new UsageError(`--${flag} '${spec}': ${count} values is more than ${MAX_LIST_VALUES}`);
    // Computed as a + i·step and rounded to 12 significant digits, so 0.1 steps print as 0.3, not 0.30000000000000004.
    values = Array.from({ length: count }, (_, i) => Number((a + i * step).toPrecision(12)));
  } else if (range.length === 1 && (list || !spec.includes(','))) {
    values = spec.split(',').map((x) => (x.trim() === '' ? NaN : Number(x)));
  } else {
    throw usage;
  }
  if (!values.every((x) => Number.isFinite(x) && valid(x))) throw usage;
  return values;
}

/** Parses --ratio: one positive R, or a sweep A:B:STEP of positive ratios. */
export function parseRatios(spec: string): number[] {
  return parseNumberList(spec, 'ratio', (r) => r > 0, 'a positive ratio texts/skills', false);
}
