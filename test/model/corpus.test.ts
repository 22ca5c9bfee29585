// Corpus readers: units, JSON Lines, directories, CRLF and BOM, invalid UTF-8 named by file and line, random chunk
// boundaries (fast-check), and the Brown reader's sentences, ids and genres; its byte-wise stripping of ASCII
// documents against the line-wise stripBrownTags (fast-check).

import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { brownDocuments, expandInputs, readBrown, readCorpus, readLines, stripBrownDocument, stripBrownTags, type Unit } from '../../src/model/corpus.js';
import { InputError } from '../../src/util/errors.js';

const dir = mkdtempSync(path.join(tmpdir(), 'skillzip-corpus-'));
function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, content);
  return p;
}

async function texts(files: string[], unit: Unit): Promise<Array<{ text: string; origin: string; id?: string }>> {
  const out = [];
  for await (const t of readCorpus(files, unit)) out.push(t);
  return out;
}

describe('units', () => {
  const sample = file('sample.txt', '\uFEFFFirst line\r\nsecond line\r\n\r\n\r\nthird\nfourth\n\n');

  it('line: every non-blank line, BOM and CR removed, origin file:line', async () => {
    expect(await texts([sample], 'line')).toEqual([
      { text: 'First line', origin: `${sample}:1` },
      { text: 'second line', origin: `${sample}:2` },
      { text: 'third', origin: `${sample}:5` },
      { text: 'fourth', origin: `${sample}:6` },
    ]);
  });

  it('paragraph: blocks between blank lines', async () => {
    expect((await texts([sample], 'paragraph')).map((t) => [t.text, t.origin])).toEqual([
      ['First line\nsecond line', `${sample}:1`],
      ['third\nfourth', `${sample}:5`],
    ]);
  });

  it('document: the whole file', async () => {
    expect((await texts([sample], 'document')).map((t) => t.text)).toEqual(['First line\nsecond line\n\n\nthird\nfourth\n']); // the final line break ends the last line
  });

  it('jsonl: text and optional id (string or number)', async () => {
    expect(await texts(['fixtures/corpora/tiny.jsonl'], 'jsonl')).toEqual([
      { text: 'The jury praised the election officials.', origin: 'fixtures/corpora/tiny.jsonl:1', id: 'a1' },
      { text: 'Farmers planted corn and wheat in the spring.', origin: 'fixtures/corpora/tiny.jsonl:2', id: '2' },
      { text: 'Children played football in the park.', origin: 'fixtures/corpora/tiny.jsonl:3' },
    ]);
  });

  it('jsonl: a broken record is an InputError naming file and line', async () => {
    const bad = file('bad.jsonl', '{"text": "ok"}\n{"text": 3}\n');
    await expect(texts([bad], 'jsonl')).rejects.toThrow(new InputError(`${bad}:2: the record has no string field "text"`));
    const broken = file('broken.jsonl', '{"text": "ok"}\n\n{"text": \n');
    await expect(texts([broken], 'jsonl')).rejects.toThrow(`${broken}:3: not valid JSON`);
  });
});

describe('inputs', () => {
  it('walks directories in name order, skipping hidden entries', async () => {
    const a = file('tree/b/2.txt', 'x');
    const b = file('tree/a.txt', 'y');
    file('tree/.hidden', 'z');
    const c = file('tree/b/1.txt', 'w');
    expect(await expandInputs([path.join(dir, 'tree')])).toEqual([b, c, a]);
  });

  it('reads stdin when no input is given, and refuses it twice', async () => {
    expect(await expandInputs([])).toEqual(['-']);
    await expect(expandInputs(['-', '-'])).rejects.toThrow(/only once/);
  });

  it('names a missing input', async () => {
    await expect(expandInputs(['/nonexistent/corpus.txt'])).rejects.toThrow('/nonexistent/corpus.txt: no such file or directory');
  });
});

describe('UTF-8', () => {
  it('reports invalid bytes with the file and line', async () => {
    const name = 'fixtures/hostile/invalid-utf8.txt';
    await expect(texts([name], 'line')).rejects.toThrow(InputError);
    await expect(texts([name], 'line')).rejects.toThrow('invalid-utf8.txt:3: invalid UTF-8 (at byte 27 of the line, near 3a 20 ff fe 20)');
  });

  it('reports a character cut off at the end of the file', async () => {
    const cut = file('cut.txt', Buffer.concat([Buffer.from('fine\nalmost '), Buffer.from('é').subarray(0, 1)]));
    await expect(texts([cut], 'line')).rejects.toThrow(`${cut}:2: invalid UTF-8 (the line ends inside a character`);
  });

  const pieces = fc.array(fc.constantFrom('a', 'é', '東', '😀', '\n', '\r\n', ' ', 'x'), { maxLength: 60 });
  test.prop([pieces, fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 20 })])(
    'lines come out the same whatever the chunk boundaries',
    async (parts, cuts) => {
      const content = parts.join('');
      const bytes = Buffer.from(content);
      const chunks: Buffer[] = [];
      for (let at = 0, i = 0; at < bytes.length; i++) {
        const size = cuts[i % cuts.length];
        chunks.push(bytes.subarray(at, at + size));
        at += size;
      }
      const lines: string[] = [];
      let next = 1;
      for await (const batch of readLines(Readable.from(chunks), 'chunks')) {
        expect(batch.first).toBe(next);
        next += batch.lines.length;
        lines.push(...batch.lines);
      }
      const expected = content.split('\n').map((l) => l.replace(/\r$/, ''));
      if (content.endsWith('\n') || content === '') expected.pop();
      expect(lines).toEqual(expected);
    },
  );
});

describe('Brown', () => {
  it('strips the tags and turns `` and \'\' into quotes', () => {
    expect(stripBrownTags("\tThe/at jury/nn said/vbd ``/`` no/at ''/'' ./.")).toBe('The jury said " no " .');
  });

  const documentText = fc.string({ unit: fc.constantFrom('a', 'B', '/', '/', ' ', ' ', '\t', '\v', '\r', '\n', '\n', '`', "'", '"', '\x1f', '\u00a0', '\u2003', 'é') });
  test.prop([documentText])('strips a document byte by byte as stripBrownTags strips its non-blank lines', (text) => {
    const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
    expect(stripBrownDocument(Buffer.from(text), 'doc')).toEqual(lines.filter((line) => line.trim() !== '').map(stripBrownTags));
  });
  it('strips an ASCII document with blank lines, CRLF, tag-only tokens and quotes at both ends', () => {
    const text = "\n\n\t``/`` The/at a/b/c jury/nn /x said/vbd ''/''\r\n \t \r\n\tEnd/nn ./. /tag\n\t''/'' x/y";
    expect(stripBrownDocument(Buffer.from(text), 'doc')).toEqual(['" The a/b jury  said "', 'End . ', '" x']);
  });

  it('has 500 documents in 15 genres', async () => {
    const documents = await brownDocuments();
    expect(documents.length).toBe(500);
    expect(new Set(documents.map((d) => d.genre)).size).toBe(15);
    expect(documents[0]).toMatchObject({ document: 'ca01', genre: 'news' });
  });

  it('yields sentences with document, genre and ids', async () => {
    const first = [];
    for await (const s of readBrown()) {
      first.push(s);
      if (first.length === 2) break;
    }
    expect(first[0]).toEqual({
      id: 'ca01.1',
      document: 'ca01',
      genre: 'news',
      text: 'The Fulton County Grand Jury said Friday an investigation of Atlanta\'s recent primary election produced " no evidence " that any irregularities took place .',
    });
    expect(first[1].id).toBe('ca01.2');
  });
});
