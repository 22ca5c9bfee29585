// The codec bench's timings (bench/codec.ts), run as a child process on a saved model and text, so that the figures
// are those of a process doing nothing but coding — as a command-line run is — and not of the bench process with
// the training it did on its heap. Measures the first stream of the process, then, in interleaved rounds after a
// warm-up round, gzip -6 and gunzip (node:zlib) of the text and encode / decode (--output text) with each setting;
// prints the medians as JSON.
//
//   node dist/bench/codec-timing.js MODEL.skm TEXT.txt ROUNDS

import { readFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { loadModel } from '../src/model/index.js';
import { DecodeStream, EncodeStream } from '../codec/streams.js';

export const TIMED_SETTINGS = [
  { label: 'with context', modeOptions: { context: true } },
  { label: 'context without associations', modeOptions: { context: true, associations: false } },
  { label: 'no context', modeOptions: { context: false } },
];

export interface CodecTimings {
  gzipMs: number;
  gunzipMs: number;
  firstMs: number;
  encodeMs: number[];
  decodeMs: number[];
}

const CHUNK = 1 << 16;

/** The bytes `transform` makes of `input`, fed in 64 KiB chunks. */
export async function through(transform: NodeJS.ReadWriteStream, input: Uint8Array): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < input.length; i += CHUNK) chunks.push(input.subarray(i, i + CHUNK));
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(chunks),
    transform,
    new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        out.push(Buffer.from(chunk));
        callback();
      },
    }),
  );
  return Buffer.concat(out);
}

async function timed(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(modelFile: string, textFile: string, rounds: number): Promise<CodecTimings> {
  const model = await loadModel(modelFile);
  const input = readFileSync(textFile);
  const firstMs = await timed(() => through(new EncodeStream(model), input));
  const gz = gzipSync(input, { level: 6 });
  const streams = await Promise.all(TIMED_SETTINGS.map(({ modeOptions }) => through(new EncodeStream(model, { modeOptions }), input)));
  const gzip: number[] = [];
  const gunzip: number[] = [];
  const encode: number[][] = TIMED_SETTINGS.map(() => []);
  const decode: number[][] = TIMED_SETTINGS.map(() => []);
  for (let round = -1; round < rounds; round++) {
    const keep = round >= 0; // round −1 warms up
    const g = await timed(() => gzipSync(input, { level: 6 }));
    const u = await timed(() => gunzipSync(gz));
    if (keep) gzip.push(g);
    if (keep) gunzip.push(u);
    for (let s = 0; s < TIMED_SETTINGS.length; s++) {
      const e = await timed(() => through(new EncodeStream(model, { modeOptions: TIMED_SETTINGS[s].modeOptions }), input));
      const d = await timed(() => through(new DecodeStream(model, { output: 'text' }), streams[s]));
      if (keep) encode[s].push(e);
      if (keep) decode[s].push(d);
    }
  }
  return { gzipMs: median(gzip), gunzipMs: median(gunzip), firstMs, encodeMs: encode.map(median), decodeMs: decode.map(median) };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [modelFile, textFile, rounds] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(await main(modelFile, textFile, Number(rounds))));
}
