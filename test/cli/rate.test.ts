// The built CLI on `skillzip rate` and `skillzip report`: JSON, CSV and plots from a run on four Brown
// documents given as files (each file a document), the HTML report loaded in headless chromium (every chart drawn,
// no error logged, no request beyond the page), and usage mistakes that must exit 2 naming the option.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBrown } from '../../src/model/index.js';
import { MAX_BLOCK } from '../../codec/robust/index.js';
import { chromiumAvailable, viewPage } from '../lab/browser.js';
import { scratch, skillzip } from './run.js';

const work = scratch('rate-cli');
const files: string[] = [];
const DOCUMENTS = ['ca01', 'cb01', 'cf01', 'cg01', 'cj01', 'cn01'];


const RUN = ['--sweep', '0.5,1', '--erasure', '0:0.2:0.1', '--overhead', '2', '--block', '64', '--train-fraction', '0.6'];

beforeAll(async () => {
  const byDocument = new Map<string, string[]>();
  for await (const s of readBrown()) if (DOCUMENTS.includes(s.document)) byDocument.set(s.document, [...(byDocument.get(s.document) ?? []), s.text]);
  for (const [document, lines] of byDocument) {
    const file = path.join(work, `${document}.txt`);
    writeFileSync(file, lines.join('\n') + '\n');
    files.push(file);
  }
});

