// The Arora–Goyal competence bound (THEORY.md §9, [AG] S. Arora, A. Goyal, "A Theory for Emergence of Complex
// Skills and Language Models", arXiv:2307.15936): texts each require k random skills, a fraction θ of them fail.
// Then, with high probability, at least 1 − α of the skills have competence ≥ 1 − βθ whenever
//     H(θ) − kθ · KL(Bern(βα) ‖ Bern(α)) < 0          (H the binary entropy; both sides in nats)
// and β*(α), the smallest such β, is found here by bisection on β ∈ [1, 1/α] (KL(βα‖α) grows with β there).
// Also from [AG]: k′-tuples of skills fail with θ′ = 1 − (1 − θ)^{k′} (or the union bound k′θ) and sit in k
// (conservative) or k^{k′} tuples per text; θ is tied to scale through the Chinchilla excess loss
// δ(N, D) = 406.4/N^0.34 + 410.7/D^0.28 (Hoffmann et al. 2022, the fit [AG] uses) with θ = c·δ.
// Bad parameters are ParamErrors that lead with the parameter's name (the CLI shows its flag); bad text data is an
// InputError.
// The empirical side (a trained model's texts and learned skills, mapped by src/model/text-skills.ts) is ours: a text
// fails when one of its skills is unlearned, a skill's competence is the share of its texts that did not fail,
// compared quantile by quantile.

import { InputError, ParamError } from '../util/errors.js';

export interface CompetenceParams {
  /** Skills per text piece (> 0; need not be an integer when it is a measured mean). */
  k: number;
  /** Fraction of failed text pieces, in (0, 1). */
  theta: number;
  /** Fraction of skills the guarantee may leave out, in (0, 1). */
  alpha: number;
}

export interface CompetenceBound {
  /** β*(α), or null when no β ≤ 1/α satisfies the condition (then nothing is guaranteed). */
  beta: number | null;
  /** max(0, 1 − β*θ): the competence that at least 1 − α of the skills reach; 0 when nothing is guaranteed. */
  competence: number;
}

function requireOpenUnit(param: string, what: string, value: number): void {
  if (!(value > 0 && value < 1)) throw new ParamError((n) => `${n(param)}: ${what} must lie strictly between 0 and 1, got ${value}`);
}

function requirePositive(param: string, what: string, value: number): void {
  if (!(value > 0 && Number.isFinite(value))) throw new ParamError((n) => `${n(param)}: ${what} must be a positive number, got ${value}`);
}

function validateCompetenceParams(p: CompetenceParams): void {
  requirePositive('k', 'k (skills per text)', p.k);
  requireOpenUnit('theta', 'theta (failed fraction of texts)', p.theta);
  requireOpenUnit('alpha', 'alpha (fraction of skills left out)', p.alpha);
}

/** Binary entropy in nats; H(0) = H(1) = 0. */
export function binaryEntropy(p: number): number {
  const term = (x: number): number => (x > 0 ? -x * Math.log(x) : 0);
  return term(p) + term(1 - p);
}

/** KL(Bern(p) ‖ Bern(q)) in nats, for p ∈ [0, 1] and q ∈ (0, 1). */
export function klBernoulli(p: number, q: number): number {
  const term = (x: number, y: number): number => (x > 0 ? x * Math.log(x / y) : 0);
  return term(p, q) + term(1 - p, 1 - q);
}

/** The left side of [AG]'s condition, H(θ) − kθ·KL(Bern(βα) ‖ Bern(α)); the guarantee holds where it is < 0. */
export function competenceMargin(beta: number, p: CompetenceParams): number {
  return binaryEntropy(p.theta) - p.k * p.theta * klBernoulli(beta * p.alpha, p.alpha);
}

/** β*(α) by bisection to full double precision, and the guaranteed competence 1 − β*θ. */
export function competenceBound(p: CompetenceParams): CompetenceBound {
  validateCompetenceParams(p);
  let lo = 1; // margin(1) = H(θ) > 0
  let hi = 1 / p.alpha;
  if (competenceMargin(hi, p) >= 0) return { beta: null, competence: 0 };
  while (hi - lo > 1e-15 * hi) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (competenceMargin(mid, p) < 0) hi = mid;
    else lo = mid;
  }
  return { beta: hi, competence: Math.max(0, 1 - hi * p.theta) };
}

