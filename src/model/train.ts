// Training (THEORY.md §1–§2, §5, §7): corpus → skills → CSR skill-text graph → min-count pruning → the
// shared SCNS peeling engine (src/learn) with the chosen learner → learned flags and rounds, then the statistics
// with three density-evolution predictions from the corpus's own statistics beside every measured figure
// (plain, composition, pair-corrected: src/theory/corpus-prediction.ts, docs/THEORY.md §10), the emergence sweep over seeded text subsamples (nested prefixes of one seeded permutation, so
// the curve is measured on growing corpora), and the codec's coding tables and association data (./tables.ts).
// Deterministic: the same texts, options and seed give the same model, byte for byte.

import { degreeHistogram, graphFromDistinctTextLists, type SkillTextGraph } from '../graph/bipartite.js';
import { associationComponents } from '../graph/association.js';
import { fullyCoveredTexts, peelGraph, type PeelResult } from '../learn/peel.js';
import { CollocationFinder, type CollocationOptions } from '../skills/collocations.js';
import { createExtractor, defaultExtractorSettings, type Extractor } from '../skills/extractor.js';
import { ConceptMap, conceptSettings, type ConceptSettings } from '../concepts/concepts.js';
import { WordNetDb } from '../concepts/wordnet.js';
import type { StopwordPackage } from '../skills/languages.js';
import { corpusPredictor, type CorpusPrediction, type PredictedFigures } from '../theory/corpus-prediction.js';
import { bandOf, corpusStructure } from '../theory/corpus-structure.js';
import { heldOutRecall, learnedShareByDegree, novelEdgesByDegree } from '../theory/held-out.js';
import type { SizePrediction } from '../theory/feasibility.js';
import { parseLearner, type Learner } from '../theory/learners.js';
import { InputError, ParamError } from '../util/errors.js';
import { LIMITS } from '../util/limits.js';
import { Prng } from '../util/prng.js';
import { InOrder, WorkerPool, threadCount, workerScript } from '../util/worker-pool.js';
import { CorpusGraphBuilder, type CorpusPart, type DeltaNumbering, type DeltaPart } from './accumulate.js';
import { modelJump, verdictPredictions } from './feasibility.js';
import { sealModel } from './format.js';
import { skillzipVersion } from './store.js';
import { layeredTables } from './layers.js';
import { associationData, codingTables, vocabularyTable } from './tables.js';
import type { DegreeClass, ExtractorSettings, FeasibilityStats, LayeredTables, MeasuredPredictions, SkillModel, SweepPoint, TrainingStats } from './types.js';

export interface TrainOptions {
  /** What the texts are (file names, 'the Brown corpus'), for error messages. */
  name?: string;
  /** The extractor settings in full (stopword list, stemmer, ...); overrides lang and minLength. */
  extractor?: ExtractorSettings;
  /** ISO 639-1 language of the stopword list and stemmer (default 'en'). */
  lang?: string;
  /** The stopword package (default: the language's first in STOPWORD_PACKAGES; 'stopword' for earlier models' lists). */
  stopwords?: StopwordPackage;
  /** Shortest word, in code points, that can be a skill (default 2). */
  minLength?: number;
  /** Multi-word skills by PMI; off (null) by default. */
  collocations?: CollocationOptions | null;
  /** Skills: 'word' (stems, the default), 'concept:L' (WordNet concepts L hypernym steps up; English only) or
   *  'layered:L' (the word model plus a base layer of those concepts: SkillModel.layers; English only). */
  skills?: string;
  /** Learner spec: '1' (default), an integer K, 'phi:a,b,...', 'noisy:a'. */
  learner?: string;
  /** Skills in fewer training texts are pruned before learning (default 1: none). */
  minCount?: number;
  /** Fractions of the texts for the emergence sweep, each in (0, 1]. */
  sweep?: number[];
  /** Seed for subsamples and random learners (default 1). */
  seed?: number;
  /** Associates kept per coding symbol (default 16) and the smallest pair count kept (default 2). */
  maxNeighbors?: number;
  minPairCount?: number;
  /** Threads that extract the skills of batches of texts (0: every core; default 1); the model is the same for every number. */
  threads?: number;
}

