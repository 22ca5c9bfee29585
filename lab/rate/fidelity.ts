// Fidelity of semantic compression: how much of each text's skill content survives encode → decode.
// Per record it compares the skills extracted from the original text with the skills decoded, both as sets of
// skill keys (stems): recall (share of the text's skills carried), whether the text was carried whole, skills
// decoded that the text never held (must be 0: the decoders never output a wrong skill), and a TF-IDF cosine.
// The decoded content is a set, so term weights are binary and the cosine is the IDF-weighted overlap
// Σ_{A∩B} idf² / √(Σ_A idf² · Σ_B idf²); IDF is the smoothed ln((1+T)/(1+df)) + 1 over the model's T training
// texts and document frequencies (Salton & Buckley's TF-IDF; the smoothing of scikit-learn), so losing a rare,
// informative skill costs more similarity than losing a common one.

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

  constructor(private readonly idf: (key: string) => number) {}

  add(original: Iterable<string>, decoded: Iterable<string>): void {
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
    };
  }
}
