// `skillzip theory competence | tap | compare` on the built CLI: the Arora–Goyal bound's reference values
// (β* ≈ 4.5019, competence ≈ 0.5498 for k = 8, θ = 0.1, α = 0.1), the exact TAP sequence 2, 3, 7, 127, 2^127 − 1,
// the three transitions side by side, and mistakes that must exit 2 (usage) or 1 (input) naming the problem.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { evolve } from '../../src/theory/de.js';
import { Ensemble } from '../../src/theory/ensemble.js';
import { trainModel } from '../../src/model/train.js';
import { saveModel } from '../../src/model/store.js';
import { skillzip } from './run.js';

/** `skillzip theory ARGV`'s stdout, failing with its stderr when it did not exit 0. */
function run(argv: string[]): string {
  const result = skillzip(['theory', ...argv]);
  expect(result.status, result.stderr).toBe(0);
  return result.text;
}

/** Expects `skillzip theory ARGV` to fail with exit `status` and a message matching `message`. */
function refused(argv: string[], status: number, message: RegExp): void {
  const result = skillzip(['theory', ...argv]);
  expect(result.stderr).toMatch(message);
  expect(result.status).toBe(status);
}

describe('skillzip theory competence', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'skillzip-competence-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the reference bound as JSON, a table, CSV and a chart', () => {
    const doc = JSON.parse(run(['competence', '--k', '8', '--theta', '0.1', '--alpha', '0.1', '--json']));
    expect(doc.curve[0].beta).toBeCloseTo(4.5019, 4);
    expect(doc.curve[0].competence).toBeCloseTo(0.5498, 4);
    const table = run(['competence', '--alpha', '0.1,0.2']);
    expect(table).toMatch(/0\.549809/);
    const csv = (run(['competence', '--alpha', '0.05:0.25:0.05', '--csv'])).trim().split('\n');
    expect(csv[0]).toBe('alpha,skills covered,beta*,competence');
    expect(csv).toHaveLength(6);
    expect(run(['competence', '--plot'])).toMatch(/\* guaranteed competence/);
  });

  it('follows the Chinchilla loss with --scale, and refuses contradictory flags', () => {
    const doc = JSON.parse(run(['competence', '--scale', '1,10', '--json']));
    expect(doc.rows[0].excessLoss).toBeCloseTo(0.2466, 4);
    expect(doc.rows[1].excessLoss / doc.rows[0].excessLoss).toBeCloseTo(0.502, 3);
    refused(['competence', '--scale', '1', '--theta', '0.1'], 2, /leave out --theta/);
    refused(['competence', '--alpha', '1.5'], 2, /--alpha '1.5'/);
    refused(['competence', '--theta', '0'], 2, /theta/);
    refused(['competence', '-m', 'some.skm'], 1, /some\.skm: no such model file/);
    refused(['competence', '--tokens', '1e12'], 2, /--tokens: these flags belong to --scale/);
    refused(['competence', '--corpus', 'brown', '--k', '8'], 2, /--k: the empirical mode measures/);
  });

  it('measures a model on text files (empirical mode) and names a missing model file', async () => {
    const modelFile = path.join(dir, 'm.skm');
    await saveModel(await trainModel(['jury', 'jury election', 'jury county', 'voters machines']), modelFile);
    const texts = path.join(dir, 'texts.txt');
    await writeFile(texts, 'jury election\nvoters jury\ncounty\npancakes county\n');
    const doc = JSON.parse(run(['competence', '-m', modelFile, texts, '--alpha', '0.2,0.5', '--json']));
    expect(doc).toMatchObject({ mode: 'empirical', texts: 4, failedTexts: 2, theta: 0.5, unknownSkills: 1 });
    expect(doc.rows.map((r: { empirical: number }) => r.empirical)).toEqual([0, 0.5]);
    refused(['competence', '-m', path.join(dir, 'missing.skm'), texts], 1, /missing\.skm: no such model file/);
    const stopwords = path.join(dir, 'stopwords.txt');
    await writeFile(stopwords, 'the of\nand\n');
    refused(['competence', '-m', modelFile, stopwords], 1, /stopwords\.txt: no text holds a skill/);
  });
});

describe('skillzip theory tap', () => {
  it('prints the exact sequence 2, 3, 7, 127, 2^127 − 1 and says why the run stopped', () => {
    const doc = JSON.parse(run(['tap', '--alpha', '1', '--steps', '8', '--json']));
    expect(doc.points.slice(0, 5).map((p: { exact: string }) => p.exact)).toEqual(['2', '3', '7', '127', (2n ** 127n - 1n).toString()]);
    expect(doc.points[5]).toMatchObject({ t: 5, value: null, exact: null });
    expect(doc).toMatchObject({ stop: 'overflow', blowupTime: 5 });
    const table = run(['tap', '--steps', '8']);
    expect(table).toMatch(/blow-up \(M ≥ 1e100\) at t = 5; stopped: the next value is beyond/);
  });

  it('runs the differential, two-scale and constrained variants, with CSV and a chart', () => {
    const diff = JSON.parse(run(['tap', '--differential', '--alpha', '1', '--dt', '0.1', '--steps', '20', '--json']));
    expect(diff.stop).toBe('blowup');
    expect(diff.blowupTime).toBeGreaterThan(0.7);
    expect(diff.blowupTime).toBeLessThan(0.8);
    const csv = (run(['tap', '--alpha', '0.05', '--architecture', '0.5', '--capacity', '1000', '--steps', '5', '--csv'])).trim().split('\n');
    expect(csv[0]).toBe('t,M,log10 M,exact M');
    expect(csv).toHaveLength(7);
    expect(run(['tap', '--alpha', '0.01', '--alpha1', '0.1', '--steps', '30', '--plot'])).toMatch(/\* log10 M/);
    refused(['tap', '--mu', '2'], 2, /mu must lie in \[0, 1\]/);
    refused(['tap', '--dt', '0.5'], 2, /add --differential/);
    refused(['tap', '--context', '0'], 2, /context constraint/);
  });
});

describe('skillzip theory compare', () => {
  it('puts the DE learned fraction, the AG competence and the TAP trajectory side by side', () => {
    const doc = JSON.parse(run(['compare', '--pp', '4', '--ratio', '1:2:0.5', '--scale', '1,10', '--steps', '3', '--json']));
    expect(doc.de.map((p: { ratio: number }) => p.ratio)).toEqual([1, 1.5, 2]);
    for (const p of doc.de) expect(p.learned).toBeCloseTo(evolve(Ensemble.pp(4), p.ratio).learned, 12);
    expect(doc.ag.params.k).toBeCloseTo(4, 12);
    expect(doc.ag.rows[0].theta).toBeCloseTo(0.2466, 4);
    expect(doc.tap.points).toHaveLength(4);
    const table = (run(['compare', '--pp', '4', '--ratio', '1:2:0.5', '--scale', '1,10', '--steps', '3', '--csv'])).trim().split('\n');
    expect(table[0]).toBe('R,DE learned,scale,AG theta,AG competence,t,TAP log10 M');
    expect(table).toHaveLength(5);
    expect(run(['compare', '--pp', '3', '--plot'])).toMatch(/DE learned fraction \(over R\)/);
    refused(['compare'], 2, /--pp D/);
    refused(['compare', '--pp', '4', '--alpha', '0.1,0.2'], 2, /single --alpha/);
  });
});
