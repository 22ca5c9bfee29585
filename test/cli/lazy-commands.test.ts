// cli/lazy-commands.ts: of a registry, only the command the words name is loaded (or the default when none is
// named); the others are listed by name and description and refuse to run; groups load only the subcommand named.

import { describe, expect, it } from 'vitest';
import { commandWords, commandsFor, type CommandEntry } from '../../cli/lazy-commands.js';

function registry(loaded: string[]): CommandEntry[] {
  const command = (name: string): CommandEntry => ({
    command: `${name} [file..]`,
    describe: `the ${name} command`,
    load: async () => {
      loaded.push(name);
      return { handler: () => {} };
    },
  });
  return [
    { command: 'theory <subcommand>', describe: 'a group', subcommands: [command('tap'), command('curve')], demand: 'name one' },
    command('encode'),
    command('decode'),
    { ...command('gzip'), command: '$0 [file..]' },
  ];
}

describe('commands loaded on demand', () => {
  it.each([
    [['encode', 'notes.txt', '-o', 'x.skz'], ['encode']],
    [['-d', 'notes.txt.skz'], ['gzip']],
    [[], ['gzip']],
    [['--help'], ['gzip']],
    [['decode', '--help'], ['decode']],
    [['theory', 'tap', '--alpha', '1'], ['tap']],
    [['theory', '--help'], []],
  ])('%j loads %j', async (args, expected) => {
    const loaded: string[] = [];
    const commands = await commandsFor(registry(loaded), commandWords(args));
    expect(loaded).toEqual(expected);
    expect(commands.map((c) => c.command)).toEqual(['theory <subcommand>', 'encode [file..]', 'decode [file..]', '$0 [file..]']);
    expect(commands.map((c) => c.describe)).toEqual(['a group', 'the encode command', 'the decode command', 'the gzip command']);
  });

  it('a command listed but not loaded refuses to run', async () => {
    const [, , decode] = await commandsFor(registry([]), ['encode']);
    expect(() => (decode.handler as (args: object) => void)({})).toThrow('decode: its module was not loaded');
  });
});
