// The chart packages (vega, vega-lite, @resvg/resvg-js) are optional dependencies: with them hidden by a module
// resolve hook (hide-chart-packages.mjs), the commands that draw files say what to install, without a stack trace
// and before any work, and everything else (encoding, decoding, ASCII charts, the library's EncodeStream) works.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratch, skillzip } from './run.js';

const HIDE = ['--import', path.resolve('test/cli/hide-chart-packages.mjs')];
const TINY = path.resolve('fixtures/corpora/tiny.txt');

describe('without the optional chart packages', () => {
  it('rate --plot FILE.svg and report refuse with the packages to install, exit 2, no stack trace, nothing written', () => {
    const dir = scratch('no-charts');
    for (const args of [
      ['rate', TINY, '--plot', path.join(dir, 'rate.svg')],
      ['report', TINY, '-o', path.join(dir, 'report.html')],
    ]) {
      const run = skillzip(args, undefined, undefined, HIDE);
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toBe(
        'skillzip: drawing SVG or PNG charts needs the optional packages vega, vega-lite, @resvg/resvg-js, which are not installed: ' +
          'npm install vega@6.4.0 vega-lite@6.4.3 @resvg/resvg-js@2.6.2 (or --plot - for ASCII charts)\n',
      );
      expect(run.stdout.length).toBe(0);
    }
    expect(existsSync(path.join(dir, 'rate.svg')) || existsSync(path.join(dir, 'report.html'))).toBe(false);
  });

  it('the hook really hides them: the same commands draw when it is absent', () => {
    const dir = scratch('charts');
    const run = skillzip(['rate', TINY, '--plot', path.join(dir, 'rate.svg')]);
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'rate.svg'))).toBe(true);
  });

  it('encode, decode and ASCII charts work', () => {
    const encoded = skillzip(['encode'], 'The jury praised the election\n', undefined, HIDE);
    expect(encoded.status, encoded.stderr).toBe(0);
    const decoded = skillzip(['decode'], encoded.stdout, undefined, HIDE);
    expect(decoded.stdout.toString()).toBe('{"record":0,"skills":["election","jury","praise"]}\n');
    const ascii = skillzip(['rate', TINY, '--plot', '-'], undefined, undefined, HIDE);
    expect(ascii.status, ascii.stderr).toBe(0);
    expect(ascii.stdout.toString()).toContain('(measured)');
  });

  it("a library user of EncodeStream does not need them", () => {
    const script = `
      import { EncodeStream, loadDefaultModel } from './dist/index.js';
      const encoder = new EncodeStream(await loadDefaultModel());
      const bytes = [];
      encoder.on('data', (b) => bytes.push(b));
      encoder.end('The jury praised the election\\n');
      await new Promise((resolve) => encoder.on('end', resolve));
      console.log(Buffer.concat(bytes).length > 0 ? 'encoded' : 'empty');`;
    const run = spawnSync(process.execPath, [...HIDE, '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('encoded\n');
  });
});
