// THE peeling engine: successive cancellation of novel skills for the learner and successive interference
// cancellation for robust frames (docs/THEORY.md §2 "The peeling engine": counts and XORs per text, a FIFO of
// eligible texts, O(edges); rounds are BFS generations; φ-learners flip seeded coins). Written here: no library peels
// with φ-learners and per-round records.

import { InputError } from '../util/errors.js';
import type { Prng } from '../util/prng.js';
import type { Csr } from '../graph/bipartite.js';

/** A text count that never drops to an eligible value: marks a text (an erased slot) that must not teach. */
export const SILENT_TEXT = 0x40000000;

/** Sign bit of a text's XOR word while the text waits in the queue. */
const QUEUED = 0x80000000 | 0;

/** The texts of a skill: CSR lists, or a function that returns them (the robust decoder computes a skill's slots). */
export type TextsOfSkill = Csr | ((skill: number) => Int32Array);

export interface PeelProblem {
  skills: number;
  /** Per text: the number of its skills, known ones included (or SILENT_TEXT). Not modified. */
  counts: Int32Array;
  /** Per text: the XOR of its skills' indices, known ones included. Not modified. */
  xors: Int32Array;
  textsOf: TextsOfSkill;
  /** text → skills; needed only when texts with ≥ 2 novel skills can teach (K-skill, φ-learners with φ_m>0, m≥2). */
  skillsOf?: Csr;
}

export interface PeelOptions {
  /** The learner: phi[m−1] = φ_m. */
  phi: Float64Array;
  /** Skills known before training (1 = known): the prior of §6, learned in round 0. */
  known?: Uint8Array;
  /** Coins for φ_m strictly between 0 and 1; required only then. */
  rng?: Prng;
  /** The order in which the texts are scanned for the initial queue (a permutation of 0..T−1); default 0, 1, … */
  order?: Int32Array;
  /**
   * Keep nothing per skill, only the list of learned skills: for a skill universe far larger than the texts (the
   * robust decoder's item values). Then `learned` and `round` come back empty, the learner must have φ_m = 0 for
   * m ≥ 2, there is no known set, and a corrupt XOR that reveals an already learned skill is not caught here but
   * by the residual counts and XORs (they go wrong, or a count negative).
   */
  sparse?: boolean;
}

export interface PeelResult {
  /** 1 when the skill is known or was learned (empty when sparse). */
  learned: Uint8Array;
  /** 0 for known skills, the peeling round ≥ 1 for learned ones, −1 for skills never learned (empty when sparse). */
  round: Int32Array;
  /** The skills learned by peeling, in the order they were learned (known ones excluded). */
  learnedSkills: Int32Array;
  /** Skills learned by peeling (known ones excluded). */
  learnedCount: number;
  /** The last round in which a skill was learned (0 when none was). */
  rounds: number;
  /** Per text, the number of its skills still unlearned (0: the text is fully covered) and their XOR. */
  residualCounts: Int32Array;
  residualXors: Int32Array;
}

