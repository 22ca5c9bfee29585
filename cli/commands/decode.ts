// `skillzip decode [FILE...|-] [-m MODEL] [-o OUT | -c] [--format jsonl|text] [--layers all|base] [--records A-B] [--skip-bad] [-T N] [-t]`: the options of
// decoding (cli/coding/decode.ts does the work).

import type { Argv } from 'yargs';
import { withOutputOptions } from '../output-file.js';
import { withProgressOptions } from '../progress.js';
import { withFileOptions } from '../coding/files.js';
import { withThreadsOption } from '../threads-option.js';
import { EXIT_SKIPPED_DAMAGE, decodeFiles, type DecodeArgs } from '../coding/decode.js';
import type { CommandBody } from '../lazy-commands.js';

export const decode: CommandBody<DecodeArgs> = {
  builder: (y: Argv) =>
    withThreadsOption(withProgressOptions(withFileOptions(withOutputOptions(y, 'the records (one input)'))), 'decoding frames')
      .positional('file', { type: 'string', array: true, describe: 'Input streams (- or nothing: stdin); several: each FILE.skz to FILE' })
      .option('model', { alias: 'm', type: 'string', describe: 'Model file the stream was made with; default: the built-in model' })
      .option('format', { type: 'string', choices: ['jsonl', 'text'] as const, default: 'jsonl', describe: 'JSON Lines records or one line of skills per record' })
      .option('skip-bad', { type: 'boolean', describe: `Report corrupt frames and go on (exit code ${EXIT_SKIPPED_DAMAGE})` })
      .option('layers', { type: 'string', choices: ['all', 'base'] as const, default: 'all', describe: 'Of a layered stream: all (its words, as word mode gives them) or base (its concepts, without reading the refinement)' })
      .option('records', { type: 'string', describe: 'Only records A-B (numbered from 0; also A- and A): a file is read at the frames holding them (its trailer\'s frame index), stdin is scanned' })
      .option('test', { alias: 't', type: 'boolean', describe: 'Check every frame (CRC and decoding), write nothing; exit 1 on damage' })
      .example('$0 decode notes.skz --format text', 'one line of skills per record on stdout')
      .example('$0 decode notes.skz -o notes.jsonl', 'JSON Lines records to a file (refused if it exists, unless -f)')
      .example('$0 decode a.txt.skz b.txt.skz', 'each stream to the file beside it: a.txt, b.txt')
      .example('$0 decode damaged.skz --skip-bad', 'decode what is intact, report the rest, exit 3')
      .example('$0 decode notes.skz --layers base --format text', 'a layered stream\'s concepts only')
      .example('$0 decode -t *.skz', 'check streams without writing anything')
      .example('$0 decode big.skz --records 5000000-5000009', 'ten records, reading only the frames that hold them')
      .conflicts('test', ['output', 'skip-bad']) as unknown as Argv<DecodeArgs>,
  handler: (args) => decodeFiles(args, false),
};
