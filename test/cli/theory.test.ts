// `skillzip theory threshold | curve | scaling | percolation | finetune` on the built CLI: the JSON contracts with
// reference values (THEORY.md §4: G* = 0.938635 for liva8, the PP jump R_c = 1.037886), CSV and charts, an
// empirical degree file, and usage mistakes (exit 2) naming the flag.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { skillzip } from './run.js';

/** Runs `skillzip ARGV` and returns its stdout, failing with its stderr when it did not exit 0. */
function out(...argv: string[]): string {
  const run = skillzip(argv);
  expect(run.status, run.stderr).toBe(0);
  return run.text;
}

describe('skillzip theory', () => {
  it('threshold --json prints R*, G*, jump, learner, ensemble', () => {
    const doc = JSON.parse(out('theory', 'threshold', '--skill-degree', 'liva8', '--json'));
    expect(Math.abs(doc.load - 0.938635)).toBeLessThan(1e-6);
    expect(doc.ratio).toBeCloseTo(1 / 0.938635, 5);
    expect(doc.jump).toBeNull();
    expect(doc.learner).toBe('1');
    expect(doc.ensemble).toEqual({ view: 'irsa', skillDegree: 'liva8', textDegree: null, learner: '1', prior: 1 });
  });

  it('threshold --json for the PP model gives the jump with its lower spinodal and closed form', () => {
    const doc = JSON.parse(out('theory', 'threshold', '--skill-degree', 'poisson', '--text-degree', 'poisson:3', '--json'));
    expect(doc.ratio).toBeNull();
    expect(doc.load).toBeNull();
    expect(Math.abs(doc.jump.ratio - 1.037886)).toBeLessThan(1e-5);
    expect(doc.jump.lowerRatio).toBeLessThan(doc.jump.ratio);
    expect(doc.jump.closedForm.ratio).toBeCloseTo(doc.jump.ratio, 7);
  });

  it('curve --json has the contract fields; --csv the table; --plot a chart', () => {
    const doc = JSON.parse(out('theory', 'curve', '--pp', '3', '--ratio', '0.5:1.5:0.5', '--json'));
    expect(doc.points.map((p: { ratio: number }) => p.ratio)).toEqual([0.5, 1, 1.5]);
    for (const p of doc.points) {
      for (const key of ['ratio', 'learned', 'skillError', 'textError', 'iterations']) expect(p).toHaveProperty(key);
      expect(p.learned + p.skillError).toBeCloseTo(1, 12);
    }
    const csv = out('theory', 'curve', '--pp', '3', '--ratio', '1', '--csv').trim().split('\n');
    expect(csv[0]).toBe('ratio,learned,skillError,textError,edgeLearned,textsCovered,iterations,converged');
    expect(csv).toHaveLength(2);
    const plot = out('theory', 'curve', '--pp', '3', '--ratio', '0.5:1.5:0.1', '--plot');
    expect(plot).toContain('learned fraction (DE)');
    expect(plot).toMatch(/\|[ *]+/);
  });

  it('curve --trajectory with one ratio adds the rounds', () => {
    const doc = JSON.parse(out('theory', 'curve', '--skill-degree', 'x^3', '--ratio', '1', '--trajectory', '--json'));
    expect(doc.points[0].trajectory).toHaveLength(doc.points[0].iterations);
    expect(out('theory', 'curve', '--skill-degree', 'x^3', '--ratio', '1', '--trajectory')).toContain('rounds at R = 1');
  });

  it('scaling, percolation and finetune print their documents', () => {
    const scaling = JSON.parse(out('theory', 'scaling', '--pp', '3', '--ratio', '1.5:4:0.5', '--json'));
    expect(scaling.fit.slope).toBeLessThan(-2.5);
    expect(scaling.points).toHaveLength(6);
    const percolation = JSON.parse(out('theory', 'percolation', '--pp', '3', '--occupation', 'all', '--ratio', '0.1:0.2:0.05', '--json'));
    expect(percolation.threshold).toBeCloseTo(1 / 9, 8);
    expect(percolation.points.map((p: { exists: boolean }) => p.exists)).toEqual([false, true, true]);
    const finetune = JSON.parse(out('theory', 'finetune', '--pp', '4', '--special', '3', '--ratio', '1:2:1', '--json'));
    expect(finetune.points).toHaveLength(2);
    expect(finetune.emergence.tuned).toBeLessThan(finetune.emergence.scratch);
    expect(finetune.foundation.residual).toBeGreaterThan(0);
  });

  it('reads --skill-degree @file.json (an empirical histogram) and sweeps R below its own ratio', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'skillzip-theory-'));
    const skills = path.join(dir, 'skills.json');
    writeFileSync(skills, JSON.stringify({ perspective: 'node', counts: [0, 40, 30, 20, 10] }));
    try {
      const doc = JSON.parse(out('theory', 'curve', '--skill-degree', `@${skills}`, '--text-degree', '0.5x+0.5x^2', '--ratio', '0.5:1:0.5', '--json'));
      expect(doc.ensemble).toMatchObject({ view: 'empirical', skillDegree: skills, textDegree: '0.5x+0.5x^2' });
      expect(doc.points[1].learned).toBeGreaterThan(doc.points[0].learned);
      const beyond = skillzip(['theory', 'curve', '--skill-degree', `@${skills}`, '--text-degree', '0.5x+0.5x^2', '--ratio', '2']);
      expect(beyond.status).toBe(2);
      expect(beyond.stderr).toContain('--ratio 2');
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
  ])('%j is a usage error (exit 2) naming %s', (argv, flag) => {
    const run = skillzip(argv);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(flag);
    expect(run.text).toBe('');
  });

  it.each(['threshold', 'curve', 'scaling', 'percolation', 'finetune'])('%s --help shows an example', (name) => {
    const help = out('theory', name, '--help');
    expect(help).toContain('Examples:');
    expect(help).toContain(`skillzip theory ${name}`);
  });
});