describe('skillzip rate and report', () => {
  it('prints one JSON document with every figure, measured on the held-out files', () => {
    const run = skillzip(['rate', ...files, ...RUN, '--json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.text);
    expect(Object.keys(report)).toEqual(['meta', 'corpus', 'model', 'theory', 'baselines', 'modelCost', 'settings', 'testingError', 'sweep', 'distortion', 'erasure', 'channels', 'target', 'interval']);
    expect(report.meta.version).toMatch(/^skillzip \d+\.\d+\.\d+/);
    expect(report.meta.command).toContain('skillzip rate ');
    expect(report.meta.modelId).toBe(report.model.id);
    expect(Number.isNaN(Date.parse(report.meta.date))).toBe(false);
    expect(report.interval).toBeNull();
    // Frame loss and the LT-protected stream at each erasure rate, designed for 0.1 and at the robust stream's bytes.
    expect(report.channels).toHaveLength(3 * 3);
    expect(report.corpus.train.documents + report.corpus.test.documents).toBe(DOCUMENTS.length);
    expect(report.corpus.test.documents).toBe(2);
    expect(report.baselines).toHaveLength(16);
    expect(report.sweep.map((p: { fraction: number }) => p.fraction)).toEqual([0.5, 1]);
    expect(report.erasure.map((p: { erasure: number }) => p.erasure)).toEqual([0, 0.1, 0.2]);
    expect(report.target.cheapest).toHaveLength(3);
    expect(report.model.bytes).toBeGreaterThan(0);
  });

  it('prints the tables as CSV, and charts as SVG, PNG or ASCII', () => {
    const csv = skillzip(['rate', ...files, ...RUN, '--csv']);
    expect(csv.status).toBe(0);
    expect(csv.text).toContain('method,content,framing / options,bytes,bits/text,bits/char,skill recall,texts whole,similarity');
    expect(csv.text).toContain('brotli -11,text,one stream,');
    expect(csv.text).toContain('brotli -11,bag of skills,one stream,');
    const svg = path.join(work, 'rate.svg');
    const png = path.join(work, 'rate.png');
    expect(skillzip(['rate', ...files, ...RUN, '--plot', svg]).status).toBe(0);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg[\s\S]*>Emergence: skills learned against texts per skill<[\s\S]*>Robust mode: skills recovered against slot erasure</);
    expect(skillzip(['rate', ...files, '--train-fraction', '0.6', '--plot', png]).status).toBe(0);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    const ascii = skillzip(['rate', ...files, '--train-fraction', '0.6', '--plot', '-']);
    expect(ascii.status).toBe(0);
    expect(ascii.text).toContain('log10 of rate (bits per input character)');
  });

  it('--seeds gives means with 95 % intervals; --csv DIR writes one loadable file per table, --table NAME one table', () => {
    const run = skillzip(['rate', ...files, '--train-fraction', '0.6', '--seeds', '2', '--json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.text);
    expect(report.interval.seeds).toEqual([1, 2]);
    const [low, mean, high] = [report.interval.low, report, report.interval.high].map((r) => r.settings[0].rate.bitsPerChar);
    expect(low).toBeLessThanOrEqual(mean);
    expect(mean).toBeLessThanOrEqual(high);
    expect(high).toBeGreaterThan(low); // two splits, two held-out sets
    const dir = path.join(work, 'csv');
    expect(skillzip(['rate', ...files, '--train-fraction', '0.6', '--seeds', '2', '--csv', dir]).status).toBe(0);
    const rate = readFileSync(path.join(dir, 'rate.csv'), 'utf8').split('\n');
    expect(rate[0]).toMatch(/^method,content,framing \/ options,bytes,bytes ±,/);
    expect(rate.filter((l) => l !== '').length).toBeGreaterThan(10);
    expect(readFileSync(path.join(dir, 'model-cost.csv'), 'utf8')).toMatch(/^model bytes/);
    // An existing table is not overwritten without -f.
    expect(skillzip(['rate', ...files, '--train-fraction', '0.6', '--csv', dir]).status).toBe(1);
    const one = skillzip(['rate', ...files, '--train-fraction', '0.6', '--table', 'model-cost', '--csv']);
    expect(one.status).toBe(0);
    expect(one.text.trim().split('\n')).toHaveLength(2);
  });

  it.skipIf(!chromiumAvailable())('writes a self-contained HTML report whose every chart renders in headless chromium without errors', async () => {
    const html = path.join(work, 'report.html');
    const run = skillzip(['report', ...files, ...RUN, '-o', html]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    const view = await viewPage(html);
    expect(view.charts.map((c) => c.id)).toEqual(['rate-fidelity', 'emergence', 'distortion-recall', 'distortion-wordnet', 'distortion-wordnetFirstSense', 'recovery', 'channels']);
    for (const chart of view.charts) {
      expect(chart.width).toBeGreaterThan(300);
      expect(chart.height).toBeGreaterThan(200);
      expect(chart.marks).toBeGreaterThan(5);
    }
    expect(view.charts[0].texts).toContain('brotli -11, text');
    expect(view.charts[0].texts).toContain('brotli -11, bag of skills');
    expect(view.charts[2].texts).toContain('TF-IDF keywords, brotli -11');
    expect(view.charts[5].texts).toContain('DE (THEORY.md §8)');
    expect(view.charts[6].texts.some((t: string) => t.includes(': compact + LT (e₀ = 0.1)'))).toBe(true);
    expect(page).toMatch(/skillzip \d+\.\d+\.\d+, \d{4}-\d\d-\d\dT/);
    expect(view.errors).toEqual([]);
    expect(view.requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
  });

  const usage: Array<[string, string[], RegExp]> = [
    ['a malformed erasure range', ['--erasure', '0:x:0.1'], /--erasure '0:x:0.1'/],
    ['an erasure probability of 1', ['--erasure', '0,1'], /--erasure '0,1'.*in \[0, 1\)/],
    ['a sweep fraction above 1', ['--sweep', '0.5,2'], /--sweep '0.5,2'/],
    ['a train fraction of 1', ['--train-fraction', '1'], /--train-fraction must lie strictly between 0 and 1/],
    ['a plot file of unknown kind', ['--plot', 'x.gif'], /--plot x\.gif: name a \.svg or \.png file/],
    ['--plot - with --json', ['--plot', '-', '--json'], /--plot - draws on stdout/],
    ['a sweep with a given model', ['-m', 'models/brown.skm', '--sweep', '0.5'], /--sweep trains models/],
    ['concept models with a given model', ['-m', 'models/brown.skm', '--concepts', '1'], /--concepts trains models/],
    ['a concept level that is not a whole number', ['--concepts', '1.5'], /--concepts '1.5'/],
    ['an unknown repetition', ['--erasure', '0.1', '--repetition', 'nonsense'], /nonsense/],
    ['erasure-sweep options without --erasure', ['--overhead', '2', '--block', '4'], /--overhead, --block set up the erasure sweep: give --erasure too/],
    ['a block above the robust maximum', ['--erasure', '0.1', '--block', String(MAX_BLOCK + 1)], new RegExp(`--block '${MAX_BLOCK + 1}'`)],
    ['a negative seed', ['--seed', '-1'], /--seed must be an integer/],
    ['no seeds', ['--seeds', '0'], /--seeds must be a whole number/],
    ['an unknown table', ['--table', 'nonsense'], /table/],
    ['a malformed distortion sweep', ['--distortion', 'max-skills'], /--distortion: 'max-skills' is not/],
    ['a coverage knob that is not a whole number of skills', ['--distortion', 'coverage=1.5'], /--distortion '1\.5'.*whole numbers of skills/],
  ];
  for (const [what, args, message] of usage) {
    it(`refuses ${what} with exit 2`, () => {
      const run = skillzip(['rate', files[0], files[1], ...args]);
      expect(run.stderr).toMatch(message);
      expect(run.status).toBe(2);
    });
  }

  it('refuses input files together with --corpus brown, and a report without .html', () => {
    expect(skillzip(['rate', files[0], '--corpus', 'brown']).status).toBe(2);
    const report = skillzip(['report', ...files, '-o', path.join(work, 'report.txt')]);
    expect(report.stderr).toMatch(/name a \.html file/);
    expect(report.status).toBe(2);
  });

  it('fails with exit 1 naming the input when there is nothing to measure or nothing to hold out', () => {
    const empty = path.join(work, 'empty.txt');
    writeFileSync(empty, '');
    const run = skillzip(['rate', empty]);
    expect(run.stderr).toMatch(/empty\.txt: no records to measure/);
    expect(run.status).toBe(1);
    writeFileSync(empty, '\n\n'); // two records, both empty (--unit line keeps blank lines)
    expect(skillzip(['rate', empty]).stderr).toMatch(/empty\.txt \(training part\): empty corpus: none of the \d+ texts read holds a skill/);
    expect(run.status).toBe(1);
    for (const [file, message] of [
      ['fixtures/hostile/invalid-utf8.txt', /invalid-utf8\.txt:\d+: .*UTF-8/],
      ['fixtures/hostile/stopwords-only.txt', /stopwords-only\.txt.*(empty corpus|no records)/],
    ] as const) {
      const bad = skillzip(['rate', file]);
      expect(bad.stderr).toMatch(message);
      expect(bad.status).toBe(1);
    }
    const hostileModel = skillzip(['rate', '-m', 'fixtures/hostile/truncated-model.skm', files[0]]);
    expect(hostileModel.stderr).toMatch(/truncated-model\.skm: truncated model file/);
    expect(hostileModel.status).toBe(1);
    const single = skillzip(['rate', files[0], '--unit', 'document']);
    expect(single.stderr).toMatch(/ca01\.txt: a single document cannot be split/);
    expect(single.status).toBe(1);
  });
});
