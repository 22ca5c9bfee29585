import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { splitByDocument } from '../../lab/rate/split.js';

const corpus = Array.from({ length: 200 }, (_, i) => ({ id: `r${i}`, text: `text ${i}`, document: `d${i % 40}` }));

describe('train / held-out split by document', () => {
  it('keeps documents whole, puts 90% of them in training, and is the same for the same seed', () => {
    const a = splitByDocument(corpus, 0.9, 7);
    expect(a.trainDocuments).toBe(36);
    expect(a.testDocuments).toBe(4);
    const trainDocs = new Set(a.train.map((r) => r.document));
    expect(a.test.every((r) => !trainDocs.has(r.document))).toBe(true);
    expect(a.train.length + a.test.length).toBe(corpus.length);
    expect(splitByDocument(corpus, 0.9, 7)).toEqual(a);
    expect(splitByDocument([...corpus].reverse(), 0.9, 7).test.map((r) => r.id).sort()).toEqual(a.test.map((r) => r.id).sort());
    expect(splitByDocument(corpus, 0.9, 8).test).not.toEqual(a.test);
  });

  it('rejects fractions outside (0, 1)', () => {
    for (const f of [0, 1, -0.5, NaN]) expect(() => splitByDocument(corpus, f, 1)).toThrow(/train fraction/);
  });

  fcTest.prop([fc.integer({ min: 1, max: 60 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.integer()])(
    'every record lands on exactly one side; both sides are non-empty when there are two documents or more',
    (n, f, seed) => {
      const records = Array.from({ length: n }, (_, i) => ({ id: `r${i}`, text: '' }));
      const s = splitByDocument(records, f, seed);
      expect(new Set([...s.train, ...s.test].map((r) => r.id)).size).toBe(n);
      expect(s.train.length + s.test.length).toBe(n);
      if (n >= 2) expect(s.train.length > 0 && s.test.length > 0).toBe(true);
    },
  );
});
