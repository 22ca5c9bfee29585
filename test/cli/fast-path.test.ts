// cli/fast-path.ts: a plain encode or decode command line parsed by hand gives the handler exactly the arguments
// yargs gives it through the command's own builder (cli/commands/encode.ts, decode.ts); anything else is left to
// yargs (help, other flags, repeated or conflicting flags, `--opt=value`, a bad --format).

import yargs from 'yargs';
import { describe, expect, it } from 'vitest';
import { plainCoding } from '../../cli/fast-path.js';
import { commands } from '../../cli/commands/index.js';

/** The arguments the handler of `argv`'s command receives from yargs, under their option names (no aliases). */
async function throughYargs(argv: string[]): Promise<Record<string, unknown>> {
  const entry = commands.find((c) => c.command.startsWith(`${argv[0]} `));
  if (!entry || !('load' in entry)) throw new Error(`no command ${argv[0]}`);
  const body = await entry.load();
  let captured: Record<string, unknown> = {};
  await yargs(argv)
    .command({ command: entry.command, describe: entry.describe, builder: body.builder, handler: (a: Record<string, unknown>) => void (captured = a) })
    .strictOptions()
    .exitProcess(false)
    .fail((msg, err) => {
      throw err ?? new Error(msg);
    })
    .parseAsync();
  // option names only: yargs adds each alias (-q, -f, …) and a camelCase twin (keepNovel) beside them
  return Object.fromEntries(Object.entries(captured).filter(([key]) => key.length > 1 && !/[A-Z]/.test(key) && key !== '_' && key !== '$0'));
}

describe('the yargs-free path of plain encode and decode', () => {
  it.each([
    [['encode']],
    [['encode', '-q']],
    [['encode', 'a.txt', '-o', 'a.skz', '-f']],
    [['encode', 'a.txt', 'b.txt', '--quiet', '--force', '-m', 'my.skm']],
    [['encode', '-c', 'a.txt', '--model', 'my.skm']],
    [['decode']],
    [['decode', '--format', 'text', '-q']],
    [['decode', 'x.skz', '--output', 'x.jsonl', '--format', 'jsonl']],
    [['decode', '-m', 'my.skm', '-c', 'x.skz', 'y.skz']],
  ])('%j: the same arguments as yargs gives', async (argv) => {
    const plain = plainCoding(argv);
    expect(plain?.command).toBe(argv[0]);
    expect(plain?.args).toEqual(await throughYargs(argv));
  });

  it('keeps a lone - as stdin', () => {
    expect(plainCoding(['decode', '-', '-q'])?.args.file).toEqual(['-']);
  });

  it.each([
    [['encode', '--help']],
    [['decode', '-h']],
    [['encode', '--version']],
    [['encode', '--mode', 'robust']],
    [['encode', '-q', '-q']],
    [['encode', '-qf']],
    [['encode', '--model=my.skm']],
    [['encode', '-o', 'a.skz', '-c']],
    [['encode', '-o']],
    [['encode', '-m', '-q']],
    [['encode', '--format', 'text']],
    [['decode', '--format', 'xml']],
    [['decode', '--records', '1-2']],
    [['encode', '-T', '2']],
    [['decode', '--', 'x.skz']],
    [['train', 'a.txt']],
    [['a.txt']],
    [[]],
  ])('%j is left to yargs', (argv) => {
    expect(plainCoding(argv)).toBeUndefined();
  });
});
