// Commands loaded on demand (start-up is instant). The registry (cli/commands/index.ts) gives each
// command's name and description, which is all that `skillzip --help` and yargs' command matching need; only the
// module of the command that runs is imported, with its options, its handler and what they import, so that
// `skillzip encode` loads neither the theory nor the trainer nor the charts.

import type { CommandModule } from 'yargs';
import { Parser } from 'yargs/helpers';

/** What a command's module exports: its options (builder) and its work (handler). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CommandBody<A = any> = Pick<CommandModule<object, A>, 'builder' | 'handler'>;

/** One line of a registry: a command and the loader of its module, or a group of subcommands (`theory …`). */
export type CommandEntry = { command: string; describe: string } & (
  | { load: () => Promise<CommandBody> }
  | { subcommands: CommandEntry[]; demand: string }
);

const nameOf = (entry: CommandEntry): string => entry.command.split(' ')[0];
const isDefault = (entry: CommandEntry): boolean => nameOf(entry) === '$0';

/** The positional words of the command line as yargs matches commands against them (before any command's options). */
export function commandWords(args: string[]): string[] {
  return Parser(args, { boolean: ['help', 'version'], alias: { help: ['h'], version: ['V'] } })._.map(String);
}

/** An entry yargs lists and matches but that must not run: its module was not loaded. */
function listedOnly(entry: CommandEntry): CommandModule {
  return {
    command: entry.command,
    describe: entry.describe,
    handler: () => {
      throw new Error(`${nameOf(entry)}: its module was not loaded`);
    },
  };
}

async function loaded(entry: CommandEntry, words: string[]): Promise<CommandModule> {
  if ('load' in entry) return { command: entry.command, describe: entry.describe, ...(await entry.load()) };
  const subcommands = await commandsFor(entry.subcommands, words);
  return { command: entry.command, describe: entry.describe, builder: (y) => y.command(subcommands).demandCommand(1, entry.demand), handler: () => {} };
}

/**
 * The registry's commands for yargs: the one that `words` name (or else the default command, if there is one)
 * loaded, the others listed by name and description only.
 */
export async function commandsFor(entries: CommandEntry[], words: string[]): Promise<CommandModule[]> {
  const chosen = entries.find((e) => !isDefault(e) && nameOf(e) === words[0]) ?? entries.find(isDefault);
  return Promise.all(entries.map((entry) => (entry === chosen ? loaded(entry, words.slice(1)) : listedOnly(entry))));
}
