// Layered streams through the built CLI: a layered:L model encodes layered by default (the header's flag), decodes
// to exactly what --no-layered gives, `decode --layers base` writes the concepts, inspect says what the model and the
// stream are, a damaged refinement comes back as concepts with a report (exit 3; exit 0 under --layers base, which
// loses nothing), and --refine-min-information on a word model and --layers base on a stream that is not layered are
// usage errors (exit 2).

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratch, skillzip } from './run.js';

const CORPUS = ['Dogs!', 'A cat.', 'Chased.', 'A truck.', 'The dog chased the cat.', 'Dogs and cats ate the food.', 'A dog barked at the cat.', 'The car hit the truck.', 'The cat ate the food.', 'The dog ate.'].join('\n') + '\n';
const TEXT = 'The dogs chased a cat.\nA car and a truck.\nThe dog ate the food.\n';

describe('layered streams from the command line', () => {
  const dir = scratch('layered');
  it('train layered:1, encode (layered by default), decode = --no-layered, --layers base, inspect', () => {
    expect(skillzip(['train', '--skills', 'layered:1', '-o', 'l.skm', '--json'], CORPUS, dir).status).toBe(0);
    expect(skillzip(['inspect', 'l.skm'], undefined, dir).text).toMatch(/^skills +layered:1 \(word stems, over a base layer of WordNet/m);
    expect(skillzip(['encode', '-m', 'l.skm', '-o', 'l.skz'], TEXT, dir).status).toBe(0);
    expect(skillzip(['encode', '-m', 'l.skm', '--no-layered', '-o', 'w.skz'], TEXT, dir).status).toBe(0);
    expect(readFileSync(path.join(dir, 'l.skz'))[5] & 2).toBe(2);
    expect(readFileSync(path.join(dir, 'w.skz'))[5] & 2).toBe(0);
    const words = skillzip(['decode', '-m', 'l.skm', 'w.skz'], undefined, dir);
    expect(skillzip(['decode', '-m', 'l.skm', 'l.skz'], undefined, dir).text).toBe(words.text);
    const base = skillzip(['decode', '-m', 'l.skm', 'l.skz', '--layers', 'base'], undefined, dir);
    expect(base.status).toBe(0);
    const records = base.text.trim().split('\n').map((line) => JSON.parse(line) as { skills: string[]; concepts: number });
    expect(records[1].skills).toContain('truck'); // car and truck: one concept (motor-vehicle.n.01), written as its commonest word
    expect(records[1].skills).not.toContain('car');
    for (const r of records) expect(r.concepts).toBe(r.skills.length);
    expect(skillzip(['inspect', 'l.skz'], undefined, dir).text).toMatch(/^kind +skillzip stream, version 7, mode compact, layered/m);
    // --records reads a layered file through its frame index, either layer
    expect(skillzip(['decode', '-m', 'l.skm', 'l.skz', '--records', '1-1'], undefined, dir).text).toBe(words.text.split('\n')[1] + '\n');
    expect(skillzip(['decode', '-m', 'l.skm', 'l.skz', '--records', '2', '--layers', 'base'], undefined, dir).text).toBe(base.text.split('\n')[2] + '\n');
  });

  it('a damaged refinement: the records as concepts, reported, exit 3', () => {
    const bytes = readFileSync(path.join(dir, 'l.skz'));
    const trailer = bytes.length - 8 - bytes.readUInt32LE(bytes.length - 8);
    const damaged = Buffer.from(bytes);
    damaged[trailer - 5] ^= 0x11; // the last frame's last refinement byte, before its CRC32
    writeFileSync(path.join(dir, 'd.skz'), damaged);
    const run = skillzip(['decode', '-m', 'l.skm', 'd.skz', '--format', 'text'], undefined, dir);
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(/d\.skz: frame 0 \(records 0–2\) is damaged \(CRC mismatch\) in its refinement: its records are delivered as the \d+ concepts of its base layer/);
    expect(run.text).toBe(skillzip(['decode', '-m', 'l.skm', 'l.skz', '--layers', 'base', '--format', 'text'], undefined, dir).text);
    // asked for the base layer only, the same damage loses nothing: said, exit 0, the intact stream's concepts
    const base = skillzip(['decode', '-m', 'l.skm', 'd.skz', '--layers', 'base'], undefined, dir);
    expect(base.status).toBe(0);
    expect(base.stderr).toMatch(/in its refinement: .*\(--layers base reads only the base layer: nothing asked for is lost\)/);
    expect(base.text).toBe(skillzip(['decode', '-m', 'l.skm', 'l.skz', '--layers', 'base'], undefined, dir).text);
  });

  it.each([[['w.skz']], [['w.skz', '--records', '1']], [['r.skz']]])('--layers base on a stream that is not layered (%j) is refused, not answered with its words (exit 2)', (args) => {
    expect(skillzip(['encode', '-m', 'l.skm', '--mode', 'robust', '--repetition-base', 'x^3', '-o', 'r.skz', '-f'], TEXT, dir).status).toBe(0);
    const run = skillzip(['decode', '-m', 'l.skm', ...args, '--layers', 'base'], undefined, dir);
    expect(run.stderr).toBe(`skillzip: ${args[0]}: --layers base reads the concepts of a layered stream; this one is not layered (word frames, or robust frames, whose concepts are not a separable layer): decode it with --layers all\n`);
    expect(run.status).toBe(2);
    expect(run.text).toBe('');
  });

  it('--refine-min-information with a word model is a usage error (exit 2)', () => {
    expect(skillzip(['train', '-o', 'w.skm'], CORPUS, dir).status).toBe(0);
    const run = skillzip(['encode', '-m', 'w.skm', '--refine-min-information', '4', '-o', 'x.skz'], TEXT, dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--refine-min-information: applies to layered streams only/);
  });
});
