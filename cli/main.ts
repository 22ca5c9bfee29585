// skillzip's command line: `main(args)` parses arguments with yargs and hands the command to its module in
// cli/commands/ (no command: the gzip-style default of cli/commands/default.ts), loading only that module
// (cli/lazy-commands.ts). cli/bin.ts runs it as the `skillzip` program.
// Exit codes: 0 ok, 1 error (bad input, I/O), 2 usage, 3 finished with skipped damage (decode --skip-bad), 128 + N
// on signal N (130 SIGINT, 143 SIGTERM, 129 SIGHUP); a closed downstream pipe ends quietly with 0. Messages go to
// stderr, results to stdout.

import yargs from 'yargs';
import { commands } from './commands/index.js';
import { commandWords, commandsFor } from './lazy-commands.js';
import { exitQuietlyOnClosedPipe, reportError } from './io.js';
import { removeTemporariesOnExit } from './output-file.js';
import { numberOptionsMiddleware } from './number-options.js';
import { UsageError } from '../src/util/errors.js';
import { packageVersion } from '../src/model/store.js';

// yargs-parser turns a lone '-' into '' (and drops it from positional lists), but '-' means stdin or stdout here:
// it is carried through parsing under a placeholder and given back to the commands as '-'.
const DASH_PLACEHOLDER = '\u0000-';

function restoreDashes(argv: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(argv)) {
    if (value === DASH_PLACEHOLDER) argv[key] = '-';
    else if (Array.isArray(value)) argv[key] = value.map((v) => (v === DASH_PLACEHOLDER ? '-' : v));
  }
}

/**
 * yargs formats the whole help text of the command that runs before running it, in case its handler calls
 * showHelp(), which skillzip's never do: tens of milliseconds of every start-up. yargs has no option for
 * this, so its usage object, one per parser, is told not to; --help and usage errors still format their text when
 * asked. Should a later yargs lack these internals, nothing is changed.
 */
function skipHelpCaching(parser: object): void {
  type Internals = { getInternalMethods?(): { getUsageInstance?(): { cacheHelpMessage?: () => void } } };
  const usage = (parser as Internals).getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

/** Runs the command line `argv` (the arguments after the program's name); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  exitQuietlyOnClosedPipe();
  removeTemporariesOnExit();
  let usageFailure: string | undefined;
  const args = argv.map((arg) => (arg === '-' ? DASH_PLACEHOLDER : arg));
  try {
    const parser = yargs(args)
      .middleware(restoreDashes, true)
      .middleware(numberOptionsMiddleware(argv), true)
      .scriptName('skillzip')
      .usage('$0 <command> [options]  |  $0 [-d|-t|-l] [FILE...]\n\nSemantic compression by learned skills, with the emergence theory that says when it works.')
      .command(await commandsFor(commands, commandWords(args)))
      .strictCommands()
      .strictOptions()
      .recommendCommands()
      .help()
      .alias('h', 'help')
      .version(packageVersion()) // yargs would look for a package.json from the working folder up: the user's project, or none ('unknown')
      .alias('V', 'version')
      .wrap(Math.min(110, process.stdout.columns ?? 100))
      .exitProcess(false)
      .fail((msg, err) => {
        if (err) throw err;
        usageFailure = msg;
        throw new UsageError(msg);
      });
    skipHelpCaching(parser);
    await parser.parseAsync();
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    if (err instanceof UsageError && usageFailure !== undefined) {
      process.stderr.write(`skillzip: ${usageFailure}\n(see skillzip --help)\n`);
      return 2;
    }
    return reportError(err);
  }
}
