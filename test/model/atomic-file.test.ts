import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { temporarySibling, writeFileAtomic } from '../../src/model/atomic-file.js';

describe('atomic file writing', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'skillzip-atomic-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('puts temporary names beside the target, hidden and fresh each time', () => {
    const target = path.join(dir, 'model.skm');
    const a = temporarySibling(target);
    expect(path.dirname(a)).toBe(dir);
    expect(path.basename(a)).toMatch(/^\.model\.skm\.\d+\.[0-9a-f]{8}\.tmp$/);
    expect(temporarySibling(target)).not.toBe(a);
  });

  it('replaces the target with the whole data and leaves no temporary file', async () => {
    const target = path.join(dir, 'out.bin');
    await writeFile(target, 'old contents');
    await writeFileAtomic(target, new Uint8Array([1, 2, 3]));
    expect([...(await readFile(target))]).toEqual([1, 2, 3]);
    expect(await readdir(dir)).toEqual(['out.bin']);
  });

  it('fails with the I/O error and leaves nothing behind when the target cannot be replaced', async () => {
    const target = path.join(dir, 'a-folder');
    await writeFile(path.join(dir, 'keep'), 'x');
    await mkdir(path.join(target, 'inside'), { recursive: true });
    await expect(writeFileAtomic(target, 'data')).rejects.toThrow(/EISDIR|ENOTEMPTY|EEXIST|EPERM/);
    expect((await readdir(dir)).sort()).toEqual(['a-folder', 'keep']);
  });
});