/** The three predictions of the corpus at a fraction of its texts. */
type Predict = (fraction: number) => CorpusPrediction;

/** Rows of the by-degree table: skills of degree from..to. */
const DEGREE_CLASSES: ReadonlyArray<[number, number]> = [[1, 1], [2, 2], [3, 3], [4, 5], [6, 10], [11, Infinity]];

/** The trained graph's degree histograms (entry k = nodes of degree k): skills' texts and texts' skills. */
interface DegreeHistograms {
  skill: number[];
  text: number[];
}

/** A text with the document it comes from (held-out estimates leave whole documents out). */
export interface DocumentText {
  text: string;
  document?: string;
}

/** Texts to train on: an array, or a function that starts a fresh pass (collocations need two passes). */
export type TextSource = ReadonlyArray<string | DocumentText> | (() => Iterable<string | DocumentText> | AsyncIterable<string | DocumentText>);

export const DEFAULT_SEED = 1;

async function forEachText(source: TextSource, visit: (text: string, document?: string) => void): Promise<void> {
  for await (const item of typeof source === 'function' ? source() : source) {
    if (typeof item === 'string') visit(item);
    else visit(item.text, item.document);
  }
}

/** The numeric options with their defaults, checked. */
function resolveOptions(options: TrainOptions): { minCount: number; sweep: number[]; seed: number; maxNeighbors: number; minPairCount: number } {
  const { minCount = 1, sweep = [], seed = DEFAULT_SEED, maxNeighbors = 16, minPairCount = 2 } = options;
  if (!(Number.isInteger(minCount) && minCount >= 1)) throw new ParamError((n) => `${n('minCount')} ${minCount}: expected an integer ≥ 1`);
  for (const f of sweep) if (!(f > 0 && f <= 1)) throw new ParamError((n) => `${n('sweep')}: fraction ${f} is not in (0, 1]`);
  if (!(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff)) throw new ParamError((n) => `${n('seed')} ${seed}: expected an integer in [0, 2^32)`);
  if (!(Number.isInteger(maxNeighbors) && maxNeighbors >= 0 && maxNeighbors <= 1024)) throw new ParamError((n) => `${n('maxNeighbors')} ${maxNeighbors}: expected 0..1024`);
  if (!(Number.isInteger(minPairCount) && minPairCount >= 1)) throw new ParamError((n) => `${n('minPairCount')} ${minPairCount}: expected an integer ≥ 1`);
  return { minCount, sweep, seed, maxNeighbors, minPairCount };
}

/** The extractor settings of `options` (collocations, found over the whole corpus, are added by trainModel). */
function extractorSettings(options: TrainOptions): ExtractorSettings {
  const settings = options.extractor ? { ...options.extractor } : defaultExtractorSettings({ lang: options.lang, minLength: options.minLength, stopwords: options.stopwords });
  const skills = parseSkills(options.skills ?? 'word');
  if (skills.kind === 'word') return settings;
  checkConceptSkills(skills.kind, settings.lang, options.collocations);
  // a layered model is a word model plus its base layer (modelOf): its extractor is the word model's
  return skills.kind === 'concept' ? { ...settings, concepts: conceptSettings(skills.level) } : settings;
}

/** Concept and layered skills come from WordNet: English only, and no collocations (a collocation joins stems). */
function checkConceptSkills(kind: 'concept' | 'layered', lang: string, collocations: CollocationOptions | null | undefined): void {
  if (lang !== 'en') throw new ParamError((n) => `${n('skills')}: ${kind} skills come from WordNet, which is English; a model in '${lang}' keeps word skills`);
  if (collocations) throw new ParamError((n) => `${n('skills')}: ${kind} skills and collocations do not combine (a collocation joins stems)`);
}

