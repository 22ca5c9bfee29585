// The worker thread of training with -T (src/model/train.ts gather): gathers what training needs from each batch of
// texts it is sent (BatchGatherer: skills per text, documents, surface tallies, the folded words new to this worker)
// and replies with the part, which the main thread adds in order. The extractor, and its memo of stemmed words, is
// kept across the batches.

import { serveTasks } from '../util/worker-pool.js';
import { BatchGatherer } from './train.js';
import type { ExtractorSettings } from './types.js';

let gatherer: { key: string; gatherer: BatchGatherer } | undefined;

serveTasks((task: { texts: Array<[string, string | undefined]>; settings: ExtractorSettings }) => {
  const key = JSON.stringify(task.settings);
  if (gatherer?.key !== key) gatherer = { key, gatherer: new BatchGatherer(task.settings) };
  return Promise.resolve(gatherer.gatherer.gather(task.texts));
});
