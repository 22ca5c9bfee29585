// `-T N` of the built command line: encode and decode give the same bytes for -T 1, 2 and 0 (every core); the
// workers load from the bundle; `| head` ends quietly; a damaged frame decoded on a worker is named, after the
// records before it, exit 1, and the process ends (no worker left running); a bad -T is a usage error.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratch, skillzip } from './run.js';

const CLI = path.resolve('dist/bundle/skillzip.js');

describe('-T / --threads', () => {
  const dir = scratch('threads');
  const text = Array.from({ length: 6000 }, (_, i) => `the ${i % 13} mills of the river town ground corn for ${i % 29} farms and the jury praised the election`).join('\n') + '\n';
  writeFileSync(path.join(dir, 'in.txt'), text);

  it('encode and decode give the same bytes for every number of threads', () => {
    const one = skillzip(['encode', 'in.txt', '-c'], undefined, dir);
    expect(one.status).toBe(0);
    writeFileSync(path.join(dir, 'in.skz'), one.stdout);
    const lines = skillzip(['decode', 'in.skz'], undefined, dir);
    expect(lines.text.split('\n')).toHaveLength(6001);
    for (const threads of ['2', '0']) {
      const encoded = skillzip(['encode', 'in.txt', '-c', '-T', threads], undefined, dir);
      expect([encoded.status, encoded.stderr]).toEqual([0, '']);
      expect(encoded.stdout.equals(one.stdout)).toBe(true);
      const decoded = skillzip(['decode', 'in.skz', '--threads', threads], undefined, dir);
      expect([decoded.status, decoded.stderr]).toEqual([0, '']);
      expect(decoded.stdout.equals(lines.stdout)).toBe(true);
    }
  });

  it('| head ends quietly', () => {
    const run = spawnSync('bash', ['-c', `set -o pipefail; node ${JSON.stringify(CLI)} decode in.skz -T 2 --format text | head -3`], { cwd: dir, timeout: 60_000 });
    expect([run.status, run.stderr.toString()]).toEqual([0, '']);
    expect(run.stdout.toString().split('\n')).toHaveLength(4);
  });

  it('a damaged frame decoded on a worker is named after the records before it; exit 1', () => {
    const bytes = readFileSync(path.join(dir, 'in.skz'));
    const damaged = Buffer.from(bytes);
    damaged[Math.floor(bytes.length * 0.8)] ^= 0x20;
    writeFileSync(path.join(dir, 'bad.skz'), damaged);
    const one = skillzip(['decode', 'bad.skz'], undefined, dir);
    const two = skillzip(['decode', 'bad.skz', '-T', '2'], undefined, dir);
    expect(one.status).toBe(1);
    expect(one.stderr).toMatch(/^skillzip: bad\.skz: frame \d+ \(records \d+–\d+\) is corrupt/);
    expect([two.status, two.stderr]).toEqual([one.status, one.stderr]);
    expect(two.stdout.equals(one.stdout)).toBe(true);
    expect(two.text.split('\n').length).toBeGreaterThan(3000);
  });

  it('refuses a thread count that is not a whole number ≥ 0', () => {
    for (const bad of ['-1', '1.5']) {
      const run = skillzip(['encode', 'in.txt', '-c', '-T', bad], undefined, dir);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/--threads .*: expected a whole number ≥ 0/);
    }
  });
});
