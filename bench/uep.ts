// `npm run bench uep`: unequal error protection on held-out Brown (issue #17, THEORY.md §8 "Layered robust frames";
// lab/rate/uep.ts). A word model trained on 90 % of Brown's documents (seed 1) and its concepts at level 2; robust
// layered frames (concepts with x^3, words with liva8, the default) beside word-only robust frames of the same word
// repetition at equal payload bits, at e = 0.1 and 0.2, 5 channel draws each: delivered WordNet similarity and recall,
// and each layer's measured loss beside its DE prediction (target |miss| ≤ 0.02).

import { readBrown, trainModel } from '../src/model/index.js';
import { WordNetDb } from '../src/concepts/wordnet.js';
import { heldOut } from '../lab/rate/held-out.js';
import { splitByDocument } from '../lab/rate/split.js';
import { conceptLayersOf, uepPoints, type UepPoint } from '../lab/rate/uep.js';
import { WordNet } from '../lab/rate/wordnet.js';
import type { Bench, BenchFigure } from './harness.js';

const SEED = 1;
const LEVEL = 2;
const OVERHEADS = [1.25, 1.5, 2, 2.5];

function figures(p: UepPoint): BenchFigure[] {
  const s = p.setting;
  const at = `${s.repetitionBase}/${s.repetition}, ${s.overhead} slots/item, e = ${p.erasure}, ${p.layered.bitsPerText.toFixed(0)} bits/text`;
  const baseline = `word-only ${s.repetition}, ${p.wordOverhead.toFixed(3)} slots/word, ${p.wordOnly.bitsPerText.toFixed(0)} bits/text`;
  const miss = (l: { measured: number; predicted: number }): number => Math.abs(l.measured - l.predicted);
  return [
    { name: `layered ${at}: WordNet similarity delivered`, value: p.layered.wordnet, unit: '', baseline: { name: baseline, value: p.wordOnly.wordnet, unit: '' }, ratio: p.layered.wordnet / p.wordOnly.wordnet, target: 'above word-only at equal bits', pass: p.layered.wordnet > p.wordOnly.wordnet },
    { name: `layered ${at}: recall (words delivered; ${p.layered.conceptsOnly.toFixed(3)} more as their concept)`, value: p.layered.recall, unit: '', baseline: { name: baseline, value: p.wordOnly.recall, unit: '' }, ratio: p.layered.recall / p.wordOnly.recall },
    { name: `layered ${at}: concepts lost, measured (${p.layered.base.items.toFixed(0)} items)`, value: p.layered.base.measured, unit: '', baseline: { name: 'DE prediction', value: p.layered.base.predicted, unit: '' }, target: '|miss| ≤ 0.02', pass: miss(p.layered.base) <= 0.02 },
    { name: `layered ${at}: refinement items lost, measured (${p.layered.refinement.items.toFixed(0)} items)`, value: p.layered.refinement.measured, unit: '', baseline: { name: 'DE prediction', value: p.layered.refinement.predicted, unit: '' }, target: '|miss| ≤ 0.02', pass: miss(p.layered.refinement) <= 0.02 },
    { name: `word-only at equal bits, e = ${p.erasure}: words lost, measured`, value: p.wordOnly.words.measured, unit: '', baseline: { name: 'DE prediction', value: p.wordOnly.words.predicted, unit: '' }, target: '|miss| ≤ 0.02', pass: miss(p.wordOnly.words) <= 0.02 },
  ];
}

export const uepBench: Bench = {
  name: 'uep',
  description: 'robust layered frames (concepts x^3, words liva8) vs word-only robust at equal bits, held-out Brown, e = 0.1 and 0.2',
  async run(): Promise<BenchFigure[]> {
    const records: Array<{ id: string; text: string; document: string }> = [];
    for await (const s of readBrown()) records.push({ id: s.id, text: s.text, document: s.document });
    const split = splitByDocument(records, 0.9, SEED);
    const model = await trainModel(split.train.map((r) => ({ text: r.text, document: r.document })), { seed: SEED, name: 'Brown (training part)' });
    const db = WordNetDb.load();
    const data = heldOut(model, split.test.map((r) => r.text), new WordNet(db));
    const layers = conceptLayersOf(model, db, LEVEL);
    const points = uepPoints(model, layers, data, {
      settings: OVERHEADS.map((overhead) => ({ repetitionBase: 'x^3', repetition: 'liva8', overhead })),
      erasures: [0.1, 0.2],
      block: 64,
      trials: 5,
      seed: SEED,
    });
    return points.flatMap(figures);
  },
};
