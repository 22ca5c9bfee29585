// A rate run: everything `skillzip rate` and `skillzip report` measure, on held-out records.
//  - Split (./split.ts) by document and train on the rest (src/model trainModel), or take a model file and hold
//    every record out.
//  - Lossless baselines (./baselines.ts) on exactly the held-out texts, and on the bags of skills compact mode
//    delivers (same content, another coder); the model's cost amortised over the held-out characters.
//  - skillzip settings (compact with and without context, robust at its defaults): each one a real
//    stream from the codec (./stream.ts), its bytes attributed to header, frames and trailer, decoded back and
//    compared with the skills extracted from the originals (./fidelity.ts).
//  - Testing error (THEORY.md §5): measured on held-out occurrences beside the trained model's edge-perspective
//    DE prediction ε = 1 − edgeLearned, and texts not carried whole beside 1 − P(1 − ε) with P the held-out
//    text-degree distribution (a fresh text's skills are drawn edge-wise, hence the edge-perspective ε).
//  - Emergence sweep: a model per training fraction (./split.ts subsample), its learned fraction beside its own DE
//    (§3, empirical view), and the held-out rate and fidelity of its compact stream (fidelity always against the
//    full model's extraction and IDF weights, so that the points are comparable).
//  - Rate–distortion (on request, ./distortion.ts): compact mode thinned by the encoder's skill selection, beside
//    TF-IDF keywords at equal bytes (./keywords.ts), for the run's model and each model of the emergence sweep, and
//    for models of concept skills (src/concepts) trained on the same records; and the layered streams of layered:L
//    models (./layered.ts), from the base layer to full refinement, with their cost against word mode.
//  - Thresholds (on request, for the report): THEORY.md §4 on the model's own degree histograms, and the clean-channel
//    G* of §8 for each repetition.
//  - Erasure sweep: robust streams per repetition × overhead × block, every frame through the seeded slot-erasure
//    channel, recovered skills beside the §8 DE averaged over the frames' loads, and the cheapest setting per erasure
//    rate that reaches the target; compact mode over frame loss, alone and protected by an LT code (separation,
//    ./separation.ts), on the same erasure rates.

import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { encodeModel, loadModel, modelPlan, trainModel, type SkillModel } from '../../src/model/index.js';
import { DegreeDistribution, parseDegreeSpec } from '../../src/theory/degree.js';
import { Ensemble } from '../../src/theory/ensemble.js';
import { cleanThreshold, erasureDE, erasureFloor } from '../../src/theory/erasure.js';
import { parseLearner } from '../../src/theory/learners.js';
import { thresholdReport } from '../../src/theory/thresholds.js';
import { InputError } from '../../src/util/errors.js';
import { Prng } from '../../src/util/prng.js';
import { bagOfSkills, describeRecords, measureLossless, rateOf, type LosslessRate, type RecordSet } from './baselines.js';
import type { Fidelity } from './fidelity.js';
import { heldOut, measureSetting, type HeldOut } from './held-out.js';
import { distortionCurve, NO_DISTORTION, type DistortionSweep } from './distortion.js';
import { LAYERED_REFINEMENTS, layeredCurve } from './layered.js';
import { WordNet } from './wordnet.js';
import { channelCurves, type ChannelPoint } from './separation.js';
import { summarise } from './seeds.js';
import { splitByDocument, subsample, type SplittableRecord } from './split.js';
import { encodeTexts, readBack, type StreamSetting } from './stream.js';
import type { CodecSetting, DistortionPoint, ErasurePoint, LayeredCost, ModelCost, ModelSummary, RateReport, SweepPoint, TestingError, TheorySummary } from './types.js';

export interface RateSource {
  /** 'brown' or the input names, for the report. */
  source: string;
  records: SplittableRecord[];
  /** A model file to measure; every record is then held out. */
  modelFile?: string;
  /** Share of documents to train on when no model file is given. */
  trainFraction: number;
}

export interface RateOptions {
  seed: number;
  /** Training fractions of the emergence sweep (empty: no sweep). */
  sweep: number[];
  /** The rate–distortion sweep (null: none), on the run's model and on each model of the emergence sweep. */
  distortion: DistortionSweep | null;
  /** Concept levels (src/concepts): a model of concept:L skills trained on the same records for each, and its
   *  rate–distortion curve (the unthinned point alone without `distortion`). Empty: word skills only. */
  concepts: number[];
  /** Layered levels (./layered.ts): a model of layered:L skills trained on the same records for each, its streams at
   *  full refinement, refining only concepts of LAYERED_REFINEMENTS bits or more, and base layer only. */
  layered: number[];
  /** Slot erasure probabilities of the robust sweep (empty: no sweep). */
  erasures: number[];
  /** Repetition SPECs, slots per skill and records per block of the robust sweep. */
  repetitions: string[];
  overheads: number[];
  blocks: number[];
  /** Share of skills the cheapest robust setting must recover. */
  target: number;
  /** Erasure rates the separation baseline's LT code is designed for (./separation.ts), with the erasure sweep. */
  designs: number[];
  /** Also find the thresholds of the model's empirical ensemble (a DE scan for the jump: tens of seconds on Brown). */
  theory: boolean;
  progress?: (message: string) => void;
}

