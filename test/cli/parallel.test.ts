// The README's "Larger than one machine" recipes run as written with GNU parallel (Debian package `parallel`; .ci/run
// installs it) on a generated corpus of several MB (Brown sentences): pieces encoded by parallel jobs and concatenated
// in order decode to exactly the records of one process, and shards trained by parallel jobs merge into the model of
// one process, same id.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBrown } from '../../src/corpus/index.js';
import { scratch, skillzip } from './run.js';

const CLI = path.resolve('dist/bundle/skillzip.js');
/** This much text (Brown has about 6 MB): several blocks of parallel's --pipe. */
const CORPUS_BYTES = 4_000_000;

/** Runs a shell command line in `dir` with `skillzip` on the PATH as the built program. */
function shell(command: string, dir: string): { status: number | null; stderr: string } {
  const run = spawnSync('bash', ['-c', `skillzip() { node ${JSON.stringify(CLI)} "$@"; }; export -f skillzip; set -o pipefail; ${command}`], { cwd: dir, timeout: 300_000 });
  return { status: run.status, stderr: run.stderr.toString() };
}

describe('GNU parallel recipes', () => {
  const dir = scratch('parallel');
  beforeAll(async () => {
    expect(spawnSync('parallel', ['--version']).status, 'GNU parallel is missing: apt-get install -y parallel').toBe(0);
    const lines: string[] = [];
    let bytes = 0;
    for await (const sentence of readBrown()) {
      lines.push(sentence.text);
      bytes += Buffer.byteLength(sentence.text) + 1;
      if (bytes >= CORPUS_BYTES) break;
    }
    writeFileSync(path.join(dir, 'big.txt'), lines.join('\n') + '\n');
  }, 120_000);

  it('parallel --pipe encodes pieces whose concatenated stream decodes to the records of one process', () => {
    const run = shell('parallel --pipe --keep-order --block 1M -j 2 skillzip encode < big.txt > big.skz', dir);
    expect(run.status, run.stderr).toBe(0);
    expect(shell('skillzip encode big.txt > one.skz', dir).status).toBe(0);
    const members = JSON.parse(skillzip(['inspect', 'big.skz', '--json'], undefined, dir).text).members as unknown[];
    expect(members.length).toBeGreaterThanOrEqual(4);
    expect(shell('skillzip decode big.skz > parallel.jsonl && skillzip decode one.skz > one.jsonl', dir).status).toBe(0);
    const parallelRecords = readFileSync(path.join(dir, 'parallel.jsonl'));
    expect(parallelRecords.length).toBeGreaterThan(1_000_000);
    expect(parallelRecords.equals(readFileSync(path.join(dir, 'one.jsonl')))).toBe(true);
  });

  it('parallel --pipe trains shards that merge into the model of one process', () => {
    const run = shell("parallel --pipe --keep-order --block 1M -j 2 skillzip train -q --shard-out 'part{#}.sks' < big.txt > /dev/null", dir);
    expect(run.status, run.stderr).toBe(0);
    const merged = shell('skillzip merge $(ls part*.sks | sort -V) -o merged.skm --json > merged.json', dir);
    expect(merged.status, merged.stderr).toBe(0);
    expect(shell('ls part*.sks | wc -l > count', dir).status).toBe(0);
    expect(Number(readFileSync(path.join(dir, 'count'), 'utf8'))).toBeGreaterThanOrEqual(4);
    expect(shell('skillzip train big.txt -o one.skm --json > one.json', dir).status).toBe(0);
    const idOf = (file: string): string => (JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { id: string }).id;
    expect(idOf('merged.json')).toBe(idOf('one.json'));
  });
});
