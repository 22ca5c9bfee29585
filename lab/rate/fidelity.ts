// Fidelity of semantic compression: how much of each text's skill content survives encode → decode.
// Per record it compares the skills extracted from the original text with the skills decoded, both as sets of
// skill keys (stems): recall (share of the text's skills carried), whether the text was carried whole, skills
// decoded that the text never held (must be 0: the decoders never output a wrong skill), and a TF-IDF cosine.
// The decoded content is a set, so term weights are binary and the cosine is the IDF-weighted overlap
// Σ_{A∩B} idf² / √(Σ_A idf² · Σ_B idf²); IDF is the smoothed ln((1+T)/(1+df)) + 1 over the model's T training
// texts and document frequencies (Salton & Buckley's TF-IDF; the smoothing of scikit-learn), so losing a rare,
// informative skill costs more similarity than losing a common one. Beside them (definitions in docs/RATE.md):
// ROUGE-1 (Lin 2004) on bags of stems, the original's occurrences against the decoded set, and, given WordNet
// (./wordnet.ts), a lexical-semantic similarity: each distinct word of the original scored by its best Wu–Palmer
// match among what was decoded (1 when its stem was carried), averaged over the record, so a lost "jury" whose
// "court" survived counts for some; read by each word's best sense, and beside it by its most frequent sense. Word and concept skills are scored on the same words: a concept model's record
// is scored per word of the text, not per concept, and a carried concept scores the word's similarity to it.

import type { WordNet } from './wordnet.js';

export interface Fidelity {
  records: number;
  /** Records with at least one extracted skill; the per-record means below are over these. */
  recordsWithSkills: number;
  /** Skill occurrences extracted from the originals, and how many of them the decoded records carried. */
  skills: number;
  skillsCarried: number;
  /** skillsCarried / skills: the share of all extracted skills carried (occurrence-weighted recall). */
  skillRecall: number;
  /** Mean over records of the share of the record's skills carried. */
  meanRecordRecall: number;
  /** Share of records (with skills) whose every skill was carried. */
  textsWhole: number;
  /** Mean TF-IDF cosine between original and decoded skill sets. */
  similarity: number;
  /** Decoded skills that the original did not hold (0 for a correct codec). */
  wrongSkills: number;
  /** Mean ROUGE-1 precision, recall and F1 on bags of stems (decoded set against the original's occurrences). */
  rouge1: { precision: number; recall: number; f: number };
  /** Mean WordNet (Wu–Palmer) similarity of the original's words to what was decoded, each word read by its best
   *  sense; null when not measured. */
  wordnet: number | null;
  /** The same with every word read as its most frequent sense (./wordnet.ts); null when not measured. */
  wordnetFirstSense: number | null;
}

/**
 * What the WordNet similarity scores in one record: the text's distinct words (one per stem, as first written) with
 * the skill key each one maps to, and what a delivered key means to WordNet. A delivered key that is a word's stem
 * stands for that word (carried: 1); a concept key (src/concepts: it holds '.') stands for its synset, so a carried
 * concept scores the word's similarity to the concept ("dog" delivered as canine.n.02: 26/27).
 */
export interface RecordWords {
  words: ReadonlyArray<readonly [key: string, word: string]>;
  /** The word or concept name WordNet compares a word with for a delivered key. */
  outputOf(key: string): string;
}

/** A concept skill's key names a synset ('canine.n.02'); a stem never holds '.'. */
export function isConceptKey(key: string): boolean {
  return key.includes('.');
}

/** Smoothed inverse document frequency from a training set of `texts` texts and a document-frequency lookup. */
export function inverseDocumentFrequency(texts: number, documentFrequency: (key: string) => number): (key: string) => number {
  return (key) => Math.log((1 + texts) / (1 + documentFrequency(key))) + 1;
}

