// Does the model fit the input? `encode` warns once on stderr, exit 0, when the learned share of the
// input's skill occurrences falls short of the model's predicted held-out recall by more than 0.1: French and German
// prose with the built-in (Brown) model warn, held-out Brown documents with a model trained on the others do not;
// `inspect STREAM` shows both figures, and says that a version 4 stream did not store the prediction.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBrown, saveModel, trainModel, type BrownSentence } from '../../src/model/index.js';
import { scratch, skillzip } from './run.js';

const work = scratch('fit');
const MISFIT = /warning: (\S+): the model has learned (\d+\.\d) % of the (\d+) skill occurrences read, but predicts (\d+\.\d) % on text like its training corpus: it does not fit this input.*skillzip train/;

describe('encode warns when the model does not fit the input', () => {
  for (const language of ['french', 'german']) {
    it(`${language} prose with the built-in Brown model: one warning naming both figures, exit 0, the stream written`, () => {
      const file = `fixtures/corpora/${language}.txt`;
      const out = path.join(work, `${language}.skz`);
      const run = skillzip(['encode', file, '-o', out]);
      expect(run.status, run.stderr).toBe(0);
      const warnings = run.stderr.split('\n').filter((line) => line.includes('warning'));
      expect(warnings).toHaveLength(1);
      const [, name, measured, occurrences, predicted] = MISFIT.exec(warnings[0]) ?? [];
      expect(name).toBe(file);
      expect(Number(occurrences)).toBeGreaterThanOrEqual(200);
      expect(Number(predicted) - Number(measured)).toBeGreaterThan(10);
      expect(skillzip(['decode', out]).stdout.toString().split('\n').filter(Boolean)).toHaveLength(readFileSync(file, 'utf8').split('\n').filter(Boolean).length);
    });
  }

  it('says nothing with -q', () => {
    const run = skillzip(['encode', '-q', 'fixtures/corpora/french.txt', '-c']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('says nothing below 200 skill occurrences, too few to judge', () => {
    const run = skillzip(['encode', '-c'], readFileSync('fixtures/corpora/french.txt', 'utf8').split('\n').slice(0, 5).join('\n'));
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });

  describe('held-out Brown documents', () => {
    let modelFile: string;
    let heldOut: BrownSentence[];
    beforeAll(async () => {
      const sentences: BrownSentence[] = [];
      for await (const s of readBrown()) sentences.push(s);
      const documents = [...new Set(sentences.map((s) => s.document))];
      const testDocuments = new Set(documents.filter((_, i) => i % 10 === 0));
      const model = await trainModel(sentences.filter((s) => !testDocuments.has(s.document)).map((s) => ({ text: s.text, document: s.document })));
      modelFile = path.join(work, 'brown-90.skm');
      await saveModel(model, modelFile);
      heldOut = sentences.filter((s) => testDocuments.has(s.document)).slice(0, 400);
    }, 120_000);

    it('encode with a model trained on the other documents does not warn, and inspect says the model fits', () => {
      const input = path.join(work, 'held-out.txt');
      writeFileSync(input, heldOut.map((s) => s.text).join('\n') + '\n');
      const out = path.join(work, 'held-out.skz');
      const run = skillzip(['encode', input, '-m', modelFile, '-o', out]);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toBe('');
      // inspect decodes with the built-in model only; the figures come from the header and trailer alone
      const inspect = skillzip(['inspect', out, '--json']);
      const s = JSON.parse(inspect.stdout.toString());
      expect(s.learnedShare.fits).toBe(true);
      expect(s.learnedShare.occurrences).toBeGreaterThan(2000);
      expect(Math.abs(s.learnedShare.measured - s.learnedShare.predicted)).toBeLessThan(0.05);
    });
  });
});

describe('inspect STREAM shows the learned share and the prediction', () => {
  it('a French stream: both figures and the misfit, as a table and as JSON', () => {
    const out = path.join(work, 'inspect-fr.skz');
    expect(skillzip(['encode', '-q', 'fixtures/corpora/french.txt', '-o', out]).status).toBe(0);
    const table = skillzip(['inspect', out]).stdout.toString();
    expect(table).toMatch(/learned share of skill occurrences +\d+\.\d % of \d+/);
    expect(table).toMatch(/model’s predicted held-out recall +9\d\.\d %/);
    expect(table).toMatch(/the model fits the input +no: the learned share falls short of the prediction by more than 0\.1/);
    const s = JSON.parse(skillzip(['inspect', out, '--json']).stdout.toString());
    expect(s.version).toBe(7);
    expect(s.learnedShare.measured).toBeCloseTo(s.skills / (s.skills + s.novel), 12);
    expect(s.learnedShare.predicted).toBeGreaterThan(0.9);
    expect(s.learnedShare.fits).toBe(false);
  });

  it('a version 4 stream: the prediction was not stored', () => {
    const table = skillzip(['inspect', 'fixtures/streams/v4/compact-context.skz']).stdout.toString();
    expect(table).toMatch(/model’s predicted held-out recall +not stored \(stream version 4\)/);
    expect(table).toMatch(/the model fits the input +unknown \(no prediction\)/);
  });
});
