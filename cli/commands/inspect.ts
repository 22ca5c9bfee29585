// `skillzip inspect FILE`: what a skillzip file holds, like `gzip -l`. The kind of file is told by its magic: a
// model (.skm, src/model/format.ts) prints its id, sizes, extractor and training statistics; any other magic goes
// to `inspectOtherFile`, the dispatch point where the stream format (.skz, codec/) is recognised.

import { open, stat } from 'node:fs/promises';
import type { Argv } from 'yargs';
import { isModelFile, loadModel, MODEL_FORMAT_VERSION, MODEL_MAGIC, modelVerdict, type SkillModel } from '../../src/model/index.js';
import { InputError } from '../../src/util/errors.js';
import { printResult, type Table } from '../output.js';
import { withFormatOptions } from '../ensemble-options.js';
import { statisticsTables } from '../present/training.js';
import { isStreamFile } from '../../codec/inspect.js';
import { inspectStream } from '../present/stream.js';
import type { CommandBody } from '../lazy-commands.js';

interface InspectArgs {
  file: string;
  json?: boolean;
  csv?: boolean;
}

/** The first bytes of the file, enough for any magic. */
async function readHead(file: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    throw new InputError(`${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  try {
    const head = new Uint8Array(16);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function modelReport(model: SkillModel, file: string, fileBytes: number): { doc: unknown; tables: Table[] } {
  const { extractor: x, stats: s, skills, coding, association, layers } = model;
  const top = Array.from(coding.order.subarray(0, 10), (k) => skills.surface[k]).join(', ');
  const words = `${x.stopwords.package} ${x.stopwords.version} list '${x.stopwords.list}', ${x.stemmer.package} ${x.stemmer.version} '${x.stemmer.algorithm}'`;
  const doc = {
    kind: 'model',
    file,
    bytes: fileBytes,
    formatVersion: MODEL_FORMAT_VERSION,
    id: model.id,
    createdBy: model.createdBy,
    extractor: x,
    skills: skills.keys.length,
    learnedSkills: coding.order.length,
    trainingTexts: coding.texts,
    associations: association.neighbors.length,
    maxNeighbors: association.maxNeighbors,
    minPairCount: association.minPairCount,
    ...(layers && { layers: { concepts: layers.concepts, baseSymbols: layers.coding.order.length, baseAssociations: layers.association.neighbors.length } }),
    stats: s,
    verdict: modelVerdict(model),
  };
  const tables: Table[] = [
    {
      title: `Model ${file}`,
      columns: ['property', 'value'],
      rows: [
        ['kind', `skillzip model, format ${MODEL_FORMAT_VERSION}`],
        ['id', model.id],
        ['size (bytes)', String(fileBytes)],
        ['created by', model.createdBy],
        ['language', x.lang],
        ['word lists', words],
        ['skills', skillsDescription(model)],
        ...(layers ? [['base layer: concepts / associations', `${layers.coding.order.length} / ${layers.association.neighbors.length}`]] : []),
        ['min word length', String(x.minLength)],
        ['collocations', x.collocations ? `${x.collocations.keys.length} (min count ${x.collocations.minCount}, min PMI ${x.collocations.minPmi})` : 'off'],
        ['skills N / learned', `${skills.keys.length} / ${coding.order.length}`],
        ['training texts T, R = T/N', `${s.texts}, ${s.ratio.toFixed(4)}`],
        ['edges, mean degrees', `${s.edges}, ${s.meanSkillDegree.toFixed(2)} per skill, ${s.meanTextDegree.toFixed(2)} per text`],
        ['learner, rounds, min count, seed', `${s.learner}, ${s.rounds}, ${s.minCount}, ${s.seed}`],
        ['associations', `${association.neighbors.length} (≤ ${association.maxNeighbors} per symbol, pair count ≥ ${association.minPairCount})`],
        ['most frequent learned', top],
      ],
    },
    ...statisticsTables(s, 'Training statistics'),
    feasibilityTable(model, doc.verdict),
  ];
  return { doc, tables };
}

/** The verdict and the statistics behind it, or a row saying that the model has none. */
function feasibilityTable(model: SkillModel, verdict: ReturnType<typeof modelVerdict>): Table {
  const f = model.stats.feasibility;
  const title = 'Feasibility (docs/THEORY.md §11)';
  if (f === null || verdict === null) {
    return { title, columns: ['property', 'value'], rows: [['verdict', 'none: the model was written before format 2 and holds no feasibility statistics; retrain it to get them']] };
  }
  const percent = (x: number): string => `${(100 * x).toFixed(2)} %`;
  return {
    title,
    columns: ['property', 'value'],
    rows: [
      ['verdict', verdict.line],
      ['held-out recall predicted (pair-corrected / composition DE)', `${percent(f.heldOutRecall.predicted)} / ${percent(f.heldOutRecall.composition)}`],
      ['novel mass (occurrences of skills no other document holds)', `${percent(f.novelMass)}, by ${f.novelMassBy === 'documents' ? `leaving one of ${f.documents} documents out` : 'texts (Good–Turing)'}`],
      ['characters per text', f.charactersPerText.toFixed(1)],
      ['text compositions (distinct, by degree band)', String(f.compositions.texts.length)],
    ],
  };
}

/** Dispatch point for files that are not models: the stream container (.skz) is recognised here by its magic. */
async function inspectOtherFile(file: string, head: Uint8Array, opts: { json: boolean; csv: boolean }): Promise<void> {
  if (isStreamFile(head)) return inspectStream(file, opts);
  const shown = Buffer.from(head.subarray(0, 8)).toString('hex');
  throw new InputError(`${file}: not a skillzip file (magic ${shown || 'missing: empty file'}; a model starts with '${MODEL_MAGIC.toString('latin1')}')`);
}

export const inspect: CommandBody<InspectArgs> = {
  builder: (y: Argv) =>
    withFormatOptions(y)
      .positional('file', { type: 'string', demandOption: true, describe: 'A model (.skm) or stream (.skz) file' })
      .example('$0 inspect models/brown.skm', 'the built-in model: id, sizes, extractor, training statistics')
      .example('$0 inspect notes.skz --json', 'a stream: records, frames and rates, as JSON') as unknown as Argv<InspectArgs>,
  handler: async (args) => {
    const head = await readHead(args.file);
    if (!isModelFile(head)) return inspectOtherFile(args.file, head, { json: args.json === true, csv: args.csv === true });
    const model = await loadModel(args.file);
    const { doc, tables } = modelReport(model, args.file, (await stat(args.file)).size);
    printResult(doc, tables, { json: args.json, csv: args.csv });
  },
};

/** What a model's skills are: word stems, concepts at a level, or words layered over concepts. */
function skillsDescription({ extractor: x, layers }: SkillModel): string {
  if (layers) return `layered:${layers.concepts.level} (word stems, over a base layer of WordNet ${layers.concepts.version} concepts from ${layers.concepts.source}; words it does not know are their own concept)`;
  return x.concepts ? `concept:${x.concepts.level} (WordNet ${x.concepts.version} from ${x.concepts.source}; words it does not know stay stems)` : 'word (stems)';
}
