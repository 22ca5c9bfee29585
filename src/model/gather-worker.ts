// The worker thread of training with -T (src/model/train.ts gather): gathers what training needs from a batch of
// texts (gatherTexts: skills per text, documents, surface tallies, folded words) and replies with the part, which the
// main thread adds in order.

import { serveTasks } from '../util/worker-pool.js';
import { gatherTexts } from './train.js';
import type { ExtractorSettings } from './types.js';

serveTasks((task: { texts: Array<[string, string | undefined]>; settings: ExtractorSettings }) => Promise.resolve(gatherTexts(task.texts, task.settings)));
