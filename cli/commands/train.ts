// `skillzip train [INPUT...] -o MODEL`: trains a skill model on a corpus (THEORY.md §1–§2) and prints what
// the learner did beside what density evolution predicts from the corpus's own statistics (plain, composition and
// pair-corrected DE, docs/THEORY.md §10), plus the emergence sweep (--sweep) and the learned share by degree (--by-degree). Reads files, folders, stdin or the built-in Brown corpus; a progress bar on stderr
// only when stderr is a terminal. With --shard-out it writes the part's sufficient statistics instead (a shard, merged by
// `skillzip merge`, cli/commands/merge.ts, which shares the learning flags and the report from here). The work is
// src/model's; this module parses, reports and writes the file.

import type { Argv } from 'yargs';
import { DEFAULT_COLLOCATIONS, DEFAULT_SEED, STOPWORD_PACKAGES, encodeModel, modelVerdict, trainModel, trainPart, type Shard, type SkillModel, type StopwordPackage, type TextSource } from '../../src/model/index.js';
import { encodeShard } from '../../src/model/shard.js';
import { UsageError } from '../../src/util/errors.js';
import { printResult, type Table } from '../output.js';
import { outputOption, withOutputOptions, writeOutputData, type OutputArgs, type OutputTarget } from '../output-file.js';
import { progressWanted, startProgress, withProgressOptions, type Progress, type ProgressArgs } from '../progress.js';
import { withFormatOptions } from '../ensemble-options.js';
import { parseNumberList } from '../flags.js';
import { threadsOf, withThreadsOption, type ThreadsArgs } from '../threads-option.js';
import { withUnitOptions } from '../unit-options.js';
import { openCorpus, type CorpusArgs } from '../corpus.js';
import { byDegreeTable, statisticsTables } from '../present/training.js';
import type { CommandBody } from '../lazy-commands.js';

/** The flags that act when the model is learned (training, or merging shards). */
export interface LearnArgs extends OutputArgs {
  learner: string;
  'min-count': number;
  sweep?: string;
  seed: number;
  'by-degree': boolean;
  json?: boolean;
  csv?: boolean;
}

interface TrainArgs extends CorpusArgs, ProgressArgs, LearnArgs, Partial<ThreadsArgs> {
  'shard-out'?: string;
  lang: string;
  stopwords?: StopwordPackage;
  'min-length': number;
  'collocation-min-count'?: number;
  'collocation-min-pmi'?: number;
  skills: string;
}

/** The corpus's texts, then the progress line says that learning (peeling) has begun. */
async function* thenPeeling<T>(texts: AsyncIterable<T>, progress: Progress): AsyncGenerator<T> {
  yield* texts;
  progress.phase('peeling');
}

/** The report: as JSON, or as tables for people. */
function report(model: SkillModel, file: string, byDegree: boolean): { doc: unknown; tables: Table[] } {
  const s = model.stats;
  const doc = {
    model: file,
    id: model.id,
    skills: s.skills,
    texts: s.texts,
    ratio: s.ratio,
    edges: s.edges,
    meanSkillDegree: s.meanSkillDegree,
    meanTextDegree: s.meanTextDegree,
    learner: s.learner,
    rounds: s.rounds,
    minCount: s.minCount,
    seed: s.seed,
    learnedSkills: model.coding.order.length,
    learned: s.learned,
    edgeLearned: s.edgeLearned,
    textsCovered: s.textsCovered,
    giantComponent: s.giantComponent,
    sweep: s.sweep,
    ...(byDegree ? { byDegree: s.byDegree } : {}),
  };
  const title =
    `Trained ${file} (id ${model.id.slice(0, 16)}…): N = ${s.skills} skills, T = ${s.texts} texts, R = ${s.ratio.toFixed(4)}, ` +
    `${s.edges} edges, mean degrees ${s.meanSkillDegree.toFixed(2)} (skill) / ${s.meanTextDegree.toFixed(2)} (text), learner ${s.learner}, ${s.rounds} rounds`;
  const tables = statisticsTables(s, title);
  if (byDegree) tables.push(byDegreeTable(s));
  return { doc, tables };
}

