// Multi-class density evolution and foundation → fine-tune (THEORY.md §6). Skill classes c, text classes j;
// Λ_{c,j} is the degree of a class-c skill into class-j texts, d_{j,c} the mean number of class-c skills in a
// class-j text (Poisson text sides), ε_c⁰ the probability that a class-c skill starts unknown:
//
//   q_j = 1 − P_suc( Σ_c d_{j,c} p_{c,j} )
//   p_{c,j} = ε_c⁰ · λ_{c,j}(q_j) · Π_{j'≠j} Λ_{c,j'}(q_{j'})
//   learned fraction of class c = 1 − ε_c⁰ · Π_j Λ_{c,j}(q_j)
//
// Fine-tuning is the two-skill-class, one-text-class case (derived here from §6): a foundation ensemble trained at
// ratio R_f leaves basic skills unknown with its residual error ε_b; fine-tune texts then hold Poisson(d_b) basic
// and Poisson(d_s) specialised skills. With N_b/N_s basic skills per specialised one and R = fine-tune texts per
// specialised skill, basic skills have Poisson(d_b R N_s/N_b) fine-tune texts and specialised ones Poisson(d_s R).
// "From scratch" is the same with ε_b = 1 (no foundation).

import { DegreeDistribution } from './degree.js';
import { evolve } from './de.js';
import type { Ensemble } from './ensemble.js';
import { poissonSuccess, type Learner } from './learners.js';
import { locateJump } from './thresholds.js';

export interface MultiClassModel {
  learner: Learner;
  /** ε_c⁰ for each skill class c. */
  priors: number[];
  /** skillDegrees[c][j] = Λ_{c,j}. */
  skillDegrees: DegreeDistribution[][];
  /** textMeans[j][c] = d_{j,c}. */
  textMeans: number[][];
}

export interface MultiClassResult {
  /** Learned fraction of each skill class. */
  learned: number[];
  /** q_j of each text class at the fixed point. */
  q: number[];
  iterations: number;
  converged: boolean;
}

/** Multi-class DE from a cold start (p_{c,j} = 1) to its fixed point. */
export function multiClassEvolution(model: MultiClassModel, maxIterations = 1_000_000): MultiClassResult {
  const { learner, priors, skillDegrees, textMeans } = model;
  const classes = priors.length;
  const textClasses = textMeans.length;
  if (skillDegrees.length !== classes || skillDegrees.some((row) => row.length !== textClasses) || textMeans.some((row) => row.length !== classes)) {
    throw new RangeError('multi-class model: priors, skillDegrees[c][j] and textMeans[j][c] disagree on the number of classes');
  }
  const p = Array.from({ length: classes }, () => new Float64Array(textClasses).fill(1));
  const q = new Float64Array(textClasses);
  const updateQ = (): void => {
    for (let j = 0; j < textClasses; j++) {
      let y = 0;
      for (let c = 0; c < classes; c++) y += textMeans[j][c] * p[c][j];
      q[j] = 1 - poissonSuccess(learner, y);
    }
  };
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    updateQ();
    iterations++;
    let step = 0;
    for (let c = 0; c < classes; c++) {
      for (let j = 0; j < textClasses; j++) {
        let next = priors[c] * skillDegrees[c][j].edge(q[j]);
        for (let k = 0; k < textClasses; k++) if (k !== j) next *= skillDegrees[c][k].node(q[k]);
        step = Math.max(step, Math.abs(next - p[c][j]));
        p[c][j] = next;
      }
    }
    converged = step <= 1e-14;
  }
  updateQ();
  const learned = priors.map((prior, c) => {
    let unlearned = prior;
    for (let j = 0; j < textClasses; j++) unlearned *= skillDegrees[c][j].node(q[j]);
    return 1 - unlearned;
  });
  return { learned, q: Array.from(q), iterations, converged };
}

export interface FinetuneSetting {
  /** The foundation stage's ensemble (its learner is used for both stages) and its ratio R_f. */
  foundation: Ensemble;
  foundationRatio: number;
  /** d_b and d_s: mean basic and specialised skills per fine-tune text. */
  basicPerText: number;
  specialPerText: number;
  /** N_b/N_s: basic skills per specialised skill. */
  basicPerSpecial: number;
}

export interface FinetunePoint {
  /** Fine-tune texts per specialised skill. */
  ratio: number;
  /** Learned fractions after fine-tuning on top of the foundation. */
  special: number;
  basic: number;
  /** The same fine-tune texts with no foundation (every skill starts unknown). */
  specialScratch: number;
  basicScratch: number;
}

function fineTuneStage(setting: FinetuneSetting, ratio: number, basicPrior: number): MultiClassResult {
  const { basicPerText, specialPerText, basicPerSpecial } = setting;
  if (!(basicPerText > 0 && specialPerText > 0 && basicPerSpecial > 0)) {
    throw new RangeError('fine-tune: need d_b > 0, d_s > 0 and N_b/N_s > 0');
  }
  return multiClassEvolution({
    learner: setting.foundation.learner,
    priors: [basicPrior, 1],
    skillDegrees: [[DegreeDistribution.poisson((basicPerText * ratio) / basicPerSpecial)], [DegreeDistribution.poisson(specialPerText * ratio)]],
    textMeans: [[basicPerText, specialPerText]],
  });
}

/** The residual unlearned fraction of basic skills after the foundation stage. */
export function foundationResidual(setting: FinetuneSetting): number {
  return evolve(setting.foundation, setting.foundationRatio).skillError;
}

/** Fine-tuning at ratio R (fine-tune texts per specialised skill), beside learning the same texts from scratch. */
export function finetuneAt(setting: FinetuneSetting, ratio: number, residual = foundationResidual(setting)): FinetunePoint {
  const tuned = fineTuneStage(setting, ratio, residual);
  const scratch = fineTuneStage(setting, ratio, 1);
  return { ratio, special: tuned.learned[1], basic: tuned.learned[0], specialScratch: scratch.learned[1], basicScratch: scratch.learned[0] };
}

/** Where the specialised skills emerge (jump of their learned fraction in R), with and without the foundation. */
export function finetuneEmergence(setting: FinetuneSetting, residual = foundationResidual(setting)): { tuned: number | null; scratch: number | null } {
  const at = (prior: number) => locateJump((r) => 1 - fineTuneStage(setting, r, prior).learned[1])?.ratio ?? null;
  return { tuned: at(residual), scratch: at(1) };
}
