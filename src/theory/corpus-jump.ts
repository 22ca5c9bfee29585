// The emergence jump R_c of a corpus's own ensemble (docs/THEORY.md §11): the fraction f of its texts at which the
// composition-DE fixed point of §10, followed from a cold start, jumps (a saddle-node bifurcation, §4). Found
// without running DE to convergence near the jump, where it slows down critically: near a fold the fixed point's
// slowest contraction λ(f) (the leading eigenvalue of the recursion's Jacobian) obeys (1 − λ)² ∝ f_c − f, so the
// ratio of successive steps at a few points below the jump extrapolates to f_c. Plain empirical DE (one band) finds
// its own fold that way first, cheaply, and composition DE starts below it.

import { bandSide, compositionRound, unlearnedShares, type CompositionRound, type SkillSide } from './composition.js';
import type { CorpusStructure } from './corpus-structure.js';
import type { Learner } from './learners.js';

export interface CorpusJump {
  /** f_c, the fraction of the texts at which the learned share jumps; R_c = f_c·T / the skills those texts hold. */
  fraction: number;
  ratio: number;
  /** The learned share of the skills held, at the last point of the walk below the jump (≈ the share before it). */
  learnedBefore: number;
}

/** Two successive fold estimates this close (relative) end the walk. */
const AGREE = 1e-3;
/** The step ratio has settled when it moves less than this share of 1 − ratio in one round. */
const SETTLED = 1e-2;
/** A point whose ratio has not settled in this many rounds is treated as past the jump. */
const MAX_ROUNDS = 3000;
/** A bracket closing on a point whose λ is below this is a peak of a continuous rise, not a fold. */
const FOLD_LAMBDA = 0.95;
/** The second point of a walk, as a multiple of the first (later points follow the fold estimate). */
const FIRST_STEP = 1.05;
/** Points of the walk at most. */
const MAX_POINTS = 60;

/** Skills held by a fraction f of the texts, Σ_k N_k (1 − (1 − f)^k). */
export function skillsHeld(degreeCounts: ArrayLike<number>, fraction: number): number {
  let held = 0;
  for (let k = 1; k < degreeCounts.length; k++) held += degreeCounts[k] * (1 - (1 - fraction) ** k);
  return held;
}

/** The same corpus with every skill in one band: composition DE on it is plain empirical DE (§10). */
export function singleBand(structure: CorpusStructure): CorpusStructure {
  const { offsets, counts, texts } = structure.compositions;
  const byDegree = new Map<number, number>();
  for (let c = 0; c + 1 < offsets.length; c++) {
    let degree = 0;
    for (let i = offsets[c]; i < offsets[c + 1]; i++) degree += counts[i];
    byDegree.set(degree, (byDegree.get(degree) ?? 0) + texts[c]);
  }
  const degrees = [...byDegree.keys()].sort((a, b) => a - b);
  return {
    ...structure,
    typing: 'single',
    bandOfDegree: Int32Array.from(structure.degreeCounts, (n, k) => (k > 0 && n > 0 ? 0 : -1)),
    bandLabels: Int32Array.of(0),
    compositions: {
      offsets: Int32Array.from({ length: degrees.length + 1 }, (_, i) => i),
      bands: new Int32Array(degrees.length),
      counts: Int32Array.from(degrees),
      texts: Float64Array.from(degrees, (d) => byDegree.get(d) as number),
    },
  };
}

/**
 * The slowest contraction at f, from p (moved towards the fixed point in place), or null when past the jump: the
 * steps, after falling, grow again (the iterates leave the jump's bottleneck downwards) or never settle.
 */
