// What density evolution predicts for a trained corpus, three ways (docs/THEORY.md §10): plain empirical DE (the
// configuration model, §1/§3), composition DE, and composition DE with the pair correction — the best, where the
// learner allows it (else composition DE). Each with the giant component of learned skills (§7).

import type { SkillTextGraph } from '../graph/bipartite.js';
import { compositionDE, type CompositionPrediction } from './composition.js';
import { corpusStructure, lowDegreeNeighbourhoods } from './corpus-structure.js';
import { DegreeDistribution } from './degree.js';
import { predictEmpirical } from './empirical.js';
import type { Learner } from './learners.js';
import { pairCorrectable, pairCorrectedDE } from './pair-correction.js';
import { giantOfOccupied } from './percolation.js';

export interface PredictedFigures {
  learned: number;
  edgeLearned: number;
  textsCovered: number;
  /** At f = 1 (the composition predictors give NaN for subsamples, whose association graph only plain DE models). */
  giantComponent: number;
  /** learnedByDegree[k]: the predicted learned share of the skills of degree k (NaN where there are none). */
  learnedByDegree: Float64Array;
}

export interface CorpusPrediction {
  plainDE: PredictedFigures;
  composition: PredictedFigures;
  /** Composition DE with the pair correction; composition DE itself for learners that teach several novel skills. */
  best: PredictedFigures;
}

/** Predictions for `graph` and `learner` keeping a fraction f of the texts; the statistics are gathered once. */
export function corpusPredictor(graph: SkillTextGraph, skillHistogram: number[], textHistogram: number[], learner: Learner): (fraction: number) => CorpusPrediction {
  const structure = corpusStructure(graph, 'bands');
  const hoods = pairCorrectable(learner) ? lowDegreeNeighbourhoods(graph, structure) : null;
  // Training refuses degrees above LIMITS.degree, so the corpus's histograms are always valid distributions.
  const sides = { skill: DegreeDistribution.fromCounts(skillHistogram, 'the corpus skill degrees'), text: DegreeDistribution.fromCounts(textHistogram, 'the corpus text degrees') };
  const plain = (fraction: number): PredictedFigures => {
    const de = predictEmpirical(sides.skill, sides.text, learner, fraction);
    const x = 1 - fraction + fraction * de.q; // a text of the skill is absent or fails to teach it
    const learnedByDegree = Float64Array.from(skillHistogram, (n, k) => (n > 0 ? 1 - x ** k : NaN));
    return { learned: de.learned, edgeLearned: de.edgeLearned, textsCovered: de.textsCovered, giantComponent: de.giantComponent, learnedByDegree };
  };
  // The giant component of the full corpus's association graph with skills occupied degree by degree; a
  // subsample's association graph is modelled by plain DE only (NaN here).
  const withGiant = (result: CompositionPrediction, fraction: number): PredictedFigures => ({
    learned: result.learned,
    edgeLearned: result.edgeLearned,
    textsCovered: result.textsCovered,
    giantComponent: fraction < 1 ? NaN : giantOfOccupied(sides.skill, sides.text, result.learnedByDegree).giant,
    learnedByDegree: result.learnedByDegree,
  });
  return (fraction) => {
    const composition = withGiant(compositionDE(structure, learner, fraction), fraction);
    return {
      plainDE: plain(fraction),
      composition,
      best: hoods === null ? composition : withGiant(pairCorrectedDE(structure, hoods, learner, fraction), fraction),
    };
  };
}
