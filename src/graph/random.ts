// Random skill-text graphs for the ensembles of THEORY.md §1, from a seeded Prng (same seed, same graph on any
// machine: the Prng is integer-only, its doubles are exact, Poisson draws use Math.exp of V8's fdlibm port, the
// same on every platform, and every draw happens in a fixed order; test/graph pins a digest).
//   IRSA view: each skill draws its degree from Λ and picks that many distinct texts uniformly, so texts end up
//              with Binomial ≈ Poisson(Λ'(1)/R) skills (the slotted-ALOHA picture of Liva 2011).
//   AG view:   each text draws its degree from P and picks distinct skills uniformly ([AG]); skills get
//              ≈ Poisson(R·P'(1)) texts.
//   PP model:  the AG view with P = Poisson(d); then both sides are Poisson.
//   Empirical: both sides drawn, stubs matched at random (the configuration model, Bender & Canfield 1978).
// Degrees are drawn first for every node, then the picks, straight into CSR arrays (no edge list).

import type { Prng } from '../util/prng.js';
import { InputError } from '../util/errors.js';
import { type Csr, type SkillTextGraph, graphFromDistinctTextLists, graphFromEdges, graphFromSkillLists } from './bipartite.js';

/** Draws one node degree. */
export type DegreeSampler = (rng: Prng) => number;

/**
 * `sources` nodes each draw a degree from `sampler` and link to that many distinct nodes among `targets`, uniformly.
 * `what` names the two sides for error messages, e.g. ['skill', 'texts'].
 */
function randomLists(sources: number, targets: number, sampler: DegreeSampler, rng: Prng, what: [string, string]): Csr {
  const offsets = new Int32Array(sources + 1);
  let edges = 0;
  for (let i = 0; i < sources; i++) {
    const k = sampler(rng);
    if (!(Number.isInteger(k) && k >= 0 && k <= targets)) {
      throw new InputError(`a ${what[0]} drew degree ${k}, but only ${targets} ${what[1]} exist to pick from`);
    }
    edges += k;
    if (edges > 0x7fffffff) throw new InputError(`the graph would hold more than 2^31 - 1 edges`);
    offsets[i + 1] = edges;
  }
  // Repeats are rejected by scanning the node's own short list (cache-local) or, for long lists, by stamping the
  // targets already picked (one random access per pick, but O(1)).
  const picks = new Int32Array(edges);
  let stamp: Int32Array | null = null;
  for (let i = 0; i < sources; i++) {
    const start = offsets[i];
    const end = offsets[i + 1];
    if (end - start <= SHORT_LIST) {
      for (let e = start; e < end; e++) {
        let t = rng.nextInt(targets);
        for (let f = start; f < e; f++) {
          if (picks[f] === t) {
            t = rng.nextInt(targets);
            f = start - 1; // a repeat: draw again and rescan
          }
        }
        picks[e] = t;
      }
    } else {
      stamp ??= new Int32Array(targets).fill(-1);
      for (let e = start; e < end; e++) {
        let t = rng.nextInt(targets);
        while (stamp[t] === i) t = rng.nextInt(targets);
        stamp[t] = i;
        picks[e] = t;
      }
    }
  }
  return { offsets, targets: picks };
}

/** Lists up to this long are checked for repeats by a scan. */
const SHORT_LIST = 16;

/** IRSA view: N skills with degrees from Λ (`skillDegree`), T texts. */
export function irsaGraph(skills: number, texts: number, skillDegree: DegreeSampler, rng: Prng): SkillTextGraph {
  return graphFromSkillLists(texts, randomLists(skills, texts, skillDegree, rng, ['skill', 'texts']));
}

/** AG view: T texts with degrees from P (`textDegree`), N skills. */
export function agGraph(skills: number, texts: number, textDegree: DegreeSampler, rng: Prng): SkillTextGraph {
  return graphFromDistinctTextLists(skills, randomLists(texts, skills, textDegree, rng, ['text', 'skills']));
}

/** PP model: Poisson(d) skills per text, T = round(R·N) texts, hence Poisson(d·R) texts per skill. */
export function ppGraph(skills: number, ratio: number, d: number, rng: Prng): SkillTextGraph {
  return agGraph(skills, Math.round(ratio * skills), (r) => r.nextPoisson(d), rng);
}

/**
 * Configuration model (the empirical view, both sides drawn): every skill and every text draws its degree, the
 * text stubs are shuffled and dealt to the skill stubs in order. When the two stub totals differ (they agree in
 * mean, N·Λ'(1) = T·P'(1)) the surplus stubs of the larger side stay unmatched; a repeated (skill, text) pair
 * counts once. Both effects are O(1/√N) and O(1/T) of the edges.
 */
export function configurationGraph(skills: number, texts: number, skillDegree: DegreeSampler, textDegree: DegreeSampler, rng: Prng): SkillTextGraph {
  const skillStubs = stubOwners(skills, skillDegree, rng, 'skill');
  const textStubs = rng.shuffle(stubOwners(texts, textDegree, rng, 'text'));
  const edges = Math.min(skillStubs.length, textStubs.length);
  return graphFromEdges(skills, texts, skillStubs.subarray(0, edges), textStubs.subarray(0, edges), 'configuration model');
}

/** Each of `nodes` nodes draws a degree; the result lists node i once per unit of its degree, in node order. */
function stubOwners(nodes: number, sampler: DegreeSampler, rng: Prng, what: string): Int32Array {
  const degrees = new Int32Array(nodes);
  let total = 0;
  for (let i = 0; i < nodes; i++) {
    const k = sampler(rng);
    if (!(Number.isInteger(k) && k >= 0)) throw new InputError(`a ${what} drew degree ${k}`);
    degrees[i] = k;
    total += k;
    if (total > 0x7fffffff) throw new InputError(`the graph would hold more than 2^31 - 1 edges`);
  }
  const owners = new Int32Array(total);
  for (let i = 0, e = 0; i < nodes; i++) owners.fill(i, e, (e += degrees[i]));
  return owners;
}
