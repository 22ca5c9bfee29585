// Skill extraction: exact keys on fixed sentences, normalisation, segmentation of scripts without spaces,
// collocations, language selection, refusing settings from other word-list versions, and properties under fast-check.

import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { createExtractor, defaultExtractorSettings } from '../../src/skills/extractor.js';
import { CollocationFinder } from '../../src/skills/collocations.js';
import { InputError, ParamError } from '../../src/util/errors.js';

const english = createExtractor(defaultExtractorSettings());
/** The lists of the models made before the fuller lists became the default. */
const englishBefore = createExtractor(defaultExtractorSettings({ stopwords: 'stopword' }));

describe('extraction on fixed sentences', () => {
  const brown = "The Fulton County Grand Jury said Friday an investigation of Atlanta's recent primary election produced `` no evidence '' that any irregularities took place .";
  it('gives the stems of the content words of the first Brown sentence, in order, once each', () => {
    expect(english.settings.stopwords).toMatchObject({ package: '@orama/stopwords', list: 'english' });
    expect(english.extract(brown)).toEqual([
      'fulton', 'counti', 'grand', 'juri', 'said', 'friday', 'investig', 'atlanta', 'recent', 'primari', 'elect', 'produc', 'evid',
      'irregular', 'took', 'place',
    ]);
  });

  it("keeps the stopword package's lists selectable, as the models made before name them", () => {
    expect(englishBefore.settings.stopwords).toMatchObject({ package: 'stopword', list: 'eng' });
    expect(englishBefore.extract(brown)).toEqual([
      'fulton', 'counti', 'grand', 'juri', 'friday', 'investig', 'atlanta', 'recent', 'primari', 'elect', 'produc', 'no', 'evid',
      'irregular', 'took', 'place',
    ]);
  });

  it('drops the function words the stopword package kept (the old most frequent skills)', () => {
    const text = 'She will not go when its rain is no so bad';
    expect(englishBefore.extract(text)).toEqual(['she', 'will', 'not', 'go', 'when', 'it', 'rain', 'no', 'so', 'bad']);
    expect(english.extract(text)).toEqual(['go', 'rain', 'bad']);
  });

  it('takes each language\'s list from the first package that has it, and any package on request', () => {
    expect(defaultExtractorSettings({ lang: 'ca' }).stopwords).toMatchObject({ package: 'stopwords-iso', list: 'ca' });
    expect(defaultExtractorSettings({ lang: 'nb' }).stopwords).toMatchObject({ package: '@orama/stopwords', list: 'norwegian' });
    const iso = createExtractor(defaultExtractorSettings({ stopwords: 'stopwords-iso' }));
    expect(iso.settings.stopwords).toMatchObject({ package: 'stopwords-iso', list: 'en' });
    expect(iso.extract('The computer research group saw the world')).toEqual([]); // why it is not the default
    expect(english.extract('The computer research group saw the world')).toEqual(['comput', 'research', 'group', 'saw', 'world']);
  });

  it('folds case, applies NFKC (ligatures, full-width letters) and keeps one key per stem', () => {
    expect(english.extract('Juries JURY jury’s ﬁnance Ｆｉｎａｎｃｅｓ financing')).toEqual(['juri', 'financ']);
  });

  it('drops stopwords and words shorter than the minimum length, keeps numbers', () => {
    expect(english.extract('I saw a B-52 and the 1961 census in it')).toEqual(['saw', '52', '1961', 'census']);
    const long = createExtractor(defaultExtractorSettings({ minLength: 4 }));
    expect(long.extract('The cat sat on the mat with a kitten')).toEqual(['kitten']);
  });

  it('segments scripts without spaces with Intl.Segmenter and spaced ones by the regex', () => {
    expect(english.extract('東京都に住む')).toEqual(['東京', '住む']);
    expect(english.extract('naïve café, déjà-vu')).toEqual(['naïv', 'café', 'déjà', 'vu']);
  });

  it('gives an empty list for texts without skills', () => {
    expect(english.extract('')).toEqual([]);
    expect(english.extract('the of and , . !')).toEqual([]);
  });

  it('reports surface forms as written (after NFKC), repeats included', () => {
    const seen: Array<[string, string]> = [];
    english.scan('Jury juries JURY', (key, surface) => seen.push([key, surface]));
    expect(seen).toEqual([['juri', 'Jury'], ['juri', 'juries'], ['juri', 'JURY']]);
  });
});

