// Smoke tests of `skillzip theory competence | tap | compare`: the command modules run in-process through yargs,
// with stdout captured, so the tests need no build and check the printed numbers against the library.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yargs, { type CommandModule } from 'yargs';
import { competenceCommand } from '../../cli/commands/theory/competence.js';
import { tapCommand } from '../../cli/commands/theory/tap.js';
import { compareCommand } from '../../cli/commands/theory/compare.js';
import { InputError, UsageError } from '../../src/util/errors.js';
import { cliMessage } from '../../cli/errors.js';
import { evolve } from '../../src/theory/de.js';
import { Ensemble } from '../../src/theory/ensemble.js';
import { trainModel } from '../../src/model/train.js';
import { saveModel } from '../../src/model/store.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function run(command: CommandModule<any, any>, argv: string[]): Promise<string> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    await yargs(argv)
      .command(command)
      .strictOptions()
      .exitProcess(false)
      .fail((msg, err) => {
        throw err ?? new UsageError(msg);
      })
      .parseAsync();
  } finally {
    spy.mockRestore();
  }
  return chunks.join('');
}

describe('skillzip theory competence', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'skillzip-competence-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the reference bound as JSON, a table, CSV and a chart', async () => {
    const doc = JSON.parse(await run(competenceCommand, ['competence', '--k', '8', '--theta', '0.1', '--alpha', '0.1', '--json']));
    expect(doc.curve[0].beta).toBeCloseTo(4.5019, 4);
    expect(doc.curve[0].competence).toBeCloseTo(0.5498, 4);
    const table = await run(competenceCommand, ['competence', '--alpha', '0.1,0.2']);
    expect(table).toMatch(/0\.549809/);
    const csv = (await run(competenceCommand, ['competence', '--alpha', '0.05:0.25:0.05', '--csv'])).trim().split('\n');
    expect(csv[0]).toBe('alpha,skills covered,beta*,competence');
    expect(csv).toHaveLength(6);
    expect(await run(competenceCommand, ['competence', '--plot'])).toMatch(/\* guaranteed competence/);
  });

  it('follows the Chinchilla loss with --scale, and refuses contradictory flags', async () => {
    const doc = JSON.parse(await run(competenceCommand, ['competence', '--scale', '1,10', '--json']));
    expect(doc.rows[0].excessLoss).toBeCloseTo(0.2466, 4);
    expect(doc.rows[1].excessLoss / doc.rows[0].excessLoss).toBeCloseTo(0.502, 3);
    await expect(run(competenceCommand, ['competence', '--scale', '1', '--theta', '0.1'])).rejects.toThrow(/leave out --theta/);
    await expect(run(competenceCommand, ['competence', '--alpha', '1.5'])).rejects.toThrow(/--alpha '1.5'/);
    await expect(run(competenceCommand, ['competence', '--theta', '0'])).rejects.toThrow(/theta/);
    await expect(run(competenceCommand, ['competence', '-m', 'some.skm'])).rejects.toThrow(/some\.skm: no such model file/);
    await expect(run(competenceCommand, ['competence', '--tokens', '1e12'])).rejects.toThrow(/--tokens: these flags belong to --scale/);
    await expect(run(competenceCommand, ['competence', '--corpus', 'brown', '--k', '8'])).rejects.toThrow(/--k: the empirical mode measures/);
  });

  it('measures a model on text files (empirical mode) and names a missing model file', async () => {
    const modelFile = path.join(dir, 'm.skm');
    await saveModel(await trainModel(['jury', 'jury election', 'jury county', 'voters machines']), modelFile);
    const texts = path.join(dir, 'texts.txt');
    await writeFile(texts, 'jury election\nvoters jury\ncounty\npancakes county\n');
    const doc = JSON.parse(await run(competenceCommand, ['competence', '-m', modelFile, texts, '--alpha', '0.2,0.5', '--json']));
    expect(doc).toMatchObject({ mode: 'empirical', texts: 4, failedTexts: 2, theta: 0.5, unknownSkills: 1 });
    expect(doc.rows.map((r: { empirical: number }) => r.empirical)).toEqual([0, 0.5]);
    await expect(run(competenceCommand, ['competence', '-m', path.join(dir, 'missing.skm'), texts])).rejects.toThrow(/missing\.skm: no such model file/);
    const stopwords = path.join(dir, 'stopwords.txt');
    await writeFile(stopwords, 'the of\nand\n');
    const empty = run(competenceCommand, ['competence', '-m', modelFile, stopwords]);
    await expect(empty).rejects.toThrow(InputError);
    await expect(empty).rejects.toThrow(/stopwords\.txt: no text holds a skill/);
  });
});

