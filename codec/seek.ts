// Random access to a .skz file through the frame index of its trailers (docs/FORMAT.md, "Trailer", since version 6):
// a trailer ends with a footer holding its own length, so the last member's trailer is found from the end of the
// file; its index (the header's bytes, every frame's bytes and records) says where that member starts, which is where
// the member before it ends — so every member's frames are located from the end without reading any frame. A range
// of records is then read frame by frame at the offsets the index gives (FrameSeeker), each frame checked (CRC,
// index, first record, length) as the sequential parser checks it. When the index cannot be used (a member of an
// older version, a damaged trailer, a walk that does not land on the file's first byte), planStreamSeek says why and
// the caller scans the stream instead — safe, since nothing has been read for output then.

import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { InputError } from '../src/util/errors.js';
import { ByteReader, NeedMoreBytes } from './bytes.js';
import {
  FRAME_TAG,
  INDEXED_VERSION,
  type RawFrame,
  type StreamHeader,
  TRAILER_FOOTER_BYTES,
  TRAILER_TAG,
  type Trailer,
  readFrame,
  readHeader,
  readTrailer,
} from './container.js';
import { type FrameRepair, type StreamEvent, memberName } from './stream-parser.js';

/** Records `first` to `last` (inclusive; `last` may be Infinity) by their number over the whole stream. */
export interface RecordRange {
  first: number;
  last: number;
}

/** One member of an indexed file: where it starts, its header, its trailer (with the index) and its first record's number in the file. */
export interface IndexedMember {
  start: number;
  name: string;
  header: StreamHeader;
  headerBytes: number;
  trailer: Trailer;
  trailerBytes: number;
  recordBase: number;
}

/** The members of a file found through their trailers, or why the index cannot be used. */
export type SeekPlan = { members: IndexedMember[] } | { problem: string };

/** The longest trailer the seeker reads (a frame index of ~38 M frames). */
const MAX_SEEK_TRAILER = 1 << 28;

async function readAt(handle: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const buffer = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}

/** Locates every member of the file of `size` bytes from its last byte backwards (see the module comment). */
export async function planStreamSeek(handle: FileHandle, size: number, file: string): Promise<SeekPlan> {
  const found: Array<{ start: number; trailer: Trailer; trailerBytes: number; headerBytes: number }> = [];
  let end = size;
  while (end > 0) {
    const where = found.length === 0 ? 'the last trailer' : `the trailer ending at byte ${end}`;
    if (end < TRAILER_FOOTER_BYTES) return { problem: `${where} is cut short` };
    const footer = await readAt(handle, end - TRAILER_FOOTER_BYTES, 4);
    const length = new ByteReader(footer, file).uint32();
    if (length < 1 || length > MAX_SEEK_TRAILER || length + TRAILER_FOOTER_BYTES > end) return { problem: `${where} has no valid footer (a stream before version ${INDEXED_VERSION}, or damage)` };
    const start = end - TRAILER_FOOTER_BYTES - length;
    const bytes = await readAt(handle, start, length + TRAILER_FOOTER_BYTES);
    let trailer: Trailer | null = null;
    if (bytes[0] === TRAILER_TAG) {
      const r = new ByteReader(bytes, file);
      try {
        trailer = readTrailer(r, INDEXED_VERSION);
        if (r.offset !== bytes.length) trailer = null;
      } catch (err) {
        if (!(err instanceof InputError || err instanceof NeedMoreBytes)) throw err;
      }
    }
    if (trailer === null || trailer.index === null) return { problem: `${where} does not verify (a stream before version ${INDEXED_VERSION}, or damage)` };
    const index = trailer.index;
    const memberBytes = index.headerBytes + index.frameBytes.reduce((sum, b) => sum + b, 0);
    if (memberBytes > start) return { problem: `${where} indexes ${memberBytes} bytes of frames, more than lie before it` };
    found.unshift({ start: start - memberBytes, trailer, trailerBytes: length + TRAILER_FOOTER_BYTES, headerBytes: index.headerBytes });
    end = start - memberBytes;
  }
  if (found.length === 0) return { problem: 'the file is empty' };
  const members: IndexedMember[] = [];
  let recordBase = 0;
  for (const [m, member] of found.entries()) {
    const name = memberName(file, m);
    let header: StreamHeader;
    try {
      const bytes = await readAt(handle, member.start, member.headerBytes);
      const r = new ByteReader(bytes, name);
      header = readHeader(r, name);
      if (r.offset !== bytes.length) return { problem: `${name}: its header is not the ${member.headerBytes} bytes its trailer says` };
    } catch (err) {
      if (!(err instanceof InputError || err instanceof NeedMoreBytes)) throw err;
      return { problem: `${name}: no stream header where its trailer says it starts (byte ${member.start})` };
    }
    if (header.version < INDEXED_VERSION) return { problem: `${name} is a version ${header.version} stream` };
    members.push({ ...member, name, header, recordBase });
    recordBase += member.trailer.totals.records;
  }
  return { members };
}