export interface EmergencePoint extends CompetenceBound {
  alpha: number;
  /** 1 − α: the fraction of skills the guarantee covers. */
  skillFraction: number;
}

/** The emergence curve of [AG]: guaranteed competence against the fraction 1 − α of skills covered. */
export function emergenceCurve(k: number, theta: number, alphas: readonly number[]): EmergencePoint[] {
  return alphas.map((alpha) => ({ alpha, skillFraction: 1 - alpha, ...competenceBound({ k, theta, alpha }) }));
}

/** How a k′-tuple's failure rate follows from θ: exactly 1 − (1 − θ)^{k′}, or by the union bound k′θ. */
export type TupleFailureRule = 'exact' | 'union';
/** How many k′-tuples a text holds in the bound: k (conservative) or k^{k′}. */
export type TupleDegreeRule = 'k' | 'power';

export interface TupleRules {
  /** k′ ≥ 1, the size of the skill tuples (1: single skills). */
  tupleSize: number;
  failure: TupleFailureRule;
  degree: TupleDegreeRule;
}

/** The (k, θ) of [AG]'s bound applied to k′-tuples of skills instead of single skills. */
export function tupleParams(k: number, theta: number, rules: TupleRules): { k: number; theta: number } {
  if (!(Number.isInteger(rules.tupleSize) && rules.tupleSize >= 1)) {
    throw new ParamError((n) => `${n('tupleSize')}: the tuple size k' must be an integer ≥ 1, got ${rules.tupleSize}`);
  }
  requirePositive('k', 'k (skills per text)', k);
  requireOpenUnit('theta', 'theta (failed fraction of texts)', theta);
  const tupleTheta = rules.failure === 'exact' ? -Math.expm1(rules.tupleSize * Math.log1p(-theta)) : rules.tupleSize * theta;
  if (!(tupleTheta < 1)) {
    throw new ParamError((n) => `${n('tupleFailure')} union: the union bound k'·theta = ${tupleTheta} is not below 1: use the exact tuple failure rule`);
  }
  return { k: rules.degree === 'k' ? k : Math.pow(k, rules.tupleSize), theta: tupleTheta };
}

/** Excess loss (above the irreducible entropy) of the Chinchilla fit for N parameters and D training tokens. */
export function chinchillaExcessLoss(parameters: number, tokens: number): number {
  requirePositive('parameters', 'the parameter count N', parameters);
  requirePositive('tokens', 'the token count D', tokens);
  return 406.4 / Math.pow(parameters, 0.34) + 410.7 / Math.pow(tokens, 0.28);
}

/** δ(sN, sD) / δ(N, D): how much scaling model and data together by s shrinks the excess loss. */
export function excessLossScaleFactor(parameters: number, tokens: number, scale: number): number {
  requirePositive('scale', 'the scale factor s', scale);
  return chinchillaExcessLoss(scale * parameters, scale * tokens) / chinchillaExcessLoss(parameters, tokens);
}

export interface ScalePoint {
  scale: number;
  parameters: number;
  tokens: number;
  excessLoss: number;
  /** θ = c·δ, or null when c·δ ≥ 1 (no text succeeds: nothing to bound). */
  theta: number | null;
  beta: number | null;
  competence: number;
}

export interface ScaleParams extends TupleRules {
  k: number;
  alpha: number;
  /** The factor c in θ = c·δ (> 0). */
  lossToFailure: number;
  /** N and D at scale 1. */
  parameters: number;
  tokens: number;
}

/** [AG]'s guaranteed competence as model and data grow together by each factor s (θ = c·δ(sN, sD)). */
export function competenceAgainstScale(p: ScaleParams, scales: readonly number[]): ScalePoint[] {
  requirePositive('lossToFailure', 'the loss-to-failure factor c', p.lossToFailure);
  return scales.map((scale) => {
    requirePositive('scale', 'the scale factor s', scale);
    const parameters = scale * p.parameters;
    const tokens = scale * p.tokens;
    const excessLoss = chinchillaExcessLoss(parameters, tokens);
    const theta = p.lossToFailure * excessLoss;
    const point = { scale, parameters, tokens, excessLoss };
    if (!(theta < 1)) return { ...point, theta: null, beta: null, competence: 0 };
    const bound = competenceBound({ ...tupleParams(p.k, theta, p), alpha: p.alpha });
    return { ...point, theta, ...bound };
  });
}