/** -o MODEL and the flags of learning, for train and merge. */
export function withLearnOptions<T>(y: Argv<T>, outputRequired: boolean): Argv<T & LearnArgs> {
  return withOutputOptions(withFormatOptions(y), 'the model (.skm)', { required: outputRequired })
    .option('learner', { type: 'string', default: '1', describe: 'Learner: 1 (SCNS), an integer K, phi:a,b,... or noisy:a' })
    .option('min-count', { type: 'number', default: 1, describe: 'Prune skills found in fewer texts before learning' })
    .option('sweep', { type: 'string', describe: 'Fractions of the texts to train on for the emergence curve, e.g. 0.1,0.25,0.5,1' })
    .option('seed', { type: 'number', default: DEFAULT_SEED, describe: 'Seed of the subsamples and of random learners' })
    .option('by-degree', { type: 'boolean', default: false, describe: 'Also show the learned share of skills by degree (1, 2, 3, 4-5, 6-10, 11+), measured and predicted' }) as unknown as Argv<
    T & LearnArgs
  >;
}

/** The learning options of the flags. */
export function learnOptions(args: LearnArgs): { learner: string; minCount: number; sweep: number[]; seed: number } {
  return {
    learner: args.learner,
    minCount: args['min-count'],
    sweep: args.sweep === undefined ? [] : parseNumberList(args.sweep, 'sweep', (x) => x > 0 && x <= 1, 'a fraction in (0, 1]'),
    seed: args.seed,
  };
}

/** Writes the model to -o and prints what the learner did, with the feasibility verdict. */
export async function writeAndReport(model: SkillModel, output: OutputTarget, args: LearnArgs & { output: string }): Promise<void> {
  await writeOutputData(output, encodeModel(model));
  const { doc, tables } = report(model, args.output, args['by-degree']);
  // The feasibility verdict for the model written (docs/THEORY.md §11), on a few sizes to stay quick.
  const verdict = modelVerdict(model);
  if (verdict) tables[0].title = `${verdict.line}\n${tables[0].title}`;
  printResult({ ...(doc as object), verdict }, tables, { json: args.json, csv: args.csv });
}

