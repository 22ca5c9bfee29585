// Error types that carry their exit code: the CLI maps them to 1 (bad input, I/O) or 2 (usage).

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
