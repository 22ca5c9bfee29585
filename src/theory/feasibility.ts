// Feasibility (docs/THEORY.md §11): what a corpus of a given size would learn, recall on unseen text and cost in
// compact bits, from a sample's summary (./growth.ts), and the one verdict that plan, train and rate print.

import { compositionDE } from './composition.js';
import type { CorpusJump } from './corpus-jump.js';
import { growCorpus, sampleStructure, type CorpusSummary } from './growth.js';
import { heldOutRecall } from './held-out.js';
import type { Learner } from './learners.js';

/** A sample's summary with what rates need: its texts, characters per text and text degree histogram. */
export interface FeasibilitySummary extends CorpusSummary {
  texts: number;
  charactersPerText: number;
  textDegreeHistogram: ArrayLike<number>;
}

export interface SizePrediction {
  /** Size as a multiple of the sample, its texts, skills (vocabulary) and R = texts/skills. */
  scale: number;
  texts: number;
  skills: number;
  ratio: number;
  /** Learned share of the corpus's own skills; share of unseen text's occurrences that are learned skills. */
  learned: number;
  heldOutRecall: number;
  /** Set entropy of the learned skills of an unseen text (THEORY.md §8: Σ −log₂ p(s) − log₂ k!), per text and per character. */
  bitsPerText: number;
  bitsPerChar: number;
}

/** log₂(x^n), with 0⁰ = 1 (a recall of exactly 0 or 1). */
function log2Power(x: number, n: number): number {
  return n === 0 ? 0 : n * Math.log2(x);
}

/** E[log₂ k!] for k ~ Binomial(j, r), j by the text degree histogram. */
function expectedLog2Factorial(textDegrees: ArrayLike<number>, r: number): number {
  let texts = 0;
  let sum = 0;
  const logFactorial = [0];
  for (let j = 1; j < textDegrees.length; j++) logFactorial[j] = logFactorial[j - 1] + Math.log2(j);
  for (let j = 1; j < textDegrees.length; j++) {
    if (textDegrees[j] === 0) continue;
    texts += textDegrees[j];
    let expected = 0;
    for (let k = 2; k <= j; k++) {
      const log2Binomial = logFactorial[j] - logFactorial[k] - logFactorial[j - k];
      expected += 2 ** (log2Binomial + log2Power(r, k) + log2Power(1 - r, j - k)) * logFactorial[k];
    }
    sum += textDegrees[j] * expected;
  }
  return texts > 0 ? sum / texts : 0;
}

/**
 * Set entropy per unseen text: its learned occurrences (mean text degree × recall) each cost −log₂(K/E_L), K the
 * skill's count and E_L the total count of learned skills (the coder's frequencies), less E[log₂ k!].
 */
export function setEntropyPerText(degreeCounts: ArrayLike<number>, learnedByDegree: ArrayLike<number>, novel: number, textDegrees: ArrayLike<number>): number {
  let edges = 0;
  let learnedEdges = 0;
  let weightedLog = 0;
  for (let k = 1; k < degreeCounts.length; k++) {
    if (degreeCounts[k] === 0) continue;
    edges += k * degreeCounts[k];
    learnedEdges += k * degreeCounts[k] * learnedByDegree[k];
    weightedLog += k * degreeCounts[k] * learnedByDegree[k] * Math.log2(k);
  }
  if (learnedEdges === 0) return 0;
  let texts = 0;
  let occurrences = 0;
  for (let j = 1; j < textDegrees.length; j++) {
    texts += textDegrees[j];
    occurrences += j * textDegrees[j];
  }
  const recall = (1 - novel) * (learnedEdges / edges);
  const bitsPerLearned = Math.log2(learnedEdges) - weightedLog / learnedEdges;
  // An entropy is not negative (and not −0, which model files do not keep): with less than one learned edge
  // expected, −log₂(K/E_L) can be.
  return Math.max(0, (occurrences / texts) * recall * bitsPerLearned - expectedLog2Factorial(textDegrees, recall));
}

/**
 * Predictions at sizes `scales` × the sample: thinning by composition DE below 1, the grown ensemble above
 * (docs/THEORY.md §11). Deterministic for a seed.
 */
export function predictSizes(summary: FeasibilitySummary, learner: Learner, scales: readonly number[], seed: number): SizePrediction[] {
  const sample = sampleStructure(summary);
  return scales.map((scale) => {
    if (!(scale > 0)) throw new RangeError(`a corpus size must be a positive multiple of the sample, got ${scale}`);
    let skills: number;
    let learned: number;
    let recall: number;
    let bits: number;
    if (scale <= 1) {
      const prediction = compositionDE(sample, learner, scale);
      skills = 0;
      sample.degreeCounts.forEach((n, k) => (skills += n * (1 - (1 - scale) ** k)));
      learned = (prediction.learned * sample.skills) / skills;
      recall = heldOutRecall(sample.degreeCounts, prediction.learnedByDegree, summary.novelMass);
      bits = setEntropyPerText(sample.degreeCounts, prediction.learnedByDegree, summary.novelMass, summary.textDegreeHistogram);
    } else {
      const grown = growCorpus(summary, scale, seed);
      const prediction = compositionDE(grown.structure, learner, 1);
      skills = grown.structure.skills;
      learned = prediction.learned;
      recall = heldOutRecall(grown.structure.degreeCounts, prediction.learnedByDegree, grown.novelMass);
      bits = setEntropyPerText(grown.structure.degreeCounts, prediction.learnedByDegree, grown.novelMass, summary.textDegreeHistogram);
    }
    const texts = scale * summary.texts;
    return { scale, texts, skills, ratio: texts / skills, learned, heldOutRecall: recall, bitsPerText: bits, bitsPerChar: bits / summary.charactersPerText };
  });
}

