// Writes the generated fixtures (`npm run fixtures`): the hostile model files of fixtures/hostile, each derived
// from a model trained on fixtures/corpora/tiny.txt and named after what it breaks, and the golden streams of
// fixtures/streams, encoded from fixed texts with a seeded fixture model. Tests only read these files; a change of
// a format or of the default extraction is followed by running this script and committing what it rewrote.

import { readFileSync, writeFileSync } from 'node:fs';
import { encodeModel, trainModel } from '../src/model/index.js';
import { encode } from '../test/codec/helpers.js';
import { goldenCases, goldenJsonLines, goldenLayeredModel, goldenModel, goldenTexts } from './golden-streams.js';
import { packed, sealedFile, withBody } from './model-bytes.js';

function u32(values: number[]): Buffer {
  const out = Buffer.alloc(values.length * 4);
  values.forEach((v, i) => out.writeUInt32LE(v, i * 4));
  return out;
}

async function writeHostileModels(): Promise<void> {
  const texts = readFileSync('fixtures/corpora/tiny.txt', 'utf8').split('\n');
  const file = Buffer.from(encodeModel(await trainModel(texts, { sweep: [0.5, 1] })));
  const changed = (edit: (copy: Buffer) => void): Buffer => {
    const copy = Buffer.from(file);
    edit(copy);
    return copy;
  };
  const hostile: Record<string, Buffer> = {
    'truncated-model.skm': file.subarray(0, file.length >> 1),
    'flipped-byte-model.skm': changed((copy) => (copy[file.length - 7] ^= 0x10)),
    'wrong-magic-model.skm': changed((copy) => copy.write('SKZMODEX', 0, 'latin1')),
    'wrong-version-model.skm': changed((copy) => copy.writeUInt32LE(99, 8)),
    'absurd-length-model.skm': changed((copy) => copy.writeUInt32LE(0xfffffff0, 12)),
    // a map that claims 2^32 − 1 entries and holds one: the value count is checked before unpacking
    'absurd-count-model.skm': sealedFile(file, Buffer.concat([Buffer.from([0xdf, 0xff, 0xff, 0xff, 0xff]), packed('createdBy'), packed('x')])),
    // one skill of degree 2^24 − 1: a few bytes sparse, 128 MB dense (the limit `degree` of src/util/limits.ts)
    'huge-degree-model.skm': withBody(file, (body) => {
      body.stats.skillDegreeHistogram = { degrees: u32([(1 << 24) - 1]), counts: u32([1]) };
    }),
    // the vocabulary (format 3) is searched by bisection and indexes the skill table: both are checked
    'unsorted-vocabulary-model.skm': withBody(file, (body) => {
      body.vocabulary = { words: Buffer.from('zebra\naardvark'), skills: u32([0xffffffff, 0xffffffff]) };
    }),
    'vocabulary-skill-model.skm': withBody(file, (body) => {
      body.vocabulary = { words: Buffer.from('aardvark'), skills: u32([0x7fffffff]) };
    }),
    'vocabulary-in-format-2-model.skm': changed((copy) => copy.writeUInt32LE(2, 8)),
  };
  for (const [name, bytes] of Object.entries(hostile)) writeFileSync(`fixtures/hostile/${name}`, bytes);
}

/** The golden streams; the older versions' streams in fixtures/streams/v3 to v6 were written by earlier skillzip and stay as they are. */
async function writeGoldenStreams(): Promise<void> {
  for (const { file, jsonl, options, layered } of goldenCases) {
    writeFileSync(file, await encode(layered ? goldenLayeredModel : goldenModel, jsonl ? goldenJsonLines() : goldenTexts(), options));
  }
}

await writeHostileModels();
await writeGoldenStreams();
console.log('wrote fixtures/hostile/*.skm and fixtures/streams/*.skz');
