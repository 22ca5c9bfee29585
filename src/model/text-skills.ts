// Texts seen through a trained model (the empirical Arora–Goyal competence of THEORY.md §9): each text's
// skills as the model's own extractor finds them, as indices into the model's skill table, with the model's learned
// flags; keys the model lacks get indices after its own and count as unlearned. The input of
// empiricalCompetence in src/theory/competence.ts, kept here so that the theory core does not depend on models.
// Also the model's extractor as every user of a model gets it.

import type { TextSkills } from '../theory/competence.js';
import { createExtractor, type Extractor } from '../skills/extractor.js';
import type { SkillModel } from './types.js';

/** The model's own extractor, which looks the words of its vocabulary up before stemming them. */
export function modelExtractor(model: SkillModel): Extractor {
  return createExtractor(model.extractor, model.vocabulary ? { ...model.vocabulary, keys: model.skills.keys } : null);
}

export interface ModelTextSkills {
  texts: TextSkills;
  /** Learned flags: the model's skills first, then the unknown ones (never learned). */
  learned: Uint8Array;
  /** Skills of the texts that the model does not have (each makes its texts fail). */
  unknownSkills: number;
  /** Texts without any skill, left out (they can neither fail nor succeed). */
  emptyTexts: number;
}

/**
 * The texts' skills as the model's extractor finds them, as indices into the model's skill table; keys the model
 * lacks get indices after the model's own and count as unlearned, since a text needing them cannot be encoded.
 */
export async function textSkillsOfModel(model: SkillModel, texts: AsyncIterable<string> | Iterable<string>): Promise<ModelTextSkills> {
  const extractor = modelExtractor(model);
  const index = new Map<string, number>();
  model.skills.keys.forEach((key, i) => index.set(key, i));
  const modelSkills = model.skills.keys.length;
  const offsets: number[] = [0];
  const skills: number[] = [];
  let emptyTexts = 0;
  for await (const text of texts) {
    const keys = extractor.extract(text);
    if (keys.length === 0) {
      emptyTexts++;
      continue;
    }
    for (const key of keys) {
      let i = index.get(key);
      if (i === undefined) index.set(key, (i = index.size));
      skills.push(i);
    }
    offsets.push(skills.length);
  }
  const learned = new Uint8Array(index.size);
  learned.set(model.skills.learned);
  return {
    texts: { offsets: Uint32Array.from(offsets), skills: Uint32Array.from(skills) },
    learned,
    unknownSkills: index.size - modelSkills,
    emptyTexts,
  };
}
