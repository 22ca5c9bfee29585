// Progress of long jobs on stderr (cli-progress): shown when stderr is a terminal, or as plain lines when
// --progress asks for it (logs, pipes); never with -q or --no-progress. Input bytes drive it: percentage and ETA
// when the input's size is known, MB/s always, records when the job counts them. `progressOnTerminal` gives the
// phases of rate, report and plan as lines on a terminal.

import { fstatSync, statSync } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { SingleBar } from 'cli-progress';
import type { Argv } from 'yargs';

export interface ProgressArgs {
  progress?: boolean;
  quiet?: boolean;
}

/** --progress/--no-progress and -q, for every command with long jobs. */
export function withProgressOptions<T>(y: Argv<T>): Argv<T & ProgressArgs> {
  return y
    .option('progress', { type: 'boolean', describe: 'Show progress on stderr even when it is not a terminal (--no-progress: never)' })
    .option('quiet', { alias: 'q', type: 'boolean', describe: 'No progress and no warnings on stderr' }) as unknown as Argv<T & ProgressArgs>;
}

/** Whether to show progress: as asked, else when stderr is a terminal; never with -q. */
export function progressWanted(args: ProgressArgs): boolean {
  if (args.quiet) return false;
  return args.progress ?? process.stderr.isTTY === true;
}

/** The size of FILE (or of stdin when it is a regular file); undefined for pipes and terminals. */
export function inputSize(file: string | undefined): number | undefined {
  try {
    const stat = file === undefined || file === '-' ? fstatSync(0) : statSync(file);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

export interface Progress {
  /** Input bytes read so far. */
  update(bytes: number): void;
  /** A phase after the input is read (train's peeling): the line says so until stop. */
  phase(name: string): void;
  stop(): void;
}

const SILENT: Progress = { update: () => {}, phase: () => {}, stop: () => {} };

const MB = 1 << 20;

/**
 * A progress line labelled `label` over `total` input bytes (undefined: unknown), with the count `records()` gives
 * when there is one; nothing when not `shown`.
 */
export function startProgress(label: string, total: number | undefined, shown: boolean, records?: () => number): Progress {
  if (!shown) return SILENT;
  const known = total !== undefined && total > 0;
  const format = known
    ? `${label} {bar} {percentage}% | {read} MB{records} | {rate} MB/s | ETA {eta_formatted}{phase}`
    : `${label} {read} MB{records} | {rate} MB/s{phase}`;
  const bar = new SingleBar({ stream: process.stderr, format, hideCursor: process.stderr.isTTY === true, noTTYOutput: true, notTTYSchedule: 1000, etaBuffer: 50 });
  const started = Date.now();
  let bytes = 0;
  let phase = '';
  const payload = () => {
    const seconds = Math.max((Date.now() - started) / 1000, 1e-3);
    return {
      read: (bytes / MB).toFixed(1),
      records: records === undefined ? '' : ` | ${records()} records`,
      rate: (bytes / MB / seconds).toFixed(1),
      phase,
    };
  };
  bar.start(known ? total : 1, 0, payload());
  const stopBar = () => bar.stop(); // on exit (a signal, an error) too, so that a terminal gets its cursor back
  process.once('exit', stopBar);
  return {
    update(read) {
      bytes = read;
      bar.update(known ? Math.min(read, total) : 0, payload());
    },
    phase(name) {
      phase = ` | ${name}`;
      bar.update(known ? total : 0, payload());
    },
    stop() {
      bar.update(known ? Math.min(bytes, total) : 0, payload());
      bar.stop();
      process.removeListener('exit', stopBar);
    },
  };
}

/** A pass-through that tells `progress` how many bytes went by. */
export function countingBytes(progress: Progress): Transform {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      bytes += chunk.length;
      progress.update(bytes);
      callback(null, chunk);
    },
  });
}

/** Progress lines on stderr when it is a terminal; silent otherwise (pipes, CI logs, tests). */
export function progressOnTerminal(command: string): (message: string) => void {
  return (message) => {
    if (process.stderr.isTTY) process.stderr.write(`skillzip ${command}: ${message}\n`);
  };
}
