// A whole rate run on a small slice of Brown (two documents per genre): the figures must be internally consistent —
// stream parts add up to the stream, baselines are of the same held-out records, fidelity shares lie in [0, 1] and
// compact mode carries exactly the learned skills, the sweep rises with the training fraction, erasure recovery
// falls with the erasure rate and stays beside the §8 DE, and the same seed gives the same report.

import { beforeAll, describe, expect, it } from 'vitest';
import { readBrown, trainModel, createExtractor, type BrownSentence } from '../../src/model/index.js';
import { bagOfSkills, describeRecords, measureLossless } from '../../lab/rate/baselines.js';
import { splitByDocument } from '../../lab/rate/split.js';
import { cheapestSettings, measureRate, type RateOptions } from '../../lab/rate/run.js';
import type { RateReport } from '../../lab/rate/types.js';
import { packetsForReception } from '../../lab/rate/lt-code.js';
import { DESIGN_CONFIDENCE } from '../../lab/rate/separation.js';

const SEED = 3;
const TRAIN_FRACTION = 0.8;
const options: RateOptions = {
  seed: SEED,
  sweep: [0.25, 0.5, 1],
  distortion: { maxSkills: [1, 3], coverage: [1], minInformation: [8] },
  erasures: [0, 0.1, 0.2],
  repetitions: ['liva8', 'x^3'],
  overheads: [1.5, 3],
  blocks: [8, 1024],
  designs: [0.1],
  target: 0.95,
  theory: true,
  concepts: [1],
  layered: [1],
};

let records: BrownSentence[];
let report: RateReport;

beforeAll(async () => {
  const perGenre = new Map<string, number>();
  const keep = new Set<string>();
  records = [];
  for await (const s of readBrown()) {
    if (!keep.has(s.document)) {
      if ((perGenre.get(s.genre) ?? 0) >= 2) continue;
      perGenre.set(s.genre, (perGenre.get(s.genre) ?? 0) + 1);
      keep.add(s.document);
    }
    records.push(s);
  }
  report = await measureRate({ source: 'brown slice', records, trainFraction: TRAIN_FRACTION }, options);
});

