// The corpus wing: units and the rule for blank lines, sentences, JSON Lines fields and typed ids, directories, CRLF
// and BOM, invalid UTF-8 and over-long lines named by input and line, random chunk boundaries for every unit
// (fast-check), and the Brown reader's sentences, ids and genres; its byte-wise stripping of ASCII documents against
// the line-wise stripBrownTags (fast-check).

import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  brownDocuments,
  expandInputs,
  readBrown,
  readTexts,
  stripBrownDocument,
  stripBrownTags,
  TextSplitter,
  UNITS,
  type JsonFields,
  type TextRecord,
  type Unit,
} from '../../src/corpus/index.js';
import { InputError } from '../../src/util/errors.js';
import { LIMITS } from '../../src/util/limits.js';

const dir = mkdtempSync(path.join(tmpdir(), 'skillzip-corpus-'));
function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, content);
  return p;
}

async function texts(files: string[], unit: Unit, fields?: JsonFields): Promise<TextRecord[]> {
  const out = [];
  for await (const t of readTexts(files, { unit, fields })) out.push(t);
  return out;
}

/** The texts of `bytes` pushed through one splitter in the given chunks. */
function split(unit: Unit, chunks: Uint8Array[]): TextRecord[] {
  const splitter = new TextSplitter(unit, 'chunks');
  const out: TextRecord[] = [];
  for (const chunk of chunks) splitter.push(chunk, out);
  splitter.end(out);
  return out;
}

describe('units', () => {
  const sample = file('sample.txt', '\uFEFFFirst line\r\nsecond line\r\n\r\n\r\nthird\nfourth\n\n');

  it('line: every line, blank ones too (record n is line n + 1), BOM and CR removed, where = file:line', async () => {
    expect(await texts([sample], 'line')).toEqual([
      { text: 'First line', where: `${sample}:1` },
      { text: 'second line', where: `${sample}:2` },
      { text: '', where: `${sample}:3` },
      { text: '', where: `${sample}:4` },
      { text: 'third', where: `${sample}:5` },
      { text: 'fourth', where: `${sample}:6` },
      { text: '', where: `${sample}:7` },
    ]);
  });

  it('sentence: each line cut into its sentences; blank lines hold none', async () => {
    const documents = await texts(['fixtures/corpora/documents.txt'], 'sentence');
    expect(documents.map((t) => t.text)).toEqual([
      'The jury praised the election.',
      'Was it fair?',
      'Yes!',
      'Farmers planted corn in the spring.',
      'The harvest was late, said Mrs Brown, but good.',
      'Children played football.',
    ]);
    expect(documents.map((t) => t.where)).toEqual([1, 2, 3, 1, 2, 1].map((k, i) => `fixtures/corpora/documents.txt:${i < 3 ? 1 : i < 5 ? 3 : 4} sentence ${k}`));
  });

  it('paragraph: blocks between blank lines', async () => {
    expect((await texts([sample], 'paragraph')).map((t) => [t.text, t.where])).toEqual([
      ['First line\nsecond line', `${sample}:1`],
      ['third\nfourth', `${sample}:5`],
    ]);
  });

  it('document: the whole file', async () => {
    expect((await texts([sample], 'document')).map((t) => t.text)).toEqual(['First line\nsecond line\n\n\nthird\nfourth\n']); // the final line break ends the last line
  });

  it('jsonl: text and optional id, a string or a number kept with its JSON type', async () => {
    expect(await texts(['fixtures/corpora/tiny.jsonl'], 'jsonl')).toEqual([
      { text: 'The jury praised the election officials.', where: 'fixtures/corpora/tiny.jsonl:1', id: 'a1' },
      { text: 'Farmers planted corn and wheat in the spring.', where: 'fixtures/corpora/tiny.jsonl:2', id: 2 },
      { text: 'Children played football in the park.', where: 'fixtures/corpora/tiny.jsonl:3' },
    ]);
    const typed = file('typed.jsonl', '{"id": 2, "text": "a"}\n{"id": "2", "text": "b"}\n');
    expect((await texts([typed], 'jsonl')).map((t) => t.id)).toEqual([2, '2']);
  });

  it('jsonl: --text-field and --id-field choose the fields', async () => {
    const other = file('other.jsonl', '{"body": "one", "key": 7, "text": "not this", "id": "nor this"}\n{"body": "two"}\n');
    expect(await texts([other], 'jsonl', { text: 'body', id: 'key' })).toEqual([
      { text: 'one', where: `${other}:1`, id: 7 },
      { text: 'two', where: `${other}:2` },
    ]);
    await expect(texts([other], 'jsonl', { text: 'title', id: 'key' })).rejects.toThrow(`${other}:1: the record has no string field "title"`);
    const bad = file('bad-id.jsonl', '{"text": "x", "id": [1]}\n');
    await expect(texts([bad], 'jsonl')).rejects.toThrow(`${bad}:1: "id" must be a string or a number`);
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

  it('names the input, the line and the limit when a line is longer than the limit', () => {
    const chunk = Buffer.alloc(1 << 20, 0x61);
    const splitter = new TextSplitter('line', 'big.txt');
    const out: TextRecord[] = [];
    splitter.push(Buffer.from('short\n'), out);
    expect(() => {
      for (let bytes = 0; bytes <= LIMITS.lineBytes; bytes += chunk.length) splitter.push(chunk, out);
    }).toThrow(new InputError(`big.txt:2: line longer than the limit lineBytes = ${LIMITS.lineBytes} bytes`));
    expect(out).toEqual([{ text: 'short', where: 'big.txt:1' }]);
  });

  it('names the line when one chunk holds a line longer than the limit', () => {
    const huge = Buffer.concat([Buffer.from('ok\nok\n'), Buffer.alloc(LIMITS.lineBytes + 1, 0x61), Buffer.from('\n')]);
    expect(() => split('line', [huge])).toThrow(`chunks:3: line longer than the limit lineBytes = ${LIMITS.lineBytes} bytes`);
  });

  const pieces = fc.array(fc.constantFrom('a', 'é', '東', '😀', '\n', '\n', '\r\n', ' ', 'x', '. ', '? ', '"b"', '{', '}'), { maxLength: 60 });
  test.prop([pieces, fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 20 }), fc.constantFrom(...UNITS.filter((u) => u !== 'jsonl'))])(
    'texts come out the same whatever the chunk boundaries, for every unit',
    (parts, cuts, unit) => {
      const bytes = Buffer.from(parts.join(''));
      const chunks: Buffer[] = [];
      for (let at = 0, i = 0; at < bytes.length; i++) {
        const size = cuts[i % cuts.length];
        chunks.push(bytes.subarray(at, at + size));
        at += size;
      }
      expect(split(unit, chunks)).toEqual(split(unit, [bytes]));
    },
  );

  test.prop([pieces])('line: one record per line, blank lines included', (parts) => {
    const content = parts.join('');
    const expected = content.split('\n').map((l) => l.replace(/\r$/, ''));
    if (content.endsWith('\n') || content === '') expected.pop();
    expect(split('line', [Buffer.from(content)]).map((t) => t.text)).toEqual(expected);
  });
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
