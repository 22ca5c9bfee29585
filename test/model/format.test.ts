// The model file: round trips through bytes and through a file, determinism (same corpus and seed, same bytes and
// id), and hostile input — every truncation, every flipped bit position, the fixtures in fixtures/hostile, and
// bodies that pass the hash check but break the model's invariants — always an InputError naming the file.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Packr } from 'msgpackr';
import { beforeAll, describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { asFormatVersion } from '../../scripts/model-bytes.js';
import {
  createExtractor,
  decodeModel,
  defaultModelPath,
  encodeModel,
  loadDefaultModel,
  loadModel,
  modelExtractor,
  saveModel,
  trainModel,
  type SkillModel,
} from '../../src/model/index.js';
import { sealModel } from '../../src/model/format.js';
import { InputError } from '../../src/util/errors.js';

const tiny = readFileSync('fixtures/corpora/tiny.txt', 'utf8').split('\n').filter((l) => l.trim() !== '');
let model: SkillModel;
let bytes: Buffer;

beforeAll(async () => {
  model = await trainModel(tiny, { sweep: [0.5, 1] });
  bytes = Buffer.from(encodeModel(model));
});

describe('the vocabulary (format 3)', () => {
  it('holds the training words, and looking them up gives the keys stemming gives', () => {
    expect(model.vocabulary!.words.length).toBeGreaterThan(50);
    expect(model.vocabulary!.words).toContain('the'); // a stopword: not a skill
    const stemming = createExtractor(model.extractor);
    const known = modelExtractor(model);
    for (const text of [...tiny, 'Words the training never saw, and THE Training words again']) expect(known.extract(text)).toEqual(stemming.extract(text));
  });

  it('is left out of the body of a model without one, whose id is then the one format 2 gave it', () => {
    const { id, vocabulary, ...rest } = model;
    expect(vocabulary).toBeDefined();
    expect(id).toBe(model.id);
    const format2 = asFormatVersion(bytes, 2);
    const without = sealModel(rest);
    expect(without.id).toBe(createHash('sha256').update(format2.subarray(48)).digest('hex'));
    expect(decodeModel(format2, 'format2.skm')).toEqual(without);
  });
});

describe('round trips', () => {
  it('decodes to the model it encoded', () => {
    expect(decodeModel(bytes, 'tiny.skm')).toEqual(model);
  });

  it('goes through a file and back', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'skillzip-model-')), 'tiny.skm');
    await saveModel(model, file);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(await loadModel(file)).toEqual(model);
  });

  it('has the SHA-256 of its body as id', () => {
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('SKZMODEL');
    expect(model.id).toBe(createHash('sha256').update(bytes.subarray(48)).digest('hex'));
  });

  it('is deterministic: the same corpus and seed give the same bytes; another seed changes the sweep and the id', async () => {
    const again = Buffer.from(encodeModel(await trainModel(tiny, { sweep: [0.5, 1] })));
    expect(again.equals(bytes)).toBe(true);
    const reseeded = await trainModel(tiny, { sweep: [0.5, 1], seed: 7 });
    expect(reseeded.id).not.toBe(model.id);
    expect(reseeded.skills).toEqual(model.skills); // the 1-skill learner's set does not depend on the seed
  });

  const word = fc.constantFrom('jury', 'election', 'corn', 'wheat', 'market', 'school', 'team', 'mayor', 'café', '東京', 'voting', 'the', 'and');
  const corpus = fc.array(fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' ')), { minLength: 1, maxLength: 40 });
  test.prop([corpus, fc.constantFrom('1', '2', 'noisy:0.5'), fc.integer({ min: 0, max: 1000 })], { numRuns: 25 })(
    'random corpora, learners and seeds round-trip through bytes, the same each time',
    async (texts, learner, seed) => {
      const hasSkill = texts.some((t) => t.split(' ').some((w) => w !== 'the' && w !== 'and'));
      if (!hasSkill) {
        await expect(trainModel(texts)).rejects.toThrow(InputError);
        return;
      }
      const trained = await trainModel(texts, { learner, seed, sweep: [0.5, 1] });
      const encoded = encodeModel(trained);
      expect(decodeModel(encoded, 'random.skm')).toEqual(trained);
      expect(Buffer.from(encodeModel(await trainModel(texts, { learner, seed, sweep: [0.5, 1] }))).equals(Buffer.from(encoded))).toBe(true);
    },
  );

  it('refuses to encode a model changed after its id was computed', () => {
    const changed = { ...model, createdBy: 'someone else' };
    expect(() => encodeModel(changed)).toThrow(/does not match its content/);
  });
});