/** What a --skills value asks for: word skills (stems), concept skills at level L, or a word model layered over concepts at level L. */
export type SkillsSpec = { kind: 'word' } | { kind: 'concept' | 'layered'; level: number };

/** The --skills value 'word', 'concept:L' or 'layered:L' (L a level 0..20), or a ParamError. */
export function parseSkills(spec: string): SkillsSpec {
  if (spec === 'word') return { kind: 'word' };
  const m = /^(concept|layered):(\d+)$/.exec(spec);
  if (m === null || Number(m[2]) > 20) throw new ParamError((n) => `${n('skills')}: '${spec}' is not word, concept:L or layered:L with L a level 0..20`);
  return { kind: m[1] as 'concept' | 'layered', level: Number(m[2]) };
}

/** The concept map training needs for `settings`, or null for word skills (WordNet is read once per process). */
function conceptMapOf(settings: ExtractorSettings): ConceptMap | null {
  return settings.concepts === undefined ? null : conceptMap(settings.concepts);
}

/** The concept map of recorded concept settings, refused when the installed WordNet is another version. */
function conceptMap(concepts: ConceptSettings): ConceptMap {
  const installed = conceptSettings(concepts.level);
  if (JSON.stringify(installed) !== JSON.stringify(concepts)) throw new InputError(`the concept settings ${JSON.stringify(concepts)} need WordNet ${concepts.version}; this installation has ${installed.version}`);
  wordnet ??= WordNetDb.load();
  return new ConceptMap(wordnet, concepts.level);
}
let wordnet: WordNetDb | undefined;

/**
 * Texts a worker gathers at a time (with -T): about 1.5 MB of sentences. A worker's part names only the skills and
 * surface forms new to that worker (DeltaGatherer), so adding it costs the main thread a lookup per new one and an
 * index per edge and per form tallied.
 */
const BATCH_TEXTS = 16384;
/** A gathering worker's old-generation limit (MB): its extractor (WordNet's concept map for concept skills) and one batch's part. */
export const GATHER_HEAP_MB = 512;

/**
 * What training gathers from batches of texts with the extractor of `settings`, batch by batch, on whichever thread:
 * one extractor for all the batches (its memo of stemmed words), a fresh builder per batch. A batch's part lists only
 * the folded words met since the last part (the words of earlier parts are known to whoever adds them in order).
 */
export class BatchGatherer {
  private readonly extractor: Extractor;
  private listed = 0;

  constructor(settings: ExtractorSettings) {
    this.extractor = createExtractor(settings, null, conceptMapOf(settings));
  }

  gather(texts: ReadonlyArray<readonly [string, string | undefined]>): CorpusPart {
    const builder = new CorpusGraphBuilder(this.extractor);
    for (const [text, document] of texts) builder.add(text, document);
    const part = builder.part();
    // the memo is cleared past its limit: then every word it holds is new to the list
    const from = part.foldedWords.length < this.listed ? 0 : this.listed;
    this.listed = part.foldedWords.length;
    const foldedWords = part.foldedWords.slice(from);
    const folded = this.extractor.foldedWords();
    return { ...part, foldedWords, foldedKeys: foldedWords.map((word) => folded.get(word)!) };
  }
}

/**
 * A worker's gatherer (train -T): one builder for all its batches, whose takeDelta gives per batch only what the
 * main thread does not know of this worker yet (./accumulate.ts DeltaPart), with the folded words new since the last
 * batch and their keys. `worker` names the source, so that the main thread keeps its numbering per worker.
 */
export class DeltaGatherer {
  private readonly extractor: Extractor;
  private readonly builder: CorpusGraphBuilder;
  private listed = 0;

  constructor(settings: ExtractorSettings) {
    this.extractor = createExtractor(settings, null, conceptMapOf(settings));
    this.builder = new CorpusGraphBuilder(this.extractor);
  }

