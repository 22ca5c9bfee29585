// The stream summary behind `skillzip inspect` (codec/inspect.ts): counts agree with the trailer and the records,
// bytes add up, the context comparison re-codes the same records both ways, damaged and truncated streams are
// summarized with their damage named.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isStreamFile, summarizeStream } from '../../codec/inspect.js';
import { Prng } from '../../src/util/prng.js';
import { fixtureModel } from './fixture-model.js';
import { encode } from './helpers.js';
import { RecordEncoder } from '../../codec/records.js';

const model = fixtureModel({ skills: 600, learnedShare: 0.8, maxNeighbors: 8, seed: 31 });
const prng = new Prng(32);
const lines = Array.from({ length: 90 }, () =>
  Array.from({ length: 1 + prng.nextInt(9) }, () => (prng.next() < 0.85 ? model.skills.keys[prng.nextInt(300)] : 'zzq')).join(' '),
);
const text = lines.join('\n') + '\n';

const summarize = (bytes: Uint8Array, withModel = true) => summarizeStream(Readable.from([Buffer.from(bytes)]), 'x.skz', async () => (withModel ? model : undefined));

describe('summarizeStream', () => {
  it('counts records, bytes, characters and novel skills; compares context', async () => {
    const bytes = await encode(model, text, { maxRecords: 40 });
    expect(isStreamFile(bytes)).toBe(true);
    const s = await summarize(bytes);
    expect(s).toMatchObject({ complete: true, frames: 3, records: 90, bytes: bytes.length, chars: text.length - 90, mode: 'compact', modelId: model.id });
    expect(s.headerBytes + s.frameBytes + s.trailerBytes).toBe(bytes.length);
    const encoder = new RecordEncoder(model);
    const records = lines.map((l) => encoder.encode(l, undefined, 'x', false));
    expect(s.novel).toBe(records.reduce((n, r) => n + r.novelCount, 0));
    expect(s.skills).toBe(records.reduce((n, r) => n + r.symbols.length, 0));
    expect(s.payloadBytes).toBeGreaterThan(0);
    expect(s.payloadBytes).toBeLessThan(s.frameBytes);
    expect(s.bitsPerRecord).toBeCloseTo((8 * bytes.length) / 90, 9);
    const plain = await encode(model, text, { maxRecords: 40, modeOptions: { context: false } });
    const t = await summarize(plain);
    expect(t.context!.withContext).toBe(s.context!.withContext);
    expect(t.context!.withoutContext).toBe(s.context!.withoutContext);
    expect(t.context!.withoutAssociations).toBe(s.context!.withoutAssociations);
    expect(s.context!.withContext).toBe(8 * s.payloadBytes);
    expect(t.context!.withoutContext).toBe(8 * t.payloadBytes);
    const cacheOnly = await summarize(await encode(model, text, { maxRecords: 40, modeOptions: { associations: false } }));
    expect(s.context!.withoutAssociations).toBe(8 * cacheOnly.payloadBytes);
    expect(s.context!.saved).toBeCloseTo(1 - s.context!.withContext / s.context!.withoutContext, 12);
    expect(s.context!.savedByAssociations).toBeCloseTo(1 - s.context!.withContext / s.context!.withoutAssociations, 12);
    expect((await summarize(bytes, false)).context).toBeUndefined();
  });

  it('names damaged frames and notices a missing trailer', async () => {
    const bytes = Uint8Array.from(await encode(model, text, { maxRecords: 40 }));
    bytes[bytes.length - 40] ^= 0xff;
    const s = await summarize(bytes);
    expect(s.badFrames.length).toBeGreaterThan(0);
    expect(s.badFrames[0]).toMatch(/x\.skz: frame 2 \(records 80–89\)/);
    const cut = await summarize(bytes.subarray(0, bytes.length - 60));
    expect(cut.complete).toBe(false);
    expect(cut.badFrames.join('\n')).toMatch(/frames? (from )?\d/);
  });
});

describe('summarizeStream of damaged streams', () => {
  it('reports a repaired robust frame with the skills lost, a corrupt one, and says the stream is damaged', async () => {
    const bytes = await encode(model, text, { mode: 'robust', modeOptions: { block: 30 } });
    const clean = await summarize(bytes);
    expect(clean).toMatchObject({ damaged: false, badFrames: [], repairedFrames: [] });
    // Flip bytes among the last frame's slots: each leaves the stream damaged, and some frame is repaired.
    let repaired;
    for (let back = 200; back < 260 && !repaired; back++) {
      const damaged = Uint8Array.from(bytes);
      damaged[bytes.length - back] ^= 0x08;
      const s = await summarize(damaged);
      expect(s.damaged).toBe(true);
      if (s.repairedFrames.length === 1) repaired = s;
      else expect(s.badFrames.length).toBeGreaterThan(0);
    }
    expect(repaired).toBeDefined();
    const damage = repaired!.repairedFrames[0];
    expect(damage.message).toMatch(/^x\.skz: frame \d \(records \d+–\d+\) is damaged \(CRC mismatch\): repaired from its robust slots, \d+ of \d+ skills recovered, \d+ lost$/);
    expect(damage.recovered + damage.lost).toBeGreaterThan(0);
    expect(repaired!.records).toBe(90);
    const withoutModel = await summarize(Uint8Array.from(bytes).map((b, i) => (i === bytes.length - 230 ? b ^ 0x08 : b)), false);
    expect(withoutModel.damaged).toBe(true);
    expect(withoutModel.badFrames.join('\n')).toMatch(/is corrupt \(CRC mismatch|skipped/);
  });
});
