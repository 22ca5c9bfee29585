// The one way the tests in test/cli/ run the built command line as it ships (the bundle dist/bundle/skillzip.js;
// `npm test` builds it first):
// `skillzip` waits for it (input given at once), `start` returns the running process for tests that signal it,
// feed it slowly or read its output through a FIFO.

import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';

const CLI = path.resolve('dist/bundle/skillzip.js');

export interface Run {
  status: number | null;
  stdout: Buffer;
  /** stdout as UTF-8 text. */
  text: string;
  stderr: string;
}

function checkBuilt(): void {
  expect(existsSync(CLI), 'dist/bundle/skillzip.js is missing: run npm run build').toBe(true);
}

/** Runs `skillzip ARGS` to its end, with `input` on stdin; `nodeOptions` go to node before the program. */
export function skillzip(args: string[], input?: string | Buffer, cwd?: string, nodeOptions: string[] = []): Run {
  checkBuilt();
  const run = spawnSync(process.execPath, [...nodeOptions, CLI, ...args], { input: input ?? '', cwd, timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, text: run.stdout.toString(), stderr: run.stderr.toString() };
}

/** Starts `skillzip ARGS` with stdin left open; `done` resolves with its exit status and output. */
export function start(args: string[], cwd?: string): { child: ChildProcessWithoutNullStreams; done: Promise<Run> } {
  checkBuilt();
  const child = spawn(process.execPath, [CLI, ...args], { cwd });
  const stdout: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => stdout.push(b));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<Run>((resolve) =>
    child.on('close', (code, signal) => {
      const out = Buffer.concat(stdout);
      resolve({ status: code ?? (signal ? -1 : null), stdout: out, text: out.toString(), stderr });
    }),
  );
  return { child, done };
}

/** A fresh temporary folder. */
export function scratch(name: string): string {
  return mkdtempSync(path.join(tmpdir(), `skillzip-${name}-`));
}
