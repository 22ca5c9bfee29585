// Numeric options as the user typed them: yargs turns `--seed abc` into NaN, `--seed Infinity` into Infinity and an
// empty value (`--max-skills "$K"` with K unset) into 0, which a later range check would print as 'NaN' or 'null' or
// silently accept. This check runs before every command and refuses a number option whose value is not a finite
// number or is empty, quoting the value as it was given.

import { UsageError } from '../src/util/errors.js';

interface DeclaredOptions {
  number: string[];
  alias: Record<string, string[]>;
}

/** The texts given for `names` (an option and its aliases) on the command line, in order. */
function givenTexts(args: string[], names: string[]): string[] {
  const texts: string[] = [];
  for (let i = 0; i < args.length; i++) {
    for (const name of names) {
      const flag = name.length === 1 ? `-${name}` : `--${name}`;
      if (args[i] === flag && i + 1 < args.length) texts.push(args[i + 1]);
      else if (args[i].startsWith(`${flag}=`)) texts.push(args[i].slice(flag.length + 1));
    }
  }
  return texts;
}

/** Refuses a non-finite value of any option declared as a number; `args` are the raw command-line arguments. */
function checkNumberOptions(args: string[], argv: Record<string, unknown>, declared: DeclaredOptions): void {
  for (const key of declared.number) {
    const values = ([] as unknown[]).concat(argv[key] ?? []);
    const texts = givenTexts(args, [key, ...(declared.alias[key] ?? [])]);
    const empty = texts.find((text) => text.trim() === '');
    if (empty !== undefined) throw new UsageError(`--${key} '${empty}': expected a finite number`);
    if (values.every((v) => typeof v === 'number' && Number.isFinite(v))) continue;
    const given = texts.at(-1) ?? String(values.find((v) => !(typeof v === 'number' && Number.isFinite(v))));
    throw new UsageError(`--${key} '${given}': expected a finite number`);
  }
}

/**
 * The check as a yargs middleware (to run before validation). yargs hands a middleware its own instance, whose
 * getOptions() lists the options the command declared; @types/yargs 17 types neither, hence the cast.
 */
export function numberOptionsMiddleware(args: string[]): (argv: Record<string, unknown>, yargs?: unknown) => void {
  return (argv, yargs) => checkNumberOptions(args, argv, (yargs as { getOptions(): DeclaredOptions }).getOptions());
}
