// `npm run bench concept-similarity`: why concept skills (issue #17, docs/THEORY.md §12) trail word skills in WordNet
// similarity at equal bits — the candidate causes measured apart on held-out Brown (90/10 by document, as
// `skillzip rate`; means over SEEDS splits), each concept level beside word skills of the same split (docs/RATE.md,
// "Concept skills against word skills"):
//  - how many of a text's words one concept stands for (a concept saves bits only when it covers several words);
//  - what a carried concept is worth: its word's Wu–Palmer similarity to it, read by best sense and by first sense
//    (a carried word is worth 1);
//  - bits per skill of the unthinned compact stream (what a concept saves per symbol);
//  - how many words the most-frequent-sense rule could get wrong: words whose senses lead to more than one concept
//    at level L (the rule picks the first; which sense a text means is unknown without sense tags, and neither
//    reading of the similarity can see it: both score a word by a sense of the word's own choosing).

import { readBrown, trainModel, type SkillModel } from '../src/model/index.js';
import { ConceptMap } from '../src/concepts/concepts.js';
import { splitByDocument } from '../lab/rate/split.js';
import { heldOut, measureSetting } from '../lab/rate/held-out.js';
import { isConceptKey } from '../lab/rate/fidelity.js';
import { WordNet } from '../lab/rate/wordnet.js';
import type { Bench, BenchFigure } from './harness.js';

const SEEDS = [1, 2, 3];
const LEVELS = [1, 2];
const TRAIN_FRACTION = 0.9;

interface Figures {
  wordsPerSkill: number;
  carriedBest: number;
  carriedFirst: number;
  bitsPerSkill: number;
  senseDependent: number;
}

/** The figures of one model on the held-out texts. */
async function measure(model: SkillModel, texts: string[], wordnet: WordNet): Promise<Figures> {
  const data = heldOut(model, texts, wordnet);
  const level = model.extractor.concepts?.level;
  const map = level === undefined ? null : new ConceptMap(wordnet.db, level);
  let ratioSum = 0;
  let records = 0;
  let carried = { best: 0, first: 0, words: 0 };
  let dependent = 0;
  let words = 0;
  for (const record of data.words) {
    if (record.length === 0) continue;
    records++;
    ratioSum += record.length / new Set(record.map(([key]) => key)).size;
    for (const [key, word] of record) {
      words++;
      if (isConceptKey(key)) {
        carried = { best: carried.best + wordnet.similarity(word, key), first: carried.first + wordnet.similarity(word, key, 'first'), words: carried.words + 1 };
      }
      const senses = map?.senses(word);
      if (map && senses && new Set(senses.synsets.map((s) => map.conceptOfSense(senses.pos, s))).size > 1) dependent++;
    }
  }
  const { measured } = await measureSetting(model, data, { mode: 'compact', options: {} });
  return {
    wordsPerSkill: ratioSum / records,
    carriedBest: carried.words > 0 ? carried.best / carried.words : 1,
    carriedFirst: carried.words > 0 ? carried.first / carried.words : 1,
    bitsPerSkill: (8 * measured.rate.bytes) / measured.fidelity.skillsCarried,
    senseDependent: dependent / words,
  };
}

function mean(values: Figures[], key: keyof Figures): number {
  return values.reduce((s, f) => s + f[key], 0) / values.length;
}

export const conceptSimilarityBench: Bench = {
  name: 'concept-similarity',
  description: `why concept skills trail word skills in WordNet similarity: the causes measured apart on held-out Brown (${SEEDS.length} seeds)`,
  async run(): Promise<BenchFigure[]> {
    const records = [];
    for await (const s of readBrown()) records.push(s);
    const wordnet = WordNet.load();
    const figures = new Map<string, Figures[]>();
    for (const seed of SEEDS) {
      const { train, test } = splitByDocument(records, TRAIN_FRACTION, seed);
      const texts = test.map((r) => r.text);
      for (const skills of ['word', ...LEVELS.map((l) => `concept:${l}`)]) {
        const model = await trainModel(train.map((r) => ({ text: r.text, document: r.document })), { seed, skills, name: 'brown (training part)' });
        figures.set(skills, [...(figures.get(skills) ?? []), await measure(model, texts, wordnet)]);
      }
    }
    const word = figures.get('word')!;
    const out: BenchFigure[] = [];
    for (const level of LEVELS) {
      const f = figures.get(`concept:${level}`)!;
      const beside = (name: string, key: keyof Figures, unit: string): BenchFigure => {
        const value = mean(f, key);
        const base = mean(word, key);
        return { name: `concept:${level}: ${name}`, value, unit, baseline: { name: 'word skills', value: base, unit }, ratio: value / base };
      };
      out.push(
        beside("a held-out text's words per skill", 'wordsPerSkill', 'words'),
        beside('a carried skill worth (WordNet, best sense)', 'carriedBest', 'similarity'),
        beside('a carried skill worth (WordNet, first sense)', 'carriedFirst', 'similarity'),
        beside('bits per skill carried, unthinned compact stream', 'bitsPerSkill', 'bits'),
        { name: `concept:${level}: held-out words whose senses lead to more than one concept`, value: mean(f, 'senseDependent'), unit: 'of the words' },
      );
    }
    return out;
  },
};
