// The encoder's distortion knobs (docs/FORMAT.md, "Skill selection"; docs/RATE.md): before a record is coded, keep
// only its most informative learned skills. A skill's information is −log₂ p with p = f/T its model probability,
// the share of the T training texts that hold it (the compact coder's own unigram law, model.coding): rare skills
// carry more bits and say more about a text. `maxSkills` K keeps a record's K most informative skills (ties: the
// lower symbol), `minInformation` B drops skills of fewer than B bits. Both only shrink a record's set of symbols,
// so every mode codes the result as it codes any record and the stream format does not change.

import type { SkillModel } from '../src/model/types.js';
import { ParamError } from '../src/util/errors.js';

export interface Selection {
  /** Keep at most this many skills per record, the most informative ones. */
  maxSkills?: number;
  /** Drop skills whose information −log₂ p is below this many bits. */
  minInformation?: number;
}

/** The information −log₂(f/T) of each coding symbol of `model`, in bits. */
export function symbolInformation(model: SkillModel): Float64Array {
  const { frequencies, texts } = model.coding;
  return Float64Array.from(frequencies, (f) => Math.log2(texts / f));
}

/** Checks a selection's parameters, by their library names. */
export function checkSelection(selection: Selection): void {
  const { maxSkills, minInformation } = selection;
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

  constructor(model: SkillModel, selection: Selection) {
    checkSelection(selection);
    this.information = symbolInformation(model);
    this.maxSkills = selection.maxSkills ?? Infinity;
    this.minInformation = selection.minInformation ?? 0;
  }

  /** True when the selection keeps every skill of every record. */
  get keepsAll(): boolean {
    return this.maxSkills === Infinity && this.minInformation === 0;
  }

  /** The symbols (ascending, distinct) that the selection keeps, ascending. */
  select(symbols: Uint32Array): Uint32Array {
    const { information, minInformation } = this;
    let kept = minInformation > 0 ? symbols.filter((s) => information[s] >= minInformation) : symbols;
    if (kept.length > this.maxSkills) {
      const ranked = Array.from(kept).sort((a, b) => information[b] - information[a] || a - b);
      kept = Uint32Array.from(ranked.slice(0, this.maxSkills)).sort();
    }
    return kept;
  }
}