  gather(texts: ReadonlyArray<readonly [string, string | undefined]>): DeltaPart {
    for (const [text, document] of texts) this.builder.add(text, document);
    const part = this.builder.takeDelta();
    const folded = this.extractor.foldedWords();
    // the memo is cleared past its limit: then every word it holds is new to the list
    const from = folded.size < this.listed ? 0 : this.listed;
    this.listed = folded.size;
    const foldedWords: string[] = [];
    const foldedKeys: Array<string | null> = [];
    let i = 0;
    for (const [word, key] of folded) {
      if (i++ < from) continue;
      foldedWords.push(word);
      foldedKeys.push(key);
    }
    return { ...part, foldedWords, foldedKeys };
  }
}

/**
 * One pass over the texts with the extractor of `settings`: the builder holding what it gathered. With threads > 1
 * the texts go in batches of BATCH_TEXTS to worker threads (src/model/gather-worker.ts; the first batch on this
 * thread, so that a small corpus starts none) and their parts (DeltaParts, numbered per worker) are added in order — what a merge of shards does, the
 * same model (./accumulate.ts addPart) — at most two batches per worker ahead of the adding.
 */
async function gather(source: TextSource, settings: ExtractorSettings, threads = 1): Promise<CorpusGraphBuilder> {
  const n = threadCount(threads);
  if (n <= 1) {
    const builder = new CorpusGraphBuilder(createExtractor(settings, null, conceptMapOf(settings)));
    await forEachText(source, (text, document) => builder.add(text, document));
    return builder;
  }
  const builder = new CorpusGraphBuilder(createExtractor(settings));
  let pool: WorkerPool | undefined;
  let failure: Error | undefined;
  const order = new InOrder((err) => (failure = err));
  let batch: Array<[string, string | undefined]> = [];
  let batches = 0;
  /** Per worker (its thread id), the numbering of its skills and forms here. */
  const numberings = new Map<number, DeltaNumbering>();
  const submit = (): void => {
    const texts = batch;
    batch = [];
    if (batches++ === 0) {
      builder.addPart(new BatchGatherer(settings).gather(texts));
      return;
    }
    pool ??= new WorkerPool(workerScript(import.meta.url, './gather-worker.js', '../../dist/src/model/gather-worker.js'), n, null, GATHER_HEAP_MB);
    order.submit(pool.run<{ worker: number; part: DeltaPart }>({ texts, settings }), ({ worker, part }) => {
      let numbering = numberings.get(worker);
      if (numbering === undefined) numberings.set(worker, (numbering = { skills: [], forms: [] }));
      builder.addDelta(part, numbering);
    });
  };
  try {
    for await (const item of typeof source === 'function' ? source() : source) {
      batch.push(typeof item === 'string' ? [item, undefined] : [item.text, item.document]);
      if (batch.length < BATCH_TEXTS) continue;
      submit();
      await order.wait(2 * n);
      if (failure) throw failure;
    }
    if (batch.length > 0) submit();
    await order.wait(0);
    if (failure) throw failure;
  } finally {
    await pool?.close();
  }
  return builder;
}

/** Trains a model on the texts; see TrainOptions for the defaults. */
export async function trainModel(source: TextSource, options: TrainOptions = {}): Promise<SkillModel> {
  const settings = extractorSettings(options);
  resolveOptions(options); // wrong options fail before the corpus is read
  parseLearner(options.learner ?? '1');
  if (options.collocations) {
    const finder = new CollocationFinder(createExtractor(settings), options.collocations);
    await forEachText(source, (text) => finder.add(text));
    settings.collocations = { ...options.collocations, keys: finder.keys() };
  }
  return modelOf(await gather(source, settings, options.threads), settings, options);
}

/**
 * The part of a corpus for a shard file (./shard.ts): what training gathers from these texts before pruning, with
 * the extractor settings. Collocations are found over a whole corpus, so a part cannot have them.
 */