/** The settings every run measures: compact as `skillzip encode` makes it, compact without context, robust defaults. */
const SETTINGS: StreamSetting[] = [
  { mode: 'compact', options: {} },
  { mode: 'compact', options: { context: false } },
  { mode: 'robust', options: {} },
];

/**
 * The model's cost: compact mode's rate with the model file counted once over the held-out characters, and the
 * number of characters past which compact mode plus the model costs fewer bits than the bag of skills under
 * brotli -11 as one stream (8·M / (r_bag − r_compact)), null when compact mode is not the cheaper coder.
 */
export function modelCost(modelBytes: number, compact: CodecSetting, baselines: LosslessRate[], set: RecordSet): ModelCost {
  const bag = baselines.find((b) => b.content === 'skills' && b.method === 'brotli -11' && b.framing === 'one stream');
  const gain = bag ? bag.bitsPerChar - compact.rate.bitsPerChar : 0;
  return {
    bytes: modelBytes,
    amortisedBitsPerChar: set.characters > 0 ? (8 * (compact.rate.bytes + modelBytes)) / set.characters : 0,
    breakEvenCharacters: gain > 0 ? Math.ceil((8 * modelBytes) / gain) : null,
  };
}

function testingError(model: SkillModel, data: HeldOut, compact: Fidelity): TestingError {
  const known = new Set(model.skills.keys);
  const histogram: number[] = [];
  let occurrences = 0;
  let unseen = 0;
  for (const skills of data.skills) {
    if (skills.length === 0) continue;
    histogram[skills.length] = (histogram[skills.length] ?? 0) + 1;
    occurrences += skills.length;
    for (const key of skills) if (!known.has(key)) unseen++;
  }
  const epsilon = 1 - model.stats.edgeLearned.predicted;
  const textDegree = occurrences > 0 ? DegreeDistribution.fromCounts(Array.from(histogram, (c) => c ?? 0), 'held-out text degrees') : null;
  return {
    skill: { measured: 1 - compact.skillRecall, predicted: epsilon, training: 1 - model.stats.edgeLearned.measured },
    text: { measured: 1 - compact.textsWhole, predicted: textDegree ? 1 - textDegree.node(1 - epsilon) : 0, training: 1 - model.stats.textsCovered.measured },
    unseen: occurrences > 0 ? unseen / occurrences : 0,
  };
}

function modelSummary(model: SkillModel, source: string, bytes: number): ModelSummary {
  const s = model.stats;
  const plan = modelPlan(model);
  return {
    id: model.id,
    source,
    bytes,
    skills: s.skills,
    learnedSkills: model.coding.order.length,
    texts: s.texts,
    ratio: s.ratio,
    learned: s.learned,
    edges: s.edges,
    meanSkillDegree: s.meanSkillDegree,
    meanTextDegree: s.meanTextDegree,
    learner: s.learner,
    rounds: s.rounds,
    edgeLearned: s.edgeLearned,
    textsCovered: s.textsCovered,
    giantComponent: s.giantComponent,
    verdict: plan?.verdict ?? null,
    predicted: plan?.predictions.find((p) => p.scale === 1) ?? null,
  };
}

/** Thresholds of the model's empirical ensemble (its own degree histograms and learner) and of the repetitions. */
function theorySummary(model: SkillModel, repetitions: string[]): TheorySummary {
  const s = model.stats;
  const ensemble = new Ensemble(
    'empirical',
    DegreeDistribution.fromCounts(s.skillDegreeHistogram, `histogram (${s.skills} skills)`),
    DegreeDistribution.fromCounts(s.textDegreeHistogram, `histogram (${s.texts} texts)`),
    parseLearner(s.learner),
  );
  const { threshold, jump } = thresholdReport(ensemble);
  return {
    ensemble: ensemble.describe(),
    threshold: threshold && { ratio: threshold.ratio, load: threshold.load },
    jump: jump && { ratio: jump.ratio, lowerRatio: jump.lowerRatio, learnedBefore: jump.before.learned, learnedAfter: jump.after.learned },
    repetitions: repetitions.map((spec) => ({ spec, cleanThreshold: cleanThreshold(parseDegreeSpec(spec)) })),
  };
}