/** Below this predicted learned share the learner has not started: the corpus is far below its emergence. */
const NOT_STARTED = 0.05;
/** Texts averaging more skills than this are paragraphs or documents, not sentences (a Brown sentence holds about 9). */
const LONG_TEXT_SKILLS = 30;

export interface Verdict {
  kind: 'feasible now' | 'feasible at' | 'not within';
  targetRecall: number;
  /** 'feasible at': the smallest size predicted to meet the target; 'not within': the largest size tried. */
  texts: number;
  scale: number;
  /** R of the corpus, and R_½, where the predicted learned share first reaches ½ (null when it does not, or when
   *  the smallest size tried is already past it: then R_½ lies below `ratio` of that size, and the line says so). */
  ratio: number;
  emergenceRatio: number | null;
  /** The jump R_c of the corpus's own ensemble thinned (src/theory/corpus-jump.ts); null when its learned share
   *  does not jump up to the corpus's own size; absent when it is not located (corpus-jump.ts jumpLocatable). */
  jump?: CorpusJump | null;
  meanTextDegree: number;
  /** Set when the learner has not started because the texts are too long to teach: what to do. */
  advice: string | null;
  /** The verdict as one line for people. */
  line: string;
}

/**
 * R where the predicted learned share first reaches ½, interpolated in log R between sizes; null if never; an upper
 * bound (`below`) when the smallest size is already past ½.
 */
function emergenceRatio(predictions: readonly SizePrediction[]): { ratio: number; below: boolean } | null {
  const sorted = [...predictions].sort((a, b) => a.scale - b.scale);
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i].learned < 0.5) continue;
    if (i === 0) return { ratio: sorted[0].ratio, below: true };
    const [a, b] = [sorted[i - 1], sorted[i]];
    const t = (0.5 - a.learned) / (b.learned - a.learned);
    return { ratio: Math.exp(Math.log(a.ratio) + t * (Math.log(b.ratio) - Math.log(a.ratio))), below: false };
  }
  return null;
}

/**
 * The verdict on a corpus from its predictions (one of which at scale 1, the corpus itself) and its jump: feasible
 * now, at the smallest size meeting `targetRecall`, or not within the sizes tried; with advice when the texts are
 * too long.
 */
export function feasibilityVerdict(predictions: readonly SizePrediction[], targetRecall: number, meanTextDegree: number, jump: CorpusJump | null | undefined): Verdict {
  const own = predictions.find((p) => p.scale === 1);
  if (own === undefined) throw new RangeError('the verdict needs the prediction at the corpus’s own size (scale 1)');
  const sorted = [...predictions].sort((a, b) => a.scale - b.scale);
  const largest = sorted[sorted.length - 1];
  const meeting = sorted.find((p) => p.scale >= 1 && p.heldOutRecall >= targetRecall);
  const kind: Verdict['kind'] = own.heldOutRecall >= targetRecall ? 'feasible now' : meeting ? 'feasible at' : 'not within';
  const at = kind === 'feasible now' ? own : (meeting ?? largest);
  const rHalf = emergenceRatio(predictions);
  const half =
    rHalf === null
      ? `R_½ not reached within ${largest.scale}×`
      : rHalf.below
        ? `R_½ < ${rHalf.ratio.toPrecision(3)}, reached below ${sorted[0].scale}×`
        : `R_½ ≈ ${rHalf.ratio.toPrecision(3)}`;
  const rc =
    jump === undefined ? 'R_c not located for this learner' : jump === null ? 'no jump R_c up to 1×' : `R_c ≈ ${jump.ratio.toPrecision(3)} (jump at ${jump.fraction.toPrecision(3)}×)`;
  const threshold = `${rc}, ${half}`;
  let advice: string | null = null;
  // A 'feasible at' verdict already says how much text it takes: advice only adds the cut into sentences there.
  const longTexts = meanTextDegree > LONG_TEXT_SKILLS;
  if (own.learned < NOT_STARTED && (kind === 'not within' || (kind === 'feasible at' && longTexts))) {
    advice =
      `R = ${own.ratio.toPrecision(3)} is far below the threshold of this ensemble (${threshold}); texts average ${meanTextDegree.toFixed(1)} skills` +
      (longTexts ? '; cut them into sentences: `--unit sentence`' : '; it needs many more texts');
  }
  const recall = (x: number): string => `${(100 * x).toFixed(1)} %`;
  const head =
    kind === 'feasible now'
      ? `feasible now: held-out recall ${recall(own.heldOutRecall)} ≥ target ${recall(targetRecall)} at ${Math.round(own.texts)} texts`
      : kind === 'feasible at'
        ? `feasible at ≈ ${Math.round(at.texts)} texts (${at.scale}× the corpus): held-out recall ${recall(at.heldOutRecall)} ≥ target ${recall(targetRecall)}`
        : `not within ${largest.scale}×: held-out recall ${recall(largest.heldOutRecall)} at ${Math.round(largest.texts)} texts < target ${recall(targetRecall)}`;
  return {
    kind,
    targetRecall,
    texts: at.texts,
    scale: at.scale,
    ratio: own.ratio,
    emergenceRatio: rHalf === null || rHalf.below ? null : rHalf.ratio,
    ...(jump === undefined ? {} : { jump }),
    meanTextDegree,
    advice,
    line: `${head}; R = ${own.ratio.toPrecision(3)}, ${threshold}${advice ? `. ${advice}` : ''}`,
  };
}
