// `skillzip theory competence`: the Arora–Goyal competence bound (src/theory/competence.ts) on the command line, in
// three modes: the emergence curve over α (default), the guarantee against scale (--scale, θ from the Chinchilla
// loss), and the empirical competence of a trained model on texts (INPUT... or --corpus brown) beside the bound.

import type { Argv } from 'yargs';
import { InputError, UsageError } from '../../../src/util/errors.js';
import {
  compareWithBound,
  competenceAgainstScale,
  emergenceCurve,
  empiricalCompetence,
  tupleParams,
} from '../../../src/theory/competence.js';
import { UNITS, expandInputs, readBrown, readTexts, type Unit } from '../../../src/corpus/index.js';
import { loadDefaultModel, loadModel } from '../../../src/model/store.js';
import { textSkillsOfModel } from '../../../src/model/text-skills.js';
import { parseNumberList } from '../../flags.js';
import { printResult } from '../../output.js';
import { withFormatOptions, type FormatArgs } from '../../ensemble-options.js';
import { parseScales, scaleParams, tupleRules, withScaleOptions, type ScaleArgs } from '../../theory-options.js';
import type { CommandBody } from '../../lazy-commands.js';

/** Refuses flags that the chosen mode would not use, naming them. */
function refuseFlags(args: object, flags: readonly string[], why: string): void {
  const given = flags.filter((f) => (args as Record<string, unknown>)[f] !== undefined);
  if (given.length > 0) throw new UsageError(`${given.map((f) => `--${f}`).join(', ')}: ${why}`);
}

interface CompetenceArgs extends ScaleArgs, FormatArgs {
  input?: string[];
  model?: string;
  corpus?: string;
  unit?: Unit;
  k?: number;
  theta?: number;
  scale?: string;
}

function alphas(args: CompetenceArgs, fallback: string): number[] {
  return parseNumberList(args.alpha ?? fallback, 'alpha', (x) => x > 0 && x < 1, 'strictly between 0 and 1');
}

const SCALE_ONLY = ['parameters', 'tokens', 'loss-factor'] as const;
const EMPIRICAL_ONLY = ['unit'] as const;

