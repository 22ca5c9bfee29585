// `npm run bench uep`: unequal error protection on held-out Brown (issue #17, THEORY.md §8 "Layered robust frames";
// lab/rate/uep.ts). A layered model (layered:2: a word model and its concepts at level 2) trained on 90 % of Brown's
// documents (split seed 1; seeds 2 and 3 for one setting); robust
// layered frames (concepts with x^3 and words with liva8, the default; concepts x^5 and words x^3) beside word-only
// robust frames at equal payload bits, of the same word repetition (what adding the base layer buys against spending
// its bits on overhead) and of the base layer's (every word protected like a concept), at e = 0.1 and 0.2, 5 channel
// draws each:
// delivered WordNet similarity and recall with 95 % intervals over the draws, and each layer's measured loss beside
// its DE prediction (target |miss| ≤ 0.02).

import { readBrown, trainModel } from '../src/model/index.js';
import { heldOut } from '../lab/rate/held-out.js';
import { splitByDocument } from '../lab/rate/split.js';
import { uepPoints, type LayerLoss, type Spread, type UepPoint } from '../lab/rate/uep.js';
import { WordNet } from '../lab/rate/wordnet.js';
import type { Bench, BenchFigure } from './harness.js';

/** Splits (and channel seeds): every setting on the first, x^3 / liva8 at 2 slots an item on the others. */
const SEEDS = [1, 2, 3];
const LEVEL = 2;
/** Concepts x^3 with the default word repetition liva8, and concepts x^5 with words x^3. */
const SETTINGS = [
  ...[1.25, 1.5, 2, 2.5].map((overhead) => ({ repetitionBase: 'x^3', repetition: 'liva8', overhead })),
  ...[1.5, 2, 3].map((overhead) => ({ repetitionBase: 'x^5', repetition: 'x^3', overhead })),
];

const fixed = (x: Spread, digits = 4): string => `${x.mean.toFixed(digits)} ± ${x.halfWidth.toFixed(digits)}`;

function figuresOf(p: UepPoint, seed: number): BenchFigure[] {
  const s = p.setting;
  const at = `seed ${seed}, ${s.repetitionBase}/${s.repetition}, ${s.overhead} slots/item, e = ${p.erasure}, ${p.layered.bitsPerText.toFixed(0)} bits/text`;
  const miss = (l: LayerLoss): number => Math.abs(l.measured - l.predicted);
  const out: BenchFigure[] = [];
  for (const w of p.wordOnly) {
    const baseline = `word-only ${w.repetition}, ${w.overhead.toFixed(3)} slots/word, ${w.bitsPerText.toFixed(0)} bits/text`;
    out.push(
      {
        name: `layered ${at}: WordNet similarity ${fixed(p.layered.wordnet)} vs ${fixed(w.wordnet)} (gain ${fixed(w.gain)})`,
        value: p.layered.wordnet.mean,
        unit: '',
        baseline: { name: baseline, value: w.wordnet.mean, unit: '' },
        ratio: p.layered.wordnet.mean / w.wordnet.mean,
        target: 'above word-only at equal bits',
        pass: p.layered.wordnet.mean > w.wordnet.mean,
      },
      {
        name: `layered ${at}: WordNet similarity by first senses ${fixed(p.layered.wordnetFirstSense)} vs ${fixed(w.wordnetFirstSense)} (gain ${fixed(w.gainFirstSense)})`,
        value: p.layered.wordnetFirstSense.mean,
        unit: '',
        baseline: { name: baseline, value: w.wordnetFirstSense.mean, unit: '' },
        ratio: p.layered.wordnetFirstSense.mean / w.wordnetFirstSense.mean,
      },
      {
        name: `layered ${at}: recall ${fixed(p.layered.recall)} vs ${fixed(w.recall)} (${p.layered.conceptsOnly.toFixed(3)} more delivered as their concept)`,
        value: p.layered.recall.mean,
        unit: '',
        baseline: { name: baseline, value: w.recall.mean, unit: '' },
        ratio: p.layered.recall.mean / w.recall.mean,
      },
      { name: `${baseline}, e = ${p.erasure}: words lost, measured`, value: w.words.measured, unit: '', baseline: { name: 'DE prediction', value: w.words.predicted, unit: '' }, target: '|miss| ≤ 0.02', pass: miss(w.words) <= 0.02 },
    );
  }
  out.push(
    { name: `layered ${at}: concepts lost, measured (${p.layered.base.items.toFixed(0)} items)`, value: p.layered.base.measured, unit: '', baseline: { name: 'DE prediction', value: p.layered.base.predicted, unit: '' }, target: '|miss| ≤ 0.02', pass: miss(p.layered.base) <= 0.02 },
    { name: `layered ${at}: refinement items lost, measured (${p.layered.refinement.items.toFixed(0)} items)`, value: p.layered.refinement.measured, unit: '', baseline: { name: 'DE prediction', value: p.layered.refinement.predicted, unit: '' }, target: '|miss| ≤ 0.02', pass: miss(p.layered.refinement) <= 0.02 },
  );
  return out;
}

export const uepBench: Bench = {
  name: 'uep',
  description: 'robust layered frames (concepts x^3 / words liva8, x^5 / x^3) vs word-only robust at equal bits, held-out Brown, e = 0.1 and 0.2',
  async run(): Promise<BenchFigure[]> {
    const records: Array<{ id: string; text: string; document: string }> = [];
    for await (const s of readBrown()) records.push({ id: s.id, text: s.text, document: s.document });
    const wordnet = WordNet.load();
    const figures: BenchFigure[] = [];
    for (const seed of SEEDS) {
      const split = splitByDocument(records, 0.9, seed);
      const model = await trainModel(split.train.map((r) => ({ text: r.text, document: r.document })), { seed, skills: `layered:${LEVEL}`, name: 'Brown (training part)' });
      const data = heldOut(model, split.test.map((r) => r.text), wordnet);
      const settings = seed === SEEDS[0] ? SETTINGS : SETTINGS.filter((s) => s.repetitionBase === 'x^3' && s.overhead === 2);
      const points = uepPoints(model, data, { settings, erasures: [0.1, 0.2], block: 64, trials: 5, seed });
      figures.push(...points.flatMap((p) => figuresOf(p, seed)));
    }
    return figures;
  },
};
