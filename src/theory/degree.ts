// Degree distributions of the skill-text graph (THEORY.md §1): node perspective Λ(x) = Σ_k Λ_k x^k, edge perspective
// λ(x) = Λ'(x)/Λ'(1), their derivatives, binomial thinning Λ_f(x) = Λ(1 − f + f·x) (subsampling a fraction f of
// the texts), a degree sampler for the simulator, and the SPEC language of the command line (DESIGN.md):
//
//   poisson:MEAN                  Poisson(MEAN); closed forms Λ(x) = λ(x) = exp(MEAN·(x − 1))
//   fixed:D                       every node has degree D (Λ(x) = x^D)
//   0.5x^2+0.28x^3+0.22x^8        node-perspective polynomial; terms 'c x^k', 'c*x^k', 'x^k', 'xk', 'c x', 'c'
//   liva8 | crdsa | crdsa3        presets: Liva's 0.5x^2+0.28x^3+0.22x^8 (G. Liva, "Graph-based analysis and
//                                 optimization of contention resolution diversity slotted ALOHA", IEEE Trans.
//                                 Commun. 59(2), 2011), and CRDSA with two or three replicas, x^2 and x^3
//                                 (Casini, De Gaudenzi, Herrero, IEEE Trans. Wireless Commun. 6(4), 2007)
//   @file.json                    {"perspective": "node" | "edge", "counts": [...]} or {..., "probabilities": [...]},
//                                 index k = degree k; edge perspective gives the share of edges at degree-k nodes
//                                 and is converted with Λ_k ∝ λ_k / k (degree 0 cannot be seen from an edge)
//
// Errors: a malformed or invalid spec string is a ParamError (code ERR_SPEC) that quotes the spec; a file that cannot be
// read or holds no valid distribution is an InputError (exit 1) naming the file; fromCounts / fromCoefficients on
// bad data throw InputError naming the description they were given. Written here: no library covers these.

import { InputError, ParamError } from '../util/errors.js';
import { LIMITS } from '../util/limits.js';
import type { Prng } from '../util/prng.js';

/** Coefficients must sum to 1 within this tolerance (then they are renormalised exactly). */
const NORMALISATION_TOLERANCE = 1e-9;


export class DegreeDistribution {
  readonly spec: string;
  readonly poissonMean: number | null;
  /** Node-perspective probabilities Λ_k (finite distributions), null for Poisson. */
  private readonly probs: Float64Array | null;
  private readonly meanDegree: number;

  private constructor(spec: string, poissonMean: number | null, probs: Float64Array | null) {
    this.spec = spec;
    this.poissonMean = poissonMean;
    this.probs = probs;
    if (probs) {
      let m = 0;
      for (let k = 1; k < probs.length; k++) m += k * probs[k];
      this.meanDegree = m;
    } else {
      this.meanDegree = poissonMean as number;
    }
  }

  static poisson(mean: number, spec = `poisson:${mean}`): DegreeDistribution {
    if (!(Number.isFinite(mean) && mean > 0)) throw new InputError(`degree distribution '${spec}': the Poisson mean must be a positive number`);
    return new DegreeDistribution(spec, mean, null);
  }

  static fixed(d: number, spec = `fixed:${d}`): DegreeDistribution {
    if (!(Number.isInteger(d) && d >= 1 && d <= LIMITS.degree)) {
      throw new InputError(`degree distribution '${spec}': the fixed degree must be an integer from 1 to ${LIMITS.degree}`);
    }
    const probs = new Float64Array(d + 1);
    probs[d] = 1;
    return new DegreeDistribution(spec, null, probs);
  }

  /** Node-perspective coefficients: nodeProbs[k] = Λ_k; they must be ≥ 0 and sum to 1 (within 1e-9). */
  static fromCoefficients(nodeProbs: ArrayLike<number>, spec?: string): DegreeDistribution {
    const name = spec ?? 'coefficients';
    return new DegreeDistribution(name, null, normalise(nodeProbs, name, true));
  }

  /** A histogram: counts[k] = number of nodes of degree k. */
  static fromCounts(counts: ArrayLike<number>, spec?: string): DegreeDistribution {
    const name = spec ?? 'histogram';
    return new DegreeDistribution(name, null, normalise(counts, name, false));
  }

  /** Λ'(1), the mean degree. */
  mean(): number {
    return this.meanDegree;
  }

  /** Λ(x). */
  node(x: number): number {
    const probs = this.probs;
    if (!probs) return Math.exp(this.meanDegree * (x - 1));
    let acc = 0;
    for (let k = probs.length - 1; k >= 0; k--) acc = acc * x + probs[k];
    return acc;
  }

