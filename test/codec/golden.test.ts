// Golden streams: fixtures/streams/*.skz were written by scripts/write-fixtures.ts (`npm run fixtures`) from fixed
// texts and a seeded fixture model; encoding the same texts must give the same bytes on every machine
// (integer-only coding), and the files must keep decoding to the same records. A change of the format shows up here
// first: bump STREAM_VERSION, keep the old files in fixtures/streams/vN, rewrite the files with the script and say
// why in the commit. The version 3 streams of fixtures/streams/v3 (ids as strings), the version 4 streams of
// fixtures/streams/v4 (no predicted recall in the header), the version 5 streams of fixtures/streams/v5 (no frame
// index in the trailer) and the version 6 streams of fixtures/streams/v6 (no layered streams) must keep decoding.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RecordEncoder } from '../../codec/records.js';
import { goldenCases, goldenJsonLines, goldenLayeredModel, goldenModel as model, goldenTexts } from '../../scripts/golden-streams.js';
import { decode, encode } from './helpers.js';

/** The symbols each golden text must decode to. */
function expectedSymbols(): number[][] {
  const encoder = new RecordEncoder(model);
  return goldenTexts()
    .split('\n')
    .map((t) => Array.from(encoder.encode(t, undefined, 'golden', false).symbols));
}

describe('golden streams', () => {
  for (const { file, jsonl, options, layered } of goldenCases) {
    it(`${file}: same bytes, same records`, async () => {
      const writer = layered ? goldenLayeredModel : model;
      const bytes = await encode(writer, jsonl ? goldenJsonLines() : goldenTexts(), options);
      const golden = readFileSync(file);
      expect(Buffer.from(bytes).equals(golden), `${file} differs: if the format changed on purpose, run npm run fixtures`).toBe(true);
      const { records } = await decode(writer, golden);
      expect(records.map((r) => Array.from(r.symbols))).toEqual(expectedSymbols());
      if (jsonl) expect(records.map((r) => r.id)).toEqual(records.map((_, i) => (i % 3 === 0 ? undefined : i % 3 === 1 ? i : String(i))));
    });
  }

  it('fixtures/streams/compact-layered.skz: its base layer alone decodes to the records\' concepts', async () => {
    const { records } = await decode(goldenLayeredModel, readFileSync('fixtures/streams/compact-layered.skz'), { layers: 'base' });
    const { conceptOfSymbol, coding } = goldenLayeredModel.layers!;
    const baseOf = new Map(Array.from(coding.order, (c, b) => [c, b]));
    const concepts = expectedSymbols().map((symbols) => [...new Set(symbols.map((w) => baseOf.get(conceptOfSymbol[w])!))].sort((a, b) => a - b));
    expect(records.map((r) => Array.from(r.concepts ?? []))).toEqual(concepts);
    expect(records.every((r) => r.symbols.length === 0)).toBe(true);
  });

  for (const version of [3, 4, 5, 6]) {
    for (const name of ['compact-context.skz', 'compact-plain-novel.skz']) {
      it(`fixtures/streams/v${version}/${name}: a version ${version} stream still decodes to the same records`, async () => {
        const golden = readFileSync(`fixtures/streams/v${version}/${name}`);
        expect(golden[4]).toBe(version);
        const { records } = await decode(model, golden);
        expect(records.map((r) => Array.from(r.symbols))).toEqual(expectedSymbols());
      });
    }
  }
});