export async function trainPart(source: TextSource, options: TrainOptions = {}): Promise<{ extractor: ExtractorSettings; part: CorpusPart }> {
  if (options.collocations) throw new ParamError((n) => `${n('collocations')}: collocations are found over the whole corpus, so a part of it cannot be trained with them`);
  const settings = extractorSettings(options);
  return { extractor: settings, part: (await gather(source, settings, options.threads)).part() };
}

/**
 * The model of a corpus given as parts in corpus order (shard files): exactly the model trainModel gives on all their
 * texts in that order with these options. `extractor` must be the settings every part was gathered with. Parts may
 * come one at a time (an async iterable), so that only one is held besides what was merged.
 */
export async function trainFromParts(parts: Iterable<CorpusPart> | AsyncIterable<CorpusPart>, extractor: ExtractorSettings, options: TrainOptions = {}): Promise<SkillModel> {
  resolveOptions(options);
  const skills = parseSkills(options.skills ?? 'word');
  if (skills.kind === 'concept') throw new ParamError((n) => `${n('skills')}: a concept model's skills are chosen when its parts are gathered; give --skills there`);
  if (skills.kind === 'layered') checkConceptSkills(skills.kind, extractor.lang, extractor.collocations);
  parseLearner(options.learner ?? '1');
  const builder = new CorpusGraphBuilder(createExtractor(extractor));
  for await (const part of parts) builder.addPart(part);
  return modelOf(builder, { ...extractor }, options);
}

/** Prunes, learns and measures what `builder` gathered, and seals the model. */
function modelOf(builder: CorpusGraphBuilder, settings: ExtractorSettings, options: TrainOptions): SkillModel {
  const { minCount, sweep, seed, maxNeighbors, minPairCount } = resolveOptions(options);
  const learner = parseLearner(options.learner ?? '1');
  const { keys, surface, graph, textsRead, documents, characters } = builder.finish(minCount);
  if (graph.edges === 0) {
    throw new InputError(`${options.name ?? 'the corpus'}: empty corpus: none of the ${textsRead} texts read holds a skill${minCount > 1 ? ` seen in ${minCount} texts` : ''}`);
  }

  const peeled = peelGraph(graph, { phi: learner.phi, rng: new Prng(seed) });
  const histograms: DegreeHistograms = { skill: degreeHistogram(graph.skillTexts), text: degreeHistogram(graph.textSkills) };
  for (const [side, histogram] of [['skill', histograms.skill], ['text', histograms.text]] as const) {
    if (histogram.length - 1 > LIMITS.degree) {
      throw new InputError(`${options.name ?? 'the corpus'}: a ${side} of degree ${histogram.length - 1}: the model's ${side} degree histogram would be above the limit degree = ${LIMITS.degree} that a model may hold; train on fewer texts`);
    }
  }
  const predict = corpusPredictor(graph, histograms.skill, histograms.text, learner);
  const counts = new Uint32Array(graph.skills);
  for (let s = 0; s < graph.skills; s++) counts[s] = graph.skillTexts.offsets[s + 1] - graph.skillTexts.offsets[s];
  const round = new Uint32Array(graph.skills);
  for (let s = 0; s < graph.skills; s++) round[s] = Math.max(0, peeled.round[s]);
  const coding = codingTables(counts, peeled.learned, graph.texts);
  const skills = parseSkills(options.skills ?? 'word');
  let layers: LayeredTables | undefined;
  if (skills.kind === 'layered') {
    const concepts = conceptSettings(skills.level);
    layers = layeredTables(graph, { keys, surface }, coding, conceptMap(concepts), concepts, maxNeighbors, minPairCount);
  }
  const feasibility = feasibilityStats(graph, documents, characters, counts, peeled.learned, predict(1).composition);
  const stats: TrainingStats = {
    ...trainingStats(graph, histograms, peeled, learner, predict),
    minCount,
    seed,
    sweep: emergenceSweep(graph, learner, predict, sweep, seed),
    feasibility,
  };
  feasibility.predictions = verdictPredictions(stats) as SizePrediction[]; // not null: the stats hold `feasibility`
  const jump = modelJump(stats);
  if (jump !== undefined) feasibility.jump = jump;
  return sealModel({
    createdBy: skillzipVersion(),
    extractor: settings,
    skills: { keys, surface, counts, learned: peeled.learned, round },
    coding,
    association: associationData(graph, coding, maxNeighbors, minPairCount),
    stats,
    vocabulary: vocabularyTable(builder.foldedWords(), keys),
    ...(layers && { layers }),
  });
}

