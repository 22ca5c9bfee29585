// The span memo against a Map: the same answers for words looked up in place in a text, through growth and the
// clearing at its limit; colliding hashes are told apart by the words themselves.

import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { ABSENT, SpanMemo } from '../../src/skills/span-memo.js';

const words = fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'é', '’', '1'), minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 400 });

describe('SpanMemo', () => {
  test.prop([words, fc.integer({ min: 1, max: 64 })])('answers as a Map cleared at the same limit would', (list, limit) => {
    const memo = new SpanMemo(limit);
    const model = new Map<string, number>();
    const text = ' ' + list.join(' ');
    let start = 1;
    list.forEach((word, i) => {
      const end = start + word.length;
      const hash = SpanMemo.hash(text, start, end);
      expect(hash).toBe(SpanMemo.hash(word, 0, word.length));
      const found = memo.get(text, start, end, hash);
      expect(found).toBe(model.get(word) ?? ABSENT);
      if (found === ABSENT) {
        if (model.size === limit) model.clear();
        model.set(word, i);
        memo.set(word, hash, i);
      }
      start = end + 1;
    });
  });

  it('keeps every word through many doublings of its table', () => {
    const memo = new SpanMemo(1 << 20);
    const text = Array.from({ length: 20000 }, (_, i) => `w${i}`).join(' ');
    const spans: Array<[number, number]> = [];
    for (let start = 0; start < text.length; ) {
      const end = text.indexOf(' ', start) < 0 ? text.length : text.indexOf(' ', start);
      spans.push([start, end]);
      start = end + 1;
    }
    spans.forEach(([start, end], i) => memo.set(text.slice(start, end), SpanMemo.hash(text, start, end), i));
    expect(spans.every(([start, end], i) => memo.get(text, start, end, SpanMemo.hash(text, start, end)) === i)).toBe(true);
    expect(memo.get('w20000', 0, 6, SpanMemo.hash('w20000', 0, 6))).toBe(ABSENT);
  });

  it('tells words with the same hash apart', () => {
    const memo = new SpanMemo(16);
    memo.set('ab', 7, 1);
    memo.set('ba', 7, 2);
    expect(memo.get('xab', 1, 3, 7)).toBe(1);
    expect(memo.get('ba', 0, 2, 7)).toBe(2);
    expect(memo.get('bb', 0, 2, 7)).toBe(ABSENT);
  });
});