/** Texts as lists of skill indices, CSR: the skills of text t are skills[offsets[t] .. offsets[t+1]). */
export interface TextSkills {
  offsets: Uint32Array | Int32Array;
  skills: Uint32Array | Int32Array;
}

export interface EmpiricalCompetence {
  /** Per skill: share of its texts that did not fail; NaN for a skill in no text. */
  competence: Float64Array;
  /** Number of texts, and how many failed (held at least one unlearned skill). */
  texts: number;
  failedTexts: number;
  /** θ measured: failedTexts / texts. */
  theta: number;
  /** Mean number of skills per text: the k of the bound. */
  meanSkillsPerText: number;
  /** Skills that occur in at least one text (the population the quantiles are taken over). */
  skillsSeen: number;
}

/** Marks texts holding an unlearned skill as failed and gives every skill the share of its texts not failed. */
export function empiricalCompetence(texts: TextSkills, learned: Uint8Array): EmpiricalCompetence {
  const textCount = texts.offsets.length - 1;
  if (textCount < 1) throw new InputError('empirical competence needs at least one text');
  const skillCount = learned.length;
  const total = new Float64Array(skillCount);
  const passed = new Float64Array(skillCount);
  let failedTexts = 0;
  for (let t = 0; t < textCount; t++) {
    const start = texts.offsets[t];
    const end = texts.offsets[t + 1];
    let failed = 0;
    for (let e = start; e < end; e++) {
      const s = texts.skills[e];
      if (!(s >= 0 && s < skillCount)) throw new InputError(`text ${t} refers to skill ${s}, not in 0..${skillCount - 1}`);
      if (learned[s] === 0) failed = 1;
    }
    failedTexts += failed;
    for (let e = start; e < end; e++) {
      total[texts.skills[e]] += 1;
      passed[texts.skills[e]] += 1 - failed;
    }
  }
  const competence = new Float64Array(skillCount);
  let skillsSeen = 0;
  for (let s = 0; s < skillCount; s++) {
    competence[s] = total[s] > 0 ? passed[s] / total[s] : NaN;
    if (total[s] > 0) skillsSeen++;
  }
  return {
    competence,
    texts: textCount,
    failedTexts,
    theta: failedTexts / textCount,
    meanSkillsPerText: texts.offsets[textCount] / textCount,
    skillsSeen,
  };
}

export interface EmpiricalComparisonRow {
  alpha: number;
  /** The competence that at least 1 − α of the seen skills reach (the empirical α-quantile). */
  empirical: number;
  /** [AG]'s guarantee 1 − β*(α)θ with the measured θ and k, or null when θ is 0 or 1 (nothing to bound). */
  bound: number | null;
  beta: number | null;
}

/**
 * The empirical competence distribution against [AG]'s bound: for each α, the largest c such that at least 1 − α
 * of the seen skills have competence ≥ c, beside 1 − β*(α)θ computed with the measured θ and mean text degree.
 */
export function compareWithBound(measured: EmpiricalCompetence, alphas: readonly number[]): EmpiricalComparisonRow[] {
  const values = Array.from(measured.competence).filter((c) => !Number.isNaN(c));
  values.sort((a, b) => a - b);
  const boundable = measured.theta > 0 && measured.theta < 1;
  return alphas.map((alpha) => {
    requireOpenUnit('alpha', 'alpha (fraction of skills left out)', alpha);
    // The largest c with #{competence ≥ c} ≥ (1 − α)·n is the value at ascending position n − ⌈(1 − α)n⌉.
    const covered = Math.ceil((1 - alpha) * values.length - 1e-9);
    const empirical = values.length === 0 ? NaN : values[Math.max(0, values.length - covered)];
    if (!boundable) return { alpha, empirical, bound: null, beta: null };
    const { beta, competence } = competenceBound({ k: measured.meanSkillsPerText, theta: measured.theta, alpha });
    return { alpha, empirical, bound: competence, beta };
  });
}
