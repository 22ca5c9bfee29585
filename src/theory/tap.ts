// The adjacent possible ([TAP]; the TAP equation of Cortês, Kauffman, Liddle, Smolin), its kernels and skillzip's
// variants (two-scale, differential, resource-constrained): docs/THEORY.md §9. Exact BigInt while the recursion is
// integral, log2 magnitudes beyond, stop = 'overflow' rather than Infinity. ParamErrors name the parameter.

import { ParamError } from '../util/errors.js';

export type TapKernel = 'constant' | 'power';

/** [TAP]'s three constraints as multiplicative factors on the growth term, each in (0, 1]. */
export interface TapConstraints {
  architecture: number;
  data: number;
  context: number;
}

export interface TapParams {
  /** M0 > 0. */
  initial: number;
  /** α > 0: α_i = α (constant kernel) or α^{i−1} (power kernel). */
  alpha: number;
  kernel: TapKernel;
  /** μ ∈ [0, 1]: the share of objects that go extinct each step. */
  extinction: number;
  /** α₁ ≥ 0: the two-scale linear rate; 0 for the plain equation. */
  linearRate: number;
  constraints: TapConstraints;
  /** K ≥ M0, or null for unbounded growth. */
  capacity: number | null;
  /** M counts as blown up from 10^blowupLog10 on; in (0, 300]. */
  blowupLog10: number;
}

export const UNCONSTRAINED: TapConstraints = { architecture: 1, data: 1, context: 1 };

export interface TapPoint {
  t: number;
  /** log10 M_t (−Infinity for M_t = 0). */
  log10: number;
  /** M_t as a double, or null when it is beyond the double range (then only log10 is known). */
  value: number | null;
  /** M_t exactly, while the exact recursion applies and fits. */
  exact: bigint | null;
}

export type TapStop = 'steps' | 'overflow' | 'blowup';

export interface TapTrajectory {
  points: TapPoint[];
  /** The first t with M_t ≥ 10^blowupLog10 (a step, or a time for the differential variant); null if none. */
  blowupTime: number | null;
  /** Why the run ended: all steps done; the next value's logarithm left the double range; blow-up (differential). */
  stop: TapStop;
}

/** Exact arithmetic stops when the next power b^M would need more bits than this. */
export const MAX_EXACT_BITS = 1 << 16;
const LOG10_2 = Math.LOG10E * Math.LN2;
/** Below 2^FLOAT_LOG2 sums are formed in doubles; above, through log2 (keeping clear of overflow at 2^1024). */
const FLOAT_LOG2 = 1000;

function validateTapParams(p: TapParams): void {
  const positive = (param: string, what: string, v: number): void => {
    if (!(v > 0 && Number.isFinite(v))) throw new ParamError((n) => `${n(param)}: ${what} must be a positive number, got ${v}`);
  };
  positive('tap.initial', 'the initial number of objects M0', p.initial);
  positive('tap.alpha', 'alpha', p.alpha);
  if (!(p.extinction >= 0 && p.extinction <= 1)) throw new ParamError((n) => `${n('tap.extinction')}: the extinction rate mu must lie in [0, 1], got ${p.extinction}`);
  if (!(p.linearRate >= 0 && Number.isFinite(p.linearRate))) throw new ParamError((n) => `${n('tap.linearRate')}: the linear rate alpha1 must be ≥ 0, got ${p.linearRate}`);
  for (const [name, v] of Object.entries(p.constraints)) {
    if (!(v > 0 && v <= 1)) throw new ParamError((n) => `${n(`tap.constraints.${name}`)}: the ${name} constraint factor must lie in (0, 1], got ${v}`);
  }
  if (p.capacity !== null && !(p.capacity >= p.initial && Number.isFinite(p.capacity))) {
    throw new ParamError((n) => `${n('tap.capacity')}: the capacity K must be finite and at least M0 = ${p.initial}, got ${p.capacity}`);
  }
  if (!(p.blowupLog10 > 0 && p.blowupLog10 <= 300)) throw new ParamError((n) => `${n('tap.blowupLog10')}: the blow-up threshold log10 must lie in (0, 300], got ${p.blowupLog10}`);
}

