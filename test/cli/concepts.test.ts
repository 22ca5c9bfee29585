// `train --skills concept:L` through the built CLI: a concept model trains, encodes and decodes with nothing but the
// model (its vocabulary holds the concepts), decoding writes the concepts' surface forms; a wrong --skills or a
// language WordNet does not cover is a usage error (exit 2) that names the flag, and leaves no model behind.

import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratch, skillzip } from './run.js';

const CORPUS = ['Dogs!', 'A cat.', 'Chased.', 'The dog chased the cat.', 'Dogs and cats ate the food.', 'A dog barked at the cat.', 'The cat ate the food.', 'The dog ate.'].join('\n') + '\n';

describe('train --skills', () => {
  it('concept:1: trains, encodes and decodes with the model alone; the concept of dog and dogs is one skill', () => {
    const dir = scratch('concepts');
    const trained = skillzip(['train', '--skills', 'concept:1', '-o', 'c.skm', '--json'], CORPUS, dir);
    expect(trained.status).toBe(0);
    const encoded = skillzip(['encode', '-m', 'c.skm', '-o', 'x.skz'], 'The dogs chased a cat.\n', dir);
    expect(encoded.status).toBe(0);
    const decoded = skillzip(['decode', '-m', 'c.skm', 'x.skz'], undefined, dir);
    expect(decoded.status).toBe(0);
    // canine.n.02 is written as its most frequent form in training ('dog', not 'Dogs'), feline.n.01 as 'cat'
    expect((JSON.parse(decoded.text) as { skills: string[] }).skills.sort()).toEqual(['Chased', 'cat', 'dog']);
    // inspect says what kind of skills the model holds
    const inspected = skillzip(['inspect', 'c.skm'], undefined, dir);
    expect(inspected.status).toBe(0);
    expect(inspected.text).toMatch(/^skills +concept:1 \(WordNet /m);
  });

  it.each([
    [['--skills', 'concepts'], /--skills: 'concepts' is not word, concept:L or layered:L/],
    [['--skills', 'concept:1', '--lang', 'fr'], /--skills: concept skills come from WordNet, which is English/],
    [['--skills', 'concept:1', '--collocations'], /--skills: concept skills and collocations do not combine/],
  ])('%j is refused (exit 2), no model written', (flags, message) => {
    const dir = scratch('concepts-bad');
    writeFileSync(path.join(dir, 'corpus.txt'), CORPUS);
    const run = skillzip(['train', 'corpus.txt', ...flags, '-o', 'c.skm'], undefined, dir);
    expect(run.stderr).toMatch(message);
    expect(run.status).toBe(2);
    expect(existsSync(path.join(dir, 'c.skm'))).toBe(false);
  });
});