  /** Λ'(x). */
  nodeDerivative(x: number): number {
    const probs = this.probs;
    if (!probs) return this.meanDegree * Math.exp(this.meanDegree * (x - 1));
    let acc = 0;
    for (let k = probs.length - 1; k >= 1; k--) acc = acc * x + k * probs[k];
    return acc;
  }

  /** λ(x) = Λ'(x)/Λ'(1): the degree distribution of the node at the end of a random edge, minus that edge. */
  edge(x: number): number {
    return this.probs ? this.nodeDerivative(x) / this.meanDegree : Math.exp(this.meanDegree * (x - 1));
  }

  /** λ'(x) = Λ''(x)/Λ'(1). */
  edgeDerivative(x: number): number {
    const probs = this.probs;
    if (!probs) return this.meanDegree * Math.exp(this.meanDegree * (x - 1));
    let acc = 0;
    for (let k = probs.length - 1; k >= 2; k--) acc = acc * x + k * (k - 1) * probs[k];
    return acc / this.meanDegree;
  }

  /** Λ_k. */
  probability(k: number): number {
    if (!Number.isInteger(k) || k < 0) return 0;
    const probs = this.probs;
    if (probs) return k < probs.length ? probs[k] : 0;
    const m = this.meanDegree;
    let logFactorial = 0;
    for (let i = 2; i <= k; i++) logFactorial += Math.log(i);
    return Math.exp(k * Math.log(m) - m - logFactorial);
  }

  /** The largest degree with positive probability; Infinity for Poisson. */
  maxDegree(): number {
    return this.probs ? this.probs.length - 1 : Infinity;
  }

  /** The node-perspective coefficients Λ_0..Λ_max of a finite distribution (a copy), or null for Poisson. */
  coefficients(): Float64Array | null {
    return this.probs ? this.probs.slice() : null;
  }

  /**
   * Binomial thinning: each edge kept with probability f, Λ_f(x) = Λ(1 − f + f·x), so λ_f(x) = λ(1 − f(1 − x)).
   * THEORY.md §1: subsampling a fraction f of the texts. f = 1 returns this distribution itself.
   */
  thin(f: number): DegreeDistribution {
    if (!(f > 0 && f <= 1)) throw new RangeError(`thinning fraction must be in (0, 1], got ${f}`);
    if (f === 1) return this;
    const spec = `${this.spec} thinned by ${f}`;
    const probs = this.probs;
    if (!probs) return new DegreeDistribution(spec, this.meanDegree * f, null);
    const thinned = new Float64Array(probs.length);
    const logFactorial = new Float64Array(probs.length);
    for (let i = 2; i < probs.length; i++) logFactorial[i] = logFactorial[i - 1] + Math.log(i);
    const logF = Math.log(f);
    const logG = Math.log1p(-f);
    const odds = f / (1 - f);
    for (let k = 0; k < probs.length; k++) {
      const w = probs[k];
      if (w === 0) continue;
      // Binomial(k, f): its mode in the log domain, then outwards by the ratio recurrences until the terms fall
      // below 1e-17 of the mode (O(√k) terms each instead of k + 1).
      const mode = Math.min(k, Math.floor((k + 1) * f));
      const peak = Math.exp(logFactorial[k] - logFactorial[mode] - logFactorial[k - mode] + mode * logF + (k - mode) * logG);
      thinned[mode] += w * peak;
      for (let j = mode, t = peak; j < k; j++) {
        t *= ((k - j) / (j + 1)) * odds;
        if (t < peak * 1e-17) break;
        thinned[j + 1] += w * t;
      }
      for (let j = mode, t = peak; j > 0; j--) {
        t *= j / ((k - j + 1) * odds);
        if (t < peak * 1e-17) break;
        thinned[j - 1] += w * t;
      }
    }
    return new DegreeDistribution(spec, null, trimTrailingZeros(thinned));
  }

  /** The node-perspective polynomial as a spec, e.g. '0.5x^2+0.28x^3+0.22x^8' (finite distributions only). */
  toPolynomial(): string {
    const probs = this.probs;
    if (!probs) throw new RangeError(`'${this.spec}' is Poisson and has no finite polynomial`);
    const terms: string[] = [];
    for (let k = 0; k < probs.length; k++) {
      if (probs[k] === 0) continue;
      terms.push(k === 0 ? String(probs[k]) : `${probs[k]}x^${k}`);
    }
    return terms.join('+');
  }