async function sweepPoint(model: SkillModel, data: HeldOut, fraction: number): Promise<SweepPoint> {
  const compact = (await measureSetting(model, data, SETTINGS[0])).measured;
  const s = model.stats;
  return { fraction, texts: s.texts, skills: s.skills, ratio: s.ratio, learned: s.learned, rate: compact.rate, fidelity: compact.fidelity };
}

/** The erasure channel's seed for one setting: from the setting itself, so it does not depend on the sweep's list. */
function channelSeed(seed: number, repetition: string, overhead: number, block: number, erasure: number): number {
  return createHash('sha256').update(JSON.stringify([seed, repetition, overhead, block, erasure])).digest().readUInt32LE(0);
}

/** The robust sweep: one stream per repetition × overhead × block, each read back through every erasure rate. */
async function erasureSweep(model: SkillModel, data: HeldOut, options: RateOptions): Promise<ErasurePoint[]> {
  const points: ErasurePoint[] = [];
  for (const repetition of options.repetitions) {
    const law = parseDegreeSpec(repetition);
    for (const overhead of options.overheads) {
      for (const block of options.blocks) {
        options.progress?.(`robust ${repetition}, ${overhead} slots/skill, ${block} records/block`);
        const stream = await encodeTexts(model, data.texts, { mode: 'robust', options: { repetition, overhead, block } });
        const rate = rateOf(stream.length, data.set);
        const sent = readBack(model, stream).symbols;
        const skills = sent.reduce((n, s) => n + s.length, 0);
        for (const erasure of options.erasures) {
          const rng = new Prng(channelSeed(options.seed, repetition, overhead, block, erasure));
          const back = readBack(model, stream, { erasure, rng });
          let recovered = 0;
          let recordsWithSkills = 0;
          let recordsWhole = 0;
          back.symbols.forEach((symbols, i) => {
            recovered += symbols.length;
            if (sent[i].length > 0) {
              recordsWithSkills++;
              if (symbols.length === sent[i].length) recordsWhole++;
            }
          });
          let predictedLost = 0;
          for (const f of back.slotFrames) if (f.skills > 0) predictedLost += f.skills * erasureDE(law, f.skills / f.slots, erasure).loss;
          points.push({
            repetition,
            overhead,
            block,
            erasure,
            rate,
            skills,
            recordsRecovered: recordsWithSkills > 0 ? recordsWhole / recordsWithSkills : 1,
            skillsRecovered: skills > 0 ? recovered / skills : 1,
            predictedSkillsRecovered: skills > 0 ? 1 - predictedLost / skills : 1,
            ceiling: 1 - erasureFloor(law, erasure),
          });
        }
      }
    }
  }
  return points;
}

/** Per erasure rate, the setting with the fewest bytes whose measured recovery reaches `target`. */
export function cheapestSettings(points: ErasurePoint[], erasures: number[], target: number): RateReport['target']['cheapest'] {
  return erasures.map((erasure) => {
    let best: ErasurePoint | null = null;
    for (const p of points) {
      if (p.erasure === erasure && p.skillsRecovered >= target && (best === null || p.rate.bytes < best.rate.bytes)) best = p;
    }
    return { erasure, setting: best };
  });
}

