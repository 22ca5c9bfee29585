// `skillzip simulate` on the built CLI: the JSON contract, the same bytes for the same seed, and flags
// out of range refused (exit 2) by name.

import { describe, expect, it } from 'vitest';
import { skillzip } from './run.js';

const RUN = ['simulate', '--pp', '3', '--skills', '3000', '--trials', '3', '--seed', '9', '--ratio', '0.8:1.2:0.4', '--json'];

describe('skillzip simulate', () => {
  it('prints the JSON contract: points with ratio, measured {mean, low, high} and predicted', () => {
    const run = skillzip(RUN);
    expect(run.status, run.stderr).toBe(0);
    const doc = JSON.parse(run.text);
    expect(doc.points.map((p: { ratio: number }) => p.ratio)).toEqual([0.8, 1.2]);
    for (const p of doc.points) {
      expect(p.measured.low).toBeLessThanOrEqual(p.measured.mean);
      expect(p.measured.high).toBeGreaterThanOrEqual(p.measured.mean);
      expect(p.predicted).toBeGreaterThan(0);
      expect(p.predicted).toBeLessThan(1);
    }
    expect(doc.ensemble.view).toBe('pp');
    // same seed, same bytes
    expect(skillzip(RUN).stdout.equals(run.stdout)).toBe(true);
  });

  it.each([
    [['--skills', '-4'], /--skills -4/],
    [['--seed', '1.5'], /--seed 1.5/],
  ])('refuses %j, naming the flag', (args, message) => {
    const run = skillzip(['simulate', '--pp', '3', ...args]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