  /**
   * A sampler of node degrees for the simulator: Poisson through rng.nextPoisson, finite distributions through
   * Walker's alias table (Vose's construction), one uniform integer and one uniform double per draw.
   */
  sampler(): (rng: Prng) => number {
    const probs = this.probs;
    if (!probs) {
      const mean = this.meanDegree;
      return (rng) => rng.nextPoisson(mean);
    }
    const n = probs.length;
    const scaled = new Float64Array(n);
    const alias = new Int32Array(n);
    const small: number[] = [];
    const large: number[] = [];
    for (let k = 0; k < n; k++) {
      scaled[k] = probs[k] * n;
      alias[k] = k;
      (scaled[k] < 1 ? small : large).push(k);
    }
    while (small.length > 0 && large.length > 0) {
      const s = small.pop() as number;
      const l = large[large.length - 1];
      alias[s] = l;
      scaled[l] -= 1 - scaled[s];
      if (scaled[l] < 1) {
        large.pop();
        small.push(l);
      }
    }
    for (const k of large) scaled[k] = 1;
    for (const k of small) scaled[k] = 1;
    return (rng) => {
      const k = rng.nextInt(n);
      return rng.next() < scaled[k] ? k : alias[k];
    };
  }
}

function trimTrailingZeros(probs: Float64Array): Float64Array {
  let end = probs.length;
  while (end > 1 && probs[end - 1] === 0) end--;
  return end === probs.length ? probs : probs.slice(0, end);
}

/**
 * Validates weights and returns them as probabilities. `mustSumToOne`: coefficients (sum 1 within 1e-9) rather
 * than counts (any positive total).
 */
function normalise(weights: ArrayLike<number>, name: string, mustSumToOne: boolean): Float64Array {
  const fail = (message: string): InputError => new InputError(`degree distribution '${name}': ${message}`);
  const what = mustSumToOne ? 'coefficient' : 'count';
  if (weights.length === 0) throw fail(`no ${what}s`);
  if (weights.length - 1 > LIMITS.degree) throw fail(`degree ${weights.length - 1} exceeds the limit ${LIMITS.degree}`);
  let total = 0;
  for (let k = 0; k < weights.length; k++) {
    const w = weights[k];
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw fail(`the ${what} of degree ${k} is ${String(w)}, not a finite number ≥ 0`);
    }
    total += w;
  }
  if (mustSumToOne && Math.abs(total - 1) > NORMALISATION_TOLERANCE) {
    throw fail(`the coefficients sum to ${total}, not 1`);
  }
  if (!(total > 0)) throw fail(`all ${what}s are zero`);
  const probs = new Float64Array(weights.length);
  let mean = 0;
  for (let k = 0; k < weights.length; k++) {
    probs[k] = weights[k] / total;
    mean += k * probs[k];
  }
  if (!(mean > 0)) throw fail(`every node has degree 0, so the graph has no edges`);
  return trimTrailingZeros(probs);
}

/** Named presets (see the header for their sources). */
export const DEGREE_PRESETS: Readonly<Record<string, string>> = {
  liva8: '0.5x^2+0.28x^3+0.22x^8',
  crdsa: 'x^2',
  crdsa3: 'x^3',
};

