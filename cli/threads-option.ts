// `-T N` / `--threads N` of encode, decode and train: frames (or training's text batches) are coded on N worker
// threads, 0 meaning every core; the output is the same bytes for every N (codec/workers.ts).

import type { Argv } from 'yargs';
import { UsageError } from '../src/util/errors.js';

export interface ThreadsArgs {
  threads?: number;
}

export function withThreadsOption<T>(y: Argv<T>, what: string): Argv<T & ThreadsArgs> {
  return y.option('threads', {
    alias: 'T',
    type: 'number',
    default: 1,
    requiresArg: true,
    describe: `Worker threads for ${what} (0: every core); the output is the same for every number`,
  }) as unknown as Argv<T & ThreadsArgs>;
}

/** The thread count given, checked: a whole number ≥ 0. */
export function threadsOf(args: Partial<ThreadsArgs>): number | undefined {
  const n = args.threads;
  if (n !== undefined && (!Number.isSafeInteger(n) || n < 0)) throw new UsageError(`--threads ${n}: expected a whole number ≥ 0 (0: every core)`);
  return n;
}
