// A trained model's feasibility (docs/THEORY.md §11): its stored statistics as the theory's corpus summary, the
// predictions and verdict that plan, train and rate print, and the learned share of new text against the prediction.

import { feasibilityVerdict, predictSizes, type FeasibilitySummary, type SizePrediction, type Verdict } from '../theory/feasibility.js';
import { parseLearner } from '../theory/learners.js';
import type { SkillModel } from './types.js';

/** Sizes, as multiples of the corpus, that plan predicts by default: a tenth of it up to 100×. */
export const DEFAULT_PLAN_SIZES: readonly number[] = [0.1, 0.25, 0.5, 1, 2, 4, 10, 30, 100];
/** The held-out recall a corpus must reach to be called feasible unless the user names another. */
export const DEFAULT_TARGET_RECALL = 0.9;

/** The model's corpus summary, or null for models written before the feasibility statistics (format 1). */
export function feasibilitySummary(model: SkillModel): FeasibilitySummary | null {
  const { stats } = model;
  if (stats.feasibility === null) return null;
  return {
    degreeCounts: stats.skillDegreeHistogram,
    compositions: stats.feasibility.compositions,
    novelMass: stats.feasibility.novelMass,
    texts: stats.texts,
    charactersPerText: stats.feasibility.charactersPerText,
    textDegreeHistogram: stats.textDegreeHistogram,
  };
}

export interface Plan {
  predictions: SizePrediction[];
  verdict: Verdict;
}

/** Predictions at `sizes` (the corpus's own size added) and the verdict; null when the model lacks the statistics. */
export function planFeasibility(model: SkillModel, options: { targetRecall?: number; sizes?: readonly number[]; seed?: number } = {}): Plan | null {
  const summary = feasibilitySummary(model);
  if (summary === null) return null;
  const sizes = [...new Set([...(options.sizes ?? DEFAULT_PLAN_SIZES), 1])].sort((a, b) => a - b);
  const predictions = predictSizes(summary, parseLearner(model.stats.learner), sizes, options.seed ?? model.stats.seed);
  return { predictions, verdict: feasibilityVerdict(predictions, options.targetRecall ?? DEFAULT_TARGET_RECALL, model.stats.meanTextDegree) };
}

export interface LearnedShareCheck {
  /** Share of the texts' skill occurrences that are learned skills of the model, and the model's prediction of it. */
  measured: number;
  predicted: number | null;
  occurrences: number;
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
  return { measured: occurrences > 0 ? hits / occurrences : 1, predicted: model.stats.feasibility?.heldOutRecall.predicted ?? null, occurrences };
}
