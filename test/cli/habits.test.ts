// gzip habits: `skillzip FILE...` and `-d` code files beside themselves (-c, --rm, -f, -v), encode and
// decode do the same with several files, -t checks streams (exit 1 on damage), -l lists them, -V prints the version,
// inspect exits 1 on damage, progress appears on stderr only when asked for (or on a terminal), never with -q.

import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratch, skillzip } from './run.js';

const A = 'The jury praised the election\n';
const B = 'The county said Friday an investigation produced no evidence\nQuasar zyxwvut flummoxed the jury\n';

function folder(): string {
  const dir = scratch('habits');
  writeFileSync(path.join(dir, 'a.txt'), A);
  writeFileSync(path.join(dir, 'b.txt'), B);
  return dir;
}

/** A stream of `text` as encode writes it on stdout. */
function streamOf(text: string): Buffer {
  return skillzip(['encode'], text).stdout;
}

/** The JSON Lines records of `text`, as decode writes them on stdout. */
function recordsOf(text: string): string {
  return skillzip(['decode'], streamOf(text)).stdout.toString();
}

describe('skillzip FILE... and -d', () => {
  it('a directory named as input is refused naming it, exit 1, nothing written', () => {
    const dir = folder();
    const run = skillzip(['encode', '-c', dir], undefined, dir);
    expect(run.status).toBe(1);
    expect(run.stdout.length).toBe(0);
    expect(run.stderr.toString()).toContain(`skillzip: ${dir}: Illegal operation on a directory`);
  });

  it('FILE → FILE.skz beside it, input kept; -d gives the records back in FILE', () => {
    const dir = folder();
    const run = skillzip(['a.txt', 'b.txt'], undefined, dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.length).toBe(0);
    expect(readFileSync(path.join(dir, 'a.txt.skz')).equals(streamOf(A))).toBe(true);
    expect(readFileSync(path.join(dir, 'b.txt.skz')).equals(streamOf(B))).toBe(true);
    expect(readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe(A);

    const back = skillzip(['-d', '-f', 'a.txt.skz', 'b.txt.skz'], undefined, dir);
    expect(back.status, back.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe(recordsOf(A));
    expect(readFileSync(path.join(dir, 'b.txt'), 'utf8')).toBe(recordsOf(B));
  });

  it('a single FILE is written beside it too; -c writes to stdout instead', () => {
    const dir = folder();
    expect(skillzip(['a.txt'], undefined, dir).status).toBe(0);
    expect(existsSync(path.join(dir, 'a.txt.skz'))).toBe(true);
    const out = skillzip(['-c', 'b.txt'], undefined, dir);
    expect(out.stdout.equals(streamOf(B))).toBe(true);
    expect(existsSync(path.join(dir, 'b.txt.skz'))).toBe(false);
  });

  it('--rm removes each input once its output is complete; -v reports each file', () => {
    const dir = folder();
    const run = skillzip(['--rm', '-v', 'a.txt', 'b.txt'], undefined, dir);
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['a.txt.skz', 'b.txt.skz']);
    expect(run.stderr).toMatch(/^a\.txt: 30 → \d+ bytes -- created a\.txt\.skz, input removed\nb\.txt: /);
  });

  it('an existing output is refused (the other files still done, exit 1); -f overwrites', () => {
    const dir = folder();
    writeFileSync(path.join(dir, 'a.txt.skz'), 'precious');
    const run = skillzip(['a.txt', 'b.txt'], undefined, dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('skillzip: a.txt.skz already exists; not overwritten (use -f to overwrite)\n');
    expect(readFileSync(path.join(dir, 'a.txt.skz'), 'utf8')).toBe('precious');
    expect(existsSync(path.join(dir, 'b.txt.skz'))).toBe(true);
    expect(skillzip(['-f', 'a.txt'], undefined, dir).status).toBe(0);
    expect(readFileSync(path.join(dir, 'a.txt.skz')).equals(streamOf(A))).toBe(true);
  });

  it('-d refuses a name without .skz (unless -c); encoding refuses a name with it; a missing file is named', () => {
    const dir = folder();
    const run = skillzip(['-d', 'a.txt'], undefined, dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^skillzip: a\.txt: no \.skz suffix to strip/);
    writeFileSync(path.join(dir, 'c.skz'), streamOf(A));
    expect(skillzip(['-d', '-c', 'c.skz'], undefined, dir).stdout.toString()).toBe(recordsOf(A));
    expect(skillzip(['c.skz'], undefined, dir).stderr).toBe('skillzip: c.skz already has the .skz suffix; left unchanged\n');
    expect(skillzip(['nothing.txt'], undefined, dir).stderr).toBe('skillzip: nothing.txt: No such file or directory\n');
  });

  it('without FILEs: stdin to stdout, both ways', () => {
    const stream = skillzip([], A);
    expect(stream.stdout.equals(streamOf(A))).toBe(true);
    expect(skillzip(['-d'], stream.stdout).stdout.toString()).toBe(recordsOf(A));
  });

  it("-V prints skillzip's version, whichever folder it runs in (not that folder's package.json, nor 'unknown')", () => {
    const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
    expect(skillzip(['-V']).stdout.toString()).toBe(`${version}\n`);
    const elsewhere = scratch('version');
    expect(skillzip(['-V'], undefined, elsewhere).stdout.toString()).toBe(`${version}\n`);
    writeFileSync(path.join(elsewhere, 'package.json'), JSON.stringify({ name: 'my-project', version: '9.9.9' }));
    expect(skillzip(['--version'], undefined, elsewhere).stdout.toString()).toBe(`${version}\n`);
  });
});

describe('encode and decode with several files', () => {
  it('each to the file beside it; -o with several inputs is a usage error', () => {
    const dir = folder();
    expect(skillzip(['encode', 'a.txt', 'b.txt'], undefined, dir).status).toBe(0);
    expect(readFileSync(path.join(dir, 'b.txt.skz')).equals(streamOf(B))).toBe(true);
    expect(skillzip(['decode', '-f', 'a.txt.skz', 'b.txt.skz', '--format', 'text'], undefined, dir).status).toBe(0);
    expect(readFileSync(path.join(dir, 'a.txt'), 'utf8')).toBe(skillzip(['decode', '--format', 'text'], streamOf(A)).stdout.toString());
    const usage = skillzip(['encode', 'a.txt', 'b.txt', '-o', 'x.skz'], undefined, dir);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/-o names one output file/);
  });

  it('-c with several FILEs writes their streams concatenated, which decode and inspect read as members', () => {
    const dir = folder();
    const run = skillzip(['encode', '-c', 'a.txt', 'b.txt'], undefined, dir);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.equals(Buffer.concat([streamOf(A), streamOf(B)]))).toBe(true);
    const records = skillzip(['decode'], run.stdout).text.trim().split('\n').map((line) => JSON.parse(line));
    expect(records.map((r) => r.record)).toEqual([0, 1, 2]);
    expect(records.map((r) => r.skills)).toEqual(recordsOf(A + B).trim().split('\n').map((line) => JSON.parse(line).skills));
    writeFileSync(path.join(dir, 'ab.skz'), run.stdout);
    const inspect = skillzip(['inspect', 'ab.skz', '--json'], undefined, dir);
    expect(inspect.status, inspect.stderr).toBe(0);
    expect(JSON.parse(inspect.text).members.map((m: { records: number }) => m.records)).toEqual([1, 2]);
  });

  it('one FILE still goes to stdout, as before', () => {
    const dir = folder();
    expect(skillzip(['encode', 'a.txt'], undefined, dir).stdout.equals(streamOf(A))).toBe(true);
    expect(existsSync(path.join(dir, 'a.txt.skz'))).toBe(false);
  });
});