export const train: CommandBody<TrainArgs> = {
  builder: (y: Argv) =>
    withThreadsOption(withUnitOptions(withProgressOptions(withLearnOptions(y, false))), 'extracting skills from batches of texts')
      .positional('input', { type: 'string', array: true, describe: 'Corpus files or folders (- or nothing: stdin)' })
      .option('corpus', { type: 'string', choices: ['brown'] as const, describe: 'Train on the built-in Brown corpus (sentences as texts)' })
      .option('shard-out', { type: 'string', requiresArg: true, describe: 'Write this part of a corpus as a shard FILE (.sks) to merge later (skillzip merge), instead of a model' })
      .option('lang', { type: 'string', default: 'en', describe: 'Language of the stopword list and stemmer (ISO 639-1)' })
      .option('stopwords', { type: 'string', choices: STOPWORD_PACKAGES, describe: 'Stopword package (default: @orama/stopwords, or stopwords-iso for languages it lacks; stopword: the lists of earlier models)' })
      .option('min-length', { type: 'number', default: 2, describe: 'Shortest word (code points) that can be a skill' })
      .option('collocations', { type: 'boolean', default: false, describe: 'Add multi-word skills (adjacent pairs by PMI); reads the corpus twice' })
      .option('collocation-min-count', { type: 'number', describe: `Occurrences a collocation needs (default ${DEFAULT_COLLOCATIONS.minCount})` })
      .option('collocation-min-pmi', { type: 'number', describe: `PMI (bits) a collocation needs (default ${DEFAULT_COLLOCATIONS.minPmi})` })
      .option('skills', { type: 'string', default: 'word', describe: 'Skills: word (stems), concept:L (a word WordNet knows → its most frequent sense, L hypernym steps up; English only) or layered:L (word skills over a base layer of those concepts, for encode\'s layered streams; English only)' })
      .example('$0 train --corpus brown --skills concept:1 -o brown-c1.skm', 'concept skills: WordNet concepts one step above each word\'s most frequent sense')
      .example('$0 train --corpus brown --skills layered:2 -o brown-l2.skm', 'a word model with a base layer of concepts two steps up (layered streams)')
      .example('$0 train --corpus brown -o brown.skm --sweep 0.1,0.25,0.5,1', 'the built-in corpus, with its emergence curve')
      .example('$0 train notes/ --unit paragraph --min-count 2 -o notes.skm --json', 'a folder of text files, paragraphs as texts')
      .example('$0 train part1.txt --shard-out part1.sks', 'a part of a corpus, merged with the others by skillzip merge')
      .check((argv) => {
        if ((argv.output === undefined) === (argv['shard-out'] === undefined)) throw new UsageError('give -o MODEL, or --shard-out SHARD to write a shard instead');
        if (argv['shard-out'] !== undefined && argv.collocations) throw new UsageError('--collocations are found over the whole corpus: a shard cannot have them');
        if (argv.corpus && argv.input && argv.input.length > 0) throw new UsageError('give either input files or --corpus brown, not both');
        if (argv.corpus && argv.unit !== undefined) throw new UsageError('--unit applies to input files; the Brown corpus is cut into sentences');
        const thresholds = (['collocation-min-count', 'collocation-min-pmi'] as const).filter((flag) => argv[flag] !== undefined);
        if (!argv.collocations && thresholds.length > 0) throw new UsageError(`${thresholds.map((f) => `--${f}`).join(', ')}: add --collocations, which these settings are for`);
        if (!(Number.isInteger(argv['min-length']) && argv['min-length'] >= 1 && argv['min-length'] <= 64)) {
          throw new UsageError(`--min-length ${argv['min-length']}: expected an integer from 1 to 64`);
        }
        return true;
      }) as unknown as Argv<TrainArgs>,
  handler: async (args) => {
    const shardOut = args['shard-out'];
    const output = await outputOption({ ...args, output: shardOut ?? args.output! });
    const corpus = await openCorpus(args);
    let bar: Progress | undefined;
    const source: TextSource = () => {
      bar?.stop(); // a second pass (collocations) gets a line of its own
      const progress = startProgress('train', corpus.bytes, progressWanted(args));
      bar = progress;
      return thenPeeling(corpus.texts((bytes) => progress.update(bytes)), progress);
    };
    const extraction = { name: corpus.name, lang: args.lang, stopwords: args.stopwords, minLength: args['min-length'], skills: args.skills, threads: threadsOf(args) };
    if (shardOut !== undefined) {
      let shard: Shard;
      try {
        shard = await trainPart(source, extraction);
      } finally {
        bar?.stop();
      }
      await writeOutputData(output, encodeShard(shard));
      const doc = { shard: shardOut, texts: shard.part.textEnds.length - 1, textsRead: shard.part.textsRead, skills: shard.part.keys.length, edges: shard.part.edges.length };
      const rows: Array<[string, number]> = [['texts read', doc.textsRead], ['texts with skills', doc.texts], ['skills (before pruning)', doc.skills], ['edges', doc.edges]];
      printResult(doc, [{ title: `Shard ${shardOut} (merge the shards with skillzip merge)`, columns: ['property', 'value'], rows }], { json: args.json, csv: args.csv });
      return;
    }
    let model: SkillModel;
    try {
      model = await trainModel(source, {
        ...extraction,
        collocations: args.collocations
          ? { minCount: args['collocation-min-count'] ?? DEFAULT_COLLOCATIONS.minCount, minPmi: args['collocation-min-pmi'] ?? DEFAULT_COLLOCATIONS.minPmi }
          : null,
        ...learnOptions(args),
      });
    } finally {
      bar?.stop();
    }
    await writeAndReport(model, output, { ...args, output: args.output! });
  },
};