/** The statistics the feasibility predictions need, with the held-out recall predicted (docs/THEORY.md §10–§11). */
function feasibilityStats(
  graph: SkillTextGraph,
  documents: Int32Array,
  characters: number,
  counts: Uint32Array,
  learned: Uint8Array,
  composition: PredictedFigures,
): FeasibilityStats {
  const documentCount = new Set(documents).size;
  const { compositions, degreeCounts, bandLabels } = corpusStructure(graph, 'bands');
  const novelEdges = novelEdgesByDegree(graph, documents);
  const novel = graph.edges > 0 ? novelEdges.reduce((sum, n) => sum + n, 0) / graph.edges : 0;
  return {
    novelMass: novel,
    novelMassByBand: novelMassByBand(degreeCounts, novelEdges),
    novelMassBy: documentCount < graph.texts ? 'documents' : 'texts',
    documents: documentCount,
    charactersPerText: characters / graph.texts,
    compositions: {
      offsets: Uint32Array.from(compositions.offsets),
      bands: Uint32Array.from(compositions.bands, (b) => bandLabels[b]),
      counts: Uint32Array.from(compositions.counts),
      texts: Uint32Array.from(compositions.texts),
    },
    heldOutRecall: {
      predicted: heldOutRecall(degreeCounts, learnedShareByDegree(counts, learned), novel),
      composition: heldOutRecall(degreeCounts, composition.learnedByDegree, novel),
    },
  };
}

/** The novel mass of the edges of each band: index b holds the share of band-b edges (label b(K)) that are novel. */
function novelMassByBand(degreeCounts: ArrayLike<number>, novelEdges: ArrayLike<number>): number[] {
  const edges: number[] = [];
  const novel: number[] = [];
  for (let k = 1; k < degreeCounts.length; k++) {
    const b = bandOf(k, 'bands');
    edges[b] = (edges[b] ?? 0) + k * degreeCounts[k];
    novel[b] = (novel[b] ?? 0) + (novelEdges[k] ?? 0);
  }
  return Array.from(edges, (e, b) => (e ? novel[b] / e : 0));
}

/** A measured figure beside the three predictions of it. */
function beside(measured: number, prediction: CorpusPrediction, figure: (p: PredictedFigures) => number): MeasuredPredictions {
  return { measured, predicted: figure(prediction.best), plainDE: figure(prediction.plainDE), composition: figure(prediction.composition) };
}

/** The measured and predicted learned share of the skills in each degree class (classes holding no skill left out). */
function learnedByDegree(graph: SkillTextGraph, learned: Uint8Array, histogram: number[], prediction: CorpusPrediction): DegreeClass[] {
  const { offsets } = graph.skillTexts;
  return DEGREE_CLASSES.flatMap(([from, to]) => {
    let skills = 0;
    let learnedCount = 0;
    for (let s = 0; s < graph.skills; s++) {
      const k = offsets[s + 1] - offsets[s];
      if (k >= from && k <= to) {
        skills++;
        learnedCount += learned[s];
      }
    }
    if (skills === 0) return [];
    // The predicted share of the class: its degrees' shares weighted by their numbers of skills.
    const share = (p: PredictedFigures): number => {
      let sum = 0;
      for (let k = from; k <= Math.min(to, histogram.length - 1); k++) if (histogram[k] > 0) sum += histogram[k] * p.learnedByDegree[k];
      return sum / skills;
    };
    const degrees = from === to ? `${from}` : to === Infinity ? `${from}+` : `${from}-${to}`;
    return [{ degrees, skills, learned: beside(learnedCount / skills, prediction, share) }];
  });
}