function contraction(round: CompositionRound, p: Float64Array, fraction: number, x: Float64Array, q: Float64Array): number | null {
  const { edgesInBand } = round;
  const before = new Float64Array(p.length);
  let previousStep = NaN;
  let previousRatio = NaN;
  let slowing = false;
  for (let t = 1; t <= MAX_ROUNDS; t++) {
    before.set(p);
    round.texts(p, fraction, q, x);
    round.skills(x, p);
    // From above the messages only fall (the recursion is monotone); the edge-weighted fall is the step.
    let step = 0;
    for (let b = 0; b < p.length; b++) step += edgesInBand[b] * (before[b] - p[b]);
    if (step <= 0) return 0;
    const ratio = step / previousStep;
    if (ratio > 1 && slowing) return null;
    if (ratio < 1) slowing = true;
    if (t > 3 && Math.abs(ratio - previousRatio) < SETTLED * (1 - ratio)) return ratio;
    [previousStep, previousRatio] = [step, ratio];
  }
  return null;
}

/**
 * Walks f upward from `start` towards the fold of the cold-start fixed point: at each point the slowest contraction
 * λ, the fold estimated where the line through the last two (f, (1 − λ)²) meets 0, the next point halfway there. A
 * point where λ fell, or whose iterates left for the lower branch, is past the jump: the walk bisects back. Null
 * when the estimate leaves (0, 1], or when the bracket closes on a peak of λ below FOLD_LAMBDA (no jump).
 */
function walkToFold(structure: CorpusStructure, learner: Learner, side: SkillSide, start: number): { fraction: number; at: number; learned: number } | null {
  const round = compositionRound(structure, learner, side);
  const bands = structure.bandLabels.length;
  const p = new Float64Array(bands).fill(1); // the cold start; every later point starts from the iterates before it
  const [x, q] = [new Float64Array(bands), new Float64Array(bands)];
  let previous: { fraction: number; a: number; lambda: number } | null = null;
  let estimate = NaN;
  let past = Infinity;
  let f = start;
  const fold = (at: number): { fraction: number; at: number; learned: number } => {
    round.texts(p, f, q, x);
    return { fraction: at, at: f, learned: 1 - unlearnedShares(structure, side, x, p).unlearned };
  };
  for (let point = 0; point < MAX_POINTS && f <= 1; point++) {
    const saved = p.slice();
    const lambda = contraction(round, p, f, x, q);
    const a = lambda === null ? Infinity : (1 - lambda) ** 2;
    if (lambda === null || (previous !== null && a >= previous.a)) {
      past = f;
      p.set(saved);
      if (previous === null) {
        f /= 2;
        continue;
      }
      if (past - previous.fraction <= AGREE * past) return previous.lambda >= FOLD_LAMBDA ? fold(0.5 * (previous.fraction + past)) : null;
      f = 0.5 * (previous.fraction + past);
      continue;
    }
    const next = previous !== null ? f + (a * (f - previous.fraction)) / (previous.a - a) : NaN;
    if (Math.abs(next - estimate) <= AGREE * next) return next > 1 ? null : fold(Math.min(next, past));
    if (f >= 1) return null;
    estimate = next;
    previous = { fraction: f, a, lambda };
    f = Math.min(Number.isNaN(next) ? FIRST_STEP * f : f + 0.5 * (next - f), 0.5 * (f + past), 1);
  }
  return null;
}

/**
 * The jump of a corpus's own ensemble under thinning, or null when the learned share rises continuously up to the
 * corpus's own size (or jumps only beyond it). `texts` is the corpus's T (R = f·T / the skills held).
 */
export function corpusJump(structure: CorpusStructure, learner: Learner, texts: number): CorpusJump | null {
  const single = singleBand(structure);
  const plain = walkToFold(single, learner, bandSide(single), 0.05);
  const start = plain === null ? 0.05 : 0.6 * plain.fraction;
  const found = walkToFold(structure, learner, bandSide(structure), start);
  if (found === null) return null;
  const held = skillsHeld(structure.degreeCounts, found.fraction);
  return {
    fraction: found.fraction,
    ratio: (found.fraction * texts) / held,
    learnedBefore: (found.learned * structure.skills) / skillsHeld(structure.degreeCounts, found.at),
  };
}
