// A trained model's feasibility (docs/THEORY.md §11): its stored statistics as the theory's corpus summary, the
// predictions and verdict that plan, train and rate print, and the learned share of new text against the prediction.

import { corpusJump, jumpLocatable, type CorpusJump } from '../theory/corpus-jump.js';
import { feasibilityVerdict, predictSizes, type FeasibilitySummary, type SizePrediction, type Verdict } from '../theory/feasibility.js';
import { sampleStructure } from '../theory/growth.js';
import { parseLearner } from '../theory/learners.js';
import type { SkillModel, TrainingStats } from './types.js';

/** Sizes, as multiples of the corpus, that plan predicts by default: a tenth of it up to 100×. */
export const DEFAULT_PLAN_SIZES: readonly number[] = [0.1, 0.25, 0.5, 1, 2, 4, 10, 30, 100];
/** The held-out recall a corpus must reach to be called feasible unless the user names another. */
export const DEFAULT_TARGET_RECALL = 0.9;

/** Sizes (× the corpus) behind the verdict that train, rate and inspect print; `skillzip plan` tries more. */
export const VERDICT_SIZES: readonly number[] = [0.5, 1, 2, 10];

/** The corpus summary in a model's statistics, or null for models written before them (format 1). */
export function feasibilitySummary(stats: TrainingStats): FeasibilitySummary | null {
  if (stats.feasibility === null) return null;
  return {
    degreeCounts: stats.skillDegreeHistogram,
    compositions: stats.feasibility.compositions,
    novelMass: stats.feasibility.novelMass,
    novelMassByBand: stats.feasibility.novelMassByBand,
    texts: stats.texts,
    charactersPerText: stats.feasibility.charactersPerText,
    textDegreeHistogram: stats.textDegreeHistogram,
  };
}

/** Predictions at `sizes` (the corpus's own size added, ascending) from a model's statistics; null without them. */
function predictFromStats(stats: TrainingStats, sizes: readonly number[], seed: number): SizePrediction[] | null {
  const summary = feasibilitySummary(stats);
  if (summary === null) return null;
  const scales = [...new Set([...sizes, 1])].sort((a, b) => a - b);
  return predictSizes(summary, parseLearner(stats.learner), scales, seed);
}

/** The predictions at VERDICT_SIZES that the trainer stores in the model (stats.feasibility.predictions). */
export function verdictPredictions(stats: TrainingStats): SizePrediction[] | null {
  return predictFromStats(stats, VERDICT_SIZES, stats.seed);
}

/** The jump of the corpus's own ensemble thinned (docs/THEORY.md §11): as the model stores it (stats.feasibility.jump)
 *  or, in models written before that, located again; null without a jump, undefined where it is not located (no
 *  feasibility statistics, or a learner teaching several novel skills: src/theory/corpus-jump.ts jumpLocatable). */
export function modelJump(stats: TrainingStats): CorpusJump | null | undefined {
  if (stats.feasibility?.jump !== undefined) return stats.feasibility.jump;
  const summary = feasibilitySummary(stats);
  const learner = parseLearner(stats.learner);
  return summary === null || !jumpLocatable(learner) ? undefined : corpusJump(sampleStructure(summary), learner, stats.texts);
}

export interface Plan {
  predictions: SizePrediction[];
  verdict: Verdict;
}

/** Predictions at `sizes` (the corpus's own size added) and the verdict; null when the model lacks the statistics. */
export function planFeasibility(model: SkillModel, options: { targetRecall?: number; sizes?: readonly number[]; seed?: number } = {}): Plan | null {
  const predictions = predictFromStats(model.stats, options.sizes ?? DEFAULT_PLAN_SIZES, options.seed ?? model.stats.seed);
  return predictions && { predictions, verdict: feasibilityVerdict(predictions, options.targetRecall ?? DEFAULT_TARGET_RECALL, model.stats.meanTextDegree, modelJump(model.stats)) };
}

/** Skill occurrences the learned share of new text needs before it is compared with the prediction: on held-out
 *  Brown documents the share of their first 200 occurrences stays within 0.06 of the prediction (docs/THEORY.md §11). */
export const FIT_MIN_OCCURRENCES = 200;
/** How far the learned share of new text may fall below the model's predicted held-out recall before the model is
 *  said not to fit it. */
export const FIT_TOLERANCE = 0.1;

/** The one feasibility verdict of a model (train, rate, inspect), on VERDICT_SIZES; null for a format-1 model. */
export function modelVerdict(model: SkillModel): Verdict | null {
  return modelPlan(model)?.verdict ?? null;
}

/** The plan behind modelVerdict: the predictions at VERDICT_SIZES (rate shows the corpus's own beside what it
 *  measures), as the model stores them or, in models written before that, grown again. */
export function modelPlan(model: SkillModel): Plan | null {
  const stored = model.stats.feasibility?.predictions;
  if (stored === undefined) return planFeasibility(model, { sizes: VERDICT_SIZES });
  return { predictions: stored, verdict: feasibilityVerdict(stored, DEFAULT_TARGET_RECALL, model.stats.meanTextDegree, modelJump(model.stats)) };
}

export interface LearnedShareCheck {
  /** Share of the texts' skill occurrences that are learned skills of the model, and the model's prediction of it. */
  measured: number;
  predicted: number | null;
  occurrences: number;
  /** False when the share falls short of the prediction by more than FIT_TOLERANCE over at least
   *  FIT_MIN_OCCURRENCES occurrences; null when there is no prediction or too few occurrences to judge. */
  fits: boolean | null;
}

/** The learned share `learned / occurrences` of new text beside the predicted held-out recall, judged. */
export function learnedShareCheck(learned: number, occurrences: number, predicted: number | null): LearnedShareCheck {
  const measured = occurrences > 0 ? learned / occurrences : 1;
  const fits = predicted === null || occurrences < FIT_MIN_OCCURRENCES ? null : measured >= predicted - FIT_TOLERANCE;
  return { measured, predicted, occurrences, fits };
}

/** The learned share of some texts' skill occurrences (each text's distinct skill keys) beside the predicted held-out recall. */
export function checkLearnedShare(model: SkillModel, textSkills: Iterable<readonly string[]>): LearnedShareCheck {
  const learned = new Set<string>();
  model.skills.keys.forEach((key, i) => {
    if (model.skills.learned[i] === 1) learned.add(key);
  });
  let occurrences = 0;
  let hits = 0;
  for (const skills of textSkills) {
    for (const key of skills) {
      occurrences++;
      if (learned.has(key)) hits++;
    }
  }
  return learnedShareCheck(hits, occurrences, predictedRecall(model));
}

/** The model's predicted held-out recall, null for models without feasibility statistics (format 1). */
export function predictedRecall(model: SkillModel): number | null {
  return model.stats.feasibility?.heldOutRecall.predicted ?? null;
}

/** The warning for text the model does not fit (`check.fits` false), naming `name`, both figures and the remedy. */
export function misfitWarning(check: LearnedShareCheck, name: string): string {
  const percent = (x: number): string => `${(100 * x).toFixed(1)} %`;
  return (
    `${name}: the model has learned ${percent(check.measured)} of the ${check.occurrences} skill occurrences read, ` +
    `but predicts ${percent(check.predicted ?? 1)} on text like its training corpus: it does not fit this input, ` +
    'whose novel skills are only counted; train a model on text like it (skillzip train FILE… -o MODEL.skm) and encode with -m MODEL.skm'
  );
}
