// `npm run bench layered`: the layered codec (issue #17, docs/THEORY.md §12) on held-out Brown — a layered:2 model
// trained on the rest — its stream at full refinement beside the word-mode stream of the same model and input (target
// ≤ 1.05×), with its base layer coded without context, and with no concept refined (the concept sets), on two
// held-out sets: the humor genre (model on every other genre) and a seeded 10 % of the documents (model on the
// other 90 %).
import { Readable } from 'node:stream';
import { EncodeStream, type EncodeOptions } from '../codec/streams.js';
import { readBrown, trainModel, type SkillModel } from '../src/model/index.js';
import { splitByDocument } from '../lab/rate/split.js';
import type { Bench, BenchFigure } from './harness.js';

const SEED = 1;
const LEVEL = 2;

/** Bytes of the stream of `texts` (one a line) with `options`. */
async function streamBytes(model: SkillModel, texts: string[], options: EncodeOptions): Promise<number> {
  let bytes = 0;
  for await (const chunk of Readable.from([Buffer.from(texts.join('\n') + '\n')]).pipe(new EncodeStream(model, options))) bytes += (chunk as Buffer).length;
  return bytes;
}

export const layeredBench: Bench = {
  name: 'layered',
  description: `layered:${LEVEL} streams on held-out Brown (humor genre; 10 % of documents): full refinement vs word mode of the same model (target ≤ 1.05×), base layer alone`,
  async run(): Promise<BenchFigure[]> {
    const sentences: Array<{ id: string; text: string; document: string; genre: string }> = [];
    for await (const s of readBrown()) sentences.push(s);
    const split = splitByDocument(sentences, 0.9, SEED);
    const sets: Array<[string, string[], string[]]> = [
      ['humor genre', sentences.filter((s) => s.genre !== 'humor').map((s) => s.text), sentences.filter((s) => s.genre === 'humor').map((s) => s.text)],
      ['10 % of documents', split.train.map((s) => s.text), split.test.map((s) => s.text)],
    ];
    const figures: BenchFigure[] = [];
    for (const [name, train, test] of sets) {
      const model = await trainModel(train, { skills: `layered:${LEVEL}`, seed: SEED });
      const word = await streamBytes(model, test, { layered: false });
      const baseline = { name: 'word-mode stream, same model', value: word, unit: 'B' };
      const variants: Array<[string, EncodeOptions, boolean]> = [
        ['layered stream at full refinement (the defaults)', {}, true],
        ['layered stream at full refinement, base layer without context (--no-context)', { modeOptions: { context: false } }, true],
        ['layered stream, base layer only (--refine-min-information 1000: every concept stays a concept)', { refineMinInformation: 1000 }, false],
      ];
      for (const [what, options, judged] of variants) {
        const value = await streamBytes(model, test, options);
        figures.push({
          name: `${name} (${test.length} sentences): ${what}`,
          value,
          unit: 'B',
          baseline,
          ratio: value / word,
          ...(judged ? { target: '≤ 1.05× word mode', pass: value <= 1.05 * word } : {}),
        });
      }
    }
    return figures;
  },
};
