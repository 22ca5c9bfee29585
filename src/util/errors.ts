// The library's errors, each with a stable `code` (README "Errors"): InputError for bad data (a corrupt stream or
// model file, an unreadable record), ParamError for a bad parameter of a library call, named by the parameter's own
// name (`targetLoss`, never a command-line flag: cli/errors.ts maps parameters to flags and codes to exit statuses),
// UsageError for a command line that cannot be carried out as written (cli/ only); and the system's wording of a
// failed file operation, for messages that read like gzip's.

import { getSystemErrorMap } from 'node:util';

/** Codes of bad data. */
export type InputCode =
  /** A stream's header, frame or trailer fails its CRC32. */
  | 'ERR_SKZ_CRC'
  /** A stream ends inside its header, a frame, or before its trailer. */
  | 'ERR_SKZ_TRUNCATED'
  /** A stream was made with another model than the one given. */
  | 'ERR_SKZ_MODEL_MISMATCH'
  /** A model file (.skm) fails validation. */
  | 'ERR_SKM_INVALID'
  /** Any other bad input: a corrupt frame body, an unreadable record, a file that is not a stream. */
  | 'ERR_INPUT';

/** Codes of bad parameters: a degree, learner or ensemble spec, or any other parameter. */
export type ParamCode = 'ERR_SPEC' | 'ERR_PARAM';

export type ErrorCode = InputCode | ParamCode | 'ERR_USAGE';

/** Bad data: a corrupt file, an unreadable record. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly code: InputCode = 'ERR_INPUT',
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** How a message calls a parameter: the library by its own name, the command line by its flag. */
export type ParamNamer = (param: string) => string;

/**
 * A bad parameter of a library call. Its message is written by `say`, which names every parameter through the namer
 * it is given: `message` calls them by their own names, messageWith(flagOf) by the CLI's flags.
 */
export class ParamError extends Error {
  /** The parameters the message names, in order. */
  readonly params: readonly string[];

  constructor(
    private readonly say: (name: ParamNamer) => string,
    readonly code: ParamCode = 'ERR_PARAM',
  ) {
    const params: string[] = [];
    super(
      say((param) => {
        params.push(param);
        return param;
      }),
    );
    this.params = params;
    this.name = 'ParamError';
  }

  /** The message with each parameter called `name(param)`. */
  messageWith(name: ParamNamer): string {
    return this.say(name);
  }
}

/** A command line that cannot be carried out as written (raised by cli/ only). */
export class UsageError extends Error {
  readonly code = 'ERR_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The system's words for a failed file operation, as strerror says them ('No such file or directory'). */
export function systemErrorText(err: NodeJS.ErrnoException): string {
  const known = typeof err.errno === 'number' ? getSystemErrorMap().get(err.errno) : undefined;
  const text = known?.[1] ?? err.code ?? err.message;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Whether `err` is a failed system call (it carries an errno code such as ENOENT). */
export function isSystemError(err: unknown): err is NodeJS.ErrnoException {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}
