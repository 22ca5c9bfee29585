import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { countCharacters, describeRecords, measureLosslessBaselines } from '../../lab/rate/baselines.js';

describe('lossless baselines', () => {
  const texts = ['The jury praised the election.', 'Ünïcödé text with an emoji 😀 counts code points.', '', 'The jury praised the election.'];

  it('measures gzip -9 and brotli -11, per record and as one stream, on the same records', () => {
    const rates = measureLosslessBaselines(texts);
    expect(rates.map((r) => `${r.method}/${r.framing}`)).toEqual([
      'gzip -9/per record',
      'gzip -9/one stream',
      'brotli -11/per record',
      'brotli -11/one stream',
    ]);
    const set = describeRecords(texts);
    for (const r of rates) {
      expect(r.bitsPerText).toBeCloseTo((8 * r.bytes) / texts.length, 10);
      expect(r.bitsPerChar).toBeCloseTo((8 * r.bytes) / set.characters, 10);
    }
    // gzip costs at least its 18-byte header and trailer per member: per-record framing pays it four times.
    expect(rates[0].bytes).toBeGreaterThanOrEqual(18 * texts.length);
    expect(rates[1].bytes).toBeLessThan(rates[0].bytes);
  });

  it('the stream baselines compress exactly the newline-joined records', () => {
    // The stream figures are the sizes of these compressions of the newline-joined records.
    const joined = texts.map((t) => t + '\n').join('');
    expect(gunzipSync(gzipSync(joined, { level: 9 })).toString()).toBe(joined);
    expect(brotliDecompressSync(brotliCompressSync(joined)).toString()).toBe(joined);
    const rates = measureLosslessBaselines(texts);
    expect(rates[1].bytes).toBe(gzipSync(joined, { level: 9 }).length);
    expect(describeRecords(texts).utf8Bytes).toBe(Buffer.byteLength(joined) - texts.length);
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