describe('skillzip theory tap', () => {
  it('prints the exact sequence 2, 3, 7, 127, 2^127 − 1 and says why the run stopped', async () => {
    const doc = JSON.parse(await run(tapCommand, ['tap', '--alpha', '1', '--steps', '8', '--json']));
    expect(doc.points.slice(0, 5).map((p: { exact: string }) => p.exact)).toEqual(['2', '3', '7', '127', (2n ** 127n - 1n).toString()]);
    expect(doc.points[5]).toMatchObject({ t: 5, value: null, exact: null });
    expect(doc).toMatchObject({ stop: 'overflow', blowupTime: 5 });
    const table = await run(tapCommand, ['tap', '--steps', '8']);
    expect(table).toMatch(/blow-up \(M ≥ 1e100\) at t = 5; stopped: the next value is beyond/);
  });

  it('runs the differential, two-scale and constrained variants, with CSV and a chart', async () => {
    const diff = JSON.parse(await run(tapCommand, ['tap', '--differential', '--alpha', '1', '--dt', '0.1', '--steps', '20', '--json']));
    expect(diff.stop).toBe('blowup');
    expect(diff.blowupTime).toBeGreaterThan(0.7);
    expect(diff.blowupTime).toBeLessThan(0.8);
    const csv = (await run(tapCommand, ['tap', '--alpha', '0.05', '--architecture', '0.5', '--capacity', '1000', '--steps', '5', '--csv'])).trim().split('\n');
    expect(csv[0]).toBe('t,M,log10 M,exact M');
    expect(csv).toHaveLength(7);
    expect(await run(tapCommand, ['tap', '--alpha', '0.01', '--alpha1', '0.1', '--steps', '30', '--plot'])).toMatch(/\* log10 M/);
    await expect(run(tapCommand, ['tap', '--mu', '2'])).rejects.toThrow(/mu must lie in \[0, 1\]/);
    await expect(run(tapCommand, ['tap', '--dt', '0.5'])).rejects.toThrow(/add --differential/);
    await expect(run(tapCommand, ['tap', '--context', '0'])).rejects.toThrow(/context constraint/);
  });
});

describe('skillzip theory compare', () => {
  it('puts the DE learned fraction, the AG competence and the TAP trajectory side by side', async () => {
    const doc = JSON.parse(await run(compareCommand, ['compare', '--pp', '4', '--ratio', '1:2:0.5', '--scale', '1,10', '--steps', '3', '--json']));
    expect(doc.de.map((p: { ratio: number }) => p.ratio)).toEqual([1, 1.5, 2]);
    for (const p of doc.de) expect(p.learned).toBeCloseTo(evolve(Ensemble.pp(4), p.ratio).learned, 12);
    expect(doc.ag.params.k).toBeCloseTo(4, 12);
    expect(doc.ag.rows[0].theta).toBeCloseTo(0.2466, 4);
    expect(doc.tap.points).toHaveLength(4);
    const table = (await run(compareCommand, ['compare', '--pp', '4', '--ratio', '1:2:0.5', '--scale', '1,10', '--steps', '3', '--csv'])).trim().split('\n');
    expect(table[0]).toBe('R,DE learned,scale,AG theta,AG competence,t,TAP log10 M');
    expect(table).toHaveLength(5);
    expect(await run(compareCommand, ['compare', '--pp', '3', '--plot'])).toMatch(/DE learned fraction \(over R\)/);
    await expect(run(compareCommand, ['compare']).catch(cliMessage)).resolves.toMatch(/--pp D/);
    await expect(run(compareCommand, ['compare', '--pp', '4', '--alpha', '0.1,0.2'])).rejects.toThrow(/single --alpha/);
  });
});