describe('hostile model files', () => {
  const expectInputError = (data: Uint8Array, pattern: RegExp): void => {
    let error: unknown;
    try {
      decodeModel(data, 'hostile.skm');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^hostile\.skm: /);
    expect((error as Error).message).toMatch(pattern);
  };

  it('refuses every truncation', () => {
    for (let n = 0; n < bytes.length; n++) expectInputError(bytes.subarray(0, n), /wrong magic|truncated/);
  });

  it('refuses a flipped bit at every position', () => {
    for (let i = 0; i < bytes.length; i++) {
      const damaged = Buffer.from(bytes);
      damaged[i] ^= 1 << i % 8;
      expectInputError(damaged, /wrong magic|version|truncated|unexpected bytes|hash does not match/);
    }
  });

  it('refuses trailing bytes', () => {
    expectInputError(Buffer.concat([bytes, Buffer.from([0])]), /1 unexpected bytes after the model body/);
  });

  const fixtures: Array<[string, RegExp]> = [
    ['truncated-model.skm', /truncated model file: the body should have \d+ bytes, the file holds \d+/],
    ['flipped-byte-model.skm', /the content hash does not match/],
    ['wrong-magic-model.skm', /not a skillzip model file \(wrong magic\)/],
    ['wrong-version-model.skm', /model format version 99, this skillzip reads versions 1 to 3/],
    ['absurd-count-model.skm', /corrupt model body/],
    ['absurd-length-model.skm', /truncated model file: the body should have 4294967280 bytes/],
    ['huge-degree-model.skm', /stats\.skillDegreeHistogram\.degrees\[0\] is 16777215, above the limit degree = 1000000/],
    ['unsorted-vocabulary-model.skm', /vocabulary\.words\[1\] is out of order or repeated/],
    ['vocabulary-skill-model.skm', /vocabulary\.skills\[0\] is not a skill index in 0\.\.\d+ or -1/],
    ['vocabulary-in-format-2-model.skm', /vocabulary is not part of format 2/],
  ];
  for (const [name, pattern] of fixtures) {
    it(`fixtures/hostile/${name}: ${pattern.source}`, async () => {
      const file = `fixtures/hostile/${name}`;
      await expect(loadModel(file)).rejects.toThrow(InputError);
      await expect(loadModel(file)).rejects.toThrow(pattern);
      await expect(loadModel(file)).rejects.toThrow(file);
    });
  }

  it('refuses fixtures/hostile/huge-degree-model.skm with bounded memory (a child process measures its growth)', () => {
    // Before one set of limits, this 4 kB file with a valid hash grew the process by ~265 MB.
    const script = `
      const { loadModel } = await import('./dist/src/model/store.js');
      const before = process.memoryUsage().rss;
      const message = await loadModel('fixtures/hostile/huge-degree-model.skm').then(() => 'loaded', (err) => err.message);
      console.log(JSON.stringify({ message, grownMB: (process.memoryUsage().rss - before) / 2 ** 20 }));`;
    const { message, grownMB } = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
    expect(message).toMatch(/huge-degree-model\.skm: invalid model: stats\.skillDegreeHistogram\.degrees\[0\] is 16777215, above the limit degree/);
    expect(grownMB).toBeLessThan(64);
  });

  it('names a missing file', async () => {
    await expect(loadModel('/nonexistent/model.skm')).rejects.toThrow('/nonexistent/model.skm: no such model file');
  });

  // Bodies with a valid header and hash that break an invariant: validation must name the field.
  const packr = new Packr({ useRecords: false, mapsAsObjects: true });
  const withBody = (mutate: (body: Record<string, any>) => void): Buffer => {
    const body = packr.unpack(Buffer.from(bytes.subarray(48))) as Record<string, any>; // a copy: bins are views
    mutate(body);
    const packed = Buffer.from(packr.pack(body));
    const header = Buffer.from(bytes.subarray(0, 48));
    header.writeUInt32LE(packed.length, 12);
    createHash('sha256').update(packed).digest().copy(header, 16);
    return Buffer.concat([header, packed]);
  };
  const u32 = (values: number[]): Buffer => {
    const b = Buffer.alloc(values.length * 4);
    values.forEach((v, i) => b.writeUInt32LE(v >>> 0, i * 4));
    return b;
  };
  const cases: Array<[string, (b: Record<string, any>) => void, RegExp]> = [
    ['a counts array of the wrong size', (b) => (b.skills.counts = u32([1, 2, 3])), /skills\.counts holds 12 bytes, expected \d+/],
    ['unsorted keys', (b) => (b.skills.keys = Buffer.from(b.skills.keys.toString().split('\n').reverse().join('\n'))), /skills\.keys\[1\] is out of order/],
    ['a key list of the wrong length', (b) => (b.skills.surface = Buffer.from('one\ntwo')), /skills\.surface has 2 entries, expected \d+/],
    ['keys that are not UTF-8', (b) => (b.skills.keys = Buffer.from([0x61, 0xff])), /skills\.keys is not valid UTF-8/],
    ['a histogram of odd size', (b) => (b.stats.textDegreeHistogram.degrees = Buffer.alloc(7)), /stats\.textDegreeHistogram\.degrees is not a u32 array/],
    ['an absurd histogram degree', (b) => b.stats.skillDegreeHistogram.degrees.writeUInt32LE(0xfffffff0, 0), /stats\.skillDegreeHistogram\.degrees\[0\] is 4294967280, above the limit degree = 1000000/],
    ['a learned flag of 2', (b) => (b.skills.learned[0] = 2), /skills\.learned\[0\] is not 0 or 1/],
    ['a coding symbol out of range', (b) => b.coding.order.writeUInt32LE(0xffffffff, 0), /coding\.order\[0\] is not a learned skill/],
    ['an absurd neighbour limit', (b) => (b.association.maxNeighbors = 1e9), /association\.maxNeighbors is not an integer in \[0, 1024\]/],
    ['a neighbour that is no symbol', (b) => b.association.neighbors.writeUInt32LE(0x7fffffff, 0), /association\.neighbors\[0\] is not another symbol/],
    ['a negative skill count in the statistics', (b) => (b.stats.skills = -1), /stats\.skills is not an integer/],
    ['a huge key', (b) => (b.skills.keys = Buffer.concat([Buffer.from('a'.repeat(100000)), b.skills.keys])), /skills\.keys\[0\] is longer than 512 characters/],
    ['70000 tiny values (would unpack into a huge object graph)', (b) => (b.padding = new Array(70000).fill(null)), /corrupt model body: more than 65536 msgpack values/],
    ['a missing extractor', (b) => delete b.extractor, /extractor is not a map/],
    ['an array where a map belongs', (b) => (b.skills = [1, 2]), /skills is not a map/],
    ['a body that is a number', (b) => Object.keys(b).forEach((k) => delete b[k]), /skills is not a map/],
  ];
  for (const [name, mutate, pattern] of cases) {
    it(`refuses a body with ${name}`, () => expectInputError(withBody(mutate), pattern));
  }

  const withRawBody = (body: Buffer): Buffer => {
    const header = Buffer.from(bytes.subarray(0, 48));
    header.writeUInt32LE(body.length, 12);
    createHash('sha256').update(body).digest().copy(header, 16);
    return Buffer.concat([header, body]);
  };
  it('refuses malformed msgpack before unpacking it', () => {
    expectInputError(withRawBody(Buffer.from([0xc1])), /corrupt model body: malformed msgpack/);
    expectInputError(withRawBody(Buffer.from([0x91, 0xc6, 0xff, 0xff, 0xff, 0xff])), /malformed msgpack/); // a bin longer than the body
    expectInputError(withRawBody(Buffer.from([0xc0, 0xc0])), /malformed msgpack/); // bytes after the value
    expectInputError(withRawBody(Buffer.from([0xdd, 0xff, 0xff, 0xff, 0xff])), /more than 65536 msgpack values/);
    expectInputError(withRawBody(Buffer.from([0xc0])), /the body is not a map/);
  });
});

describe('the built-in default model', () => {
  it('lives in models/ and loads (npm install builds it with npm run build:model)', async () => {
    expect(defaultModelPath()).toBe(path.resolve('models/brown.skm'));
    expect(existsSync(defaultModelPath()), 'models/brown.skm is missing: run npm run build:model').toBe(true);
    const brown = await loadDefaultModel();
    expect(brown.extractor.lang).toBe('en');
    expect(brown.stats.texts).toBeGreaterThan(50000);
    expect(await loadDefaultModel()).toBe(brown); // loaded once
  });
});
