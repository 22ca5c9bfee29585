// The corpus a model is trained on (train, plan): files, folders or stdin cut into texts by --unit, each file a
// document when there are several, or the built-in Brown corpus (sentences as texts, its documents as documents).

import { brownSize, expandInputs, readBrown, readTexts, totalSize, type DocumentText, type ProgressCallback } from '../src/model/index.js';
import { UsageError } from '../src/util/errors.js';
import { jsonFieldsOf, type UnitArgs } from './unit-options.js';

/** A corpus to train on: its name for messages, its size when known, and a fresh pass over its texts. */
export interface Corpus {
  name: string;
  bytes?: number;
  texts(progress: ProgressCallback): AsyncIterable<DocumentText>;
}

/** The corpus options of train and plan: input files or folders, or the built-in Brown corpus. */
export interface CorpusArgs extends UnitArgs {
  input?: string[];
  corpus?: 'brown';
  collocations: boolean;
}

export async function openCorpus(args: CorpusArgs): Promise<Corpus> {
  if (args.corpus === 'brown') {
    return {
      name: 'the Brown corpus',
      bytes: await brownSize(),
      texts: async function* (progress) {
        for await (const sentence of readBrown(progress)) yield { text: sentence.text, document: sentence.document };
      },
    };
  }
  const files = await expandInputs(args.input ?? []);
  if (args.collocations && files.includes('-')) throw new UsageError('--collocations reads the corpus twice, and stdin can be read only once: give files');
  return {
    name: files.map((f) => (f === '-' ? '<stdin>' : f)).join(', '),
    bytes: await totalSize(files),
    texts: async function* (progress) {
      // Several files: each is a document (the held-out estimate leaves whole documents out); one file: each text.
      let before = 0;
      for (const file of files) {
        let read = 0;
        const fileProgress = (bytes: number): void => progress(before + (read = bytes));
        for await (const record of readTexts([file], { unit: args.unit ?? 'line', fields: jsonFieldsOf(args), progress: fileProgress })) {
          yield { text: record.text, document: files.length > 1 ? file : undefined };
        }
        before += read;
      }
    },
  };
}