export async function measureRate(source: RateSource, options: RateOptions): Promise<RateReport> {
  const progress = options.progress ?? (() => {});
  let model: SkillModel;
  let modelSource: string;
  let modelBytes: number;
  let train: SplittableRecord[] = [];
  let test: SplittableRecord[];
  let trainDocuments = 0;
  let testDocuments: number;
  if (source.modelFile !== undefined) {
    progress(`loading ${source.modelFile}`);
    model = await loadModel(source.modelFile);
    modelSource = source.modelFile;
    modelBytes = (await stat(source.modelFile)).size;
    test = source.records;
    testDocuments = new Set(test.map((r) => r.document ?? r.id)).size;
  } else {
    const split = splitByDocument(source.records, source.trainFraction, options.seed);
    ({ train, test, trainDocuments, testDocuments } = split);
    if (testDocuments === 0) {
      throw new InputError(`${source.source}: a single document cannot be split into training and held-out parts; give more documents (files), or a model with -m`);
    }
    progress(`training on ${train.length} records of ${trainDocuments} documents`);
    model = await trainModel(train.map((r) => ({ text: r.text, document: r.document })), { seed: options.seed, name: `${source.source} (training part)` });
    modelSource = `trained on ${trainDocuments} documents of ${source.source}`;
    modelBytes = encodeModel(model).length;
  }
  progress('loading WordNet');
  const wordnet = WordNet.load();
  const data = heldOut(model, test.map((r) => r.text), wordnet);

  const settings: CodecSetting[] = [];
  const decoded: string[][][] = [];
  for (const setting of SETTINGS) {
    progress(`skillzip ${setting.mode} ${JSON.stringify(setting.options)}`);
    const one = await measureSetting(model, data, setting);
    settings.push(one.measured);
    decoded.push(one.decoded);
  }
  progress(`lossless baselines on ${test.length} held-out records and their bags of skills`);
  const baselines = [...(await measureLossless(data.texts, data.set, 'text')), ...(await measureLossless(bagOfSkills(decoded[0]), data.set, 'skills'))];

  const distortion: DistortionPoint[] = [];
  if (options.distortion) {
    progress('rate–distortion curve with TF-IDF keywords at equal bytes');
    distortion.push(...(await distortionCurve(model, data, options.distortion, 1, true)));
  }
  for (const level of options.concepts) {
    if (source.modelFile !== undefined) throw new InputError(`concept skills are measured on a model the run trains: leave out -m ${source.modelFile}`);
    progress(`concept:${level} skills: training and rate–distortion curve`);
    const concepts = await trainModel(train.map((r) => ({ text: r.text, document: r.document })), { seed: options.seed, skills: `concept:${level}`, name: `${source.source} (training part)` });
    distortion.push(...(await distortionCurve(concepts, heldOut(concepts, data.texts, wordnet), options.distortion ?? NO_DISTORTION, 1, false)));
  }
  const layered: LayeredCost[] = [];
  for (const level of options.layered) {
    if (source.modelFile !== undefined) throw new InputError(`layered streams are measured on a model the run trains: leave out -m ${source.modelFile}`);
    progress(`layered:${level}: training and streams from base layer to full refinement`);
    const layeredModel = await trainModel(train.map((r) => ({ text: r.text, document: r.document })), { seed: options.seed, skills: `layered:${level}`, name: `${source.source} (training part)` });
    const { points, cost } = await layeredCurve(layeredModel, heldOut(layeredModel, data.texts, wordnet), LAYERED_REFINEMENTS);
    distortion.push(...points);
    layered.push(cost);
  }
  const sweep: SweepPoint[] = [];
  if (options.sweep.length > 0) {
    const trainTexts = train.map((r) => r.text);
    for (const fraction of [...options.sweep].sort((a, b) => a - b)) {
      progress(`emergence sweep: training on ${fraction} of the training records`);
      const sub = fraction === 1 ? model : await trainModel(subsample(trainTexts, fraction, options.seed), { seed: options.seed, name: `${fraction} of the training records` });
      sweep.push(await sweepPoint(sub, data, fraction));
      if (options.distortion && fraction !== 1) distortion.push(...(await distortionCurve(sub, data, options.distortion, fraction, false)));
    }
  }

  const erasure = options.erasures.length > 0 ? await erasureSweep(model, data, options) : [];
  let channels: ChannelPoint[] = [];
  if (options.erasures.length > 0) {
    progress('compact mode over frame loss, and protected by an LT code (separation)');
    const budgets = [...new Map(erasure.map((p) => [`robust ${p.repetition}, ${p.overhead} slots/skill, ${p.block} records/block`, p.rate.bytes])).entries()].map(([name, bytes]) => ({ name, bytes }));
    channels = await channelCurves(model, data.texts, data.set, { seed: options.seed, erasures: options.erasures, block: Math.max(...options.blocks), designs: options.designs, budgets });
  }
  return {
    meta: null,
    corpus: {
      source: source.source,
      seed: options.seed,
      trainFraction: source.modelFile === undefined ? source.trainFraction : null,
      train: source.modelFile === undefined ? { ...describeRecords(train.map((r) => r.text)), documents: trainDocuments } : null,
      test: { ...data.set, documents: testDocuments },
    },
    model: modelSummary(model, modelSource, modelBytes),
    theory: options.theory ? theorySummary(model, options.repetitions) : null,
    baselines,
    modelCost: modelCost(modelBytes, settings[0], baselines, data.set),
    settings,
    testingError: testingError(model, data, settings[0].fidelity),
    sweep,
    distortion,
    layered,
    erasure,
    channels,
    target: { recovery: options.target, cheapest: cheapestSettings(erasure, options.erasures, options.target) },
    interval: null,
  };
}

/**
 * The run repeated with seeds seed, seed + 1, …, seed + count − 1 (./seeds.ts): the mean report, carrying the 95 %
 * interval's bounds as reports of the same shape. One seed gives the plain report.
 */
export async function measureRateOverSeeds(source: RateSource, options: RateOptions, count: number): Promise<RateReport> {
  const reports: RateReport[] = [];
  for (let i = 0; i < count; i++) {
    if (count > 1) options.progress?.(`seed ${options.seed + i} (${i + 1} of ${count})`);
    reports.push(await measureRate(source, { ...options, seed: options.seed + i }));
  }
  if (count === 1) return reports[0];
  const { mean, low, high } = summarise(reports);
  return { ...mean, interval: { seeds: reports.map((r) => r.corpus.seed), low, high } };
}