/** Measured figures of a trained graph beside their DE predictions. */
function trainingStats(
  graph: SkillTextGraph,
  histograms: DegreeHistograms,
  peeled: PeelResult,
  learner: Learner,
  predict: Predict,
): Omit<TrainingStats, 'minCount' | 'seed' | 'sweep' | 'feasibility'> {
  const { skills, texts, edges } = graph;
  const predicted = predict(1);
  let learnedEdges = 0;
  for (let s = 0; s < skills; s++) if (peeled.learned[s] === 1) learnedEdges += graph.skillTexts.offsets[s + 1] - graph.skillTexts.offsets[s];
  const covered = fullyCoveredTexts(graph.textSkills, peeled.learned);
  let coveredCount = 0;
  for (let t = 0; t < texts; t++) coveredCount += covered[t];
  const ratioOf = (a: number, b: number): number => (b > 0 ? a / b : 0);
  return {
    skills,
    texts,
    ratio: ratioOf(texts, skills),
    edges,
    meanSkillDegree: ratioOf(edges, skills),
    meanTextDegree: ratioOf(edges, texts),
    skillDegreeHistogram: histograms.skill,
    textDegreeHistogram: histograms.text,
    learner: learner.label,
    rounds: peeled.rounds,
    learned: beside(ratioOf(peeled.learnedCount, skills), predicted, (p) => p.learned),
    edgeLearned: beside(ratioOf(learnedEdges, edges), predicted, (p) => p.edgeLearned),
    textsCovered: beside(ratioOf(coveredCount, texts), predicted, (p) => p.textsCovered),
    giantComponent: beside(associationComponents(graph.textSkills, peeled.learned).giantFraction, predicted, (p) => p.giantComponent),
    byDegree: learnedByDegree(graph, peeled.learned, histograms.skill, predicted),
  };
}

/**
 * Learned fraction (of all N skills) when training on the first round(fraction·T) texts of one seeded permutation
 * (kept in corpus order, so the subsamples are nested), beside the three predictions keeping each text with
 * probability `fraction` (THEORY.md §1 empirical view, docs/THEORY.md §10).
 */
function emergenceSweep(graph: SkillTextGraph, learner: Learner, predict: Predict, fractions: number[], seed: number): SweepPoint[] {
  if (fractions.length === 0) return [];
  const permutation = new Prng(seed).shuffle(Int32Array.from({ length: graph.texts }, (_, t) => t));
  const { offsets: fullOffsets, targets: fullTargets } = graph.textSkills;
  return fractions.map((fraction) => {
    const chosen = permutation.slice(0, Math.round(fraction * graph.texts)).sort();
    const offsets = new Int32Array(chosen.length + 1);
    for (let i = 0; i < chosen.length; i++) offsets[i + 1] = offsets[i] + fullOffsets[chosen[i] + 1] - fullOffsets[chosen[i]];
    const targets = new Int32Array(offsets[chosen.length]);
    for (let i = 0; i < chosen.length; i++) targets.set(fullTargets.subarray(fullOffsets[chosen[i]], fullOffsets[chosen[i] + 1]), offsets[i]);
    const peeled = peelGraph(graphFromDistinctTextLists(graph.skills, { offsets, targets }), { phi: learner.phi, rng: new Prng(seed) });
    return {
      fraction,
      texts: chosen.length,
      learned: beside(peeled.learnedCount / graph.skills, predict(fraction), (p) => p.learned),
    };
  });
}
