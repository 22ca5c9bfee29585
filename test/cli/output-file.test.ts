// -o never destroys and never loses: devices, FIFOs and symlinks are written through, not replaced; an
// existing file is replaced only with -f (encode, decode, train); no temporary file survives an error or a signal,
// and a signal ends the process with 128 + its number.

import { spawnSync } from 'node:child_process';
import { createReadStream, lstatSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratch, skillzip, start } from './run.js';

const TEXT = 'The jury praised the election\nThe county said Friday an investigation produced no evidence\n';

/** What `skillzip encode` writes for TEXT on stdout: the bytes every -o target must receive. */
function expectedStream(): Buffer {
  const run = skillzip(['encode'], TEXT);
  expect(run.status).toBe(0);
  return run.stdout;
}

function textFile(dir: string): string {
  const file = path.join(dir, 'in.txt');
  writeFileSync(file, TEXT);
  return file;
}

describe('-o writes through what is not a regular file', () => {
  it('a FIFO stays a FIFO and its reader gets the stream', async () => {
    const dir = scratch('fifo');
    const fifo = path.join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const received: Buffer[] = [];
    const reader = new Promise<void>((resolve, reject) => {
      createReadStream(fifo).on('data', (b) => received.push(b as Buffer)).on('end', resolve).on('error', reject);
    });
    const { done } = start(['encode', textFile(dir), '-o', fifo]);
    const run = await done;
    await reader;
    expect(run.status, run.stderr).toBe(0);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(Buffer.concat(received).equals(expectedStream())).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['in.txt', 'pipe']);
  });

  it('a symlink stays a symlink: its target is written (created, or replaced with -f)', () => {
    const dir = scratch('symlink');
    const input = textFile(dir);
    const link = path.join(dir, 'link.skz');
    const target = path.join(dir, 'target.skz');
    symlinkSync('target.skz', link);
    expect(skillzip(['encode', input, '-o', link]).status).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target).equals(expectedStream())).toBe(true);

    writeFileSync(target, 'precious');
    const refused = skillzip(['encode', input, '-o', link]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(`skillzip: ${link} already exists; not overwritten (use -f to overwrite)\n`);
    expect(readFileSync(target, 'utf8')).toBe('precious');
    expect(skillzip(['encode', input, '-o', link, '-f']).status).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target).equals(expectedStream())).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['in.txt', 'link.skz', 'target.skz']);
  });

  it('a character device stays a device (root only, where mknod is allowed)', (ctx) => {
    const dir = scratch('device');
    const device = path.join(dir, 'null');
    if (process.getuid?.() !== 0 || spawnSync('mknod', [device, 'c', '1', '3']).status !== 0) ctx.skip();
    const run = skillzip(['encode', textFile(dir), '-o', device]);
    expect(run.status, run.stderr).toBe(0);
    expect(statSync(device).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['in.txt', 'null']);
  });
});

describe('an existing file is replaced only with -f', () => {
  const dir = scratch('force');
  const input = textFile(dir);
  const stream = path.join(dir, 'in.skz');
  writeFileSync(stream, expectedStream());
  const cases: Array<[string, string[]]> = [
    ['encode', ['encode', input]],
    ['decode', ['decode', stream]],
    ['train', ['train', input]],
  ];
  it.each(cases)('%s refuses (exit 1, naming the file, the file untouched); -f overwrites', (_name, args) => {
    const out = path.join(dir, `out-${args[0]}`);
    writeFileSync(out, 'precious');
    const refused = skillzip([...args, '-o', out]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(`skillzip: ${out} already exists; not overwritten (use -f to overwrite)\n`);
    expect(readFileSync(out, 'utf8')).toBe('precious');
    const forced = skillzip([...args, '-o', out, '--force']);
    expect(forced.status, forced.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toBe('precious');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('no temporary file survives', () => {
  it('an input error: no output, no temporary file, exit 1', () => {
    const dir = scratch('error');
    const run = skillzip(['encode', '--unit', 'jsonl', '-o', path.join(dir, 'out.skz')], '{"text": "fine"}\n{broken\n');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^skillzip: stdin/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s during encode -o: the temporary file is removed, exit %i', async (signal, status) => {
    const dir = scratch('signal');
    const { child, done } = start(['encode', '-o', path.join(dir, 'out.skz')]);
    child.stdin.write(TEXT); // stdin stays open: encode waits for more
    for (let waited = 0; readdirSync(dir).length === 0; waited += 20) {
      expect(waited, 'no temporary file appeared').toBeLessThan(30_000);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(readdirSync(dir)[0]).toMatch(/^\.out\.skz\.\d+\.[0-9a-f]+\.tmp$/);
    child.kill(signal);
    const run = await done;
    expect(run.status).toBe(status);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('decode -o keeps what came through intact', () => {
  it('a corrupt frame: the -o file holds every record of the frames before it, then exit 1 naming the frame', () => {
    const dir = scratch('damage');
    const lines = Array.from({ length: 3000 }, (_, i) => `The jury praised the election number ${i} in the county court`).join('\n');
    const encoded = skillzip(['encode'], lines);
    expect(encoded.status, encoded.stderr).toBe(0);
    const damaged = Buffer.from(encoded.stdout);
    damaged[damaged.length - 200] ^= 0x55; // inside the last frame (1024 records a frame)
    const input = path.join(dir, 'bad.skz');
    writeFileSync(input, damaged);
    const stdout = skillzip(['decode', input]);
    const out = path.join(dir, 'out.jsonl');
    const run = skillzip(['decode', input, '-o', out]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/frame 2 \(records 2048–2999\) is corrupt/);
    const kept = readFileSync(out, 'utf8').trim().split('\n');
    expect(kept).toHaveLength(2048);
    expect(readFileSync(out).equals(stdout.stdout)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['bad.skz', 'out.jsonl']);
  });
});
