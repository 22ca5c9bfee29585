// The held-out records as a rate run measures them: their texts, the skills the model's extractor finds in each
// (distinct, and one per occurrence, with the word as written for WordNet), the IDF weights of the model's training
// texts; and one codec setting measured on them: a real stream (./stream.ts), read back, and its fidelity
// (./fidelity.ts) against the original skills.

import { modelExtractor, type SkillModel } from '../../src/model/index.js';
import { createExtractor } from '../../src/skills/extractor.js';
import { describeRecords, rateOf, type RecordSet } from './baselines.js';
import { FidelityMeter, inverseDocumentFrequency, isConceptKey } from './fidelity.js';
import { encodeTexts, readBack, type StreamSetting } from './stream.js';
import type { CodecSetting } from './types.js';
import type { WordNet } from './wordnet.js';
import { indexOfSorted } from '../../src/util/sorted.js';

export interface HeldOut {
  texts: string[];
  set: RecordSet;
  /** Distinct skill keys of each text, by the model's extractor. */
  skills: string[][];
  /** Skill keys of each text, one per occurrence. */
  occurrences: string[][];
  /** Each text's distinct words (one per stem, lower case, as first written) and the skill key each maps to: what
   *  the WordNet similarity scores (a word model's keys are the stems themselves). */
  words: Array<Array<readonly [key: string, word: string]>>;
  idf: (key: string) => number;
  /** WordNet for the lexical-semantic similarity, or null to leave it out. */
  wordnet: WordNet | null;
  /** A decoded key that is not a concept: the word it stands for (the model's most frequent surface form). */
  surfaceOf: (key: string) => string;
}

export function heldOut(model: SkillModel, texts: string[], wordnet: WordNet | null): HeldOut {
  const extractor = modelExtractor(model);
  // a concept model's words are told apart by their stems, as a word model's are
  const stems = model.extractor.concepts ? createExtractor({ ...model.extractor, concepts: undefined }) : null;
  const counts = new Map<string, number>();
  model.skills.keys.forEach((key, i) => counts.set(key, model.skills.counts[i]));
  const occurrences: string[][] = [];
  const words: HeldOut['words'] = [];
  for (const text of texts) {
    const keys: string[] = [];
    const distinct = new Map<string, readonly [string, string]>();
    extractor.scan(text, (key, word) => {
      keys.push(key);
      const stem = stems ? (stems.keyOf(word) ?? key) : key;
      if (!distinct.has(stem)) distinct.set(stem, [key, word.toLowerCase()]);
    });
    occurrences.push(keys);
    words.push([...distinct.values()]);
  }
  return {
    texts,
    set: describeRecords(texts),
    skills: occurrences.map((keys) => [...new Set(keys)]),
    occurrences,
    words,
    idf: inverseDocumentFrequency(model.stats.texts, (key) => counts.get(key) ?? 0),
    wordnet,
    surfaceOf: (key) => model.skills.surface[indexOfSorted(model.skills.keys, key)] ?? key,
  };
}

/** The fidelity meter of the held-out records: `add(i, decoded)` compares record i's skills with `decoded`. */
export function fidelityOf(data: HeldOut): { add(record: number, decoded: readonly string[]): void; meter: FidelityMeter } {
  const meter = new FidelityMeter(data.idf, data.wordnet);
  return {
    meter,
    add: (record, decoded) => {
      const words = data.words[record];
      // a decoded stem is the word the record wrote for it (a codec delivers only the record's own skills)
      const outputOf = (key: string): string => (isConceptKey(key) ? key : (words.find(([k]) => k === key)?.[1] ?? data.surfaceOf(key)));
      meter.add(data.occurrences[record], decoded, { words, outputOf });
    },
  };
}

/** The keys of decoded coding symbols, and of a layered stream's unrefined concepts (base symbols: model.layers). */
export function keysOf(model: SkillModel, symbols: Uint32Array, concepts: Uint32Array = new Uint32Array(0)): string[] {
  const keys = Array.from(symbols, (s) => model.skills.keys[model.coding.order[s]]);
  for (const b of concepts) keys.push(model.layers!.keys[model.layers!.coding.order[b]]);
  return keys;
}

/** One setting's stream measured on the held-out records, and the skill keys it delivered for each record. */
export async function measureSetting(model: SkillModel, data: HeldOut, setting: StreamSetting): Promise<{ measured: CodecSetting; decoded: string[][] }> {
  const stream = await encodeTexts(model, data.texts, setting);
  const back = readBack(model, stream);
  const fidelity = fidelityOf(data);
  const decoded = back.symbols.map((symbols, i) => keysOf(model, symbols, back.concepts[i]));
  decoded.forEach((keys, i) => fidelity.add(i, keys));
  const options = Object.entries({ ...setting.options, ...setting.selection }).map(([k, v]) => `${k} ${v}`);
  const measured = {
    label: [setting.mode, ...options].join(', '),
    mode: setting.mode,
    options: setting.options,
    stream: back.bytes,
    rate: rateOf(stream.length, data.set),
    fidelity: fidelity.meter.result(),
  };
  return { measured, decoded };
}
