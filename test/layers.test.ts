// The one-way data flow of DESIGN.md, checked on the sources so that it cannot regress: cli → lab → codec → src.
// Every import (static, re-export or dynamic) of a module in one of these folders may only reach its own folder or
// a folder below it.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
/** Each layer and the layers it may import, its own included. */
const ALLOWED: Record<string, readonly string[]> = {
  src: ['src'],
  codec: ['codec', 'src'],
  lab: ['lab', 'codec', 'src'],
  cli: ['cli', 'lab', 'codec', 'src'],
};

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

/** The relative imports of a source text. */
function importsOf(text: string): string[] {
  return [...text.matchAll(IMPORT)].map((m) => m[1]);
}

/** `file` (relative to the root) importing `specifier` breaks the layering: the message, or null. */
function violation(file: string, specifier: string): string | null {
  const layer = file.split('/')[0];
  const target = relative(ROOT, resolve(ROOT, dirname(file), specifier)).split('/')[0];
  if (!(target in ALLOWED) || ALLOWED[layer].includes(target)) return null;
  return `${file} imports ${specifier} (${layer}/ may import ${ALLOWED[layer].join(', ')})`;
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `${dir}/${name.split('\\').join('/')}`);
}

describe('layers', () => {
  it('src/ imports neither codec/, lab/ nor cli/; codec/ neither lab/ nor cli/; lab/ not cli/', () => {
    const found: string[] = [];
    let imports = 0;
    for (const layer of Object.keys(ALLOWED)) {
      for (const file of sources(layer)) {
        for (const specifier of importsOf(readFileSync(join(ROOT, file), 'utf8'))) {
          imports++;
          const problem = violation(file, specifier);
          if (problem) found.push(problem);
        }
      }
    }
    expect(imports).toBeGreaterThan(100);
    expect(found).toEqual([]);
  });

  it('the check sees static, re-exported and dynamic imports that go the wrong way', () => {
    const text = [
      "import { Prng } from '../util/prng.js';",
      "import type { BlockCoder } from '../../codec/block-coder.js';",
      "export { measureRate } from '../../lab/rate/run.js';",
      "const m = await import('../../cli/main.js');",
      "import '../../cli/side-effect.js';",
    ].join('\n');
    const problems = importsOf(text)
      .map((s) => violation('src/model/example.ts', s))
      .filter((p) => p !== null);
    expect(problems).toHaveLength(4);
    expect(violation('codec/streams.ts', '../lab/rate/run.js')).toMatch(/codec\/ may import codec, src/);
    expect(violation('lab/rate/run.ts', '../../codec/streams.js')).toBeNull();
  });
});
