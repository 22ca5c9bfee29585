// `rate --csv DIR` writes tables that the researcher's tools load as they are: every file is read by DuckDB
// (read_csv with its sniffer, through @duckdb/node-api) and by pandas (pandas.read_csv in Debian's python3 with
// python3-pandas, which .ci/run installs), and each gives the header's columns and one row per data line.

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { readBrown } from '../../src/model/index.js';
import { scratch, skillzip } from './run.js';

const work = scratch('rate-csv-loaders');
const dir = path.join(work, 'csv');
/** Debian's interpreter, where python3-pandas installs (a python3 earlier on the PATH may lack it). */
const PYTHON = '/usr/bin/python3';
const DOCUMENTS = ['ca01', 'cb01', 'cf01', 'cg01', 'cj01', 'cn01'];

/** Each CSV file of `dir` with its header fields and data line count, from the text itself. */
function tablesWritten(): Array<{ file: string; columns: number; rows: number }> {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => {
      const lines = readFileSync(path.join(dir, f), 'utf8').split('\n').filter((l) => l !== '');
      // header fields: commas outside double quotes
      const columns = lines[0].replace(/"(?:[^"]|"")*"/g, 'q').split(',').length;
      return { file: path.join(dir, f), columns, rows: lines.length - 1 };
    });
}

function pandasAvailable(): boolean {
  if (spawnSync(PYTHON, ['-c', 'import pandas']).status === 0) return true;
  if (process.env.CI) throw new Error('python3-pandas is missing on CI: .ci/run must install it');
  console.warn('skipping the pandas check: python3-pandas is missing (apt-get install python3-pandas; .ci/run does it)');
  return false;
}

beforeAll(async () => {
  const byDocument = new Map<string, string[]>();
  for await (const s of readBrown()) if (DOCUMENTS.includes(s.document)) byDocument.set(s.document, [...(byDocument.get(s.document) ?? []), s.text]);
  const files = [...byDocument].map(([document, lines]) => {
    const file = path.join(work, `${document}.txt`);
    writeFileSync(file, lines.join('\n') + '\n');
    return file;
  });
  const run = skillzip(['rate', ...files, '--train-fraction', '0.6', '--seeds', '2', '--distortion', 'max-skills=2,4;coverage=1', '--sweep', '0.5,1', '--erasure', '0:0.2:0.1', '--overhead', '2', '--block', '64', '--csv', dir]);
  expect(run.status, run.stderr).toBe(0);
}, 300_000);

describe('rate --csv DIR', () => {
  it('writes every table of the run (sweep, distortion, erasure and channels included), each with data rows', () => {
    const tables = tablesWritten();
    expect(tables.map((t) => path.basename(t.file)).sort()).toEqual(['channels.csv', 'cheapest.csv', 'distortion.csv', 'emergence.csv', 'erasure.csv', 'model-cost.csv', 'rate.csv', 'testing-error.csv']);
    for (const t of tables) expect(t.rows, t.file).toBeGreaterThan(0);
  });

  it('every table loads in DuckDB with the header as column names and one row per line', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    try {
      for (const t of tablesWritten()) {
        const reader = await connection.runAndReadAll(`select * from read_csv('${t.file.replace(/'/g, "''")}', header = true)`);
        expect(reader.columnCount, t.file).toBe(t.columns);
        expect(reader.currentRowCount, t.file).toBe(t.rows);
        const header = readFileSync(t.file, 'utf8').split('\n')[0];
        expect(header.startsWith(reader.columnNames()[0]), t.file).toBe(true);
      }
    } finally {
      connection.closeSync();
    }
  });

  it.skipIf(!pandasAvailable())('every table loads in pandas with the header as column names and one row per line', () => {
    const tables = tablesWritten();
    const script = 'import sys, json, pandas\nprint(json.dumps([list(pandas.read_csv(f).shape) for f in sys.argv[1:]]))';
    const run = spawnSync(PYTHON, ['-c', script, ...tables.map((t) => t.file)], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(tables.map((t) => [t.rows, t.columns]));
  });
});