/** A magnitude: its double value (Infinity from 2^1024 on) and its log2, which is all that is known beyond. */
interface Size {
  value: number;
  log2: number;
}

function sizeOf(value: number): Size {
  return { value, log2: Math.log2(value) };
}

function sizeOfLog2(log2: number): Size {
  return { value: Math.pow(2, log2), log2 };
}

function bigintLog2(x: bigint): number {
  if (x <= 0n) return -Infinity;
  const hex = x.toString(16);
  const head = hex.slice(0, 13);
  return Math.log2(parseInt(head, 16)) + 4 * (hex.length - head.length);
}

function log2SumExp(a: number, b: number): number {
  const hi = Math.max(a, b);
  if (hi === -Infinity || hi === Infinity) return hi;
  return hi + Math.log2(Math.pow(2, a - hi) + Math.pow(2, b - hi));
}

/** The kernel sum as w·(b^M − 1 − (b − 1)M)/(b − 1): constant kernel b = 2, w = α; power kernel b = 1 + α, w = 1. */
function kernelBase(p: TapParams): { b: number; w: number } {
  return p.kernel === 'constant' ? { b: 2, w: p.alpha } : { b: 1 + p.alpha, w: 1 };
}

function constraintFactor(p: TapParams): number {
  return p.constraints.architecture * p.constraints.data * p.constraints.context;
}

/** log2 of the growth term F·(α₁M + Σ_{i≥2} α_i C(M, i)); Infinity when it is beyond the double exponent range. */
function growthLog2(p: TapParams, m: Size): number {
  const { b, w } = kernelBase(p);
  const lnB = p.kernel === 'constant' ? Math.LN2 : Math.log1p(p.alpha);
  const exponent = m.value * (lnB / Math.LN2); // log2 of b^M
  let combinatorial: number;
  if (exponent < FLOAT_LOG2) {
    const sum = (w * (Math.expm1(m.value * lnB) - (b - 1) * m.value)) / (b - 1);
    combinatorial = sum > 0 ? Math.log2(sum) : -Infinity;
  } else {
    // b^M dwarfs 1 + (b − 1)M here, so the sum is w·b^M/(b − 1) to double precision.
    combinatorial = Math.log2(w) + exponent - Math.log2(b - 1);
  }
  const linear = p.linearRate > 0 ? Math.log2(p.linearRate) + m.log2 : -Infinity;
  return Math.log2(constraintFactor(p)) + log2SumExp(linear, combinatorial);
}

/** One step of the map in doubles / log2; null when the next value's log2 is beyond the double range. */
function stepFloat(p: TapParams, m: Size): Size | null {
  const survivorsLog2 = m.log2 + Math.log2(1 - p.extinction);
  const survivors = Number.isFinite(m.value) ? m.value * (1 - p.extinction) : Math.pow(2, survivorsLog2);
  const growth = growthLog2(p, m);
  if (p.capacity !== null) {
    const fill = -Math.expm1(-Math.pow(2, Math.min(growth - Math.log2(p.capacity), FLOAT_LOG2)));
    return sizeOf(survivors + (p.capacity - survivors) * fill);
  }
  const next = log2SumExp(survivorsLog2, growth);
  if (next === Infinity || Number.isNaN(next)) return null;
  return next < FLOAT_LOG2 ? sizeOf(survivors + Math.pow(2, growth)) : sizeOfLog2(next);
}

/** Whether the recursion stays in the integers, so that BigInt gives it exactly. */
function isIntegral(p: TapParams): boolean {
  return (
    p.extinction === 0 &&
    p.capacity === null &&
    constraintFactor(p) === 1 &&
    Number.isInteger(p.initial) &&
    Number.isInteger(p.alpha) &&
    Number.isInteger(p.linearRate)
  );
}

