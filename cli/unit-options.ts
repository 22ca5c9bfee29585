// The options that say how inputs are cut into texts (src/corpus/units.ts), shared by train, encode and rate:
// --unit, and the JSON Lines fields --text-field and --id-field.

import type { Argv } from 'yargs';
import { DEFAULT_JSON_FIELDS, UNITS, type JsonFields, type Unit } from '../src/corpus/index.js';
import { UsageError } from '../src/util/errors.js';

export interface UnitArgs {
  unit?: Unit;
  'text-field'?: string;
  'id-field'?: string;
}

/** Adds --unit (default line), --text-field and --id-field to a command. */
export function withUnitOptions<T>(y: Argv<T>, what = 'texts'): Argv<T & UnitArgs> {
  return y
    .option('unit', { type: 'string', choices: UNITS, describe: `How inputs are cut into ${what} (default line)` })
    .option('text-field', { type: 'string', describe: `With --unit jsonl: the field holding the text [default: ${DEFAULT_JSON_FIELDS.text}]` })
    .option('id-field', { type: 'string', describe: `With --unit jsonl: the field holding the record id [default: ${DEFAULT_JSON_FIELDS.id}]` })
    .check((argv) => {
      const a = argv as unknown as UnitArgs;
      if ((a['text-field'] !== undefined || a['id-field'] !== undefined) && a.unit !== 'jsonl') throw new UsageError('--text-field and --id-field apply to --unit jsonl');
      const fields = jsonFieldsOf(a);
      if (fields.text === fields.id) throw new UsageError(`--text-field and --id-field must differ (both are "${fields.text}")`);
      return true;
    }) as unknown as Argv<T & UnitArgs>;
}

/** The JSON Lines fields the options name. */
export function jsonFieldsOf(args: UnitArgs): JsonFields {
  return { text: args['text-field'] ?? DEFAULT_JSON_FIELDS.text, id: args['id-field'] ?? DEFAULT_JSON_FIELDS.id };
}
