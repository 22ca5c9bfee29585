// `skillzip encode [FILE...|-] [-m MODEL] [-o OUT | -c] [--mode compact|robust] [--unit …] [--text-field F] [--id-field F] [--keep-novel] [--max-skills K] [--rank-by information|coverage] [--min-information B] [--no-layered] [--refine-min-information B] [-T N] [-f]`:
// the options of encoding (cli/coding/encode.ts does the work); each mode's own options (codec/modes.ts) are offered
// as flags, with the mode's defaults shown.

import type { Argv } from 'yargs';
import { modes } from '../../codec/modes.js';
import { RANKINGS } from '../../codec/selection.js';
import { kebabCase } from '../errors.js';
import { withOutputOptions } from '../output-file.js';
import { withProgressOptions } from '../progress.js';
import { withThreadsOption } from '../threads-option.js';
import { withUnitOptions } from '../unit-options.js';
import { withFileOptions } from '../coding/files.js';
import { FORCE_BINARY, encodeFiles, type EncodeArgs } from '../coding/encode.js';
import type { CommandBody } from '../lazy-commands.js';

export const encode: CommandBody<EncodeArgs> = {
  builder: (y: Argv) => {
    let parser = withThreadsOption(withUnitOptions(withProgressOptions(withFileOptions(withOutputOptions(y, 'the stream (one input)', { force: FORCE_BINARY }))), 'records'), 'encoding frames')
      .positional('file', { type: 'string', array: true, describe: 'Input texts (- or nothing: stdin); several: each FILE to FILE.skz' })
      .option('model', { alias: 'm', type: 'string', describe: 'Model file (.skm); default: the built-in Brown model' })
      .option('mode', { type: 'string', choices: modes.map((m) => m.mode), default: 'compact', describe: 'Coding mode' })
      .option('keep-novel', { type: 'boolean', default: false, describe: 'Carry skills the model has not learned as literals' })
      .option('max-skills', { type: 'number', requiresArg: true, describe: 'Keep at most K skills per record, the most informative (−log₂ p under the model) unless --rank-by coverage' })
      .option('rank-by', { type: 'string', choices: [...RANKINGS], requiresArg: true, describe: "Which skills --max-skills keeps: 'information', the rarest (default), or 'coverage', the most of the text's words per bit (occurrences in the record over −log₂ p)" })
      .option('min-information', { type: 'number', requiresArg: true, describe: 'Drop skills carrying fewer than B bits (−log₂ p under the model)' })
      .option('layered', {
        type: 'boolean',
        describe: 'Layered stream: concepts in a base layer, their words in a refinement (default with a model trained with --skills layered:L; --no-layered: word mode, the same records)',
      })
      .option('refine-min-information', { type: 'number', requiresArg: true, describe: 'Layered: refine only concepts carrying at least B bits (−log₂ p in the base layer); the others are sent as concepts' })
      .example('echo "The jury praised the election" | $0 encode | $0 decode', 'a pipe with the built-in model')
      .example('$0 encode notes.txt -o notes.skz', 'one file to a stream file (refused if notes.skz exists, unless -f)')
      .example('$0 encode big.txt -T 0 -o big.skz', 'frames encoded on every core, the same bytes as with one')
      .example('$0 encode a.txt b.txt --rm', 'each file to FILE.skz beside it, removing the input (like gzip)')
      .example('$0 encode notes.txt --max-skills 6 -o notes.skz', 'lossier: each record keeps its 6 most informative skills')
      .example('$0 encode notes.txt -m concepts.skm --max-skills 2 --rank-by coverage', 'at a low rate, the 2 skills that stand for the most words per bit')
      .example('$0 encode notes.txt -m brown-l2.skm --refine-min-information 8 -o notes.skz', 'layered: common concepts stay concepts, rarer ones are refined to their words')
      .example('$0 encode talk.txt --mode robust --erasure 0.1 -o talk.skz', 'robust mode: frames survive lost slots');
    const declared = new Set(['model', 'output', 'stdout', 'mode', 'unit', 'text-field', 'id-field', 'keep-novel', 'max-skills', 'rank-by', 'min-information', 'layered', 'refine-min-information', 'force', 'threads']);
    for (const mode of modes) {
      for (const [name, option] of Object.entries(mode.options)) {
        const flag = kebabCase(name);
        if (declared.has(flag)) continue;
        declared.add(flag);
        const shown = option.default === undefined ? '' : ` (default ${option.default})`;
        parser = parser.option(flag, { type: option.type, describe: `[${mode.mode} mode] ${option.describe}${shown}` });
      }
    }
    return parser as unknown as Argv<EncodeArgs>;
  },
  handler: (args) => encodeFiles(args, false),
};
