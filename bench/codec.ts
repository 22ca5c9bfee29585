// The codec on Brown sentences: a model trained on 90% of the Brown documents encodes the sentences of the
// held-out 10%. Each figure stands beside a baseline measured in the same run: encode (the process's first stream,
// then the steady state; the first also beside the steady state) and decode (--output text) time beside gzip -6 / gunzip (node:zlib) of the same text, with
// full context (the default), context without associations and no context; compact-mode bits per sentence beside
// the model's unigram set-entropy bound Σ −log2 p(s) − log2 k! + H(k) (THEORY.md §8), without and with context, and
// with context beside the recency cache alone (what associations save); the stream's bytes beside brotli -11 of the
// same sentences as one stream; and peak memory while encoding a
// 1 GB stream (held-out text repeated through a Readable, in a child process so the peak is the encoder's own;
// SKILLZIP_BENCH_GB scales it).

import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { readBrown, saveModel, trainModel, type SkillModel } from '../src/model/index.js';
import { splitByDocument } from '../lab/rate/split.js';
import { summarizeStream } from '../codec/inspect.js';
import { RecordEncoder } from '../codec/records.js';
import { EncodeStream } from '../codec/streams.js';
import { type Bench, type BenchFigure } from './harness.js';
import { TIMED_SETTINGS, through, type CodecTimings } from './codec-timing.js';

const SEED = 1;
/** Timed runs per figure and per baseline (after a warm-up run); the median is reported. */
const REPEATS = 7;

/** Σ over records of Σ −log2 p(s) − log2 k!, plus the empirical entropy of k: the unigram set-entropy bound. */
function setEntropyBound(model: SkillModel, texts: string[]): number {
  const frequencies = model.coding.frequencies;
  const total = frequencies.reduce((a, b) => a + b, 0);
  const encoder = new RecordEncoder(model);
  const sizes = new Map<number, number>();
  let bits = 0;
  for (const text of texts) {
    const { symbols } = encoder.encode(text, undefined, 'bench', false);
    for (const s of symbols) bits -= Math.log2(frequencies[s] / total);
    for (let i = 2; i <= symbols.length; i++) bits -= Math.log2(i);
    sizes.set(symbols.length, (sizes.get(symbols.length) ?? 0) + 1);
  }
  for (const count of sizes.values()) bits -= count * Math.log2(count / texts.length);
  return bits;
}