/** One exact step, or null when b^M would need more than MAX_EXACT_BITS bits. */
function stepExact(p: TapParams, m: bigint): bigint | null {
  const alpha = BigInt(p.alpha);
  const b = p.kernel === 'constant' ? 2n : 1n + alpha;
  const w = p.kernel === 'constant' ? alpha : 1n;
  if (Number(m) * Math.log2(Number(b)) > MAX_EXACT_BITS) return null;
  const combinatorial = (w * (b ** m - 1n - (b - 1n) * m)) / (b - 1n);
  return m + BigInt(p.linearRate) * m + combinatorial;
}

function point(t: number, m: Size, exact: bigint | null): TapPoint {
  return { t, log10: m.log2 * LOG10_2, value: Number.isFinite(m.value) ? m.value : null, exact };
}

/** Most steps (or samples) a run may ask for. */
const MAX_STEPS = 1_000_000;

function validateSteps(steps: number): void {
  if (!(Number.isInteger(steps) && steps >= 0 && steps <= MAX_STEPS)) {
    throw new ParamError((n) => `${n('steps')}: the number of steps must be an integer in 0..${MAX_STEPS}, got ${steps}`);
  }
}

/** The TAP map iterated for `steps` steps from M0 (exactly while it can be), with the blow-up step. */
export function tapTrajectory(p: TapParams, steps: number): TapTrajectory {
  validateTapParams(p);
  validateSteps(steps);
  let exact: bigint | null = isIntegral(p) ? BigInt(p.initial) : null;
  let m = sizeOf(p.initial);
  const points: TapPoint[] = [point(0, m, exact)];
  for (let t = 1; t <= steps; t++) {
    const nextExact = exact === null ? null : stepExact(p, exact);
    let next: Size | null;
    if (nextExact !== null) {
      const log2 = bigintLog2(nextExact);
      next = log2 < FLOAT_LOG2 ? sizeOf(Number(nextExact)) : sizeOfLog2(log2);
    } else {
      next = stepFloat(p, m);
    }
    exact = nextExact;
    if (next === null) return { points, blowupTime: firstBlowup(points, p), stop: 'overflow' };
    m = next;
    points.push(point(t, m, exact));
  }
  return { points, blowupTime: firstBlowup(points, p), stop: 'steps' };
}

function firstBlowup(points: TapPoint[], p: TapParams): number | null {
  return points.find((q) => q.log10 >= p.blowupLog10)?.t ?? null;
}

/** The increment f(M) = M_{t+1} − M_t of the map at a real M (Infinity when the growth is beyond doubles). */
export function tapIncrement(p: TapParams, m: number): number {
  if (m === 0) return 0;
  const growth = Math.pow(2, growthLog2(p, sizeOf(m)));
  if (p.capacity === null) return growth - p.extinction * m;
  const survivors = m * (1 - p.extinction);
  return survivors - m + (p.capacity - survivors) * -Math.expm1(-growth / p.capacity);
}

/** ∫_a^b g by adaptive Simpson to a relative tolerance (g finite and smooth on [a, b]). */
function integrate(g: (x: number) => number, a: number, b: number): number {
  const fa = g(a);
  const fb = g(b);
  const mid = 0.5 * (a + b);
  const fm = g(mid);
  const whole = ((b - a) / 6) * (fa + 4 * fm + fb);
  return refine(g, a, b, fa, fm, fb, whole, 1e-11 * Math.abs(whole) + 1e-300, 48);
}

function refine(g: (x: number) => number, a: number, b: number, fa: number, fm: number, fb: number, whole: number, tol: number, depth: number): number {
  const m = 0.5 * (a + b);
  const lm = 0.5 * (a + m);
  const rm = 0.5 * (m + b);
  const flm = g(lm);
  const frm = g(rm);
  const left = ((m - a) / 6) * (fa + 4 * flm + fm);
  const right = ((b - m) / 6) * (fm + 4 * frm + fb);
  const delta = left + right - whole;
  if (depth <= 0 || Math.abs(delta) <= 15 * tol) return left + right + delta / 15;
  return refine(g, a, m, fa, flm, fm, left, tol / 2, depth - 1) + refine(g, m, b, fm, frm, fb, right, tol / 2, depth - 1);
}

