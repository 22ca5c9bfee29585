// The encoder's distortion knobs (docs/FORMAT.md, "Skill selection"; docs/RATE.md): before a record is coded, keep
// only some of its learned skills. A skill's information is −log₂ p with p = f/T its model probability, the share of
// the T training texts that hold it (the compact coder's own unigram law, model.coding): about the bits it costs.
// `minInformation` B drops skills of fewer than B bits; `maxSkills` K keeps K skills, ranked (`rankBy`) either by
// information — the rarest first: rare skills say more about a text (what TF-IDF weighting rewards) — or by coverage
// — the most of the text per bit first: the skill's occurrences in the record over its information, so a concept
// that stands for three of the text's words (src/concepts) outranks one that stands for one, and a common word, cheap
// to send, outranks a rare one (what a measure that counts every word alike, such as the WordNet similarity of
// docs/RATE.md, rewards: greedy for the most words under a bit budget). Ties go to the lower symbol. Both knobs only
// shrink a record's set of symbols, so every mode codes the result as it codes any record and the stream format
// does not change.

import type { SkillModel } from '../src/model/types.js';
import { ParamError } from '../src/util/errors.js';

export interface Selection {
  /** Keep at most this many skills per record, the most informative ones. */
  maxSkills?: number;
  /** Drop skills whose information −log₂ p is below this many bits. */
  minInformation?: number;
  /** Which skills maxSkills keeps: the most informative (default) or the most covering per bit. */
  rankBy?: Ranking;
}

/** The orders in which maxSkills keeps a record's skills (see the header). */
export const RANKINGS = ['information', 'coverage'] as const;
export type Ranking = (typeof RANKINGS)[number];

/** The information −log₂(f/T) of each coding symbol of `model`, in bits. */
export function symbolInformation(model: SkillModel): Float64Array {
  const { frequencies, texts } = model.coding;
  return Float64Array.from(frequencies, (f) => Math.log2(texts / f));
}

/** Checks a selection's parameters, by their library names. */
export function checkSelection(selection: Selection): void {
  const { maxSkills, minInformation, rankBy } = selection;
  if (rankBy !== undefined && !RANKINGS.includes(rankBy)) throw new ParamError((n) => `${n('rankBy')} must be one of ${RANKINGS.join(', ')}, got ${String(rankBy)}`);
  if (maxSkills !== undefined && !(Number.isInteger(maxSkills) && maxSkills >= 0)) {
    throw new ParamError((n) => `${n('maxSkills')} must be a whole number of skills (0 or more), got ${maxSkills}`);
  }
  if (minInformation !== undefined && !(Number.isFinite(minInformation) && minInformation >= 0)) {
    throw new ParamError((n) => `${n('minInformation')} must be a number of bits, 0 or more, got ${minInformation}`);
  }
}

/** Applies a selection to records' symbols; a selection with neither knob keeps every symbol. */
export class SkillSelector {
  private readonly information: Float64Array;
  private readonly maxSkills: number;
  private readonly minInformation: number;
  private readonly rankBy: Ranking;

  constructor(model: SkillModel, selection: Selection) {
    checkSelection(selection);
    this.information = symbolInformation(model);
    this.maxSkills = selection.maxSkills ?? Infinity;
    this.minInformation = selection.minInformation ?? 0;
    this.rankBy = selection.rankBy ?? 'information';
  }

  /** True when the selection keeps every skill of every record. */
  get keepsAll(): boolean {
    return this.maxSkills === Infinity && this.minInformation === 0;
  }

  /** True when `select` needs each symbol's occurrences in the record. */
  get needsOccurrences(): boolean {
    return this.rankBy === 'coverage' && this.maxSkills !== Infinity;
  }

  /**
   * The symbols (ascending, distinct) that the selection keeps, ascending; `occurrences[i]`, how often symbols[i]
   * occurs in the record, is needed when ranking by coverage.
   */
  select(symbols: Uint32Array, occurrences?: Uint32Array): Uint32Array {
    const { information, minInformation } = this;
    const kept: number[] = [];
    for (let i = 0; i < symbols.length; i++) if (information[symbols[i]] >= minInformation) kept.push(i);
    if (kept.length <= this.maxSkills) return kept.length === symbols.length ? symbols : Uint32Array.from(kept, (i) => symbols[i]);
    let score: (i: number) => number;
    if (this.rankBy === 'information') {
      score = (i) => information[symbols[i]];
    } else {
      if (occurrences === undefined || occurrences.length !== symbols.length) throw new RangeError('a coverage ranking needs the occurrences of each symbol');
      // a skill in every training text costs no information: it covers its words for free (ratio +∞)
      score = (i) => occurrences[i] / information[symbols[i]];
    }
    const ranked = kept.sort((a, b) => {
      const sa = score(a);
      const sb = score(b);
      return sb > sa ? 1 : sb < sa ? -1 : symbols[a] - symbols[b];
    });
    return Uint32Array.from(ranked.slice(0, this.maxSkills), (i) => symbols[i]).sort();
  }
}