/** Runs SCNS peeling to its fixed point. Inconsistent counts/XORs (a corrupt slot) raise an InputError. */
export function peel(problem: PeelProblem, options: PeelOptions): PeelResult {
  const { skills, skillsOf } = problem;
  const texts = problem.counts.length;
  const { phi, known, rng, order } = options;
  const sparse = options.sparse === true;
  if (problem.xors.length !== texts) throw new InputError(`peel: ${texts} text counts but ${problem.xors.length} XORs`);
  if (known && known.length !== skills) throw new InputError(`peel: known set of length ${known.length}, expected ${skills}`);
  if (sparse && known) throw new InputError('peel: a sparse run has no known set');
  if (order) checkPermutation(order, texts);
  let maxNovel = phi.length;
  while (maxNovel > 0 && !(phi[maxNovel - 1] > 0)) maxNovel--;
  const eligible = new Uint8Array(maxNovel + 1);
  for (let m = 1; m <= maxNovel; m++) {
    const p = phi[m - 1];
    if (!(p >= 0 && p <= 1)) throw new InputError(`peel: φ_${m} = ${p} is not a probability`);
    eligible[m] = p > 0 ? 1 : 0;
    if (p > 0 && p < 1 && !rng) throw new InputError('peel: a random learner (0 < φ_m < 1) needs a Prng');
    if (m >= 2 && p > 0 && !skillsOf) throw new InputError(`peel: φ_${m} > 0 needs the text → skill lists`);
    if (m >= 2 && p > 0 && sparse) throw new InputError(`peel: a sparse run cannot have φ_${m} > 0`);
  }
  const csr = typeof problem.textsOf === 'function' ? undefined : problem.textsOf;
  const textsFn = typeof problem.textsOf === 'function' ? problem.textsOf : undefined;
  if (csr && csr.offsets.length !== skills + 1) throw new InputError(`peel: skill → text offsets of length ${csr.offsets.length}, expected ${skills + 1}`);

  // Count and XOR of text t side by side, state[2t] and state[2t+1], so a cancellation touches one cache line; the
  // XOR word's sign bit (free: skill indices are < 2^31) flags a text that waits in the queue.
  const state = new Int32Array(2 * texts);
  const { counts, xors } = problem;
  for (let t = 0; t < texts; t++) {
    const x = xors[t];
    if (x < 0) throw new InputError(`peel: text ${t} has a negative XOR ${x}`);
    state[2 * t] = counts[t];
    state[2 * t + 1] = x;
  }
  const round = new Int32Array(sparse ? 0 : skills).fill(-1); // ≥ 0 once learned: no separate flag to miss in the cache
  // Each learned skill was revealed by a text of its own (sparse: 1-skill learners) or is one of the N skills.
  const learnedSkills = new Int32Array(sparse ? texts : skills);
  const queue = new Int32Array(Math.max(texts, 1));
  const taught = new Int32Array(Math.max(maxNovel, 1)); // the skills one text teaches in one go
  if (known) cancelKnown(known, problem.textsOf, state, round);
  let tail = 0;
  for (let i = 0; i < texts; i++) {
    const t = order ? order[i] : i;
    const c = state[2 * t];
    if (c < 0) throw new InputError(`peel: text ${t} has a negative count`);
    if (c <= maxNovel && c > 0 && eligible[c] === 1 && state[2 * t + 1] >= 0) {
      state[2 * t + 1] |= QUEUED;
      queue[tail++] = t;
    }
  }
  let pending = tail;
  if (tail === queue.length) tail = 0;
  let head = 0;
  let learnedCount = 0;
  let lastRound = 0;
  let generation = 1;
  let leftInGeneration = pending;
  const targets = csr ? csr.targets : new Int32Array(0);
  const offsets = csr ? csr.offsets : new Int32Array(0);

  if (csr && maxNovel === 1 && phi[0] >= 1) {
    ({ learnedCount, lastRound } = peelCertain(skills, sparse, state, round, learnedSkills, queue, pending, offsets, targets));
    pending = 0;
  }
  while (pending > 0) {
    if (leftInGeneration === 0) {
      generation++;
      leftInGeneration = pending;
    }
    const t = queue[head];
    if (++head === queue.length) head = 0;
    pending--;
    leftInGeneration--;
    const m = state[2 * t];
    let n = 0;
    if (m === 0 || eligible[m] === 0) {
      // its skills were learned elsewhere meanwhile, or its count fell to one that cannot teach
    } else if (m === 1) {
      const s = state[2 * t + 1] & ~QUEUED;
      if (!(s >= 0 && s < skills) || (!sparse && round[s] >= 0)) {
        throw new InputError(`peel: text ${t} holds one novel skill but its XOR ${s} is not an unlearned skill index`);
      }
      const p = phi[0];
      if (p >= 1 || rng!.next() < p) taught[n++] = s;
    } else {
      // 1 < m ≤ maxNovel (counts only fall after queuing): scan for the novel skills, coin each
      const p = phi[m - 1];
      for (let e = skillsOf!.offsets[t], end = skillsOf!.offsets[t + 1]; e < end; e++) {
        const s = skillsOf!.targets[e];
        if (round[s] < 0 && (p >= 1 || rng!.next() < p)) {
          round[s] = generation;
          taught[n++] = s;
        }
      }
    }
    // Learn the taught skills: cancel each from its texts, queue the texts that became eligible.
    for (let i = 0; i < n; i++) {
      const s = taught[i];
      if (!sparse) round[s] = generation;
      learnedSkills[learnedCount + i] = s;
      let list = targets;
      let e = 0;
      let end = 0;
      if (textsFn) {
        list = checkedTexts(textsFn(s), s, texts);
        end = list.length;
      } else {
        e = offsets[s];
        end = offsets[s + 1];
      }
      for (; e < end; e++) {
        const u = list[e];
        const c = --state[2 * u];
        const x = (state[2 * u + 1] ^= s);
        if (c <= maxNovel) {
          if (c > 0) {
            if (x >= 0 && eligible[c] === 1) {
              state[2 * u + 1] = x | QUEUED;
              queue[tail] = u;
              if (++tail === queue.length) tail = 0;
              pending++;
            }
          } else if (c < 0) {
            throw negativeCount(u, s);
          }
        }
      }
    }
    learnedCount += n;
    if (n > 0) lastRound = generation;
    // A φ-learner's text whose count changed but is not empty may teach again: it draws anew next generation.
    state[2 * t + 1] &= ~QUEUED;
    const c = state[2 * t];
    if (n > 0 && c > 0 && eligible[c] === 1) {
      state[2 * t + 1] |= QUEUED;
      queue[tail] = t;
      if (++tail === queue.length) tail = 0;
      pending++;
    }
  }
  const residualCounts = new Int32Array(texts);
  const residualXors = new Int32Array(texts);
  for (let t = 0; t < texts; t++) {
    residualCounts[t] = state[2 * t];
    residualXors[t] = state[2 * t + 1] & ~QUEUED;
  }
  const learned = new Uint8Array(round.length);
  for (let s = 0; s < round.length; s++) learned[s] = round[s] >= 0 ? 1 : 0;
  return { learned, round, learnedSkills: learnedSkills.slice(0, learnedCount), learnedCount, rounds: lastRound, residualCounts, residualXors };
}

