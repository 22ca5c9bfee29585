// The built CLI on encode, decode and inspect of streams: the pipe with the
// built-in model, files and atomic -o, both modes, JSON Lines and text output, damaged streams (exit 1, or 3 with
// --skip-bad), a stream decoded with another model, usage mistakes (exit 2) and a closed downstream pipe (exit 0).

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratch, skillzip, start } from './run.js';

const work = scratch('codec-cli');

const sentences = [
  'The jury praised the election',
  'The Fulton County Grand Jury said Friday an investigation of recent primary elections produced no evidence.',
  '',
  'Quasar zyxwvut flummoxed the jury',
];
const textFile = path.join(work, 'in.txt');
writeFileSync(textFile, sentences.join('\n') + '\n');

describe('skillzip encode | skillzip decode', () => {
  it('prints the skills of the sentence with the built-in model', () => {
    const encoded = skillzip(['encode'], 'The jury praised the election\n');
    expect(encoded.status).toBe(0);
    expect(encoded.stderr).toBe('');
    const decoded = skillzip(['decode'], encoded.stdout);
    expect(decoded.status).toBe(0);
    const record = JSON.parse(decoded.stdout.toString());
    expect(record).toMatchObject({ record: 0 });
    expect(record).not.toHaveProperty('id');
    expect(record.skills).toEqual(expect.arrayContaining(['jury', 'election']));
    expect(record.skills.some((s: string) => /^prais/.test(s))).toBe(true);
  });

  it('--max-skills keeps the most informative skills; a bad value names its flag and exits 2', () => {
    const text = 'The Fulton County Grand Jury said Friday an investigation of recent primary elections produced no evidence.\n';
    const all = JSON.parse(skillzip(['decode'], skillzip(['encode'], text).stdout).stdout.toString()).skills as string[];
    const two = JSON.parse(skillzip(['decode'], skillzip(['encode', '--max-skills', '2'], text).stdout).stdout.toString()).skills as string[];
    expect(all.length).toBeGreaterThan(2);
    expect(two).toHaveLength(2);
    for (const s of two) expect(all).toContain(s);
    // 'said' is among the most frequent skills of Brown: never one of the two most informative.
    expect(all).toContain('said');
    expect(two).not.toContain('said');
    const bad = skillzip(['encode', '--max-skills', '-1'], text);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--max-skills must be a whole number');
    // --rank-by coverage keeps the most words per bit instead: 'said', cheap to send, is among them
    const covering = JSON.parse(skillzip(['decode'], skillzip(['encode', '--max-skills', '2', '--rank-by', 'coverage'], text).stdout).stdout.toString()).skills as string[];
    expect(covering).toHaveLength(2);
    expect(covering).toContain('said');
    const unknown = skillzip(['encode', '--max-skills', '2', '--rank-by', 'rarest'], text);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('rank-by');
  });

  it('files, atomic -o, both modes and text output give the same skills', () => {
    const compact = path.join(work, 'c.skz');
    const robust = path.join(work, 'r.skz');
    expect(skillzip(['encode', textFile, '-o', compact]).status).toBe(0);
    expect(skillzip(['encode', textFile, '-o', robust, '--mode', 'robust', '--keep-novel']).status).toBe(0);
    const a = skillzip(['decode', compact, '--format', 'text']).stdout.toString();
    const b = skillzip(['decode', robust, '--format', 'jsonl']).stdout.toString();
    const lines = b.trim().split('\n').map((l) => JSON.parse(l));
    expect(a.split('\n').slice(0, 4)).toEqual(lines.map((r) => r.skills.join(' ')));
    expect(lines[3].novel).toEqual(expect.arrayContaining(['quasar', 'zyxwvut']));
    expect(lines.map((r) => r.record)).toEqual([0, 1, 2, 3]);
    const out = path.join(work, 'c.jsonl');
    expect(skillzip(['decode', compact, '-o', out]).status).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(4);
  });

  it('inspect reports the stream', () => {
    const file = path.join(work, 'i.skz');
    expect(skillzip(['encode', textFile, '-o', file]).status).toBe(0);
    const run = skillzip(['inspect', file, '--json']);
    expect(run.status).toBe(0);
    const info = JSON.parse(run.stdout.toString());
    expect(info).toMatchObject({ kind: 'stream', mode: 'compact', records: 4, frames: 1, complete: true, chars: sentences.join('').length });
    expect(info.bitsPerRecord).toBeCloseTo((8 * readFileSync(file).length) / 4, 6);
    expect(info.context.withContext).toBeGreaterThan(0);
    expect(skillzip(['inspect', file]).stdout.toString()).toMatch(/bits per input character/);
  });

  it('a damaged frame is an error naming it (exit 1); --skip-bad reports it and exits 3', () => {
    const bytes = readFileSync(path.join(work, 'c.skz'));
    bytes[bytes.length - 30] ^= 0x40;
    const damaged = path.join(work, 'bad.skz');
    writeFileSync(damaged, bytes);
    const run = skillzip(['decode', damaged]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/bad\.skz: frame 0 \(records 0–3\) is corrupt/);
    const skipped = skillzip(['decode', damaged, '--skip-bad']);
    expect(skipped.status).toBe(3);
    expect(skipped.stderr).toMatch(/frame 0 \(records 0–3\) skipped/);
    expect(skipped.stdout.toString()).toBe('');
    const cut = skillzip(['decode'], bytes.subarray(0, 20));
    expect(cut.status).toBe(1);
    expect(cut.stderr).toMatch(/stdin: stream header is truncated/);
  });

  it('refuses a stream made with another model, invalid input and usage mistakes', () => {
    const tiny = path.join(work, 'tiny.skm');
    expect(skillzip(['train', 'fixtures/corpora/tiny.txt', '-o', tiny]).status).toBe(0);
    const other = skillzip(['decode', path.join(work, 'c.skz'), '-m', tiny]);
    expect(other.status).toBe(1);
    expect(other.stderr).toMatch(/made with model [0-9a-f]+, not with the model given/);
    const out = path.join(work, 'never.skz');
    const bad = skillzip(['encode', '-', '-o', out], Buffer.from([0x61, 0x0a, 0xc3, 0x28, 0x0a]));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/stdin:2: invalid UTF-8/);
    expect(existsSync(out)).toBe(false);
    expect(skillzip(['encode', textFile, '--mode', 'zip']).status).toBe(2);
    expect(skillzip(['encode', textFile, '--unit', 'page']).status).toBe(2);
    expect(skillzip(['decode', '--format', 'xml']).status).toBe(2);
    expect(skillzip(['decode'], 'hello\n').stderr).toMatch(/not a skillzip stream/);
  });

  it('a closed downstream pipe (| head -1) ends quietly with 0', async () => {
    const big = path.join(work, 'big.skz');
    writeFileSync(path.join(work, 'big.txt'), (sentences[1] + '\n').repeat(20000));
    expect(skillzip(['encode', path.join(work, 'big.txt'), '-o', big]).status).toBe(0);
    const { child, done } = start(['decode', big]);
    child.stdout.once('data', () => child.stdout.destroy());
    const run = await done;
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });
});
