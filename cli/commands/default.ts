// `skillzip [FILE...]` with no command, as gzip is used: each FILE to FILE.skz beside it (-d: FILE.skz back to FILE
// as JSON Lines records), stdin to stdout without FILEs; -c, -k, --rm, -f, -q, -v as gzip has them; -t checks
// streams, -l lists them (the short form of `inspect`). The work is cli/coding's and codec/inspect.ts's.

import type { Argv } from 'yargs';
import { summarizeStream } from '../../codec/inspect.js';
import { openInput } from '../io.js';
import { printResult, type Table } from '../output.js';
import { withOutputOptions } from '../output-file.js';
import { withProgressOptions, type ProgressArgs } from '../progress.js';
import { decodeFiles, type DecodeArgs } from '../coding/decode.js';
import { FORCE_BINARY, encodeFiles } from '../coding/encode.js';
import { withFileOptions, type FileArgs } from '../coding/files.js';
import { defaultModelWithId } from '../coding/codec-io.js';
import type { CommandBody } from '../lazy-commands.js';

interface DefaultArgs extends FileArgs, ProgressArgs {
  file?: string[];
  model?: string;
  decompress?: boolean;
  test?: boolean;
  list?: boolean;
}

/** -l: one line per stream, like gzip -l; exit 1 when one is damaged or truncated. */
async function listStreams(files: string[]): Promise<void> {
  const rows: Table['rows'] = [];
  for (const file of files) {
    const name = file === '-' ? 'stdin' : file;
    const s = await summarizeStream(openInput(file), name, defaultModelWithId);
    const damaged = s.badFrames.length > 0 || !s.complete;
    if (damaged) process.exitCode = 1;
    rows.push([s.bytes, s.chars, s.records, s.mode, Number(s.bitsPerChar.toFixed(4)), damaged ? `${name} (damaged)` : name]);
  }
  printResult({}, [{ columns: ['compressed', 'characters', 'records', 'mode', 'bits/char', 'name'], rows }], {});
}

export const gzipStyle: CommandBody<DefaultArgs> = {
  builder: (y: Argv) =>
    withProgressOptions(withFileOptions(withOutputOptions(y, 'the output of a single input', { force: FORCE_BINARY })))
      .positional('file', { type: 'string', array: true, describe: 'Files (- or nothing: stdin to stdout)' })
      .option('decompress', { alias: 'd', type: 'boolean', describe: 'Decode FILE.skz to FILE (JSON Lines records)' })
      .option('test', { alias: 't', type: 'boolean', describe: 'Check every frame of each stream, write nothing; exit 1 on damage' })
      .option('list', { alias: 'l', type: 'boolean', describe: 'List each stream: sizes, records, bits per character' })
      .option('model', { alias: 'm', type: 'string', describe: 'Model file (.skm); default: the built-in Brown model' })
      .conflicts('list', ['decompress', 'test'])
      .example('$0 notes.txt', 'notes.txt → notes.txt.skz (notes.txt kept; --rm removes it)')
      .example('$0 -d notes.txt.skz', 'notes.txt.skz → notes.txt: the records, as JSON Lines')
      .example('$0 -t *.skz && $0 -l *.skz', 'check streams, then list them') as unknown as Argv<DefaultArgs>,
  handler: async (args) => {
    const files = args.file ?? [];
    if (args.list) return listStreams(files.length > 0 ? files : ['-']);
    const beside = files.length > 0 && args.output === undefined;
    if (args.decompress || args.test) return decodeFiles({ ...args, format: 'jsonl', 'skip-bad': false } satisfies DecodeArgs, beside);
    return encodeFiles({ ...args, mode: 'compact', unit: 'line', 'keep-novel': false }, beside);
  },
};