const NUMBER = String.raw`(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const TERM = new RegExp(String.raw`^(${NUMBER})?\s*(\*)?\s*(x(?:\s*\^\s*(\d+)|(\d+))?)?$`);

/** Parses a node-perspective polynomial such as '0.5x^2+0.28x^3+0.22x^8' into coefficients (index = degree). */
export function parsePolynomial(spec: string): Float64Array {
  const body = spec.trim();
  if (body === '') throw new ParamError(() => `degree spec '${spec}' is empty`, 'ERR_SPEC');
  const coefficients = new Map<number, number>();
  let maxDegree = 0;
  for (const raw of body.split('+')) {
    const term = raw.trim();
    const match = TERM.exec(term);
    if (term === '' || !match || (match[1] === undefined && match[3] === undefined) || (match[2] && !match[3])) {
      throw new ParamError(() => `degree spec '${spec}': cannot read the term '${term}' (expected e.g. 0.5x^2, x^3 or 0.2)`, 'ERR_SPEC');
    }
    const coefficient = match[1] === undefined ? 1 : Number(match[1]);
    const degree = match[3] === undefined ? 0 : match[4] ?? match[5] ? Number(match[4] ?? match[5]) : 1;
    if (!Number.isFinite(coefficient)) throw new ParamError(() => `degree spec '${spec}': the coefficient of '${term}' is not finite`, 'ERR_SPEC');
    if (degree > LIMITS.degree) throw new ParamError(() => `degree spec '${spec}': degree ${degree} exceeds the limit ${LIMITS.degree}`, 'ERR_SPEC');
    if (coefficients.has(degree)) throw new ParamError(() => `degree spec '${spec}': degree ${degree} appears twice`, 'ERR_SPEC');
    coefficients.set(degree, coefficient);
    maxDegree = Math.max(maxDegree, degree);
  }
  const out = new Float64Array(maxDegree + 1);
  for (const [degree, coefficient] of coefficients) out[degree] = coefficient;
  return out;
}

/** Reads a degree-distribution JSON document (see the header); `source` names it in errors. */
export function degreeFromJson(text: string, source: string): DegreeDistribution {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${source}: not valid JSON (${(err as Error).message})`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new InputError(`${source}: expected an object {"perspective": "node"|"edge", "counts" or "probabilities": [...]}`);
  }
  const { perspective, counts, probabilities } = doc as Record<string, unknown>;
  if (perspective !== 'node' && perspective !== 'edge') {
    throw new InputError(`${source}: "perspective" must be "node" or "edge", got ${JSON.stringify(perspective)}`);
  }
  if ((counts === undefined) === (probabilities === undefined)) {
    throw new InputError(`${source}: give exactly one of "counts" and "probabilities"`);
  }
  const values = counts ?? probabilities;
  if (!Array.isArray(values)) throw new InputError(`${source}: "${counts ? 'counts' : 'probabilities'}" must be an array`);
  const weights = values as number[];
  const given = probabilities !== undefined ? DegreeDistribution.fromCoefficients(weights, source) : DegreeDistribution.fromCounts(weights, source);
  if (perspective === 'node') return given;
  // Edge perspective: the share of edges at degree-k nodes is ∝ k·Λ_k, so Λ_k ∝ λ_k / k; degree 0 carries no edges.
  if (given.probability(0) > 0) throw new InputError(`${source}: an edge-perspective distribution cannot give weight to degree 0`);
  return DegreeDistribution.fromCounts(
    weights.map((_, k) => (k === 0 ? 0 : given.probability(k) / k)),
    source,
  );
}

/**
 * Parses a degree SPEC (see the header). '@file.json' needs `readFile` (src/ does no file I/O itself; the command
 * line passes fs.readFileSync as text); it must throw or return the file's text.
 */
export function parseDegreeSpec(spec: string, readFile?: (path: string) => string): DegreeDistribution {
  const text = spec.trim();
  if (text.startsWith('@')) {
    const file = text.slice(1);
    if (!readFile) throw new ParamError(() => `degree spec '${spec}': file specs can only be read through the command line`, 'ERR_SPEC');
    let content: string;
    try {
      content = readFile(file);
    } catch (err) {
      throw new InputError(`degree spec '${spec}': cannot read ${file} (${(err as Error).message})`);
    }
    return degreeFromJson(content, file);
  }
  const lower = text.toLowerCase();
  if (Object.hasOwn(DEGREE_PRESETS, lower)) return DegreeDistribution.fromCoefficients(parsePolynomial(DEGREE_PRESETS[lower]), lower);
  const colon = lower.indexOf(':');
  if (colon >= 0) {
    const kind = lower.slice(0, colon);
    const arg = lower.slice(colon + 1).trim();
    const value = /^\s*[0-9.eE+-]+\s*$/.test(arg) ? Number(arg) : NaN;
    if (kind === 'poisson') return asSpecError(() => DegreeDistribution.poisson(value, text));
    if (kind === 'fixed') return asSpecError(() => DegreeDistribution.fixed(value, text));
    throw new ParamError(() => `degree spec '${spec}': unknown kind '${kind}' (known: poisson:MEAN, fixed:D)`, 'ERR_SPEC');
  }
  if (/^[a-z_][a-z0-9_]*$/.test(lower) && !/^x\d*$/.test(lower)) {
    throw new ParamError(() => `degree spec '${spec}': unknown preset '${text}' (known: ${Object.keys(DEGREE_PRESETS).join(', ')})`, 'ERR_SPEC');
  }
  return asSpecError(() => DegreeDistribution.fromCoefficients(parsePolynomial(text), text));
}

/** Runs a constructor on a spec given as a parameter (its message quotes the spec) and makes its InputError a ParamError. */
function asSpecError(build: () => DegreeDistribution): DegreeDistribution {
  try {
    return build();
  } catch (err) {
    if (err instanceof InputError) throw new ParamError(() => err.message, 'ERR_SPEC');
    throw err;
  }
}
