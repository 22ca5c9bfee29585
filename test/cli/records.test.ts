// `decode --records A-B`: a file is read at the frames its trailer's index locates, stdin is scanned, and both give
// exactly the lines a full decode gives for those records — in a stream of several members too (`encode -c a b`); a
// stream without a usable index is said to be scanned; a malformed range is a usage error.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratch, skillzip } from './run.js';

describe('decode --records', () => {
  const dir = scratch('records');
  const text = (from: number, count: number): string => Array.from({ length: count }, (_, i) => `record ${from + i} tells of the river, the mill and the ${i % 7} dogs`).join('\n') + '\n';
  writeFileSync(path.join(dir, 'a.txt'), text(0, 3000));
  writeFileSync(path.join(dir, 'b.txt'), text(3000, 500));

  it('reads a range of a file of two members through the index, and the same range of stdin by scanning', () => {
    writeFileSync(path.join(dir, 'ab.skz'), skillzip(['encode', '-c', 'a.txt', 'b.txt'], undefined, dir).stdout);
    const all = skillzip(['decode', 'ab.skz'], undefined, dir).text.split('\n');
    expect(all).toHaveLength(3501);
    for (const [range, first, last] of [
      ['1020-1030', 1020, 1030],
      ['2990-3010', 2990, 3010],
      ['3499', 3499, 3499],
      ['3400-', 3400, 3499],
    ] as const) {
      const expected = all.slice(first, last + 1).join('\n') + '\n';
      const sought = skillzip(['decode', 'ab.skz', '--records', range], undefined, dir);
      expect([sought.status, sought.stderr, sought.text]).toEqual([0, '', expected]);
      const scanned = skillzip(['decode', '--records', range], readFileSync(path.join(dir, 'ab.skz')), dir);
      expect([scanned.status, scanned.stderr, scanned.text]).toEqual([0, '', expected]);
    }
    expect(skillzip(['decode', 'ab.skz', '--records', '5000-5005'], undefined, dir).text).toBe('');
  });

  it('says when a file has no usable index and scans it instead', () => {
    const stream = skillzip(['encode', 'a.txt', '-c'], undefined, dir).stdout;
    writeFileSync(path.join(dir, 'cut.skz'), stream.subarray(0, stream.length - 1));
    const run = skillzip(['decode', 'cut.skz', '--records', '5-6', '--format', 'text'], undefined, dir);
    expect(run.text.split('\n')).toHaveLength(3);
    expect(run.stderr).toMatch(/^skillzip: cut\.skz: no usable frame index \(the last trailer .*\); scanning the whole stream for records 5–6\nskillzip: cut\.skz: trailer .* is truncated/);
    expect(run.status).toBe(1);
  });

  it('refuses a malformed range', () => {
    const run = skillzip(['decode', 'ab.skz', '--records', '9-3'], undefined, dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--records 9-3: expected A-B/);
  });
});