describe('a rate run on a slice of Brown', () => {
  it('measures the held-out documents of the seeded split, and the baselines on exactly those records', async () => {
    const split = splitByDocument(records, TRAIN_FRACTION, SEED);
    const texts = split.test.map((r) => r.text);
    expect(report.corpus.test).toEqual({ ...describeRecords(texts), documents: split.testDocuments });
    expect(report.corpus.train).toEqual({ ...describeRecords(split.train.map((r) => r.text)), documents: split.trainDocuments });
    expect(report.corpus.test.documents).toBe(6);
    expect(report.baselines.filter((b) => b.content === 'text')).toEqual(await measureLossless(texts, describeRecords(texts), 'text'));
  });

  it('the bag of skills holds exactly the skills compact mode carries, and costs what the model cost says', async () => {
    const split = splitByDocument(records, TRAIN_FRACTION, SEED);
    const model = await trainModel(split.train.map((r) => ({ text: r.text, document: r.document })), { seed: SEED });
    const extractor = createExtractor(model.extractor);
    const learned = new Set(model.skills.keys.filter((_, i) => model.skills.learned[i] === 1));
    const texts = split.test.map((r) => r.text);
    const bags = bagOfSkills(texts.map((t) => extractor.extract(t).filter((k) => learned.has(k))));
    expect(report.baselines.filter((b) => b.content === 'skills')).toEqual(await measureLossless(bags, describeRecords(texts), 'skills'));
    const compact = report.settings[0];
    const bag = report.baselines.find((b) => b.content === 'skills' && b.method === 'brotli -11' && b.framing === 'one stream')!;
    const cost = report.modelCost;
    expect(cost.amortisedBitsPerChar).toBeCloseTo((8 * (compact.rate.bytes + cost.bytes)) / report.corpus.test.characters, 10);
    if (cost.breakEvenCharacters === null) {
      expect(compact.rate.bitsPerChar).toBeGreaterThanOrEqual(bag.bitsPerChar);
    } else {
      // At the break-even size, compact mode plus the model costs no more than the bag under brotli.
      const n = cost.breakEvenCharacters;
      expect(compact.rate.bitsPerChar * n + 8 * cost.bytes).toBeLessThanOrEqual(bag.bitsPerChar * n + 1e-6);
      expect(compact.rate.bitsPerChar * (n - 1) + 8 * cost.bytes).toBeGreaterThan(bag.bitsPerChar * (n - 1));
    }
  });

  it("attributes every byte of each skillzip stream: header + frames + trailer = stream, rates follow from it", () => {
    expect(report.settings.map((s) => s.mode)).toEqual(['compact', 'compact', 'robust']);
    const { records: n, characters } = report.corpus.test;
    for (const s of [...report.settings]) {
      const b = s.stream;
      expect(b.header + b.frames + b.trailer).toBe(b.bytes);
      expect(b.header).toBeGreaterThan(4);
      expect(b.trailer).toBeGreaterThan(4);
      expect(b.payload).toBeGreaterThan(0);
      expect(b.payload).toBeLessThan(b.frames);
      expect(b.frameCount).toBeGreaterThan(0);
      expect(s.rate.bytes).toBe(b.bytes);
      expect(s.rate.bitsPerText).toBeCloseTo((8 * b.bytes) / n, 9);
      expect(s.rate.bitsPerChar).toBeCloseTo((8 * b.bytes) / characters, 9);
    }
    // Robust frames repeat every skill in several slots: they cost more than the compact stream.
    expect(report.settings[2].stream.bytes).toBeGreaterThan(report.settings[0].stream.bytes);
  });

  it('compact mode carries exactly the learned skills of each held-out text', async () => {
    const split = splitByDocument(records, TRAIN_FRACTION, SEED);
    const model = await trainModel(split.train.map((r) => ({ text: r.text, document: r.document })), { seed: SEED });
    expect(report.model.id).toBe(model.id);
    const extractor = createExtractor(model.extractor);
    const learned = new Set(model.skills.keys.filter((_, i) => model.skills.learned[i] === 1));
    let skills = 0;
    let carried = 0;
    for (const r of split.test) {
      const keys = extractor.extract(r.text);
      skills += keys.length;
      carried += keys.filter((k) => learned.has(k)).length;
    }
    for (const s of report.settings.slice(0, 2)) {
      expect(s.fidelity.skills).toBe(skills);
      expect(s.fidelity.skillsCarried).toBe(carried);
    }
    expect(report.testingError.skill.measured).toBeCloseTo(1 - carried / skills, 12);
  });

  it('keeps every fidelity figure in [0, 1] and never decodes a skill the text did not hold', () => {
    const all = [...report.settings.map((s) => s.fidelity), ...report.sweep.map((p) => p.fidelity)];
    for (const f of all) {
      for (const v of [f.skillRecall, f.meanRecordRecall, f.textsWhole, f.similarity]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
      expect(f.wrongSkills).toBe(0);
      expect(f.records).toBe(report.corpus.test.records);
    }
    // Robust mode at its default target loss (1%) loses a little at most.
    expect(report.settings[2].fidelity.skillRecall).toBeLessThanOrEqual(report.settings[0].fidelity.skillRecall);
    expect(report.settings[2].fidelity.skillRecall).toBeGreaterThan(report.settings[0].fidelity.skillRecall - 0.03);
    const t = report.testingError;
    for (const v of [t.skill.measured, t.skill.predicted, t.skill.training, t.text.measured, t.text.predicted, t.text.training, t.unseen]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
    expect(t.unseen).toBeLessThanOrEqual(t.skill.measured);
  });

  it('the emergence sweep grows with the training fraction (within noise) and ends at the full model', () => {
    const sweep = report.sweep;
    expect(sweep.map((p) => p.fraction)).toEqual([0.25, 0.5, 1]);
    for (let i = 1; i < sweep.length; i++) {
      expect(sweep[i].texts).toBeGreaterThan(sweep[i - 1].texts);
      expect(sweep[i].ratio).toBeGreaterThan(sweep[i - 1].ratio);
      expect(sweep[i].learned.measured).toBeGreaterThan(sweep[i - 1].learned.measured - 0.02);
      expect(sweep[i].fidelity.skillRecall).toBeGreaterThan(sweep[i - 1].fidelity.skillRecall - 0.02);
    }
    const last = sweep[sweep.length - 1];
    expect(last.texts).toBe(report.model.texts);
    expect(last.learned).toEqual(report.model.learned);
    expect(last.rate).toEqual(report.settings[0].rate);
  });

  it('erasure recovery falls with the erasure rate, tracks the §8 DE, and the cheapest setting is the cheapest', () => {
    const points = report.erasure;
    expect(points).toHaveLength(2 * 2 * 2 * 3);
    const settings = new Map<string, typeof points>();
    for (const p of points) {
      const key = `${p.repetition}/${p.overhead}/${p.block}`;
      settings.set(key, [...(settings.get(key) ?? []), p]);
    }
    for (const series of settings.values()) {
      expect(new Set(series.map((p) => p.rate.bytes)).size).toBe(1);
      for (let i = 1; i < series.length; i++) {
        expect(series[i].skillsRecovered).toBeLessThanOrEqual(series[i - 1].skillsRecovered + 0.01);
        expect(series[i].predictedSkillsRecovered).toBeLessThanOrEqual(series[i - 1].predictedSkillsRecovered + 1e-12);
      }
      for (const p of series) {
        expect(p.recordsRecovered).toBeLessThanOrEqual(1);
        expect(p.skillsRecovered).toBeLessThanOrEqual(1);
        // No skill survives the erasure of all its slots: the floor Λ(e) caps recovery, measured and predicted.
        expect(p.predictedSkillsRecovered).toBeLessThanOrEqual(p.ceiling + 1e-12);
        expect(p.skillsRecovered).toBeLessThanOrEqual(p.ceiling + 0.01);
        // DE is exact for long frames only: one frame of all held-out records (≈ 1400 slots and more) stays within
        // 0.07 of it even near x^3's cliff at e = 0.2; frames of 8 records (a few dozen slots) stray by up to ~0.15
        // either way, which is the finite-length gap the report shows, not a property to assert.
        if (p.block === 1024) expect(Math.abs(p.skillsRecovered - p.predictedSkillsRecovered)).toBeLessThan(0.07);
      }
    }
    // Three slots per skill on a clean channel: everything arrives.
    for (const p of points.filter((q) => q.overhead === 3 && q.erasure === 0)) expect(p.skillsRecovered).toBeGreaterThan(0.99);
    expect(report.target.cheapest).toEqual(cheapestSettings(points, options.erasures, options.target));
    for (const { erasure, setting } of report.target.cheapest) {
      const meeting = points.filter((p) => p.erasure === erasure && p.skillsRecovered >= options.target);
      if (setting === null) expect(meeting).toEqual([]);
      else expect(setting.rate.bytes).toBe(Math.min(...meeting.map((p) => p.rate.bytes)));
    }
  });

  it('the rate–distortion curves thin compact mode; TF-IDF keywords are matched to each point\'s bytes', () => {
    const own = report.distortion.filter((p) => p.fraction === 1 && p.skills === 'word');
    expect(own.map((p) => `${p.knob} ${p.value}`)).toEqual(['none null', 'max-skills 1', 'max-skills 3', 'coverage 1', 'min-information 8']);
    expect(own[0].rate).toEqual(report.settings[0].rate);
    expect(own[0].fidelity).toEqual(report.settings[0].fidelity);
    // Fewer skills: fewer bytes and less recall.
    expect(own[1].rate.bytes).toBeLessThan(own[2].rate.bytes);
    expect(own[2].rate.bytes).toBeLessThan(own[0].rate.bytes);
    expect(own[1].fidelity.skillRecall).toBeLessThan(own[2].fidelity.skillRecall);
    for (const p of own) {
      expect(p.keywords).not.toBeNull();
      expect(p.keywords!.rate.bytes).toBeLessThanOrEqual(p.rate.bytes);
      expect(p.fidelity.wrongSkills).toBe(0);
      expect(p.fidelity.wordnet!).toBeGreaterThanOrEqual(p.fidelity.skillRecall - 1e-12);
    }
    // The sweep's smaller models give curves of their own, without keywords.
    expect(new Set(report.distortion.map((p) => p.fraction))).toEqual(new Set([1, 0.25, 0.5]));
    for (const p of report.distortion.filter((q) => q.fraction !== 1)) expect(p.keywords).toBeNull();
  });

  it('concept:1 skills give a curve of their own on the same held-out records, thinned like word skills, a correct codec', () => {
    const concepts = report.distortion.filter((p) => p.skills === 'concept:1');
    expect(concepts.map((p) => `${p.knob} ${p.value}`)).toEqual(['none null', 'max-skills 1', 'max-skills 3', 'coverage 1', 'min-information 8']);
    const word = report.distortion.find((p) => p.skills === 'word' && p.fraction === 1 && p.knob === 'none')!;
    expect(concepts[0].fidelity.records).toBe(word.fidelity.records);
    expect(concepts[1].rate.bytes).toBeLessThan(concepts[2].rate.bytes);
    expect(concepts[2].rate.bytes).toBeLessThan(concepts[0].rate.bytes);
    // one skill a record ranked by coverage per bit is cheaper than the rarest one, for either kind of skill
    expect(concepts[3].rate.bytes).toBeLessThan(concepts[1].rate.bytes);
    const wordOne = report.distortion.filter((p) => p.skills === 'word' && p.fraction === 1 && p.value === 1);
    expect(wordOne.map((p) => p.knob)).toEqual(['max-skills', 'coverage']);
    expect(wordOne[1].rate.bytes).toBeLessThan(wordOne[0].rate.bytes);
    for (const p of concepts) {
      expect(p.fidelity.wrongSkills).toBe(0);
      expect(p.keywords).toBeNull();
      // WordNet on the words the decoder writes: a carried concept scores below 1 when it writes another word
      expect(p.fidelity.wordnet!).toBeGreaterThan(0);
      expect(p.fidelity.wordnet!).toBeLessThanOrEqual(1);
    }
  });

  it('a layered:1 model: full refinement delivers what word mode does, the base layer concepts, refinements between', () => {
    const layered = report.distortion.filter((p) => p.skills === 'layered:1');
    expect(layered.map((p) => `${p.knob} ${p.value}`)).toEqual(['none null', 'refine-min-information 6', 'refine-min-information 8', 'refine-min-information 10', 'refine-min-information 12', 'base null']);
    const word = report.distortion.find((p) => p.skills === 'word' && p.fraction === 1 && p.knob === 'none')!;
    // both layers decode to exactly word mode's records: the same fidelity, every figure
    expect(layered[0].fidelity).toEqual(word.fidelity);
    // refining fewer concepts delivers fewer words for fewer bytes, down to the base layer's concept sets (which
    // concepts a frame refines costs no bit per concept: before it did, refining the concepts of 6 bits or more cost
    // 4 % more than refining all on this slice)
    for (let i = 1; i < layered.length; i++) {
      expect(layered[i].fidelity.skillRecall).toBeLessThanOrEqual(layered[i - 1].fidelity.skillRecall);
      expect(layered[i].rate.bytes).toBeLessThanOrEqual(layered[i - 1].rate.bytes);
    }
    const base = layered.at(-1)!;
    // a concept stands for its words in WordNet: the base layer keeps much of the similarity that recall loses
    expect(base.fidelity.wordnet!).toBeLessThan(layered[0].fidelity.wordnet!);
    expect(base.fidelity.wordnet! - base.fidelity.skillRecall).toBeGreaterThan(0.2);
    // the cost of layering: the full-refinement stream against the same model's word-mode stream, word mode's bytes
    expect(report.layered).toHaveLength(1);
    const cost = report.layered[0];
    expect(cost.skills).toBe('layered:1');
    expect(cost.layeredBytes).toBe(layered[0].rate.bytes);
    expect(cost.wordBytes).toBe(word.rate.bytes);
    expect(cost.ratio).toBeCloseTo(cost.layeredBytes / cost.wordBytes, 12);
  });

  it('compact mode on erasure channels: frame loss loses about e of the skills, the LT code delivers all below its design', () => {
    const lossless = report.channels.filter((p) => p.erasure === 0);
    for (const p of lossless) expect(p.skillsDelivered).toBe(1);
    const frameLoss = report.channels.filter((p) => p.scheme.includes('frame loss'));
    expect(frameLoss.map((p) => p.erasure)).toEqual(options.erasures);
    for (const p of frameLoss) expect(Math.abs(p.skillsDelivered - (1 - p.erasure))).toBeLessThan(0.15);
    const lt = report.channels.filter((p) => p.design === 0.1);
    expect(lt).toHaveLength(options.erasures.length);
    // Protection costs bytes: n packets of 64 + 4 bytes against the stream's k packets, n the smallest with
    // P[Bin(n, 1 − e₀) ≥ ⌈k(1 + margin)⌉] ≥ 0.99, more than the mean design's ⌈k(1 + margin)/(1 − e₀)⌉.
    expect(lt[0].rate.bytes).toBeGreaterThan(frameLoss[0].rate.bytes * 1.3);
    const k = Math.ceil(frameLoss[0].rate.bytes / 64);
    const needed = Math.ceil(k * (1 + lt[0].margin!));
    expect(lt[0].rate.bytes).toBe(68 * packetsForReception(needed, 0.1, DESIGN_CONFIDENCE));
    expect(lt[0].rate.bytes).toBeGreaterThan(68 * Math.ceil(needed / 0.9));
    // At the bytes of a robust stream the code has room to spare at every erasure rate measured here.
    const matched = report.channels.filter((p) => p.scheme.includes('at the bytes of robust liva8, 3 slots/skill, 1024'));
    for (const p of matched) expect(p.skillsDelivered).toBe(1);
  });

  it('reports the theory of the empirical ensemble and of the repetitions', () => {
    expect(report.theory).not.toBeNull();
    const theory = report.theory!;
    expect(theory.repetitions.map((r) => r.spec)).toEqual(['liva8', 'x^3']);
    expect(theory.repetitions[0].cleanThreshold).toBeCloseTo(0.938635, 4);
    expect(theory.repetitions[1].cleanThreshold).toBeCloseTo(0.818469, 4);
    // Real corpora have skills seen once (Λ_1 > 0): no R*, at most a jump.
    expect(theory.threshold).toBeNull();
  });

  it('gives the same report for the same seed', async () => {
    const again = await measureRate({ source: 'brown slice', records, trainFraction: TRAIN_FRACTION }, { ...options, sweep: [], repetitions: ['liva8'], overheads: [1.5], theory: false });
    expect(again.settings).toEqual(report.settings);
    expect(again.erasure).toEqual(report.erasure.filter((p) => p.repetition === 'liva8' && p.overhead === 1.5));
    const reordered = await measureRate({ source: 'brown slice', records, trainFraction: TRAIN_FRACTION }, { ...options, sweep: [], repetitions: ['x^3'], overheads: [3], blocks: [1024], theory: false });
    expect(reordered.erasure).toEqual(report.erasure.filter((p) => p.repetition === 'x^3' && p.overhead === 3 && p.block === 1024));
  });
});