/**
 * The main loop of `peel` for the certain 1-skill learner (φ = (1)) on CSR lists — the simulator's and the trainer's
 * case — with the same queue order, rounds and results. A text's count only falls, so it reaches 1 at most once and
 * enters the queue at most once: no queued flag, no wrap of the queue, no coins. `tail` texts are queued already.
 */
function peelCertain(
  skills: number,
  sparse: boolean,
  state: Int32Array,
  round: Int32Array,
  learnedSkills: Int32Array,
  queue: Int32Array,
  tail: number,
  offsets: Int32Array,
  targets: Int32Array,
): { learnedCount: number; lastRound: number } {
  let head = 0;
  let learnedCount = 0;
  let lastRound = 0;
  let generation = 0;
  let generationEnd = 0; // the queue position where the current generation ends
  for (; head < tail; head++) {
    if (head === generationEnd) {
      generation++;
      generationEnd = tail;
    }
    const t2 = queue[head] << 1;
    if (state[t2] !== 1) continue; // its skill was learned from another text meanwhile
    const s = state[t2 | 1] & ~QUEUED;
    if (!(s >= 0 && s < skills) || (!sparse && round[s] >= 0)) {
      throw new InputError(`peel: text ${t2 >> 1} holds one novel skill but its XOR ${s} is not an unlearned skill index`);
    }
    if (!sparse) round[s] = generation;
    learnedSkills[learnedCount++] = s;
    lastRound = generation;
    // The hot loop, kept to few instructions so that more cache misses overlap (2u and 2u + 1 computed once).
    const end = offsets[s + 1];
    for (let e = offsets[s]; e < end; e++) {
      const u2 = targets[e] << 1;
      state[u2 | 1] ^= s;
      const c = state[u2] - 1;
      state[u2] = c;
      if (c <= 1) {
        if (c === 1) queue[tail++] = u2 >> 1;
        else if (c < 0) throw negativeCount(u2 >> 1, s);
      }
    }
  }
  return { learnedCount, lastRound };
}

