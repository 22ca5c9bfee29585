// Record ids through a stream: JSON Lines ids keep their JSON type (2 stays 2, "2" stays "2"), records without an
// id are told apart by their record number in the separate field "record", whatever the chunking (fast-check).
import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { decode, encode } from './helpers.js';
import { fixtureModel } from './fixture-model.js';

const model = fixtureModel({ skills: 100, learnedShare: 0.7, maxNeighbors: 4, seed: 11 });
const word = fc.constantFrom(...model.skills.keys.slice(0, 30), 'the', 'novelword');
const id = fc.option(fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })), { nil: undefined });
const record = fc.record({ id, text: fc.array(word, { maxLength: 6 }).map((w) => w.join(' ')) });

describe('record ids', () => {
  test.prop([fc.array(record, { minLength: 1, maxLength: 40 }), fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 8 }), fc.constantFrom('compact', 'robust')])(
    'keep their JSON type through encode and decode; the record number is a field of its own',
    async (records, chunks, mode) => {
      const input = records.map((r) => JSON.stringify(r.id === undefined ? { text: r.text } : r)).join('\n');
      const bytes = await encode(model, input, { unit: 'jsonl', mode, maxRecords: 7 }, chunks);
      const lines = (await decode(model, bytes, { output: 'jsonl' })).records.join('').trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.map((l) => l.record)).toEqual(records.map((_, i) => i));
      expect(lines.map((l) => l.id)).toEqual(records.map((r) => (r.id === undefined ? undefined : JSON.parse(JSON.stringify(r.id)))));
      const objects = (await decode(model, bytes)).records;
      expect(objects.map((r) => r.id)).toEqual(lines.map((l) => l.id));
    },
  );
});
