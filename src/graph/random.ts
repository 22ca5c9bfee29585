// Random skill-text graphs for the ensembles of THEORY.md §1, from a seeded Prng (same seed, same graph on any
// machine: the Prng is integer-only and every draw happens in a fixed order).
//   IRSA view: each skill draws its degree from Λ and picks that many distinct texts uniformly, so texts end up
//              with Binomial ≈ Poisson(Λ'(1)/R) skills (the slotted-ALOHA picture of Liva 2011).
//   AG view:   each text draws its degree from P and picks distinct skills uniformly ([AG]); skills get
//              ≈ Poisson(R·P'(1)) texts.
//   PP model:  the AG view with P = Poisson(d); then both sides are Poisson.
// Degrees are drawn first for every node, then the picks, straight into CSR arrays (no edge list).

import { Prng } from '../util/prng.js';
import { InputError } from '../util/errors.js';
import { type Csr, type SkillTextGraph, graphFromDistinctTextLists, graphFromSkillLists } from './bipartite.js';

/** Draws one node degree. */
export type DegreeSampler = (rng: Prng) => number;

/**
 * `sources` nodes each draw a degree from `sampler` and link to that many distinct nodes among `targets`, uniformly.
 * `what` names the two sides for error messages, e.g. ['skill', 'texts'].
 */
export function randomLists(sources: number, targets: number, sampler: DegreeSampler, rng: Prng, what: [string, string]): Csr {
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
  const picks = new Int32Array(edges);
  const stamp = new Int32Array(targets).fill(-1);
  for (let i = 0; i < sources; i++) {
    for (let e = offsets[i], end = offsets[i + 1]; e < end; e++) {
      let t = rng.nextInt(targets);
      while (stamp[t] === i) t = rng.nextInt(targets);
      stamp[t] = i;
      picks[e] = t;
    }
  }
  return { offsets, targets: picks };
}

/** IRSA view: N skills with degrees from Λ (`skillDegree`), T texts. */
export function irsaGraph(skills: number, texts: number, skillDegree: DegreeSampler, seed: number): SkillTextGraph {
  return graphFromSkillLists(texts, randomLists(skills, texts, skillDegree, new Prng(seed), ['skill', 'texts']));
}

/** AG view: T texts with degrees from P (`textDegree`), N skills. */
export function agGraph(skills: number, texts: number, textDegree: DegreeSampler, seed: number): SkillTextGraph {
  return graphFromDistinctTextLists(skills, randomLists(texts, skills, textDegree, new Prng(seed), ['text', 'skills']));
}

/** PP model: Poisson(d) skills per text, T = round(R·N) texts, hence Poisson(d·R) texts per skill. */
export function ppGraph(skills: number, ratio: number, d: number, seed: number): SkillTextGraph {
  return agGraph(skills, Math.round(ratio * skills), (rng) => rng.nextPoisson(d), seed);
}
