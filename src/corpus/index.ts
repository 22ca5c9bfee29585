// The corpus wing's face (DESIGN.md src/corpus): the one splitter, the inputs, the Brown reader.

export { DEFAULT_JSON_FIELDS, parseJsonRecord, TextSplitter, UNITS, type JsonFields, type RecordId, type TextRecord, type Unit } from './units.js';
export { expandInputs, inputName, readTexts, STDIN, totalSize, type ProgressCallback, type ReadOptions } from './files.js';
export { brownDocuments, brownSize, readBrown, stripBrownDocument, stripBrownTags, type BrownSentence } from './brown.js';
