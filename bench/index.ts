// The list of benchmarks that `npm run bench` runs, each in its own process so that peak memory is its own.

import type { Bench } from './harness.js';
import { robustBench } from './robust.js';
import { peelBench } from './peel.js';
import { trainBench } from './train.js';
import { rateBench } from './rate.js';
import { codecBench } from './codec.js';
import { predictBench } from './predict.js';
import { linesBench } from './lines.js';
import { fuzzBench } from './fuzz.js';
import { startupBench } from './startup.js';
import { gzipBench } from './gzip.js';
import { threadsBench } from './threads.js';
import { conceptsBench } from './concepts.js';
import { layeredBench } from './layered.js';
import { uepBench } from './uep.js';
import { conceptSimilarityBench } from './concept-similarity.js';

export const benches: Bench[] = [robustBench, peelBench, trainBench, rateBench, codecBench, predictBench, linesBench, fuzzBench, startupBench, gzipBench, threadsBench, conceptsBench, uepBench, layeredBench, conceptSimilarityBench];
