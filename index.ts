// skillzip's library API: what `import ... from 'skillzip'` offers.
export { Prng } from './src/util/prng.js';
export { InputError, ParamError } from './src/util/errors.js';
export type { ErrorCode, InputCode, ParamCode, ParamNamer } from './src/util/errors.js';

// Models: loading (validated), the built-in Brown model, training.
export { loadModel, loadDefaultModel, saveModel, trainModel, createExtractor } from './src/model/index.js';
export type { SkillModel, TrainOptions, TextSource } from './src/model/index.js';

// The codec: node:stream Transforms, single records, stream inspection, coding modes.
export { EncodeStream, DecodeStream } from './codec/streams.js';
export type { EncodeOptions, DecodeOptions, DecodeOutput, StreamRecord } from './codec/streams.js';
export { encodeRecord, decodeRecord } from './codec/single-record.js';
export type { RecordOptions, DecodedText } from './codec/single-record.js';
export { summarizeStream, isStreamFile } from './codec/inspect.js';
export { planStreamSeek, FrameSeeker } from './codec/seek.js';
export type { RecordRange, SeekPlan, IndexedMember } from './codec/seek.js';
export type { StreamSummary } from './codec/inspect.js';
export type { BadFrames } from './codec/stream-parser.js';
export type { FrameDamage, Layers, StreamHeader, StreamTotals } from './codec/container.js';
export { modes } from './codec/modes.js';
export type { BlockChannel, BlockCoder, BlockCoderFactory, LayeredBlockCoder, SkillRecord, DecodedRecord } from './codec/block-coder.js';
export { UNITS, type Unit, type RecordId, type JsonFields } from './src/corpus/index.js';
