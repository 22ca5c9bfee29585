// Learners of THEORY.md §2: a learner is its vector φ_m, the probability of learning a tagged novel skill from a
// text that holds m novel skills (the tagged one included). From φ come the success probability s_j(p) of a text of
// degree j whose other skills are each novel with probability p, and the Poisson learner's P_suc(y) (Chang et al.'s
// Poisson receivers, as [LCH] reviews them). Learner specs on the command line:
//
//   1              the 1-skill learner of SCNS: φ_1 = 1
//   K (integer)    the K-skill learner: φ_m = 1 for m ≤ K
//   phi:a,b,...    a general φ-learner (φ_1 = a, φ_2 = b, ..., 0 beyond), each in [0, 1]
//   noisy:a        the noisy 1-skill learner: φ_1 = a
//
// A malformed spec is a ParamError (code ERR_SPEC) that quotes it after the parameter's name (`learner`).

import { ParamError } from '../util/errors.js';

/** Largest m a φ-vector may reach (a K-skill learner with K beyond any text degree of interest). */
const MAX_NOVEL = 100_000;

export interface Learner {
  /** The spec it was parsed from, e.g. '1', '3', 'phi:1,0.5', 'noisy:0.8'. */
  label: string;
  /** phi[m − 1] = φ_m; φ_m = 0 beyond phi.length. */
  phi: Float64Array;
  /** Every φ_m is 0 or 1: the learned set does not depend on the order of peeling (THEORY.md §2). */
  deterministic: boolean;
  /** Largest m with φ_m > 0. */
  maxNovel: number;
}

function makeLearner(label: string, phi: ArrayLike<number>): Learner {
  let maxNovel = 0;
  let deterministic = true;
  for (let m = 1; m <= phi.length; m++) {
    const v = phi[m - 1];
    if (!(v >= 0 && v <= 1)) throw new ParamError((n) => `${n('learner')} '${label}': φ_${m} = ${v} is not a probability in [0, 1]`, 'ERR_SPEC');
    if (v > 0) maxNovel = m;
    if (v !== 0 && v !== 1) deterministic = false;
  }
  if (maxNovel === 0) throw new ParamError((n) => `${n('learner')} '${label}': every φ_m is 0, so it never learns`, 'ERR_SPEC');
  return { label, phi: Float64Array.from(phi).subarray(0, maxNovel), deterministic, maxNovel };
}

/** The 1-skill learner of SCNS. */
export function oneSkill(): Learner {
  return makeLearner('1', [1]);
}

/** The K-skill learner: a text with at most K novel skills teaches them all. */
export function kSkill(k: number): Learner {
  if (!(Number.isInteger(k) && k >= 1 && k <= MAX_NOVEL)) throw new ParamError((n) => `${n('learner')} '${k}': K must be an integer from 1 to ${MAX_NOVEL}`, 'ERR_SPEC');
  return makeLearner(String(k), new Float64Array(k).fill(1));
}

/** Parses a learner spec (see the header). */
export function parseLearner(spec: string): Learner {
  const text = spec.trim().toLowerCase();
  if (/^\d+$/.test(text)) return kSkill(Number(text));
  const colon = text.indexOf(':');
  const kind = colon >= 0 ? text.slice(0, colon) : text;
  const args = colon >= 0 ? text.slice(colon + 1).split(',').map((a) => a.trim()) : [];
  const values = args.map((a) => (/^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(a) ? Number(a) : NaN));
  if (values.some(Number.isNaN) || (colon >= 0 && values.length === 0)) {
    throw new ParamError((n) => `${n('learner')} '${spec}': '${args.join(',')}' is not a list of numbers`, 'ERR_SPEC');
  }
  if (kind === 'phi' && values.length > 0) {
    if (values.length > MAX_NOVEL) throw new ParamError((n) => `${n('learner')} '${spec}': more than ${MAX_NOVEL} values`, 'ERR_SPEC');
    return makeLearner(spec.trim(), values);
  }
  if (kind === 'noisy' && values.length === 1) return makeLearner(spec.trim(), values);
  throw new ParamError((n) => `${n('learner')} '${spec}': expected 1, an integer K, phi:a,b,... or noisy:a`, 'ERR_SPEC');
}

/** φ_m (0 beyond the vector). */
export function phiAt(learner: Learner, m: number): number {
  return m >= 1 && m <= learner.phi.length ? learner.phi[m - 1] : 0;
}

/**
 * s_j(p) = Σ_{m=0}^{j−1} C(j−1, m) p^m (1−p)^{j−1−m} φ_{m+1}: the probability that a text of degree j teaches a
 * tagged novel skill when each of its other j − 1 skills is novel with probability p (THEORY.md §2).
 */
export function successProbability(learner: Learner, j: number, p: number): number {
  const others = j - 1;
  if (others < 0) return 0;
  if (p <= 0) return phiAt(learner, 1);
  if (p >= 1) return phiAt(learner, j);
  const last = Math.min(others, learner.maxNovel - 1);
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  let logBinom = 0; // log C(others, m), by C(n, m+1) = C(n, m)(n − m)/(m + 1)
  let sum = 0;
  for (let m = 0; m <= last; m++) {
    const phi = learner.phi[m];
    if (phi > 0) sum += phi * Math.exp(logBinom + m * logP + (others - m) * logQ);
    logBinom += Math.log(others - m) - Math.log(m + 1);
  }
  return sum;
}

/**
 * P_suc(y) = Σ_m e^{−y} y^m / m! · φ_{m+1}: the success probability when the number of other novel skills in the
 * text is Poisson(y) (THEORY.md §2); the 1-skill learner gives e^{−y}.
 */
export function poissonSuccess(learner: Learner, y: number): number {
  const logY = Math.log(y);
  let logTerm = -y; // log(e^{−y} y^m / m!), in the log domain so that large y does not underflow the first terms
  let sum = 0;
  for (let m = 0; m < learner.maxNovel; m++) {
    sum += Math.exp(logTerm) * learner.phi[m];
    logTerm += logY - Math.log(m + 1);
  }
  return sum;
}
