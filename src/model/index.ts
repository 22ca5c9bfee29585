// The trained model's public face for the codec and the CLI (DESIGN.md, src/model): training, the .skm file,
// the built-in default model, the corpus readers and the extractor that turns a text into the model's skill keys.

export type * from './types.js';
export { createExtractor, defaultExtractorSettings, type Extractor, type ExtractorOptions } from '../skills/extractor.js';
export { supportedLanguages } from '../skills/languages.js';
export { DEFAULT_COLLOCATIONS, type CollocationOptions } from '../skills/collocations.js';
export { decodeModel, encodeModel, isModelFile, MODEL_FORMAT_VERSION, MODEL_MAGIC } from './format.js';
export { MODEL_LIMITS } from './validate.js';
export { defaultModelPath, loadDefaultModel, loadModel, saveModel } from './store.js';
export { DEFAULT_SEED, trainModel, type DocumentText, type TextSource, type TrainOptions } from './train.js';
export {
  brownDocuments,
  brownSize,
  expandInputs,
  parseJsonLine,
  readBrown,
  readCorpus,
  totalSize,
  UNITS,
  type BrownSentence,
  type CorpusText,
  type ProgressCallback,
  type Unit,
} from './corpus.js';
export { checkLearnedShare, DEFAULT_PLAN_SIZES, DEFAULT_TARGET_RECALL, feasibilitySummary, planFeasibility, type LearnedShareCheck, type Plan } from './feasibility.js';
