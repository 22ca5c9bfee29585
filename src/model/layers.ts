// The base layer of a layered model (issue #17, docs/THEORY.md §12): each learned word skill's concept — its most
// frequent surface form, folded, through the concept map at level L (src/concepts), or the skill's own stem when
// WordNet does not know the word — and the codec's tables over those concepts, built by the word model's own code
// (./tables.ts) on the training texts mapped to the concepts of their learned words. So the base layer codes a text's
// concept set C as the word model codes its word set W, and the refinement pays H(W | C) (docs/THEORY.md §12).

import { graphFromTextLists, type SkillTextGraph } from '../graph/bipartite.js';
import type { ConceptMap, ConceptSettings } from '../concepts/concepts.js';
import { foldWord } from '../skills/extractor.js';
import { associationData, codingTables, learnedSymbolsOfTexts, symbolsOfSkills } from './tables.js';
import type { CodingTables, LayeredTables, SkillTable } from './types.js';

/** The layered tables of a word model trained on `graph`, with the concepts of `map` (whose settings are `concepts`). */
export function layeredTables(
  graph: SkillTextGraph,
  skills: Pick<SkillTable, 'keys' | 'surface'>,
  coding: CodingTables,
  map: ConceptMap,
  concepts: ConceptSettings,
  maxNeighbors: number,
  minPairCount: number,
): LayeredTables {
  const conceptKeys = Array.from(coding.order, (s) => map.conceptOf(foldWord(skills.surface[s])) ?? skills.keys[s]);
  const keys = [...new Set(conceptKeys)].sort();
  const indexOf = new Map(keys.map((key, c) => [key, c]));
  const conceptOfSymbol = Uint32Array.from(conceptKeys, (key) => indexOf.get(key)!);
  const symbols = learnedSymbolsOfTexts(graph, symbolsOfSkills(coding.order, graph.skills));
  const lists = { offsets: symbols.offsets, targets: symbols.targets.map((j) => conceptOfSymbol[j]) }; // repeats dropped below
  const concepted = graphFromTextLists(keys.length, lists, 'the concept-mapped texts');
  const counts = new Uint32Array(keys.length);
  for (let c = 0; c < keys.length; c++) counts[c] = concepted.skillTexts.offsets[c + 1] - concepted.skillTexts.offsets[c];
  const base = codingTables(counts, new Uint8Array(keys.length).fill(1), graph.texts);
  return { concepts, keys, conceptOfSymbol, coding: base, association: associationData(concepted, base, maxNeighbors, minPairCount) };
}
