import { afterEach, describe, expect, it, vi } from 'vitest';
import yargs from 'yargs';
import { simulateCommand } from '../../cli/commands/simulate.js';
import { cliMessage } from '../../cli/errors.js';

/** Runs `skillzip simulate ARGS` through yargs and returns what it printed on stdout. */
async function simulate(args: string[]): Promise<string> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  await yargs(['simulate', ...args]).command(simulateCommand).strict().exitProcess(false).fail((msg, err) => {
    throw err ?? new Error(msg);
  }).parseAsync();
  return out;
}

afterEach(() => vi.restoreAllMocks());

describe('skillzip simulate', () => {
  it('prints the JSON contract: points with ratio, measured {mean, low, high} and predicted', async () => {
    const doc = JSON.parse(await simulate(['--pp', '3', '--skills', '3000', '--trials', '3', '--seed', '9', '--ratio', '0.8:1.2:0.4', '--json']));
    expect(doc.points.map((p: { ratio: number }) => p.ratio)).toEqual([0.8, 1.2]);
    for (const p of doc.points) {
      expect(p.measured.low).toBeLessThanOrEqual(p.measured.mean);
      expect(p.measured.high).toBeGreaterThanOrEqual(p.measured.mean);
      expect(p.predicted).toBeGreaterThan(0);
      expect(p.predicted).toBeLessThan(1);
    }
    expect(doc.ensemble.view).toBe('pp');
    // same seed, same bytes
    expect(await simulate(['--pp', '3', '--skills', '3000', '--trials', '3', '--seed', '9', '--ratio', '0.8:1.2:0.4', '--json'])).toBe(JSON.stringify(doc, null, 2) + '\n');
  });

  it('names the offending flag', async () => {
    // the library names its parameters (skills, seed); the CLI's messages name the flags
    await expect(simulate(['--pp', '3', '--skills', '-4']).catch(cliMessage)).resolves.toMatch(/--skills -4/);
    await expect(simulate(['--pp', '3', '--seed', '1.5']).catch(cliMessage)).resolves.toMatch(/--seed 1.5/);
  });
});