describe('-t, -l and inspect on intact and damaged streams', () => {
  const dir = folder();
  const good = path.join(dir, 'good.skz');
  const bad = path.join(dir, 'bad.skz');
  writeFileSync(good, streamOf(B));
  const damaged = Buffer.from(streamOf(B));
  damaged[damaged.length - 30] ^= 0xff; // inside the frame, before the trailer
  writeFileSync(bad, damaged);

  it('-t writes nothing, says OK with -v, and exits 1 on damage naming the frame', () => {
    const ok = skillzip(['-t', '-v', good]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout.length).toBe(0);
    expect(ok.stderr).toBe(`${good}: OK\n`);
    const run = skillzip(['-t', good, bad]);
    expect(run.status).toBe(1);
    expect(run.stdout.length).toBe(0);
    expect(run.stderr).toMatch(/bad\.skz: frame 0 .*corrupt/);
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'b.txt', 'bad.skz', 'good.skz']);
  });

  it('-l lists each stream; exit 1 when one is damaged', () => {
    const run = skillzip(['-l', good]);
    expect(run.status).toBe(0);
    const [header, , row] = run.stdout.toString().split('\n');
    expect(header.split(/\s+/)).toEqual(['compressed', 'characters', 'records', 'mode', 'bits/char', 'name']);
    expect(row.trim().split(/\s+/).slice(0, 4)).toEqual([String(streamOf(B).length), String(B.length - 2), '2', 'compact']);
    expect(skillzip(['-l', good, bad]).status).toBe(1);
  });

  it('inspect exits 1 on a damaged or truncated stream, 0 on an intact one', () => {
    expect(skillzip(['inspect', good]).status).toBe(0);
    expect(skillzip(['inspect', bad]).status).toBe(1);
    const cut = path.join(dir, 'cut.skz');
    writeFileSync(cut, streamOf(B).subarray(0, 90));
    expect(skillzip(['inspect', cut]).status).toBe(1);
  });
});

describe('progress', () => {
  const dir = folder();
  writeFileSync(path.join(dir, 'a.skz'), streamOf(A));

  it.each([
    ['encode', ['encode', 'b.txt'], /^encode b\.txt .*100% \| 0\.0 MB \| 2 records \| [\d.]+ MB\/s \| ETA/m],
    ['decode', ['decode', 'a.skz'], /^decode a\.skz .*100% \| 0\.0 MB \| 1 records \| [\d.]+ MB\/s \| ETA/m],
    ['train', ['train', 'b.txt', '-o', 'b.skm', '-f'], /^train .*100% \| 0\.0 MB \| [\d.]+ MB\/s \| ETA 0s \| peeling$/m],
  ])('%s: --progress forced into a pipe prints progress lines on stderr; none without it, none with -q', (_name, args, line) => {
    const shown = skillzip([...args, '--progress'], undefined, dir);
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stderr).toMatch(line);
    expect(skillzip(args, undefined, dir).stderr).toBe('');
    expect(skillzip([...args, '--progress', '-q'], undefined, dir).stderr).toBe('');
  });

  it('progress without a known size (stdin from a pipe) shows MB read and MB/s', () => {
    const run = skillzip(['encode', '--progress'], A);
    expect(run.stderr).toMatch(/^encode stdin [\d.]+ MB \| 1 records \| [\d.]+ MB\/s$/m);
  });
});