describe('languages', () => {
  it('uses the German stopword list and stemmer for --lang de', () => {
    const german = createExtractor(defaultExtractorSettings({ lang: 'de' }));
    expect(german.settings.stemmer.algorithm).toBe('german');
    expect(german.extract('Die Häuser und das Haus der Stadt')).toEqual(['haus', 'stadt']);
  });

  it('refuses an unsupported language with a usage error that lists the supported ones', () => {
    expect(() => defaultExtractorSettings({ lang: 'xx' })).toThrow(ParamError);
    expect(() => defaultExtractorSettings({ lang: 'xx' })).toThrow(/supported: .*en/);
  });

  it('refuses settings recorded with other word-list versions or another extractor version', () => {
    const settings = defaultExtractorSettings();
    expect(() => createExtractor({ ...settings, stopwords: { ...settings.stopwords, version: '0.0.1' } })).toThrow(InputError);
    expect(() => createExtractor({ ...settings, stemmer: { ...settings.stemmer, algorithm: 'porter' } })).toThrow(/retrain/);
    expect(() => createExtractor({ ...settings, version: 999 })).toThrow(InputError);
    expect(() => createExtractor({ ...settings, lang: 'xx' })).toThrow(new InputError("the model's language 'xx' is not supported here"));
  });
});

describe('collocations', () => {
  // on the stopword package's lists, which keep 'old' and 'met' as skills
  const settings = { ...defaultExtractorSettings({ stopwords: 'stopword' }), collocations: { minCount: 2, minPmi: 1, keys: ['grand_juri'] } };
  const withPairs = createExtractor(settings);

  it('adds a multi-word skill for adjacent words only', () => {
    expect(withPairs.extract('The Grand Jury met')).toEqual(['grand', 'juri', 'grand_juri', 'met']);
    expect(withPairs.extract('grand, jury')).toEqual(['grand', 'juri']);
    expect(withPairs.extract('grand old jury')).toEqual(['grand', 'old', 'juri']);
  });

  it('finds pairs that recur more than chance by PMI with a minimum count', () => {
    // 15 skill words; c(grand) = c(juri) = 4, c(grand juri) = 3: PMI = log2(3·15 / 16) = 1.49 bits
    const texts = ['grand jury met', 'the grand jury', 'grand jury said', 'jury grand', 'old house', 'old town', 'house old'];
    const found = (minCount: number, minPmi: number): string[] => {
      const finder = new CollocationFinder(englishBefore, { minCount, minPmi });
      for (const t of texts) finder.add(t);
      return finder.keys();
    };
    expect(found(3, 1.45)).toEqual(['grand_juri']);
    expect(found(3, 1.55)).toEqual([]);
    expect(found(4, 0)).toEqual([]);
    expect(found(1, 0)).toEqual(['grand_juri', 'hous_old', 'juri_met', 'old_hous', 'old_town']); // juri_grand: log2(15/16) < 0
  });
});

describe('properties', () => {
  const words = fc.constantFrom('Jury', 'election', 'the', 'of', '東京', 'café', 'Ⅻ', 'don’t', "it's", '42', 'x', '-', ',', '\n', ' ');
  const text = fc.array(words, { maxLength: 30 }).map((w) => w.join(' '));

  test.prop([text])('keys are distinct, never stopwords, and each is the key of one of the text’s words', (t) => {
    const keys = english.extract(t);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) expect(['the', 'of', 'a', 'i']).not.toContain(k);
    const fromWords: string[] = [];
    english.scanWords(t, (key) => fromWords.push(key));
    expect(new Set(keys)).toEqual(new Set(fromWords));
  });

  test.prop([text, text])('the skills of two texts on separate lines are the union of their skills', (a, b) => {
    expect(new Set(english.extract(`${a}\n${b}`))).toEqual(new Set([...english.extract(a), ...english.extract(b)]));
  });

  test.prop([text])('extraction is deterministic and independent of other extractors’ memos', (t) => {
    expect(createExtractor(defaultExtractorSettings()).extract(t)).toEqual(english.extract(t));
  });
});