/**
 * The differential variant dM/dt = f(M), sampled at t = 0, dt, 2dt, … (steps samples after the first), through
 * t(M) = ∫_{M0}^{M} dm/f(m): a table of t at doubling (or halving) breakpoints of M, then bisection inside one
 * segment. Motion stops short of a zero of f (an equilibrium, approached but never reached) and ends at blow-up.
 */
export function tapDifferential(p: TapParams, steps: number, dt: number): TapTrajectory {
  validateTapParams(p);
  validateSteps(steps);
  if (!(dt > 0 && Number.isFinite(dt))) throw new ParamError((n) => `${n('dt')}: the time step dt must be a positive number, got ${dt}`);
  const f0 = tapIncrement(p, p.initial);
  const direction = Math.sign(f0);
  const horizon = steps * dt;
  const ceiling = Math.pow(10, p.blowupLog10);
  const inverseRate = (m: number): number => 1 / tapIncrement(p, m);
  // Breakpoints of M and the time at which each is reached; `limit` is an equilibrium M approaches, if any.
  const ms = [p.initial];
  const ts = [0];
  let limit: number | null = direction === 0 ? p.initial : null;
  let blowupTime: number | null = direction > 0 && p.initial >= ceiling ? 0 : null;
  // Upward motion is tabulated to blow-up or an equilibrium (so the blow-up time is known beyond the horizon).
  while (limit === null && blowupTime === null && (direction > 0 || ts[ts.length - 1] < horizon)) {
    const a = ms[ms.length - 1];
    const b = direction > 0 ? Math.min(2 * a, ceiling) : a / 2;
    const zero = firstZero(p, a, b, direction);
    if (zero !== null || b < Number.MIN_VALUE * 1e10) {
      limit = zero ?? 0;
      break;
    }
    ms.push(b);
    ts.push(ts[ts.length - 1] + Math.abs(integrate(inverseRate, a, b)));
    if (b === ceiling) blowupTime = ts[ts.length - 1];
  }
  const points: TapPoint[] = [];
  for (let j = 0; j <= steps; j++) {
    const t = j * dt;
    if (blowupTime !== null && t > blowupTime) return { points, blowupTime, stop: 'blowup' };
    points.push(point(t, sizeOf(solveTime(t, ms, ts, limit, inverseRate)), null));
  }
  return { points, blowupTime, stop: 'steps' };
}

/** The first zero of f between a and b in the direction of motion, by sampling then bisection; null if none. */
function firstZero(p: TapParams, a: number, b: number, direction: number): number | null {
  const samples = 16;
  let prev = a;
  for (let i = 1; i <= samples; i++) {
    const x = a + ((b - a) * i) / samples;
    if (direction * tapIncrement(p, x) <= 0) {
      let lo = prev;
      let hi = x;
      for (let k = 0; k < 200 && lo !== hi; k++) {
        const mid = 0.5 * (lo + hi);
        if (mid === lo || mid === hi) break;
        if (direction * tapIncrement(p, mid) > 0) lo = mid;
        else hi = mid;
      }
      return hi;
    }
    prev = x;
  }
  return null;
}

/** M at time t: find the segment by the table, then bisect on M, carrying t(lo) so each step integrates [lo, mid]. */
function solveTime(t: number, ms: number[], ts: number[], limit: number | null, inverseRate: (m: number) => number): number {
  let i = 0;
  while (i + 1 < ts.length && ts[i + 1] <= t) i++;
  if (ts[i] === t) return ms[i];
  let lo = ms[i];
  let timeAtLo = ts[i];
  let hi = i + 1 < ms.length ? ms[i + 1] : (limit as number);
  for (let k = 0; k < 200; k++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    const timeAtMid = timeAtLo + Math.abs(integrate(inverseRate, lo, mid));
    if (timeAtMid < t) {
      lo = mid;
      timeAtLo = timeAtMid;
    } else {
      hi = mid;
    }
  }
  return 0.5 * (lo + hi);
}