function boundMode(args: CompetenceArgs): void {
  refuseFlags(args, [...SCALE_ONLY, ...EMPIRICAL_ONLY], 'these flags belong to --scale or to the empirical mode');
  const k = args.k ?? 8;
  const theta = args.theta ?? 0.1;
  const rules = tupleRules(args);
  const bound = tupleParams(k, theta, rules);
  const curve = emergenceCurve(bound.k, bound.theta, alphas(args, '0.02:0.5:0.02'));
  const rows = curve.map((p) => [p.alpha, p.skillFraction, p.beta, p.competence]);
  printResult(
    { mode: 'bound', k, theta, tuple: rules, effective: { k: bound.k, theta: bound.theta }, curve },
    [
      {
        title: `Arora–Goyal bound: k = ${k}, θ = ${theta}${rules.tupleSize > 1 ? `, ${rules.tupleSize}-tuples (k = ${bound.k}, θ' = ${bound.theta.toPrecision(6)})` : ''}; at least 1 − α of the skills reach the competence shown`,
        columns: ['alpha', 'skills covered', 'beta*', 'competence'],
        rows,
      },
    ],
    args,
    { series: [{ name: 'guaranteed competence', points: curve.map((p) => [p.skillFraction, p.competence]) }], xLabel: 'fraction of skills covered (1 − α)', yLabel: 'competence' },
  );
}

function scaleMode(args: CompetenceArgs): void {
  if (args.theta !== undefined) throw new UsageError('--scale takes θ from the Chinchilla excess loss (θ = c·δ): leave out --theta, use --loss-factor');
  refuseFlags(args, EMPIRICAL_ONLY, 'only the empirical mode reads texts');
  const [alpha, ...more] = alphas(args, '0.1');
  if (more.length > 0) throw new UsageError('--scale needs a single --alpha');
  const k = args.k ?? 8;
  const params = { ...scaleParams(args), k, alpha };
  const rows = competenceAgainstScale(params, parseScales(args.scale));
  printResult(
    { mode: 'scale', ...params, rows },
    [
      {
        title: `Arora–Goyal competence against scale s (N = ${params.parameters}·s parameters, D = ${params.tokens}·s tokens, θ = ${params.lossToFailure}·δ), k = ${k}, α = ${alpha}${params.tupleSize > 1 ? `, ${params.tupleSize}-tuples` : ''}`,
        columns: ['scale', 'N', 'D', 'excess loss', 'theta', 'beta*', 'competence'],
        rows: rows.map((r) => [r.scale, r.parameters, r.tokens, r.excessLoss, r.theta, r.beta, r.competence]),
      },
    ],
    args,
    { series: [{ name: 'guaranteed competence', points: rows.map((r) => [Math.log10(r.scale), r.competence]) }], xLabel: 'log10 scale', yLabel: 'competence' },
  );
}

/** Brown sentences, or the records of the INPUT files (stdin when there are none). */
async function* texts(args: CompetenceArgs): AsyncGenerator<string> {
  if (args.corpus === 'brown') {
    for await (const s of readBrown()) yield s.text;
    return;
  }
  for await (const t of readTexts(await expandInputs(args.input ?? []), { unit: args.unit ?? 'line' })) yield t.text;
}

async function empiricalMode(args: CompetenceArgs): Promise<void> {
  refuseFlags(args, ['k', 'theta', 'scale', 'tuple', 'tuple-failure', 'tuple-degree', ...SCALE_ONLY], 'the empirical mode measures k and θ on the texts, for single skills');
  const model = args.model === undefined ? await loadDefaultModel() : await loadModel(args.model);
  const mapped = await textSkillsOfModel(model, texts(args));
  if (mapped.texts.offsets.length < 2) throw new InputError(`${args.corpus ?? ((args.input ?? []).join(', ') || '<stdin>')}: no text holds a skill`);
  const measured = empiricalCompetence(mapped.texts, mapped.learned);
  const rows = compareWithBound(measured, alphas(args, '0.05:0.5:0.05'));
  const { competence: _perSkill, ...summary } = measured;
  printResult(
    { mode: 'empirical', model: args.model ?? 'default', ...summary, unknownSkills: mapped.unknownSkills, emptyTexts: mapped.emptyTexts, rows },
    [
      {
        title: `Empirical competence on ${measured.texts} texts (${measured.failedTexts} failed, θ = ${measured.theta.toPrecision(4)}, k = ${measured.meanSkillsPerText.toPrecision(4)}; ${measured.skillsSeen} skills, ${mapped.unknownSkills} unknown to the model) against the Arora–Goyal bound`,
        columns: ['alpha', 'skills covered', 'empirical competence', 'bound', 'beta*', 'bound holds'],
        rows: rows.map((r) => [r.alpha, 1 - r.alpha, r.empirical, r.bound, r.beta, r.bound === null ? null : r.empirical >= r.bound]),
      },
    ],
    args,
    {
      series: [
        { name: 'empirical', points: rows.map((r) => [1 - r.alpha, r.empirical]) },
        { name: 'bound', points: rows.flatMap((r): Array<[number, number]> => (r.bound === null ? [] : [[1 - r.alpha, r.bound]])) },
      ],
      xLabel: 'fraction of skills covered (1 − α)',
      yLabel: 'competence',
    },
  );
}

export const competence: CommandBody<CompetenceArgs> = {
  builder: (y) =>
    withFormatOptions(
      withScaleOptions(
        y
          .positional('input', { type: 'string', array: true, describe: 'Texts to measure a model on (empirical mode); with -m and no INPUT, stdin' })
          .option('k', { type: 'number', describe: 'Skills per text piece (default 8)' })
          .option('theta', { type: 'number', describe: 'Fraction of failed text pieces (default 0.1)' })
          .option('alpha', { type: 'string', describe: 'α values: a list or A:B:STEP (default 0.02:0.5:0.02; 0.1 with --scale)' })
          .option('scale', { type: 'string', describe: 'Scale factors s for model and data (list or A:B:STEP); default 10^-2..10^3' })
          .option('model', { alias: 'm', type: 'string', describe: 'Model for the empirical mode (default with INPUT or --corpus: the built-in model)' })
          .option('corpus', { type: 'string', choices: ['brown'], describe: 'Measure on the built-in Brown corpus' })
          .option('unit', { type: 'string', choices: UNITS, describe: 'How input files are cut into texts (default line)' }),
      ),
      'the competence curve',
    )
      .example('$0 theory competence --k 8 --theta 0.1 --alpha 0.1', 'β* ≈ 4.5019, competence ≈ 0.5498')
      .example('$0 theory competence --scale 0.1,1,10,100 --tuple 2 --plot', 'pairs of skills as model and data grow')
      .example('$0 theory competence --corpus brown', 'the built-in model measured on Brown against the bound')
      .example('cat texts.txt | $0 theory competence -m my.skm --plot', 'a model measured on texts from stdin') as unknown as Argv<CompetenceArgs>,
  handler: async (args) => {
    const files = args.input !== undefined && args.input.length > 0;
    if (args.corpus !== undefined && files) throw new UsageError('give either input files or --corpus brown, not both');
    if (args.corpus !== undefined || files || args.model !== undefined) await empiricalMode(args);
    else if (args.scale !== undefined) scaleMode(args);
    else boundMode(args);
  },
};
