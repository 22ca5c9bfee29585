// Word segmentation: the ASCII character loop cuts exactly the words of the Unicode regex, with the same offsets,
// and the word places (forEachSpan) are those offsets.

import { describe, expect } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { SpanMemo } from '../../src/skills/span-memo.js';
import { WordSegmenter } from '../../src/skills/segment.js';

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;

function words(text: string): Array<[string, number, number]> {
  const out: Array<[string, number, number]> = [];
  new WordSegmenter('en').forEachWord(text, (word, start, end) => out.push([word, start, end]));
  return out;
}

/** ASCII text rich in the cases that matter: apostrophes, digits, letters, separators, ends of text. */
const asciiText = fc.string({ unit: fc.constantFrom(...["'", "'", 'a', 'Z', '0', '9', ' ', '-', '.', '`', '\n', '_', '\t']), maxLength: 60 });

describe('word segmentation', () => {
  test.prop([fc.oneof(asciiText, fc.string({ unit: 'binary-ascii', maxLength: 60 }))])('an ASCII text gives the regex words, offsets included', (text) => {
    expect(words(text)).toEqual(Array.from(text.matchAll(WORD), (m) => [m[0], m.index, m.index + m[0].length]));
  });

  test.prop([fc.oneof(asciiText, fc.string({ maxLength: 40 }))])('word places are the offsets of the words, with their SpanMemo hashes', (text) => {
    const spans: Array<[number, number, number]> = [];
    new WordSegmenter('en').forEachSpan(text, (start, end, hash) => spans.push([start, end, hash]));
    expect(spans).toEqual(words(text).map(([, start, end]) => [start, end, SpanMemo.hash(text, start, end)]));
  });

  test.prop([fc.string({ maxLength: 40 })])('a text with other characters too gives the regex words (scripts with spaces)', (text) => {
    const spaced = text.replace(/[^\x00-\x7f\u00c0-\u024f’]/g, ' ');
    expect(words(spaced)).toEqual(Array.from(spaced.matchAll(WORD), (m) => [m[0], m.index, m.index + m[0].length]));
  });
});
