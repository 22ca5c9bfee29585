import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync, constants } from 'node:zlib';
import { bagOfSkills, compress, countCharacters, describeRecords, measureLossless } from '../../lab/rate/baselines.js';

describe('lossless baselines', () => {
  const texts = ['The jury praised the election.', 'Ünïcödé text with an emoji 😀 counts code points.', '', 'The jury praised the election.'];

  it('measures gzip -9, brotli -11, xz -9 and zstd -19, per record and as one stream, on the same records', async () => {
    const rates = await measureLossless(texts, describeRecords(texts), 'text');
    expect(rates.map((r) => `${r.method}/${r.framing}`)).toEqual([
      'gzip -9/per record',
      'gzip -9/one stream',
      'brotli -11/per record',
      'brotli -11/one stream',
      'xz -9/per record',
      'xz -9/one stream',
      'zstd -19/per record',
      'zstd -19/one stream',
    ]);
    const set = describeRecords(texts);
    for (const r of rates) {
      expect(r.content).toBe('text');
      expect(r.bitsPerText).toBeCloseTo((8 * r.bytes) / texts.length, 10);
      expect(r.bitsPerChar).toBeCloseTo((8 * r.bytes) / set.characters, 10);
    }
    // gzip costs at least its 18-byte header and trailer per member: per-record framing pays it four times.
    expect(rates[0].bytes).toBeGreaterThanOrEqual(18 * texts.length);
    expect(rates[1].bytes).toBeLessThan(rates[0].bytes);
    // An .xz file has a 12-byte stream header and a 12-byte footer; a zstd frame a 4-byte magic number at least.
    expect(rates[4].bytes).toBeGreaterThanOrEqual(24 * texts.length);
    expect(rates[6].bytes).toBeGreaterThanOrEqual(4 * texts.length);
  });

  it('the stream baselines compress exactly the newline-joined records', async () => {
    const joined = texts.map((t) => t + '\n').join('');
    expect(gunzipSync(gzipSync(joined, { level: 9 })).toString()).toBe(joined);
    expect(brotliDecompressSync(brotliCompressSync(joined)).toString()).toBe(joined);
    const rates = await measureLossless(texts, describeRecords(texts), 'text');
    expect(rates[1].bytes).toBe(gzipSync(joined, { level: 9 }).length);
    expect(rates[3].bytes).toBe(brotliCompressSync(joined, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(joined) } }).length);
    expect(describeRecords(texts).utf8Bytes).toBe(Buffer.byteLength(joined) - texts.length);
  });

  it('xz -9 and zstd -19 write their formats: the .xz and zstd magic numbers', async () => {
    const data = Buffer.from(texts.join('\n').repeat(20));
    const xz = await compress('xz -9', data);
    expect([...xz.subarray(0, 6)]).toEqual([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);
    const zstd = await compress('zstd -19', data);
    expect(zstd.readUInt32LE(0)).toBe(0xfd2fb528);
    // Both find the twentyfold repetition.
    expect(xz.length).toBeLessThan(data.length / 5);
    expect(zstd.length).toBeLessThan(data.length / 5);
  });

  it('a bag of skills is one sorted line of distinct keys per record, measured against the original characters', async () => {
    expect(bagOfSkills([['jury', 'elect', 'jury', 'prais'], [], ['b', 'a']])).toEqual(['elect jury prais', '', 'a b']);
    const set = describeRecords(texts);
    const bag = await measureLossless(bagOfSkills([['jury', 'prais', 'elect'], [], [], ['jury', 'prais', 'elect']]), set, 'skills', ['brotli -11']);
    expect(bag.map((r) => r.content)).toEqual(['skills', 'skills']);
    expect(bag[1].bitsPerChar).toBeCloseTo((8 * bag[1].bytes) / set.characters, 10);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(countCharacters('a😀b')).toBe(3);
    expect(countCharacters('')).toBe(0);
  });

  fcTest.prop([fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 8 })])('character count agrees with Array.from', (ts) => {
    expect(describeRecords(ts).characters).toBe(ts.reduce((n, t) => n + Array.from(t).length, 0));
  });

  it('fingerprints differ when one record differs and agree otherwise', () => {
    expect(describeRecords(texts).fingerprint).toBe(describeRecords([...texts]).fingerprint);
    expect(describeRecords(texts).fingerprint).not.toBe(describeRecords([...texts.slice(0, 3), 'x']).fingerprint);
    expect(describeRecords(['a', 'b']).fingerprint).not.toBe(describeRecords(['a\nb']).fingerprint);
  });
});