/** A frame the range needs: its member, its place in the file and what the index says of it. */
interface FrameTask {
  member: IndexedMember;
  offset: number;
  bytes: number;
  index: number;
  firstRecord: number;
  recordCount: number;
}

/**
 * The parser's events (codec/stream-parser.ts) for the frames of `range`, read at the offsets the index gives: every
 * member's header, the frames holding records of the range, every member's trailer — in stream order, as objects,
 * one frame in memory at a time. A frame that does not verify is a 'bad' event with skipBad (its records lost), else
 * an 'error' event that ends the events; a frame whose CRC fails is first offered to the repair given (useRepair).
 */
export class FrameSeeker<Repaired = never> extends Readable {
  private readonly steps: Array<StreamEvent<Repaired> | FrameTask> = [];
  private next = 0;
  private repair: FrameRepair<Repaired> | undefined;

  constructor(
    private readonly handle: FileHandle,
    plan: IndexedMember[],
    range: RecordRange,
    private readonly skipBad: boolean,
  ) {
    super({ objectMode: true });
    for (const [m, member] of plan.entries()) {
      this.steps.push({ kind: 'header', header: member.header, bytes: member.headerBytes, member: m, name: member.name });
      const index = member.trailer.index!;
      let offset = member.start + index.headerBytes;
      let firstRecord = 0;
      for (let i = 0; i < index.frameBytes.length; i++) {
        const recordCount = index.frameRecords[i];
        if (meetsRange(range, member.recordBase + firstRecord, recordCount)) {
          this.steps.push({ member, offset, bytes: index.frameBytes[i], index: i, firstRecord, recordCount });
        }
        offset += index.frameBytes[i];
        firstRecord += recordCount;
      }
      this.steps.push({ kind: 'trailer', totals: member.trailer.totals, bytes: member.trailerBytes });
    }
  }

  /** Offers each frame whose CRC fails to `repair` first, as the parser does (DecodeStream.repair for robust frames). */
  useRepair(repair: FrameRepair<Repaired>): void {
    this.repair = repair;
  }

  override _read(): void {
    this.step().then(
      (event) => this.push(event),
      (err: Error) => this.destroy(err),
    );
  }

  private async step(): Promise<StreamEvent<Repaired> | null> {
    if (this.next >= this.steps.length) return null;
    const step = this.steps[this.next++];
    if ('kind' in step) return step;
    const event = this.frameEvent(step, await readAt(this.handle, step.offset, step.bytes));
    if (event.kind === 'error') this.next = this.steps.length;
    return event;
  }

  private frameEvent(task: FrameTask, bytes: Uint8Array): StreamEvent<Repaired> {
    const last = task.firstRecord + task.recordCount - 1;
    const what = `${task.member.name}: frame ${task.index}`;
    let problem: string;
    let frame: RawFrame | undefined;
    if (bytes.length < task.bytes) problem = 'is truncated (the file ends inside it)';
    else if (bytes[0] !== FRAME_TAG) problem = `is corrupt (byte 0x${bytes[0].toString(16).padStart(2, '0')} where the index says a frame starts)`;
    else {
      try {
        frame = readFrame(new ByteReader(bytes, what), what);
        const fits = frame.bytes === task.bytes && frame.index === task.index && frame.firstRecord === task.firstRecord && frame.recordCount === task.recordCount;
        problem = fits ? 'is corrupt (CRC mismatch)' : 'does not match the frame index (damage in the frame or the index)';
        if (!fits) frame = undefined;
      } catch (err) {
        if (!(err instanceof InputError || err instanceof NeedMoreBytes)) throw err;
        problem = `is corrupt (${err instanceof InputError ? err.message.slice(what.length + 2) : 'its fields run past its length'})`;
      }
    }
    if (frame?.intact) return { kind: 'frame', frame };
    const repaired = frame && this.repair ? this.repair(frame, task.member.header, task.member.name) : null;
    if (frame && repaired !== null) return { kind: 'frame', frame, repaired };
    const message = `${what} (records ${task.firstRecord}–${last}) ${problem}`;
    if (!this.skipBad) return { kind: 'error', error: new InputError(message, problem.includes('CRC') ? 'ERR_SKZ_CRC' : 'ERR_INPUT') };
    return {
      kind: 'bad',
      bad: { firstFrame: task.index, lastFrame: task.index, firstRecord: task.firstRecord, lastRecord: last, reason: problem, message: `${message}; skipped` },
    };
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.handle.close().then(
      () => callback(err),
      (closeErr: Error) => callback(err ?? closeErr),
    );
  }
}

/** Whether frame records `first`…`first + count − 1` meet `range`. */
export function meetsRange(range: RecordRange, first: number, count: number): boolean {
  return first <= range.last && first + count - 1 >= range.first;
}
