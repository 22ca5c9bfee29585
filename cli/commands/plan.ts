// `skillzip plan [INPUT...] [-m MODEL]`: will it work on this corpus? The verdict of docs/THEORY.md §11 in one line,
// then the predicted learned share, held-out recall and compact rate from a tenth of the corpus up to 100× it.
// The work is src/model/feasibility.ts's; --validate trains on subsamples and prints measured beside predicted.

import type { Argv } from 'yargs';
import { loadModel, planFeasibility, trainModel, UNITS, DEFAULT_PLAN_SIZES, DEFAULT_TARGET_RECALL, type DocumentText, type Plan, type SkillModel, type Unit } from '../../src/model/index.js';
import { subsample } from '../../lab/rate/split.js';
import { InputError, UsageError } from '../../src/util/errors.js';
import { printResult, type Table } from '../output.js';
import { withFormatOptions } from '../ensemble-options.js';
import { progressOnTerminal } from '../progress.js';
import { parseNumberList } from '../flags.js';
import { openCorpus, type Corpus } from '../corpus.js';
import type { CommandBody } from '../lazy-commands.js';

interface PlanArgs {
  input?: string[];
  corpus?: 'brown';
  unit?: Unit;
  model?: string;
  'target-recall': number;
  sizes?: string;
  seed: number;
  validate: boolean;
  json?: boolean;
  csv?: boolean;
  plot?: boolean;
}

/** The verdict line and the table of sizes (with measured columns under --validate). */
function planTables(plan: Plan, measured: Map<number, number> | null, name: string): Table[] {
  return [
    {
      title: `${plan.verdict.line}\nPredicted for ${name} at sizes from ${plan.predictions[0].scale}× to ${plan.predictions[plan.predictions.length - 1].scale}× (docs/THEORY.md §11)`,
      columns: ['size ×', 'texts', 'R', 'learned', ...(measured ? ['learned measured'] : []), 'held-out recall', 'bits/text', 'bits/char'],
      rows: plan.predictions.map((p) => [
        p.scale,
        Math.round(p.texts),
        p.ratio,
        p.learned,
        ...(measured ? [measured.get(p.scale) ?? null] : []),
        p.heldOutRecall,
        p.bitsPerText,
        p.bitsPerChar,
      ]),
    },
  ];
}

/** The texts of the corpus in memory (plan trains once, and --validate again on subsamples). */
async function readTexts(corpus: Corpus): Promise<DocumentText[]> {
  const texts: DocumentText[] = [];
  for await (const t of corpus.texts(() => {})) texts.push(t);
  return texts;
}

export const plan: CommandBody<PlanArgs> = {
  builder: (y: Argv) =>
    withFormatOptions(y, 'held-out recall and learned share by size')
      .positional('input', { type: 'string', array: true, describe: 'Corpus files or folders (- or nothing: stdin)' })
      .option('corpus', { type: 'string', choices: ['brown'] as const, describe: 'Plan for the built-in Brown corpus' })
      .option('unit', { type: 'string', choices: UNITS, describe: 'How input files are cut into texts (default line)' })
      .option('model', { alias: 'm', type: 'string', describe: 'Plan from a trained model’s statistics, without the corpus' })
      .option('target-recall', { type: 'number', default: DEFAULT_TARGET_RECALL, describe: 'Held-out recall that makes a corpus feasible' })
      .option('sizes', { type: 'string', describe: `Corpus sizes as multiples of it, a list or A:B:STEP [default: ${DEFAULT_PLAN_SIZES.join(',')}]` })
      .option('seed', { type: 'number', default: 1, describe: 'Seed of the grown ensembles and the --validate subsamples' })
      .option('validate', { type: 'boolean', default: false, describe: 'Train on subsamples (sizes below 1) and print the measured learned share beside the prediction' })
      .example('$0 plan --corpus brown', 'the verdict for Brown and its curves up to 100×')
      .example('$0 plan mails.txt --unit line --target-recall 0.8', 'is a file of e-mails, one per line, long enough to teach?')
      .example('$0 plan -m my.skm --json', 'from a model alone')
      .check((argv) => {
        const sources = [argv.corpus !== undefined, (argv.input?.length ?? 0) > 0, argv.model !== undefined].filter(Boolean).length;
        if (sources > 1) throw new UsageError('give one of: input files, --corpus brown, or -m MODEL');
        if (argv.corpus && argv.unit !== undefined) throw new UsageError('--unit applies to input files; the Brown corpus is cut into sentences');
        if (argv.model !== undefined && argv.validate) throw new UsageError('--validate trains on the corpus, which -m MODEL does not give');
        if (!(argv['target-recall'] > 0 && argv['target-recall'] <= 1)) throw new UsageError(`--target-recall must lie in (0, 1], got ${argv['target-recall']}`);
        return true;
      }) as unknown as Argv<PlanArgs>,
  handler: async (args) => {
    const sizes = args.sizes === undefined ? DEFAULT_PLAN_SIZES : parseNumberList(args.sizes, 'sizes', (x) => x > 0 && x <= 1000, 'in (0, 1000]');
    const progress = progressOnTerminal('plan');
    let model: SkillModel;
    let name: string;
    let texts: DocumentText[] = [];
    if (args.model !== undefined) {
      model = await loadModel(args.model);
      name = args.model;
    } else {
      const corpus = await openCorpus({ ...args, collocations: false });
      name = corpus.name;
      texts = await readTexts(corpus);
      progress(`learning ${texts.length} texts`);
      model = await trainModel(texts, { name, seed: args.seed });
    }
    progress('predicting');
    const plan = planFeasibility(model, { targetRecall: args['target-recall'], sizes, seed: args.seed });
    if (plan === null) throw new InputError(`${name}: this model was written before format 2 and holds no feasibility statistics; run plan on its corpus`);
    let measured: Map<number, number> | null = null;
    if (args.validate) {
      measured = new Map([[1, model.stats.learned.measured]]);
      for (const p of plan.predictions.filter((q) => q.scale < 1)) {
        progress(`validating at ${p.scale}×`);
        measured.set(p.scale, (await trainModel(subsample(texts, p.scale, args.seed), { seed: args.seed })).stats.learned.measured);
      }
    }
    const doc = {
      source: name,
      verdict: plan.verdict,
      predictions: plan.predictions.map((p) => ({ ...p, ...(measured?.has(p.scale) ? { learnedMeasured: measured.get(p.scale) } : {}) })),
    };
    const points = (f: (p: Plan['predictions'][number]) => number): Array<[number, number]> => plan.predictions.map((p) => [Math.log10(p.scale), f(p)]);
    printResult(doc, planTables(plan, measured, name), { json: args.json, csv: args.csv, plot: args.plot }, {
      series: [
        { name: 'held-out recall', points: points((p) => p.heldOutRecall) },
        { name: 'learned share', points: points((p) => p.learned) },
      ],
      xLabel: 'log10 of size (× the corpus)',
      yLabel: 'share',
    });
  },
};
