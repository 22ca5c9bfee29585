// Where the library's errors meet the command line: the library names its parameters (`targetLoss`,
// src/util/errors.ts), the CLI shows the flags that set them (`--target-loss`), and each error code has its exit
// status (README "Errors").

import { type ErrorCode, ParamError } from '../src/util/errors.js';

/** Parameters whose flag is not their name in kebab case. */
const FLAG_OF_PARAM: Readonly<Record<string, string>> = {
  tupleSize: '--tuple',
  lossToFailure: '--loss-factor',
  'tap.initial': '--m0',
  'tap.alpha': '--tap-alpha',
  'tap.extinction': '--mu',
  'tap.linearRate': '--alpha1',
  'tap.capacity': '--capacity',
  'tap.blowupLog10': '--blowup-at',
  'tap.constraints.architecture': '--architecture',
  'tap.constraints.data': '--data',
  'tap.constraints.context': '--context',
  files: 'FILE',
};

/** The command-line flag that sets a library parameter: `targetLoss` → `--target-loss`, or as the table says. */
export function flagOf(param: string): string {
  return Object.hasOwn(FLAG_OF_PARAM, param) ? FLAG_OF_PARAM[param] : `--${kebabCase(param)}`;
}

/** A library option's name as a command-line option name, without dashes: `checksumBits` → `checksum-bits`. */
export function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Exit status of an error with a code: 2 for a bad parameter or command line, 1 for bad input. */
const EXIT_STATUS: Readonly<Record<ErrorCode, number>> = {
  ERR_SKZ_CRC: 1,
  ERR_SKZ_TRUNCATED: 1,
  ERR_SKZ_MODEL_MISMATCH: 1,
  ERR_SKM_INVALID: 1,
  ERR_INPUT: 1,
  ERR_SPEC: 2,
  ERR_PARAM: 2,
  ERR_USAGE: 2,
};

/** The exit status of an error the library or the CLI raised with a code, or undefined for any other error. */
export function exitStatusOf(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && Object.hasOwn(EXIT_STATUS, code) ? EXIT_STATUS[code as ErrorCode] : undefined;
}

/** An error's message as the command line says it: a bad parameter is named by its flag. */
export function cliMessage(err: Error): string {
  return err instanceof ParamError ? err.messageWith(flagOf) : err.message;
}