/** The texts a callback listed for skill s, once they are known to be text indices. */
function checkedTexts(list: Int32Array, s: number, texts: number): Int32Array {
  for (const t of list) if (!(t >= 0 && t < texts)) throw new InputError(`peel: skill ${s} lists text ${t}, outside 0..${texts - 1}`);
  return list;
}

/** Marks the known skills learned in round 0 and cancels them from their texts, queuing nothing. */
function cancelKnown(known: Uint8Array, textsOf: TextsOfSkill, state: Int32Array, round: Int32Array): void {
  for (let s = 0; s < known.length; s++) {
    if (known[s] !== 1) continue;
    round[s] = 0;
    const list = typeof textsOf === 'function' ? textsOf(s) : textsOf.targets.subarray(textsOf.offsets[s], textsOf.offsets[s + 1]);
    for (const t of list) {
      if (--state[2 * t] < 0) throw negativeCount(t, s);
      state[2 * t + 1] ^= s;
    }
  }
}

function checkPermutation(order: Int32Array, texts: number): void {
  const seen = new Uint8Array(texts);
  if (order.length !== texts) throw new InputError(`peel: order of length ${order.length}, expected ${texts}`);
  for (const t of order) {
    if (!(t >= 0 && t < texts) || seen[t] === 1) throw new InputError(`peel: order is not a permutation of the texts (at ${t})`);
    seen[t] = 1;
  }
}

function negativeCount(text: number, skill: number): InputError {
  return new InputError(`peel: text ${text} lost more skills than it counted (skill ${skill} cancelled from it twice?)`);
}

/** The per-text inputs of `peel` for a graph: each text's degree and the XOR of its skills. */
export function textCountsAndXors(textSkills: Csr): { counts: Int32Array; xors: Int32Array } {
  const texts = textSkills.offsets.length - 1;
  const counts = new Int32Array(texts);
  const xors = new Int32Array(texts);
  for (let t = 0; t < texts; t++) {
    let x = 0;
    const start = textSkills.offsets[t];
    const end = textSkills.offsets[t + 1];
    for (let e = start; e < end; e++) x ^= textSkills.targets[e];
    counts[t] = end - start;
    xors[t] = x;
  }
  return { counts, xors };
}

/** Peels a skill-text graph (trainer, simulator): counts and XORs from the graph, both adjacency directions. */
export function peelGraph(graph: { skills: number; textSkills: Csr; skillTexts: Csr }, options: PeelOptions): PeelResult {
  const { counts, xors } = textCountsAndXors(graph.textSkills);
  return peel({ skills: graph.skills, counts, xors, textsOf: graph.skillTexts, skillsOf: graph.textSkills }, options);
}

/** Per text, 1 when every one of its skills is learned (a text the model fully covers; §5's text-level test). */
export function fullyCoveredTexts(textSkills: Csr, learned: Uint8Array): Uint8Array {
  const texts = textSkills.offsets.length - 1;
  const covered = new Uint8Array(texts);
  for (let t = 0; t < texts; t++) {
    let all = 1;
    for (let e = textSkills.offsets[t], end = textSkills.offsets[t + 1]; e < end && all === 1; e++) all = learned[textSkills.targets[e]];
    covered[t] = all;
  }
  return covered;
}
