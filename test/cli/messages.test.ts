// Messages and exit codes people can act on: a file error names the user's path in the system's words
// (never an internal temporary file), a failed input leaves stdout empty, number options are quoted as given and
// checked for range (exit 2), and `-o text` is not taken for a wish to write a file called 'text'.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratch, skillzip } from './run.js';

describe('file errors', () => {
  it('a missing input: its name and the system words, nothing on stdout, exit 1', () => {
    const run = skillzip(['encode', 'no-such-input.txt'], undefined, scratch('missing'));
    expect(run.stderr).toBe('skillzip: no-such-input.txt: No such file or directory\n');
    expect(run.stdout.length).toBe(0);
    expect(run.status).toBe(1);
  });

  it('an input error before the first record leaves stdout empty', () => {
    const run = skillzip(['encode', '--unit', 'jsonl'], '{broken\n');
    expect(run.status).toBe(1);
    expect(run.stdout.length).toBe(0);
  });

  it('an output in a missing folder is named as given, not as its temporary file', () => {
    const dir = scratch('nodir');
    const run = skillzip(['encode', '-o', 'missing/out.skz'], 'The jury praised the election\n', dir);
    expect(run.stderr).toBe('skillzip: missing/out.skz: No such file or directory\n');
    expect(run.status).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an output that is a folder', () => {
    const run = skillzip(['encode', '-o', scratch('folder')], 'The jury praised the election\n');
    expect(run.stderr).toMatch(/: Is a directory\n$/);
    expect(run.status).toBe(1);
  });
});

describe('number options', () => {
  it.each(['abc', 'NaN', 'Infinity', '-Infinity'])("--overhead %s is quoted as given (exit 2)", (value) => {
    const run = skillzip(['encode', '--mode', 'robust', `--overhead=${value}`], 'The jury praised the election\n');
    expect(run.stderr).toBe(`skillzip: --overhead '${value}': expected a finite number\n`);
    expect(run.status).toBe(2);
  });

  it.each([['--max-skills', ''], ['--max-skills=', undefined], ['--refine-min-information', ' ']])(
    'an empty %s is refused, not read as 0 (exit 2, nothing written)',
    (flag, value) => {
      const run = skillzip(['encode', flag, ...(value === undefined ? [] : [value])], 'The jury praised the election\n');
      const key = flag.replace(/^--|=$/g, '');
      expect(run.stderr).toBe(`skillzip: --${key} '${value ?? ''}': expected a finite number\n`);
      expect(run.status).toBe(2);
      expect(run.stdout.length).toBe(0);
    },
  );

  it('the same for options of other commands and for aliases', () => {
    expect(skillzip(['simulate', '--seed', 'xyz']).stderr).toBe("skillzip: --seed 'xyz': expected a finite number\n");
    expect(skillzip(['rate', '--train-fraction', 'half']).stderr).toBe("skillzip: --train-fraction 'half': expected a finite number\n");
  });

  it.each(['0.5', '1e-300', '1e308', '0'])('--overhead %s lies outside [1, 1024] slots per skill (exit 2)', (value) => {
    const run = skillzip(['encode', '--mode', 'robust', '--overhead', value], 'The jury praised the election\n');
    expect(run.stderr).toMatch(/^skillzip: robust mode: --overhead \(slots per skill\) must lie in \[1, 1024\], got /);
    expect(run.status).toBe(2);
    expect(run.stdout.length).toBe(0);
  });

  it('--overhead 1 and 1024 are accepted', () => {
    for (const value of ['1', '1024']) expect(skillzip(['encode', '--mode', 'robust', '--overhead', value], 'The jury praised the election\n').status).toBe(0);
  });
});

describe('-o and the output format', () => {
  const dir = scratch('format');
  const stream = path.join(dir, 'in.skz');
  skillzip(['encode', '-o', stream], 'The jury praised the election\n');

  it.each([
    [['decode', stream, '--output', 'text'], '--format text'],
    [['decode', stream, '-o', 'jsonl'], '--format jsonl'],
    [['train', '-o', 'json'], '--json'],
  ])('%j is refused with a pointer to %s (exit 2), writing nothing', (args, hint) => {
    const run = skillzip(args, 'The jury praised the election\n', dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(hint);
    expect(run.stderr).toContain(`-o ./${args[args.length - 1]}`);
    expect(existsSync(path.join(dir, args[args.length - 1]))).toBe(false);
  });

  it('-o ./text writes such a file; --format text chooses the format', () => {
    const run = skillzip(['decode', stream, '--format', 'text', '-o', './text'], undefined, dir);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'text'), 'utf8')).toMatch(/jury/);
  });
});
