// `train --shard-out` and `skillzip merge` as shipped: shards of a corpus merged in order give the model (same id) of
// training on the whole corpus; mismatched shards, a damaged shard and usage mistakes are refused with the exit status
// of their kind, naming the file.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratch, skillzip } from './run.js';

const lines = readFileSync('fixtures/corpora/tiny.txt', 'utf8').split('\n');

describe('train --shard-out and merge', () => {
  const dir = scratch('merge');
  writeFileSync(path.join(dir, 'a.txt'), lines.slice(0, 40).join('\n') + '\n');
  writeFileSync(path.join(dir, 'b.txt'), lines.slice(40).join('\n'));
  writeFileSync(path.join(dir, 'all.txt'), lines.slice(0, 40).join('\n') + '\n' + lines.slice(40).join('\n'));
  const idOf = (run: { text: string }): string => (JSON.parse(run.text) as { id: string }).id;

  it('shards merged in order give the model of the whole corpus', () => {
    for (const part of ['a', 'b']) {
      const run = skillzip(['train', `${part}.txt`, '--shard-out', `${part}.sks`, '--json'], undefined, dir);
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.text).shard).toBe(`${part}.sks`);
    }
    const merged = skillzip(['merge', 'a.sks', 'b.sks', '-o', 'm.skm', '--min-count', '2', '--json'], undefined, dir);
    expect(merged.status, merged.stderr).toBe(0);
    const whole = skillzip(['train', 'all.txt', '-o', 'w.skm', '--min-count', '2', '--json'], undefined, dir);
    expect(idOf(merged)).toBe(idOf(whole));
    expect(readFileSync(path.join(dir, 'm.skm')).equals(readFileSync(path.join(dir, 'w.skm')))).toBe(true);
    expect(idOf(skillzip(['merge', 'b.sks', 'a.sks', '-o', 'r.skm', '--min-count', '2', '--json'], undefined, dir))).not.toBe(idOf(whole));
  });

  it('refuses shards of another extraction, a damaged shard and usage mistakes', () => {
    expect(skillzip(['train', 'b.txt', '--shard-out', 'c.sks', '--min-length', '3'], undefined, dir).status).toBe(0);
    const mismatch = skillzip(['merge', 'a.sks', 'c.sks', '-o', 'x.skm'], undefined, dir);
    expect([mismatch.status, mismatch.stderr]).toEqual([1, 'skillzip: c.sks: extractor setting minLength is 3, a.sks has 2; shards must come from the same extraction\n']);
    const bytes = readFileSync(path.join(dir, 'a.sks'));
    bytes[bytes.length - 9] ^= 1;
    writeFileSync(path.join(dir, 'bad.sks'), bytes);
    const damaged = skillzip(['merge', 'bad.sks', '-o', 'x.skm'], undefined, dir);
    expect([damaged.status, damaged.stderr]).toEqual([1, 'skillzip: bad.sks: corrupt shard file (CRC mismatch)\n']);
    expect(skillzip(['train', 'a.txt', '-o', 'q.skm', '--shard-out', 'q.sks'], undefined, dir).status).toBe(2);
    expect(skillzip(['train', 'a.txt', '--shard-out', 'q.sks', '--collocations'], undefined, dir).status).toBe(2);
  });
});
