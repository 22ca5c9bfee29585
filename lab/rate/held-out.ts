// The held-out records as a rate run measures them: their texts, the skills the model's extractor finds in each
// (distinct, and one per occurrence, with the word as written for WordNet), the IDF weights of the model's training
// texts; and one codec setting measured on them: a real stream (./stream.ts), read back, and its fidelity
// (./fidelity.ts) against the original skills.

import { modelExtractor, type SkillModel } from '../../src/model/index.js';
import { describeRecords, rateOf, type RecordSet } from './baselines.js';
import { FidelityMeter, inverseDocumentFrequency } from './fidelity.js';
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
  /** Each text's skill keys → the word as first written there (lower case), what WordNet looks up. */
  words: Map<string, string>[];
  idf: (key: string) => number;
  /** WordNet for the lexical-semantic similarity, or null to leave it out. */
  wordnet: WordNet | null;
  /** For concept skills, what WordNet compares an original word with for a decoded key: the concept's synset
   *  (named by the key), or a stem's surface form; null for word skills (a carried stem counts 1). */
  output: ((key: string) => string) | null;
}

export function heldOut(model: SkillModel, texts: string[], wordnet: WordNet | null): HeldOut {
  const extractor = modelExtractor(model);
  const counts = new Map<string, number>();
  model.skills.keys.forEach((key, i) => counts.set(key, model.skills.counts[i]));
  const occurrences: string[][] = [];
  const words: Map<string, string>[] = [];
  for (const text of texts) {
    const keys: string[] = [];
    const surface = new Map<string, string>();
    extractor.scan(text, (key, word) => {
      keys.push(key);
      if (!surface.has(key)) surface.set(key, word.toLowerCase());
    });
    occurrences.push(keys);
    words.push(surface);
  }
  return {
    texts,
    set: describeRecords(texts),
    skills: occurrences.map((keys) => [...new Set(keys)]),
    occurrences,
    words,
    idf: inverseDocumentFrequency(model.stats.texts, (key) => counts.get(key) ?? 0),
    wordnet,
    // a concept key names its synset (a word WordNet did not know stays a stem: its surface form)
    output: model.extractor.concepts ? (key) => (key.includes('.') ? key : (model.skills.surface[indexOfSorted(model.skills.keys, key)] ?? key)) : null,
  };
}

/** The fidelity meter of the held-out records: `add(i, decoded)` compares record i's skills with `decoded`. */
export function fidelityOf(data: HeldOut): { add(record: number, decoded: readonly string[]): void; meter: FidelityMeter } {
  const meter = new FidelityMeter(data.idf, data.wordnet);
  return {
    meter,
    add: (record, decoded) => meter.add(data.occurrences[record], decoded, (key) => data.words[record].get(key) ?? key, data.output ?? undefined),
  };
}

/** The keys of decoded coding symbols. */
export function keysOf(model: SkillModel, symbols: Uint32Array): string[] {
  return Array.from(symbols, (s) => model.skills.keys[model.coding.order[s]]);
}

/** One setting's stream measured on the held-out records, and the skill keys it delivered for each record. */
export async function measureSetting(model: SkillModel, data: HeldOut, setting: StreamSetting): Promise<{ measured: CodecSetting; decoded: string[][] }> {
  const stream = await encodeTexts(model, data.texts, setting);
  const back = readBack(model, stream);
  const fidelity = fidelityOf(data);
  const decoded = back.symbols.map((symbols) => keysOf(model, symbols));
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
