// Feasibility (docs/THEORY.md §11) on Brown: held-out recall predicted by the trained model against the recall
// measured on the held-out 10 % of documents (rate's split), and the growth model from a 25 % sample against
// training on the whole; and the verdict on texts too long to teach.
import { beforeAll, describe, expect, it } from 'vitest';
import { checkLearnedShare, createExtractor, planFeasibility, readBrown, trainModel, type BrownSentence, type SkillModel } from '../../src/model/index.js';
import { splitByDocument } from '../../lab/rate/split.js';
import { Prng } from '../../src/util/prng.js';

describe('feasibility on Brown', () => {
  let train: BrownSentence[];
  let model: SkillModel;
  let measuredRecall: number;
  beforeAll(async () => {
    const sentences: BrownSentence[] = [];
    for await (const s of readBrown()) sentences.push(s);
    const split = splitByDocument(sentences, 0.9, 1);
    train = split.train;
    model = await trainModel(train);
    const extractor = createExtractor(model.extractor);
    measuredRecall = checkLearnedShare(model, split.test.map((r) => extractor.extract(r.text))).measured;
  });

  it('predicts the held-out recall of the other 10 % of documents within 0.02', () => {
    const f = model.stats.feasibility;
    expect(f?.novelMassBy).toBe('documents');
    expect(f?.novelMass).toBeCloseTo(0.042, 2);
    expect(Math.abs((f?.heldOutRecall.predicted ?? 0) - measuredRecall)).toBeLessThan(0.02);
  });

  it('from a 25 % sample of the documents predicts learned share and held-out recall of the whole within 0.05', async () => {
    const sample = await trainModel(splitByDocument(train, 0.25, 2).train);
    const scale = model.stats.texts / sample.stats.texts;
    const plan = planFeasibility(sample, { sizes: [scale], seed: 1 });
    const grown = plan?.predictions.find((p) => p.scale === scale);
    expect(Math.abs((grown?.learned ?? 0) - model.stats.learned.measured)).toBeLessThan(0.05);
    expect(Math.abs((grown?.heldOutRecall ?? 0) - measuredRecall)).toBeLessThan(0.05);
  });
});

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
    expect(plan?.verdict.advice).toMatch(/far below the threshold of this ensemble \(R_½ [^)]+\); texts average [\d.]+ skills; cut them into sentences: `--unit sentence`/);
  });
});
