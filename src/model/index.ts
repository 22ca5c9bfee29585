// The trained model's public face for the codec and the CLI (DESIGN.md, src/model): training, the .skm file,
// the built-in default model, the corpus readers (src/corpus) and the extractor that turns a text into the model's skill keys.

export type * from './types.js';
export { createExtractor, defaultExtractorSettings, type Extractor, type ExtractorOptions } from '../skills/extractor.js';
export { modelExtractor } from './text-skills.js';
export { STOPWORD_PACKAGES, supportedLanguages, type StopwordPackage } from '../skills/languages.js';
export { DEFAULT_COLLOCATIONS, type CollocationOptions } from '../skills/collocations.js';
export { decodeModel, encodeModel, isModelFile, MODEL_FORMAT_VERSION, MODEL_MAGIC } from './format.js';
export { LIMITS } from '../util/limits.js';
export { defaultModelPath, loadDefaultModel, loadModel, loadShard, saveModel, saveShard, skillzipVersion } from './store.js';
export { isShardFile, sharedExtractor, SHARD_MAGIC, type Shard } from './shard.js';
export { DEFAULT_SEED, parseSkills, trainFromParts, trainModel, trainPart, type DocumentText, type TextSource, type TrainOptions } from './train.js';
export {
  brownDocuments,
  brownSize,
  DEFAULT_JSON_FIELDS,
  expandInputs,
  readBrown,
  readTexts,
  totalSize,
  UNITS,
  type BrownSentence,
  type JsonFields,
  type ProgressCallback,
  type RecordId,
  type TextRecord,
  type Unit,
} from '../corpus/index.js';
export {
  checkLearnedShare,
  DEFAULT_PLAN_SIZES,
  DEFAULT_TARGET_RECALL,
  feasibilitySummary,
  FIT_MIN_OCCURRENCES,
  FIT_TOLERANCE,
  learnedShareCheck,
  misfitWarning,
  modelPlan,
  modelVerdict,
  planFeasibility,
  predictedRecall,
  VERDICT_SIZES,
  type LearnedShareCheck,
  type Plan,
} from './feasibility.js';
