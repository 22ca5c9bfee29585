// The built CLI on the train and inspect commands: a training run with its JSON
// report, inspect on the model, and hostile inputs that must each end with a clear message and exit code 1
// (usage mistakes: 2).

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratch, skillzip } from './run.js';

const work = scratch('cli');

describe('skillzip train and inspect', () => {
  it('--by-degree adds the learned share by skill degree, measured and predicted, in JSON and as a table', () => {
    const model = path.join(work, 'by-degree.skm');
    const train = skillzip(['train', 'fixtures/corpora/tiny.txt', '-o', model, '--by-degree', '--json']);
    expect(train.status).toBe(0);
    const report = JSON.parse(train.text);
    const classes = report.byDegree as Array<{ degrees: string; skills: number; learned: Record<string, number> }>;
    expect(classes.length).toBeGreaterThan(0);
    for (const c of classes) expect(['1', '2', '3', '4-5', '6-10', '11+']).toContain(c.degrees);
    expect(classes.reduce((n, c) => n + c.skills, 0)).toBe(report.skills);
    const learned = classes.reduce((n, c) => n + c.skills * c.learned.measured, 0);
    expect(learned / report.skills).toBeCloseTo(report.learned.measured, 12);
    const table = skillzip(['train', 'fixtures/corpora/tiny.txt', '-o', path.join(work, 'by-degree-2.skm'), '--by-degree']);
    expect(table.text).toMatch(/Skills learned by degree[\s\S]*degree\s+skills\s+learned % measured\s+predicted \(pair-corrected DE\)\s+composition DE\s+plain DE/);
  });

  it('trains a model, reports JSON, and inspect reads it back', () => {
    const model = path.join(work, 'tiny.skm');
    const train = skillzip(['train', 'fixtures/corpora/tiny.txt', '-o', model, '--sweep', '0.5,1', '--json']);
    expect(train.stderr).toBe('');
    expect(train.status).toBe(0);
    const report = JSON.parse(train.text);
    expect(report).toMatchObject({ skills: expect.any(Number), texts: expect.any(Number), ratio: expect.any(Number) });
    for (const figure of ['learned', 'edgeLearned', 'textsCovered', 'giantComponent']) {
      expect(Object.keys(report[figure])).toEqual(['measured', 'predicted', 'plainDE', 'composition']);
    }
    expect(report.sweep.map((p: { fraction: number }) => p.fraction)).toEqual([0.5, 1]);
    expect(Object.keys(report.sweep[0].learned)).toEqual(['measured', 'predicted', 'plainDE', 'composition']);
    expect(report.byDegree).toBeUndefined();
    const inspect = skillzip(['inspect', model, '--json']);
    expect(inspect.status).toBe(0);
    const info = JSON.parse(inspect.text);
    expect(info).toMatchObject({ kind: 'model', id: report.id, skills: report.skills, learnedSkills: report.learnedSkills });
    expect(skillzip(['inspect', model]).text).toMatch(/skills N \/ learned\s+\d+ \/ \d+/);
  });

  it('trains the same model from stdin as from the file', () => {
    const fromFile = JSON.parse(skillzip(['train', 'fixtures/corpora/tiny.txt', '-o', path.join(work, 'file.skm'), '--json']).text);
    const piped = skillzip(['train', '-o', path.join(work, 'stdin.skm'), '--json'], readFileSync('fixtures/corpora/tiny.txt', 'utf8'));
    expect(piped.status).toBe(0);
    expect(JSON.parse(piped.text).id).toBe(fromFile.id);
  });

  const failures: Array<[string, string[], number, RegExp]> = [
    ['a truncated model', ['inspect', 'fixtures/hostile/truncated-model.skm'], 1, /truncated-model\.skm: truncated model file/],
    ['a flipped byte', ['inspect', 'fixtures/hostile/flipped-byte-model.skm'], 1, /flipped-byte-model\.skm: corrupt model file/],
    ['absurd counts', ['inspect', 'fixtures/hostile/absurd-count-model.skm'], 1, /absurd-count-model\.skm: corrupt model body/],
    ['a file of another kind', ['inspect', 'fixtures/corpora/tiny.txt'], 1, /tiny\.txt: not a skillzip file/],
    ['invalid UTF-8 in a corpus', ['train', 'fixtures/hostile/invalid-utf8.txt', '-o', path.join(work, 'x.skm')], 1, /invalid-utf8\.txt:3: invalid UTF-8/],
    ['an empty corpus', ['train', 'fixtures/hostile/empty-corpus.txt', '-o', path.join(work, 'x.skm')], 1, /empty-corpus\.txt: empty corpus/],
    ['a corpus of stopwords only', ['train', 'fixtures/hostile/stopwords-only.txt', '-o', path.join(work, 'x.skm')], 1, /stopwords-only\.txt: empty corpus: none of the 3 texts read holds a skill/],
    ['an unsupported language', ['train', 'fixtures/corpora/tiny.txt', '--lang', 'xx', '-o', path.join(work, 'x.skm')], 2, /language 'xx' is not supported/],
    ['a bad sweep', ['train', 'fixtures/corpora/tiny.txt', '--sweep', '0,2', '-o', path.join(work, 'x.skm')], 2, /--sweep '0,2'/],
    ['collocation settings without --collocations', ['train', 'fixtures/corpora/tiny.txt', '--collocation-min-pmi', '3', '-o', path.join(work, 'x.skm')], 2, /--collocation-min-pmi: add --collocations/],
    ['--json with --csv', ['inspect', 'fixtures/hostile/truncated-model.skm', '--json', '--csv'], 2, /json and csv are mutually exclusive/],
  ];
  for (const [what, args, status, message] of failures) {
    it(`refuses ${what} with exit ${status}`, () => {
      const run = skillzip(args);
      expect(run.status).toBe(status);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
      expect(existsSync(path.join(work, 'x.skm'))).toBe(false);
    });
  }
});
