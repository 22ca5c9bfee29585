// Texts to records: the encoder's one-lookup-per-word path (models without collocations) and its key path (with
// collocations) give exactly what the extractor's keys say — learned skills as ascending coding symbols, the other
// skills counted once each and kept in order of first occurrence — also when streams of one model share the memos.

import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import type { SkillModel } from '../../src/model/types.js';
import { createExtractor } from '../../src/skills/extractor.js';
import { RecordEncoder } from '../../codec/records.js';
import { fixtureModel } from './fixture-model.js';

const plain = fixtureModel({ skills: 60, learnedShare: 0.6, maxNeighbors: 4, seed: 5 });
const keys = plain.skills.keys;
const withCollocations: SkillModel = {
  ...plain,
  extractor: { ...plain.extractor, collocations: { minCount: 1, minPmi: 0, keys: [`${keys[0]}_${keys[1]}`, `${keys[2]}_${keys[3]}`] } },
};

/** The record the extractor's keys call for: sorted symbols of learned keys; the other keys once each, in order. */
function expected(model: SkillModel, text: string): { symbols: number[]; novel: string[] } {
  const symbolOf = new Map<string, number>();
  model.coding.order.forEach((skill, s) => symbolOf.set(model.skills.keys[skill], s));
  const symbols: number[] = [];
  const novel: string[] = [];
  for (const key of createExtractor(model.extractor).extract(text)) {
    const symbol = symbolOf.get(key);
    if (symbol === undefined) novel.push(key);
    else symbols.push(symbol);
  }
  return { symbols: symbols.sort((a, b) => a - b), novel };
}

const word = fc.oneof(fc.constantFrom(...keys.slice(0, 12)), fc.constantFrom(...keys.slice(0, 6).map((k) => k.toUpperCase())), fc.constantFrom('the', 'of', 'a', 'jury', 'Juries', 'élection', 'x'));
const text = fc.array(fc.tuple(word, fc.constantFrom(' ', ' ', ', ', '. ', '  ')), { maxLength: 30 }).map((parts) => parts.map(([w, s]) => w + s).join(''));

describe('RecordEncoder', () => {
  for (const [name, model] of [['without collocations', plain], ['with collocations', withCollocations]] as const) {
    test.prop([fc.array(text, { minLength: 1, maxLength: 5 })])(`gives the extractor's skills, ${name}`, (texts) => {
      // two encoders of the model in turn: they share the word memos
      const encoders = [new RecordEncoder(model), new RecordEncoder(model)];
      texts.forEach((t, i) => {
        const record = encoders[i % 2].encode(t, undefined, `test:${i}`, true);
        const want = expected(model, t);
        expect(Array.from(record.symbols)).toEqual(want.symbols);
        expect(record.novel).toEqual(want.novel);
        expect(record.novelCount).toBe(want.novel.length);
      });
    });
  }

  it('codes a collocation of the model as a skill of its own, beside its words', () => {
    const t = `${keys[0]} ${keys[1]} and ${keys[2]}, ${keys[3]}`;
    const pair = expected(withCollocations, t);
    const all = pair.novel.concat(pair.symbols.map((s) => keys[withCollocations.coding.order[s]]));
    expect(all).toContain(`${keys[0]}_${keys[1]}`); // adjacent
    expect(all).not.toContain(`${keys[2]}_${keys[3]}`); // a comma between
    expect(pair.symbols.length).toBeGreaterThan(0);
    const record = new RecordEncoder(withCollocations).encode(t, undefined, 'test', true);
    expect({ symbols: Array.from(record.symbols), novel: record.novel }).toEqual(pair);
  });
});