/** Accumulates fidelity over records, one `add` per record, in constant memory. */
export class FidelityMeter {
  private records = 0;
  private recordsWithSkills = 0;
  private skills = 0;
  private skillsCarried = 0;
  private recallSum = 0;
  private whole = 0;
  private similaritySum = 0;
  private wrongSkills = 0;
  private rougePrecisionSum = 0;
  private rougeRecallSum = 0;
  private rougeFSum = 0;
  private wordnetSum = 0;
  private wordnetFirstSum = 0;

  /** `wordnet` adds the lexical-semantic similarity; `idf` weighs the cosine. */
  constructor(
    private readonly idf: (key: string) => number,
    private readonly wordnet: WordNet | null = null,
  ) {}

  /**
   * One record: the skill keys of the original, one per occurrence (repeats count for ROUGE-1), the decoded keys,
   * and the record's words for the WordNet similarity (default: each distinct key is its own word).
   */
  add(original: readonly string[], decoded: Iterable<string>, words?: RecordWords): void {
    const originalSet = new Set(original);
    const decodedSet = new Set(decoded);
    this.records++;
    let carried = 0;
    let shared = 0;
    let decodedNorm = 0;
    for (const key of decodedSet) {
      const w = this.idf(key) ** 2;
      decodedNorm += w;
      if (originalSet.has(key)) {
        carried++;
        shared += w;
      } else {
        this.wrongSkills++;
      }
    }
    if (originalSet.size === 0) return;
    let originalNorm = 0;
    for (const key of originalSet) originalNorm += this.idf(key) ** 2;
    this.recordsWithSkills++;
    this.skills += originalSet.size;
    this.skillsCarried += carried;
    this.recallSum += carried / originalSet.size;
    if (carried === originalSet.size) this.whole++;
    this.similaritySum += decodedNorm > 0 ? shared / Math.sqrt(originalNorm * decodedNorm) : 0;
    // ROUGE-1 with clipped counts: a decoded stem (once in its set) matches one of its occurrences in the original.
    const precision = decodedSet.size > 0 ? carried / decodedSet.size : 0;
    const recall = carried / original.length;
    this.rougePrecisionSum += precision;
    this.rougeRecallSum += recall;
    this.rougeFSum += precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    if (this.wordnet) {
      const { words: scored, outputOf } = words ?? { words: [...originalSet].map((key) => [key, key] as const), outputOf: (key: string) => key };
      let sum = 0;
      let firstSum = 0;
      for (const [key, word] of scored) {
        if (decodedSet.has(key) && !isConceptKey(key)) {
          sum += 1;
          firstSum += 1;
          continue;
        }
        let best = 0;
        let first = 0;
        for (const other of decodedSet) {
          best = Math.max(best, this.wordnet.similarity(word, outputOf(other)));
          first = Math.max(first, this.wordnet.similarity(word, outputOf(other), 'first'));
        }
        sum += best;
        firstSum += first;
      }
      this.wordnetSum += scored.length > 0 ? sum / scored.length : 0;
      this.wordnetFirstSum += scored.length > 0 ? firstSum / scored.length : 0;
    }
  }

  result(): Fidelity {
    const n = this.recordsWithSkills;
    return {
      records: this.records,
      recordsWithSkills: n,
      skills: this.skills,
      skillsCarried: this.skillsCarried,
      skillRecall: this.skills > 0 ? this.skillsCarried / this.skills : 1,
      meanRecordRecall: n > 0 ? this.recallSum / n : 1,
      textsWhole: n > 0 ? this.whole / n : 1,
      similarity: n > 0 ? this.similaritySum / n : 1,
      wrongSkills: this.wrongSkills,
      rouge1: {
        precision: n > 0 ? this.rougePrecisionSum / n : 1,
        recall: n > 0 ? this.rougeRecallSum / n : 1,
        f: n > 0 ? this.rougeFSum / n : 1,
      },
      wordnet: this.wordnet === null ? null : n > 0 ? this.wordnetSum / n : 1,
      wordnetFirstSense: this.wordnet === null ? null : n > 0 ? this.wordnetFirstSum / n : 1,
    };
  }
}
