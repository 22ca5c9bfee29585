// The decoder against mutated streams: compact and robust streams of the built-in model are damaged
// by bit flips, byte flips, truncations, insertions, deletions, frame swaps and concatenations, then decoded in
// random chunks, with and without skipBad. A case fails when the decoder throws anything but its own InputError,
// takes longer than MAX_CASE_MS, or gives a wrong record: every record given must equal the original record, or in
// robust mode hold a subset of its skills with the others counted as `missing`. The bench runs 100 000 cases beside
// a same-run baseline (decoding the intact streams as often); test/codec/fuzz.test.ts runs a few hundred.

import { performance } from 'node:perf_hooks';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InputError } from '../src/util/errors.js';
import { Prng } from '../src/util/prng.js';
import { loadDefaultModel, type SkillModel } from '../src/model/index.js';
import { StreamParser } from '../codec/stream-parser.js';
import { DecodeStream, EncodeStream, type EncodeOptions, type StreamRecord } from '../codec/streams.js';
import type { Bench, BenchFigure } from './harness.js';

/** A case slower than this counts as a hang. */
export const MAX_CASE_MS = 2000;

const MUTATIONS = ['bit flip', 'byte flip', 'truncation', 'insertion', 'deletion', 'frame swap', 'concatenation'] as const;
type Mutation = (typeof MUTATIONS)[number];

interface Sample {
  name: string;
  robust: boolean;
  bytes: Uint8Array;
  /** Start offsets of the frames (for swaps). */
  frames: Array<[number, number]>;
  truth: StreamRecord[];
}

export interface FuzzResult {
  cases: number;
  failures: string[];
  /** Cases that ended in the codec's clean error, and records given in all. */
  errors: number;
  records: number;
  /** Records given with some skills missing (robust repairs and erasures). */
  partial: number;
  maxCaseMs: number;
  ms: number;
}

async function collect<T>(transform: DecodeStream | EncodeStream, chunks: Uint8Array[], out: T[]): Promise<void> {
  await pipeline(
    Readable.from(chunks.map((c) => Buffer.from(c))),
    transform,
    new Writable({
      objectMode: true,
      write(chunk: T, _enc, cb) {
        out.push(chunk);
        cb();
      },
    }),
  );
}

async function encoded(model: SkillModel, text: string, options: EncodeOptions): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  await collect(new EncodeStream(model, options), [new TextEncoder().encode(text)], parts);
  return Buffer.concat(parts);
}

async function samples(model: SkillModel): Promise<Sample[]> {
  const rng = new Prng(7);
  const keys = model.skills.keys;
  const text = Array.from({ length: 40 }, () => Array.from({ length: rng.nextInt(9) }, () => (rng.next() < 0.9 ? keys[rng.nextInt(3000)] : 'zzq')).join(' ')).join('\n') + '\n';
  const jsonl = text
    .trim()
    .split('\n')
    .map((line, i) => JSON.stringify(i % 2 === 0 ? { id: `r${i}`, text: line } : line))
    .join('\n');
  const specs: Array<{ name: string; input: string; options: EncodeOptions }> = [
    { name: 'compact', input: text, options: { maxRecords: 6 } },
    { name: 'compact, ids and novel literals', input: jsonl, options: { maxRecords: 6, unit: 'jsonl', keepNovel: true } },
    { name: 'robust, blocks of 8', input: text, options: { mode: 'robust', modeOptions: { block: 8 } } },
    { name: 'robust, blocks of 1', input: text, options: { mode: 'robust' } },
  ];
  const out: Sample[] = [];
  for (const spec of specs) {
    const bytes = await encoded(model, spec.input, spec.options);
    const truth: StreamRecord[] = [];
    const frames: Array<[number, number]> = [];
    let at = 0;
    for (const event of new StreamParser(spec.name, false).push(bytes)) {
      if (event.kind === 'header') at = event.bytes;
      if (event.kind === 'frame') frames.push([at, (at += event.frame.bytes)]);
    }
    await collect(new DecodeStream(model), [bytes], truth);
    out.push({ name: spec.name, robust: spec.options.mode === 'robust', bytes, frames, truth });
  }
  return out;
}

function mutate(sample: Sample, mutation: Mutation, rng: Prng): Uint8Array {
  const b = sample.bytes;
  const at = rng.nextInt(b.length);
  switch (mutation) {
    case 'bit flip': {
      const out = Uint8Array.from(b);
      out[at] ^= 1 << rng.nextInt(8);
      return out;
    }
    case 'byte flip': {
      const out = Uint8Array.from(b);
      for (let n = 1 + rng.nextInt(3); n > 0; n--) out[rng.nextInt(b.length)] ^= 1 + rng.nextInt(255);
      return out;
    }
    case 'truncation':
      return b.subarray(0, at);
    case 'insertion': {
      const extra = Uint8Array.from({ length: 1 + rng.nextInt(8) }, () => rng.nextInt(256));
      return Buffer.concat([b.subarray(0, at), extra, b.subarray(at)]);
    }
    case 'deletion':
      return Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + rng.nextInt(8)))]);
    case 'frame swap': {
      const i = rng.nextInt(sample.frames.length);
      const j = rng.nextInt(sample.frames.length);
      const [x, y] = i < j ? [sample.frames[i], sample.frames[j]] : [sample.frames[j], sample.frames[i]];
      return Buffer.concat([b.subarray(0, x[0]), b.subarray(y[0], y[1]), b.subarray(x[1], y[0]), b.subarray(x[0], x[1]), b.subarray(y[1])]);
    }
    case 'concatenation':
      return Buffer.concat([b, b.subarray(0, rng.nextInt(b.length + 1))]);
  }
}

