// The trained model as the rest of skillzip sees it (DESIGN.md, "Files"): what training produces, what the model
// file stores, and what the codec reads. Skill indices are positions in `skills`; the codec's own symbol numbers
// are positions in `coding.order`.

import type { ConceptSettings } from '../concepts/concepts.js';
import type { ExtractorSettings } from '../skills/settings.js';
import type { CorpusJump } from '../theory/corpus-jump.js';
import type { SizePrediction } from '../theory/feasibility.js';

export type { ExtractorSettings };

export interface SkillTable {
  /** Normalised, stemmed keys, unique; sorted by code unit order. */
  keys: string[];
  /** The most frequent surface form of each skill, for display. */
  surface: string[];
  /** Number of training texts that require each skill (document frequency). */
  counts: Uint32Array;
  /** 1 when the learner learned the skill. */
  learned: Uint8Array;
  /** The peeling round in which each skill was learned (1 = first), 0 when not learned. */
  round: Uint32Array;
}

/** What the entropy coder of the compact mode needs: the learned skills in coding order with their frequencies. */
export interface CodingTables {
  /** Skill indices of the learned skills, by descending count, ties by key: symbol i is skill order[i]. */
  order: Uint32Array;
  /** Frequency of each symbol (its skill's count), the same length as `order`. */
  frequencies: Uint32Array;
  /** Number of training texts, the denominator of the frequencies. */
  texts: number;
}

/**
 * Association data over coding symbols (CSR): for symbol i, its strongest associates among learned skills,
 * neighbors[offsets[i] .. offsets[i+1]) as symbol numbers (positions in coding.order, never i itself) with
 * pairCounts (training texts holding both), by descending count, ties by symbol.
 */
export interface AssociationData {
  offsets: Uint32Array;
  neighbors: Uint32Array;
  pairCounts: Uint32Array;
  /** How many associates per symbol were kept at most, and the minimum pair count kept. */
  maxNeighbors: number;
  minPairCount: number;
}

export interface MeasuredPredicted {
  measured: number;
  predicted: number;
}

/**
 * A measured figure beside three density-evolution predictions (docs/THEORY.md §10): `predicted`, the best
 * (composition DE with the pair correction, or composition DE for learners it does not apply to); `plainDE`, the
 * configuration model of the corpus's degrees; `composition`, composition DE by degree bands.
 */
export interface MeasuredPredictions extends MeasuredPredicted {
  plainDE: number;
  composition: number;
}

/** The learned share of the skills whose degree (training texts) lies in `degrees`, e.g. '1', '4-5', '11+'. */
export interface DegreeClass {
  degrees: string;
  skills: number;
  learned: MeasuredPredictions;
}

/** One point of the emergence curve of a corpus: training on a seeded subsample holding `fraction` of the texts. */
export interface SweepPoint {
  fraction: number;
  /** Texts in the subsample. */
  texts: number;
  /** Learned fraction of all N skills, measured by peeling and predicted by DE with a fraction f of the texts kept. */
  learned: MeasuredPredictions;
}

/** What the feasibility predictions need (docs/THEORY.md §11), stored so that `plan -m MODEL` works without the corpus. */
export interface FeasibilityStats {
  /** Share of occurrences whose skill no other document holds (docs/THEORY.md §10), and how documents were known:
   *  'documents' (leave one document out) or 'texts' (every text its own document: Good–Turing's N₁/E). */
  novelMass: number;
  novelMassBy: 'documents' | 'texts';
  /** The same share for the edges of each degree band: index b holds band label b's (0 where the band is empty);
   *  absent in models written before it. */
  novelMassByBand?: number[];
  documents: number;
  charactersPerText: number;
  /** The texts' compositions by degree band label (docs/THEORY.md §10), CSR: counts[i] skills of band bands[i] for
   *  i in offsets[c]..offsets[c+1], held by texts[c] texts. */
  compositions: { offsets: Uint32Array; bands: Uint32Array; counts: Uint32Array; texts: Uint32Array };
  /** Predicted held-out recall with the trainer's learned flags (`predicted`) and with composition DE. */
  heldOutRecall: { predicted: number; composition: number };
  /** The predictions at VERDICT_SIZES (src/model/feasibility.ts) behind the verdict that train, rate and inspect
   *  print, so that they need not grow the ensembles again; absent in models written before them. */
  predictions?: SizePrediction[];
  /** The jump of the corpus's own ensemble thinned (src/theory/corpus-jump.ts), null when there is none up to the
   *  corpus's own size; absent in models written before it (then located again). */
  jump?: CorpusJump | null;
}

export interface TrainingStats {
  /** N: skills after pruning; T: texts with at least one skill; R = T/N. */
  skills: number;
  texts: number;
  ratio: number;
  edges: number;
  meanSkillDegree: number;
  meanTextDegree: number;
  /** Histograms: index k holds the number of skills (texts) of degree k. */
  skillDegreeHistogram: number[];
  textDegreeHistogram: number[];
  learner: string;
  rounds: number;
  learned: MeasuredPredictions;
  edgeLearned: MeasuredPredictions;
  textsCovered: MeasuredPredictions;
  giantComponent: MeasuredPredictions;
  /** The learned share by skill degree: 1, 2, 3, 4–5, 6–10, 11+. */
  byDegree: DegreeClass[];
  minCount: number;
  seed: number;
  /** The emergence curve asked for with --sweep (empty when none was). */
  sweep: SweepPoint[];
  /** Null in models written before format 2. */
  feasibility: FeasibilityStats | null;
}

export interface SkillModel {
  /** Content hash (hex) of the model's body: the model id that streams refer to. */
  id: string;
  /** skillzip's version that wrote it, for information. */
  createdBy: string;
  extractor: ExtractorSettings;
  skills: SkillTable;
  coding: CodingTables;
  association: AssociationData;
  stats: TrainingStats;
  /** The training texts' words with their skills, consulted before stemming (absent in models of formats 1 and 2). */
  vocabulary?: Vocabulary;
  /** A layered model's base layer of concepts (train --skills layered:L; ./layers.ts); absent in other models. */
  layers?: LayeredTables;
}

/**
 * The base layer of a layered model (issue #17, docs/THEORY.md §12): the word model's learned skills grouped by
 * concept, with coding tables and association data over the concepts built as the word model's are, on the training
 * texts mapped to the concepts of their learned words. Base symbol b is concept coding.order[b] (an index in keys).
 */
export interface LayeredTables {
  /** The concept map's settings (level L of layered:L). */
  concepts: ConceptSettings;
  /** The base layer's skills: concept keys (or a word's own stem when WordNet does not know it), sorted, unique. */
  keys: string[];
  /** For each word coding symbol (position in the word model's coding.order), the index in `keys` of its concept. */
  conceptOfSymbol: Uint32Array;
  /** Coding tables over concepts: order holds indices into `keys` (every concept holds a learned word), by descending
   *  frequency (training texts holding a learned word of the concept), ties by index; texts as the word model's. */
  coding: CodingTables;
  /** Association data over base symbols (positions in coding.order), built like the word model's. */
  association: AssociationData;
}

/**
 * Words of the training texts as the extractor folds them (NFKC, lower case), sorted by code unit order and
 * unique, each with its skill: skills[i] is the index of words[i]'s key in the skill table, or NOT_A_SKILL for a
 * stopword or a word too short. Words whose key the model does not have are left out (they are stemmed).
 */
export interface Vocabulary {
  words: string[];
  skills: Int32Array;
}
