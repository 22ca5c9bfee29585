// The worker thread of training with -T (src/model/train.ts gather): gathers what training needs from each batch of
// texts it is sent (DeltaGatherer: skills per text, documents, surface tallies, the folded words new to this worker)
// and replies with the part and its thread id, which the main thread adds in order. The extractor, its memo of stemmed
// words, and the builder's skill and surface-form numbering are kept across the batches: a part names only the skills
// and forms new to this worker, the main thread keeping their numbers per worker.

import { serveTasks } from '../util/worker-pool.js';
import { threadId } from 'node:worker_threads';
import { DeltaGatherer } from './train.js';
import type { ExtractorSettings } from './types.js';

let gatherer: { key: string; gatherer: DeltaGatherer } | undefined;

serveTasks((task: { texts: Array<[string, string | undefined]>; settings: ExtractorSettings }) => {
  const key = JSON.stringify(task.settings);
  if (gatherer?.key !== key) gatherer = { key, gatherer: new DeltaGatherer(task.settings) };
  const part = gatherer.gatherer.gather(task.texts);
  return Promise.resolve({ worker: threadId, part });
});
