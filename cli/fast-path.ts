// The common filter invocations without yargs: `skillzip encode` and `skillzip decode` with only files and the
// plainest flags (-q, -f, -c, -m FILE, -o FILE, decode's --format jsonl|text) are parsed here by hand and run
// directly, because loading and configuring yargs is a large share of a one-sentence process (bench/startup.ts).
// Anything else — help, another flag, a flag given twice, `--opt=value`, conflicting flags — returns undefined and
// goes to cli/main.ts, so yargs' help text and usage errors stay exactly as they were. The arguments built here are
// the ones yargs would give the handler (test/cli/fast-path.test.ts compares them).

import { exitQuietlyOnClosedPipe, reportError } from './io.js';
import { removeTemporariesOnExit } from './output-file.js';

export interface PlainCoding {
  command: 'encode' | 'decode';
  args: Record<string, unknown>;
}

/** Flags without a value: their key. */
const SWITCHES: Record<string, string> = { '-q': 'quiet', '--quiet': 'quiet', '-f': 'force', '--force': 'force', '-c': 'stdout', '--stdout': 'stdout' };
/** Flags with a value: their key. */
const VALUED: Record<string, string> = { '-m': 'model', '--model': 'model', '-o': 'output', '--output': 'output' };
/** The values decode's --format takes. */
const FORMATS = ['jsonl', 'text'];

/** The arguments of a plain encode or decode command line, or undefined when yargs must parse it. */
export function plainCoding(argv: string[]): PlainCoding | undefined {
  const command = argv[0];
  if (command !== 'encode' && command !== 'decode') return undefined;
  const args: Record<string, unknown> =
    command === 'encode' ? { force: false, threads: 1, mode: 'compact', 'keep-novel': false } : { force: false, threads: 1, format: 'jsonl', layers: 'all' };
  const given = new Set<string>();
  const files: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i];
    if (word === '-' || !word.startsWith('-')) {
      files.push(word);
      continue;
    }
    const key = SWITCHES[word] ?? VALUED[word] ?? (command === 'decode' && word === '--format' ? 'format' : undefined);
    if (key === undefined || given.has(key)) return undefined;
    given.add(key);
    if (SWITCHES[word] !== undefined) {
      args[key] = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined || value.startsWith('-') || (key === 'format' && !FORMATS.includes(value))) return undefined;
    args[key] = value;
  }
  if (given.has('output') && given.has('stdout')) return undefined; // a usage error, worded by yargs
  args.file = files;
  return { command, args };
}

/** Runs a plain encode or decode as its command's handler would under cli/main.ts; resolves to the exit code. */
export async function runPlainCoding({ command, args }: PlainCoding): Promise<number> {
  exitQuietlyOnClosedPipe();
  removeTemporariesOnExit();
  try {
    if (command === 'encode') await (await import('./coding/encode.js')).encodeFiles(args as never, false);
    else await (await import('./coding/decode.js')).decodeFiles(args as never, false);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    return reportError(err);
  }
}