function chunked(bytes: Uint8Array, rng: Prng): Uint8Array[] {
  const cuts = Array.from({ length: rng.nextInt(4) }, () => rng.nextInt(bytes.length + 1)).sort((x, y) => x - y);
  const out: Uint8Array[] = [];
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    if (cut > at) out.push(bytes.subarray(at, cut));
    at = Math.max(at, cut);
  }
  return out;
}

/** Why a record given is wrong, or null when it is the original (or, in robust mode, a flagged subset of it). */
function wrongRecord(record: StreamRecord, sample: Sample, repeated: boolean): string | null {
  // a stream followed by a prefix of itself is a second member, whose records repeat the first's, numbered on
  const t = sample.truth[repeated ? record.index % sample.truth.length : record.index];
  if (!t) return `record ${record.index} is not in the stream`;
  if (record.id !== t.id || record.novelCount !== t.novelCount || JSON.stringify(record.novel) !== JSON.stringify(t.novel)) return `record ${record.index}: id or novel skills differ`;
  if (!record.skills.every((s) => t.skills.includes(s))) return `record ${record.index}: a skill it did not have`;
  const missing = t.skills.length - record.skills.length;
  if ((record.missing ?? 0) !== missing) return `record ${record.index}: ${record.missing ?? 0} skills flagged missing, ${missing} are`;
  if (missing > 0 && !sample.robust) return `record ${record.index}: compact mode lost skills`;
  return null;
}

/** Runs `count` seeded cases over all samples and mutations. */
export async function fuzz(count: number, seed: number): Promise<FuzzResult> {
  const model = await loadDefaultModel();
  const all = await samples(model);
  const rng = new Prng(seed);
  const result: FuzzResult = { cases: 0, failures: [], errors: 0, records: 0, partial: 0, maxCaseMs: 0, ms: 0 };
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const sample = all[i % all.length];
    const mutation = MUTATIONS[rng.nextInt(MUTATIONS.length)];
    const bytes = mutate(sample, mutation, rng);
    const skipBad = rng.next() < 0.5;
    const what = `case ${i} (${sample.name}, ${mutation}${skipBad ? ', skipBad' : ''})`;
    const records: StreamRecord[] = [];
    const caseStart = performance.now();
    try {
      await collect(new DecodeStream(model, { skipBad }), chunked(bytes, rng), records);
    } catch (err) {
      if (err instanceof InputError) result.errors++;
      else result.failures.push(`${what}: ${(err as Error).stack}`);
    }
    const ms = performance.now() - caseStart;
    result.maxCaseMs = Math.max(result.maxCaseMs, ms);
    if (ms > MAX_CASE_MS) result.failures.push(`${what}: took ${ms.toFixed(0)} ms`);
    for (const record of records) {
      const wrong = wrongRecord(record, sample, mutation === 'concatenation');
      if (wrong) result.failures.push(`${what}: ${wrong}`);
      if (record.missing) result.partial++;
    }
    result.records += records.length;
    result.cases++;
  }
  result.ms = performance.now() - start;
  return result;
}

/** The same number of decodes of the intact streams: what the fuzz cases cost beyond decoding. */
async function baselineMs(count: number): Promise<number> {
  const model = await loadDefaultModel();
  const all = await samples(model);
  const start = performance.now();
  for (let i = 0; i < count; i++) await collect(new DecodeStream(model), [all[i % all.length].bytes], []);
  return performance.now() - start;
}

const CASES = 100_000;

export const fuzzBench: Bench = {
  name: 'fuzz',
  description: `${CASES} mutated compact and robust streams decoded: no crash, no hang, no wrong record`,
  async run(): Promise<BenchFigure[]> {
    const r = await fuzz(CASES, 2026);
    const base = await baselineMs(CASES);
    for (const failure of r.failures.slice(0, 20)) process.stderr.write(`fuzz failure: ${failure}\n`);
    process.stderr.write(
      `fuzz: ${r.cases} cases, ${r.failures.length} failures, ${r.errors} clean errors, ${r.records} records given (${r.partial} partial), ` +
        `slowest case ${r.maxCaseMs.toFixed(1)} ms, ${(r.ms / 1000).toFixed(1)} s\n`,
    );
    return [
      { name: 'fuzz cases', value: r.cases, unit: 'cases', target: `≥ ${CASES}`, pass: r.cases >= CASES },
      { name: 'fuzz failures (crash, hang, wrong record)', value: r.failures.length, unit: 'cases', target: '0', pass: r.failures.length === 0 },
      { name: 'slowest fuzz case', value: r.maxCaseMs, unit: 'ms', target: `≤ ${MAX_CASE_MS} ms`, pass: r.maxCaseMs <= MAX_CASE_MS },
      {
        name: 'fuzz time',
        value: r.ms / 1000,
        unit: 's',
        baseline: { name: 'decoding the intact streams as often', value: base / 1000, unit: 's' },
        ratio: r.ms / base,
      },
    ];
  },
};