/** The timings of bench/codec-timing.ts, run in a fresh process on the saved model and text. */
function timeInChild(modelFile: string, textFile: string): CodecTimings {
  const script = path.join(import.meta.dirname, 'codec-timing.js');
  const child = spawnSync(process.execPath, [script, modelFile, textFile, String(REPEATS)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`timing child failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as CodecTimings;
}

/** Encodes `gigabytes` of repeated text in a fresh process; its own peak RSS, time and output size. */
function encodeLargeStream(modelFile: string, textFile: string, gigabytes: number): { maxRssMb: number; seconds: number; inputBytes: number; outputBytes: number } {
  const url = (relative: string): string => pathToFileURL(path.join(import.meta.dirname, relative)).href;
  const script = `
    import { loadModel } from ${JSON.stringify(url('../src/model/index.js'))};
    import { EncodeStream } from ${JSON.stringify(url('../codec/streams.js'))};
    import { Readable, Writable } from 'node:stream';
    import { pipeline } from 'node:stream/promises';
    import { readFileSync } from 'node:fs';
    const model = await loadModel(${JSON.stringify(modelFile)});
    const text = readFileSync(${JSON.stringify(textFile)});
    const target = ${Math.round(gigabytes * 2 ** 30)};
    let sent = 0;
    let out = 0;
    const source = new Readable({ read() { if (sent >= target) this.push(null); else { sent += text.length; this.push(text); } } });
    const start = performance.now();
    await pipeline(source, new EncodeStream(model), new Writable({ write(c, e, cb) { out += c.length; cb(); } }));
    const seconds = (performance.now() - start) / 1000;
    process.stdout.write(JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024, seconds, inputBytes: sent, outputBytes: out }));
  `;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`large-stream child failed: ${child.stderr}`);
  return JSON.parse(child.stdout);
}

export const codecBench: Bench = {
  name: 'codec',
  description: 'compact codec on held-out Brown sentences: speed vs gzip, bits vs the set-entropy bound and brotli -11, memory on 1 GB',
  async run(): Promise<BenchFigure[]> {
    const sentences: Array<{ id: string; text: string; document: string }> = [];
    for await (const s of readBrown()) sentences.push(s);
    const { train, test } = splitByDocument(sentences, 0.9, SEED);
    const model = await trainModel(
      train.map((s) => s.text),
      { name: 'Brown (90% of documents)', seed: SEED },
    );
    const texts = test.map((s) => s.text);
    const input = new TextEncoder().encode(texts.join('\n') + '\n');
    const n = texts.length;
    const mb = input.length / 1e6;
    const figures: BenchFigure[] = [];
    const held = `${n} held-out sentences, ${mb.toFixed(2)} MB`;

    const dir = await mkdtemp(path.join(tmpdir(), 'skillzip-bench-'));
    try {
      const modelFile = path.join(dir, 'model.skm');
      const textFile = path.join(dir, 'held-out.txt');
      await saveModel(model, modelFile);
      await writeFile(textFile, input);
      const timings = timeInChild(modelFile, textFile);
      const { gzipMs, gunzipMs } = timings;
      /** A time beside its zlib baseline, with the target factor. */
      const beside = (name: string, ms: number, baseline: string, baselineMs: number, factor: number): BenchFigure => ({
        name,
        value: ms,
        unit: 'ms',
        baseline: { name: baseline, value: baselineMs, unit: 'ms' },
        ratio: ms / baselineMs,
        target: `≤ ${factor}× ${baseline.split(' ')[0]}`,
        pass: ms <= factor * baselineMs,
      });
      figures.push(beside('encode time, with context, first stream of the process (every word type stemmed)', timings.firstMs, 'gzip -6', gzipMs, 2));
      figures.push({
        name: 'encode time, with context, first stream of the process beside the same stream in the steady state',
        value: timings.firstMs,
        unit: 'ms',
        baseline: { name: 'steady-state encode, with context', value: timings.encodeMs[0], unit: 'ms' },
        ratio: timings.firstMs / timings.encodeMs[0],
        target: '≤ 1.5× the steady state',
        pass: timings.firstMs <= 1.5 * timings.encodeMs[0],
      });
      TIMED_SETTINGS.forEach(({ label }, s) => {
        const encodeMs = timings.encodeMs[s];
        figures.push(beside(`encode time, ${label} (${held}, ${(mb / (encodeMs / 1000)).toFixed(2)} MB/s)`, encodeMs, 'gzip -6', gzipMs, 2));
        figures.push(beside(`decode --output text time, ${label}`, timings.decodeMs[s], 'gunzip', gunzipMs, 3));
      });
      figures.push(...(await sizeFigures(model, texts, input)));
      const gigabytes = Number(process.env.SKILLZIP_BENCH_GB ?? 1);
      const large = encodeLargeStream(modelFile, textFile, gigabytes);
      figures.push({
        name: `peak RSS encoding ${(large.inputBytes / 2 ** 30).toFixed(2)} GB (${(large.inputBytes / 1e6 / large.seconds).toFixed(2)} MB/s, ${(large.outputBytes / 1e6).toFixed(1)} MB out)`,
        value: large.maxRssMb,
        unit: 'MB',
        target: '< 200 MB',
        pass: large.maxRssMb < 200,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    return figures;
  },
};

/** Compact-mode bits against the set-entropy bound and the stream's bytes against brotli -11. */
async function sizeFigures(model: SkillModel, texts: string[], input: Uint8Array): Promise<BenchFigure[]> {
  const n = texts.length;
  const figures: BenchFigure[] = [];
  const streams = {
    context: await through(new EncodeStream(model), input),
    plain: await through(new EncodeStream(model, { modeOptions: { context: false } }), input),
  };
  const bound = setEntropyBound(model, texts);
  const summary = await summarizeStream(Readable.from([streams.context]), 'bench', async () => model);
  const context = summary.context!;
  /** A figure of skill-set bits per sentence beside the unigram set-entropy bound. */
  const besideBound = (label: string, bits: number, target: string, pass: boolean): BenchFigure => ({
    name: `compact skill-set bits per sentence, ${label}`,
    value: bits / n,
    unit: 'bits',
    baseline: { name: 'unigram set-entropy bound', value: bound / n, unit: 'bits' },
    ratio: bits / bound,
    target,
    pass,
  });
  figures.push(besideBound('no context', context.withoutContext, '≤ 1.02× the bound', context.withoutContext <= 1.02 * bound));
  figures.push(besideBound('with context', context.withContext, '< the bound', context.withContext < bound));
  figures.push({
    name: 'compact skill-set bits per sentence, with context (the recency cache and associations)',
    value: context.withContext / n,
    unit: 'bits',
    baseline: { name: 'the recency cache alone', value: context.withoutAssociations / n, unit: 'bits' },
    ratio: context.withContext / context.withoutAssociations,
  });
  figures.push({
    name: `whole stream bits per sentence, with context (novel skills ${summary.novel}, learned ${summary.skills})`,
    value: (8 * streams.context.length) / n,
    unit: 'bits',
    baseline: { name: 'whole stream, no context', value: (8 * streams.plain.length) / n, unit: 'bits' },
    ratio: streams.context.length / streams.plain.length,
  });
  const brotli = brotliCompressSync(input, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: input.length },
  }).length;
  figures.push({
    name: 'stream bytes, compact with context',
    value: streams.context.length,
    unit: 'bytes',
    baseline: { name: 'brotli -11 of the sentences', value: brotli, unit: 'bytes' },
    ratio: streams.context.length / brotli,
    target: '≤ 1/3 of brotli -11',
    pass: 3 * streams.context.length <= brotli,
  });
  return figures;
}

