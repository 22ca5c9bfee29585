// An LT code (Luby 2002) over packets, the fountain code of the separation baseline (docs/RATE.md, "Channels"):
// each coded packet is the XOR of d source packets, d drawn from the robust soliton distribution, the sources drawn
// uniformly without repeats, all from a seeded Prng. The decoder is the project's own peeling engine
// (src/learn/peel.ts): source packets are skills, received coded packets are texts, and a packet with one unknown
// source teaches it (φ₁ = 1), exactly LT's belief-propagation decoder; the bytes then follow in the order peeling
// learned the sources, each from a packet whose other sources are already known.

import { graphFromDistinctTextLists, type Csr } from '../../src/graph/bipartite.js';
import { peelGraph } from '../../src/learn/peel.js';
import type { Prng } from '../../src/util/prng.js';

/** Luby's robust soliton parameters c and δ (Luby 2002, §4). */
const SOLITON_C = 0.1;
const SOLITON_DELTA = 0.5;

/** The unnormalised robust soliton weights ρ(d) + τ(d), d = 1..k (index 0 unused). */
function solitonWeights(k: number): Float64Array {
  const r = SOLITON_C * Math.log(k / SOLITON_DELTA) * Math.sqrt(k);
  const spike = Math.max(1, Math.min(k, Math.round(k / r)));
  const weights = new Float64Array(k + 1);
  for (let d = 1; d <= k; d++) {
    const rho = d === 1 ? 1 / k : 1 / (d * (d - 1));
    const tau = d < spike ? r / (d * k) : d === spike ? (r * Math.log(r / SOLITON_DELTA)) / k : 0;
    weights[d] = rho + Math.max(0, tau);
  }
  return weights;
}

/** The robust soliton distribution μ(1..k) as a cumulative table. */
export function robustSoliton(k: number): Float64Array {
  const weights = solitonWeights(k);
  const cdf = new Float64Array(k + 1);
  let total = 0;
  for (let d = 1; d <= k; d++) cdf[d] = total += weights[d];
  for (let d = 1; d <= k; d++) cdf[d] /= total;
  return cdf;
}

/** Luby's β = Σ_d (ρ(d) + τ(d)) for k sources: by his Theorem 2, kβ received packets decode all k with
 *  probability at least 1 − δ. */
export function solitonBeta(k: number): number {
  return solitonWeights(k).reduce((a, w) => a + w, 0);
}

/** The step by which `receptionMargin` raises the margin above β − 1. */
export const MARGIN_STEP = 0.05;

/**
 * The reception margin m of an LT code over k sources: the smallest β − 1 + i·MARGIN_STEP (i = 0, 1, …) at which
 * each of `trials` seeded codes of ⌈k(1 + m)⌉ packets, all received, decodes all k sources. Luby's bound β starts
 * the search (it only promises success with probability 1 − δ = 1/2); the draws confirm it or raise it for this k.
 */
export function receptionMargin(k: number, trials: number, rng: Prng): number {
  if (k === 0) return 0;
  const empty = Array.from({ length: k }, () => new Uint8Array(0));
  for (let margin = solitonBeta(k) - 1; ; margin += MARGIN_STEP) {
    const n = Math.ceil(k * (1 + margin));
    let all = true;
    for (let t = 0; t < trials && all; t++) {
      const coded = ltEncode(empty, n, rng);
      all = ltDecode(k, coded, coded.payloads.map(() => true)).every((p) => p !== null);
    }
    if (all) return margin;
  }
}

/** ln C(n, i) for i = 0..n, from a running sum of logarithms (exact to double rounding; n is a few thousand). */
function logBinomials(n: number): Float64Array {
  const lf = new Float64Array(n + 1);
  for (let i = 2; i <= n; i++) lf[i] = lf[i - 1] + Math.log(i);
  return lf.map((_, i) => lf[n] - lf[i] - lf[n - i]);
}

/** P[Bin(n, p) ≥ r], exact: the upper tail's terms, each C(n, i)·pⁱ·(1 − p)ⁿ⁻ⁱ from logarithms, summed (all positive,
 *  no cancellation). */
