// Components of the skill association graph (THEORY.md §7): skills are joined when they share a training text,
// and only occupied sites (learned skills) take part, as in site percolation. Measured with a union-find forest on
// Int32Arrays (union by size, path halving; Tarjan 1975), one pass over the text → skill lists, never building
// the association edges themselves (a text with k skills would give k(k−1)/2 of them).

import type { Csr } from './bipartite.js';

export interface AssociationComponents {
  /** Number of components among the occupied skills. */
  components: number;
  /** Size of the largest component. */
  largest: number;
  /** largest / N (N = all skills, occupied or not): the measured giant-component fraction S. */
  giantFraction: number;
  /** For every skill, the root of its component (a skill index), or −1 for unoccupied skills. */
  componentOf: Int32Array;
}

/** The components that the occupied skills form through shared texts. */
export function associationComponents(textSkills: Csr, occupied: Uint8Array): AssociationComponents {
  const skills = occupied.length;
  const parent = new Int32Array(skills);
  const size = new Int32Array(skills).fill(1);
  for (let s = 0; s < skills; s++) parent[s] = s;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const texts = textSkills.offsets.length - 1;
  for (let t = 0; t < texts; t++) {
    let first = -1;
    for (let e = textSkills.offsets[t], end = textSkills.offsets[t + 1]; e < end; e++) {
      const s = textSkills.targets[e];
      if (occupied[s] === 0) continue;
      if (first < 0) {
        first = find(s);
        continue;
      }
      let a = find(s);
      if (a === first) continue;
      let b = first;
      if (size[a] < size[b]) [a, b] = [b, a];
      parent[b] = a;
      size[a] += size[b];
      first = a;
    }
  }
  const componentOf = new Int32Array(skills).fill(-1);
  let components = 0;
  let largest = 0;
  for (let s = 0; s < skills; s++) {
    if (occupied[s] === 0) continue;
    const root = find(s);
    componentOf[s] = root;
    if (root === s) {
      components++;
      if (size[s] > largest) largest = size[s];
    }
  }
  return { components, largest, giantFraction: skills > 0 ? largest / skills : 0, componentOf };
}
