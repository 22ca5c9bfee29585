// Error types that carry their exit code: the CLI maps them to 1 (bad input, I/O) or 2 (usage); and the system's
// wording of a failed file operation, for messages that read like gzip's.

import { getSystemErrorMap } from 'node:util';

/** Bad data: a corrupt file, an invalid spec, a record that cannot be read. Exit code 1. */
export class InputError extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** A command line that cannot be carried out as written. Exit code 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
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
