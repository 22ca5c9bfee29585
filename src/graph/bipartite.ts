// The skill-text bipartite graph of THEORY.md §1 (N skills, T texts, an edge (s, t) when text t requires skill s)
// held in compressed sparse rows (CSR) on Int32Arrays, in both directions: text → skills and skill → texts.
// Built by two-pass counting sorts, O(N + T + edges) time, no per-edge objects, so that the trainer's corpus
// graphs and the simulator's random graphs (10^7 skills, 8×10^7 edges) share one representation.

import { InputError } from '../util/errors.js';

/** Adjacency lists in CSR form: the neighbours of node i are targets[offsets[i] .. offsets[i+1]). */
export interface Csr {
  offsets: Int32Array;
  targets: Int32Array;
}

export interface SkillTextGraph {
  skills: number;
  texts: number;
  edges: number;
  /** text → its skills (length texts + 1 offsets). */
  textSkills: Csr;
  /** skill → its texts (length skills + 1 offsets). */
  skillTexts: Csr;
}

/**
 * The reverse adjacency: for a CSR over `csr.offsets.length - 1` source nodes with targets in [0, targetCount),
 * the CSR over the targets. Each reversed list comes out sorted by source index (stable counting sort).
 */
export function transpose(csr: Csr, targetCount: number): Csr {
  const sources = csr.offsets.length - 1;
  const edges = csr.offsets[sources];
  const offsets = new Int32Array(targetCount + 1);
  const { targets } = csr;
  for (let e = 0; e < edges; e++) offsets[targets[e] + 1]++;
  for (let i = 0; i < targetCount; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, targetCount);
  const reversed = new Int32Array(edges);
  for (let s = 0; s < sources; s++) {
    for (let e = csr.offsets[s], end = csr.offsets[s + 1]; e < end; e++) reversed[fill[targets[e]]++] = s;
  }
  return { offsets, targets: reversed };
}

function checkCount(what: string, n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > 0x7fffffff) throw new InputError(`${what} must be an integer in [0, 2^31), got ${n}`);
}

/**
 * A graph from an edge list (edgeSkills[i], edgeTexts[i]); repeated edges count once. Every index is validated
 * (the error names the edge and `source`, e.g. a file name). The result is canonical: text lists sorted by skill,
 * skill lists sorted by text, whatever the order of the input edges.
 */
export function graphFromEdges(
  skills: number,
  texts: number,
  edgeSkills: Int32Array,
  edgeTexts: Int32Array,
  source = 'edge list',
): SkillTextGraph {
  checkCount('the number of skills', skills);
  checkCount('the number of texts', texts);
  if (edgeSkills.length !== edgeTexts.length) {
    throw new InputError(`${source}: ${edgeSkills.length} skill indices but ${edgeTexts.length} text indices`);
  }
  const edges = edgeSkills.length;
  const offsets = new Int32Array(texts + 1);
  for (let e = 0; e < edges; e++) {
    const s = edgeSkills[e];
    const t = edgeTexts[e];
    if (s < 0 || s >= skills) throw new InputError(`${source}: edge ${e} names skill ${s}, outside 0..${skills - 1}`);
    if (t < 0 || t >= texts) throw new InputError(`${source}: edge ${e} names text ${t}, outside 0..${texts - 1}`);
    offsets[t + 1]++;
  }
  for (let t = 0; t < texts; t++) offsets[t + 1] += offsets[t];
  const fill = offsets.slice(0, texts);
  const targets = new Int32Array(edges);
  for (let e = 0; e < edges; e++) targets[fill[edgeTexts[e]]++] = edgeSkills[e];
  return graphFromTextLists(skills, { offsets, targets }, source);
}

/**
 * A graph from text → skill lists in CSR form (the trainer's natural order); repeated skills within a text count
 * once. The input is not modified. Canonical like graphFromEdges.
 */
export function graphFromTextLists(skills: number, textSkills: Csr, source = 'text lists'): SkillTextGraph {
  checkCount('the number of skills', skills);
  const texts = textSkills.offsets.length - 1;
  if (texts < 0 || textSkills.offsets[0] !== 0) throw new InputError(`${source}: offsets must start at 0`);
  const seen = new Int32Array(skills).fill(-1);
  const offsets = new Int32Array(texts + 1);
  const targets = new Int32Array(textSkills.offsets[texts]);
  let kept = 0;
  for (let t = 0; t < texts; t++) {
    const start = textSkills.offsets[t];
    const end = textSkills.offsets[t + 1];
    if (end < start || end > textSkills.targets.length) throw new InputError(`${source}: offsets of text ${t} are not increasing within the list`);
    for (let e = start; e < end; e++) {
      const s = textSkills.targets[e];
      if (!(s >= 0 && s < skills)) throw new InputError(`${source}: text ${t} names skill ${s}, outside 0..${skills - 1}`);
      if (seen[s] !== t) {
        seen[s] = t;
        targets[kept++] = s;
      }
    }
    offsets[t + 1] = kept;
  }
  const deduped: Csr = { offsets, targets: kept === targets.length ? targets : targets.slice(0, kept) };
  const skillTexts = transpose(deduped, skills);
  return { skills, texts, edges: kept, textSkills: transpose(skillTexts, texts), skillTexts };
}

/** A graph from skill → text lists that are known to be free of repeats (the random ensembles' output). */
export function graphFromSkillLists(texts: number, skillTexts: Csr): SkillTextGraph {
  const skills = skillTexts.offsets.length - 1;
  return { skills, texts, edges: skillTexts.offsets[skills], skillTexts, textSkills: transpose(skillTexts, texts) };
}

/** The same, from text → skill lists free of repeats. */
export function graphFromDistinctTextLists(skills: number, textSkills: Csr): SkillTextGraph {
  const texts = textSkills.offsets.length - 1;
  return { skills, texts, edges: textSkills.offsets[texts], textSkills, skillTexts: transpose(textSkills, skills) };
}

/** Histogram of node degrees: entry k is the number of nodes with k neighbours. */
export function degreeHistogram(csr: Csr): number[] {
  const histogram: number[] = [];
  for (let i = 0; i + 1 < csr.offsets.length; i++) {
    const k = csr.offsets[i + 1] - csr.offsets[i];
    while (histogram.length <= k) histogram.push(0);
    histogram[k]++;
  }
  return histogram;
}
