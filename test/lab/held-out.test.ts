// The held-out records' words, what the WordNet similarity scores (docs/RATE.md): a concept model's records are scored
// on the same words as a word model's — one per stem, as first written — each with the concept the model maps it to.

import { beforeAll, describe, expect, it } from 'vitest';
import { modelExtractor, readBrown, trainModel, type SkillModel } from '../../src/model/index.js';
import { heldOut } from '../../lab/rate/held-out.js';

let texts: string[];
let word: SkillModel;
let concept: SkillModel;

beforeAll(async () => {
  texts = [];
  for await (const s of readBrown()) {
    texts.push(s.text);
    if (texts.length === 600) break;
  }
  const train = texts.slice(0, 500).map((text) => ({ text }));
  word = await trainModel(train, { seed: 1 });
  concept = await trainModel(train, { seed: 1, skills: 'concept:1' });
});

describe('held-out words', () => {
  it('a word model scores each distinct skill once, by its first written form', () => {
    const data = heldOut(word, ['Juries and a jury; the Jury.'], null);
    expect(data.skills).toEqual([['juri']]);
    expect(data.words).toEqual([[['juri', 'juries']]]);
  });

  it('a concept model scores the same words as a word model, each with its concept', () => {
    const held = texts.slice(500);
    const byWord = heldOut(word, held, null);
    const byConcept = heldOut(concept, held, null);
    const extractor = modelExtractor(concept);
    let merged = 0;
    held.forEach((_, i) => {
      expect(byConcept.words[i].map(([, w]) => w)).toEqual(byWord.words[i].map(([, w]) => w));
      for (const [key, w] of byConcept.words[i]) expect(extractor.keyOf(w)).toBe(key);
      // every word's concept is one of the record's skills (a stem's other forms may add concepts of their own, as
      // "run" and "running" do), and some concepts stand for several of its words
      const keys = byConcept.words[i].map(([key]) => key);
      for (const key of keys) expect(byConcept.skills[i]).toContain(key);
      merged += keys.length - new Set(keys).size;
    });
    expect(merged).toBeGreaterThan(0);
  });
});
