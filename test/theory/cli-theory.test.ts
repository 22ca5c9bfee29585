import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import yargs from 'yargs';
import { theoryCommand } from '../../cli/commands/theory/index.js';
import { UsageError } from '../../src/util/errors.js';
import { cliMessage, exitStatusOf } from '../../cli/errors.js';

/** Runs `skillzip theory ...` in this process with main's parser settings; returns stdout or the error thrown. */
async function run(...argv: string[]): Promise<{ out: string; error?: Error }> {
  const chunks: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    chunks.push(parts.join(' ') + '\n');
  });
  let error: Error | undefined;
  try {
    await yargs(argv)
      .scriptName('skillzip')
      .command(theoryCommand)
      .strictCommands()
      .strictOptions()
      .exitProcess(false)
      .fail((msg, err) => {
        throw err ?? new UsageError(msg);
      })
      .parseAsync();
  } catch (err) {
    error = err as Error;
  } finally {
    write.mockRestore();
    log.mockRestore();
  }
  return { out: chunks.join(''), error };
}

describe('skillzip theory (in-process)', () => {
  it('threshold --json prints R*, G*, jump, learner, ensemble', async () => {
    const { out, error } = await run('theory', 'threshold', '--skill-degree', 'liva8', '--json');
    expect(error).toBeUndefined();
    const doc = JSON.parse(out);
    expect(Math.abs(doc.load - 0.938635)).toBeLessThan(1e-6);
    expect(doc.ratio).toBeCloseTo(1 / 0.938635, 5);
    expect(doc.jump).toBeNull();
    expect(doc.learner).toBe('1');
    expect(doc.ensemble).toEqual({ view: 'irsa', skillDegree: 'liva8', textDegree: null, learner: '1', prior: 1 });
  });

  it('threshold --json for the PP model gives the jump with its lower spinodal and closed form', async () => {
    const doc = JSON.parse((await run('theory', 'threshold', '--skill-degree', 'poisson', '--text-degree', 'poisson:3', '--json')).out);
    expect(doc.ratio).toBeNull();
    expect(doc.load).toBeNull();
    expect(Math.abs(doc.jump.ratio - 1.037886)).toBeLessThan(1e-5);
    expect(doc.jump.lowerRatio).toBeLessThan(doc.jump.ratio);
    expect(doc.jump.closedForm.ratio).toBeCloseTo(doc.jump.ratio, 7);
  });

  it('curve --json has the contract fields; --csv the table; --plot a chart', async () => {
    const doc = JSON.parse((await run('theory', 'curve', '--pp', '3', '--ratio', '0.5:1.5:0.5', '--json')).out);
    expect(doc.points.map((p: { ratio: number }) => p.ratio)).toEqual([0.5, 1, 1.5]);
    for (const p of doc.points) {
      for (const key of ['ratio', 'learned', 'skillError', 'textError', 'iterations']) expect(p).toHaveProperty(key);
      expect(p.learned + p.skillError).toBeCloseTo(1, 12);
    }
    const csv = (await run('theory', 'curve', '--pp', '3', '--ratio', '1', '--csv')).out.trim().split('\n');
    expect(csv[0]).toBe('ratio,learned,skillError,textError,edgeLearned,textsCovered,iterations,converged');
    expect(csv).toHaveLength(2);
    const plot = (await run('theory', 'curve', '--pp', '3', '--ratio', '0.5:1.5:0.1', '--plot')).out;
    expect(plot).toContain('learned fraction (DE)');
    expect(plot).toMatch(/\|[ *]+/);
  });

  it('curve --trajectory with one ratio adds the rounds', async () => {
    const doc = JSON.parse((await run('theory', 'curve', '--skill-degree', 'x^3', '--ratio', '1', '--trajectory', '--json')).out);
    expect(doc.points[0].trajectory).toHaveLength(doc.points[0].iterations);
    expect((await run('theory', 'curve', '--skill-degree', 'x^3', '--ratio', '1', '--trajectory')).out).toContain('rounds at R = 1');
  });

  it('scaling, percolation and finetune print their documents', async () => {
    const scaling = JSON.parse((await run('theory', 'scaling', '--pp', '3', '--ratio', '1.5:4:0.5', '--json')).out);
    expect(scaling.fit.slope).toBeLessThan(-2.5);
    expect(scaling.points).toHaveLength(6);
    const percolation = JSON.parse((await run('theory', 'percolation', '--pp', '3', '--occupation', 'all', '--ratio', '0.1:0.2:0.05', '--json')).out);
    expect(percolation.threshold).toBeCloseTo(1 / 9, 8);
    expect(percolation.points.map((p: { exists: boolean }) => p.exists)).toEqual([false, true, true]);
    const finetune = JSON.parse((await run('theory', 'finetune', '--pp', '4', '--special', '3', '--ratio', '1:2:1', '--json')).out);
    expect(finetune.points).toHaveLength(2);
    expect(finetune.emergence.tuned).toBeLessThan(finetune.emergence.scratch);
    expect(finetune.foundation.residual).toBeGreaterThan(0);
  });

  it('reads --skill-degree @file.json (an empirical histogram) and sweeps R below its own ratio', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'skillzip-theory-'));
    const skills = path.join(dir, 'skills.json');
    writeFileSync(skills, JSON.stringify({ perspective: 'node', counts: [0, 40, 30, 20, 10] }));
    try {
      const doc = JSON.parse((await run('theory', 'curve', '--skill-degree', `@${skills}`, '--text-degree', '0.5x+0.5x^2', '--ratio', '0.5:1:0.5', '--json')).out);
      expect(doc.ensemble).toMatchObject({ view: 'empirical', skillDegree: skills, textDegree: '0.5x+0.5x^2' });
      expect(doc.points[1].learned).toBeGreaterThan(doc.points[0].learned);
      const { error } = await run('theory', 'curve', '--skill-degree', `@${skills}`, '--text-degree', '0.5x+0.5x^2', '--ratio', '2');
      expect(exitStatusOf(error)).toBe(2);
      expect(cliMessage(error!)).toContain('--ratio 2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [['theory', 'curve', '--skill-degree', '0.5x^2+0.6x^3'], '--skill-degree'],
    [['theory', 'curve', '--pp', '3', '--ratio', '2:1:0.1'], '--ratio'],
    [['theory', 'threshold', '--pp', '3', '--learner', 'phi:7'], "learner 'phi:7'"],
    [['theory', 'threshold'], '--skill-degree'],
    [['theory', 'threshold', '--pp', '3', '--ratio', '1'], 'ratio'],
    [['theory', 'percolation', '--pp', '3', '--occupation', 'some'], '--occupation'],
    [['theory', 'finetune', '--pp', '3', '--basic', '0'], '--basic'],
    [['theory', 'curve', '--pp', '3', '--json', '--csv'], 'csv'],
  ])('%j is a usage error naming %s', async (argv, flag) => {
    const { error } = await run(...argv);
    expect(exitStatusOf(error)).toBe(2);
    expect(cliMessage(error!)).toContain(flag);
  });

  it.each(['threshold', 'curve', 'scaling', 'percolation', 'finetune'])('%s --help shows an example', async (name) => {
    const { out } = await run('theory', name, '--help');
    expect(out).toContain('Examples:');
    expect(out).toContain(`skillzip theory ${name}`);
  });
});