export function binomialTailAtLeast(n: number, p: number, r: number): number {
  if (r <= 0) return 1;
  if (r > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const lc = logBinomials(n);
  const lp = Math.log(p);
  const lq = Math.log1p(-p);
  const term = (i: number): number => Math.exp(lc[i] + i * lp + (n - i) * lq);
  let upper = 0;
  for (let i = r; i <= n; i++) upper += term(i);
  return Math.min(1, upper);
}

/**
 * The packets to send so that at least `needed` arrive through an erasure channel of rate `erasure` with
 * probability at least `confidence`: the smallest n with P[Bin(n, 1 − erasure) ≥ needed] ≥ confidence, computed
 * exactly (docs/RATE.md, "Channels"). n = ⌈needed/(1 − erasure)⌉ only meets `needed` on average (about half the
 * draws fall short); this n adds the binomial's lower tail, about z·√(n·e·(1 − e))/(1 − e) packets (z = 2.33 at 0.99).
 */
export function packetsForReception(needed: number, erasure: number, confidence: number): number {
  if (!(erasure >= 0 && erasure < 1)) throw new RangeError(`erasure rate ${erasure} is not in [0, 1)`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence ${confidence} is not in (0, 1)`);
  if (needed <= 0) return 0;
  let n = Math.ceil(needed / (1 - erasure));
  while (binomialTailAtLeast(n, 1 - erasure, needed) < confidence) n++;
  return n;
}

export interface LtPackets {
  /** coded packet → its source packets. */
  sources: Csr;
  payloads: Uint8Array[];
}

/** `n` coded packets of the equal-length source `packets`. */
export function ltEncode(packets: readonly Uint8Array[], n: number, rng: Prng): LtPackets {
  const k = packets.length;
  const cdf = robustSoliton(k);
  const offsets = new Int32Array(n + 1);
  const targets: number[] = [];
  const payloads: Uint8Array[] = [];
  for (let j = 0; j < n; j++) {
    const u = rng.next();
    let d = 1;
    while (d < k && cdf[d] < u) d++;
    const chosen = new Set<number>();
    while (chosen.size < d) chosen.add(rng.nextInt(k));
    const payload = new Uint8Array(packets[0]?.length ?? 0);
    for (const s of chosen) {
      targets.push(s);
      const source = packets[s];
      for (let b = 0; b < payload.length; b++) payload[b] ^= source[b];
    }
    offsets[j + 1] = targets.length;
    payloads.push(payload);
  }
  return { sources: { offsets, targets: Int32Array.from(targets) }, payloads };
}

/** The source packets recovered from the received coded packets (`received[j]` false: packet j erased); null: lost. */
export function ltDecode(k: number, coded: LtPackets, received: readonly boolean[]): Array<Uint8Array | null> {
  const kept = coded.payloads.map((_, j) => j).filter((j) => received[j]);
  const offsets = new Int32Array(kept.length + 1);
  const targets: number[] = [];
  kept.forEach((j, t) => {
    for (let e = coded.sources.offsets[j]; e < coded.sources.offsets[j + 1]; e++) targets.push(coded.sources.targets[e]);
    offsets[t + 1] = targets.length;
  });
  const graph = graphFromDistinctTextLists(k, { offsets, targets: Int32Array.from(targets) });
  const { learnedSkills } = peelGraph(graph, { phi: Float64Array.of(1) });
  const out: Array<Uint8Array | null> = new Array(k).fill(null);
  for (const s of learnedSkills) {
    for (let e = graph.skillTexts.offsets[s]; e < graph.skillTexts.offsets[s + 1]; e++) {
      const t = graph.skillTexts.targets[e];
      let ready = true;
      for (let f = offsets[t]; f < offsets[t + 1] && ready; f++) ready = targets[f] === s || out[targets[f]] !== null;
      if (!ready) continue;
      const payload = Uint8Array.from(coded.payloads[kept[t]]);
      for (let f = offsets[t]; f < offsets[t + 1]; f++) {
        const other = out[targets[f]];
        if (targets[f] !== s && other) for (let b = 0; b < payload.length; b++) payload[b] ^= other[b];
      }
      out[s] = payload;
      break;
    }
  }
  return out;
}
