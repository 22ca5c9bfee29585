// Incremental parsing of a .skz stream (docs/FORMAT.md) from chunks of any size: header, CRC-checked frames and
// trailer come out as events, and the result depends only on the bytes, never on how they were chunked. A frame that
// is corrupt, out of sequence or truncated is reported with its index and record range; by default that is an
// InputError, with `skipBad` the parser reports it and resynchronises on the next frame whose fields fit the
// sequence and whose CRC32 checks (or on the trailer). Memory holds at most one frame's bytes.

import { InputError } from '../src/util/errors.js';
import { ByteReader, NeedMoreBytes } from './bytes.js';
import {
  FRAME_TAG,
  type RawFrame,
  STREAM_LIMITS,
  type StreamHeader,
  type StreamTotals,
  TRAILER_TAG,
  readFrame,
  readHeader,
  readTrailer,
} from './container.js';

/** Frames (and their records) that could not be decoded. Last fields are absent when the range's end is unknown. */
export interface BadFrames {
  firstFrame: number;
  lastFrame?: number;
  firstRecord: number;
  lastRecord?: number;
  reason: string;
  /** A sentence naming the file, the frames, the records and the reason. */
  message: string;
}

export type StreamEvent =
  | { kind: 'header'; header: StreamHeader; bytes: number }
  | { kind: 'frame'; frame: RawFrame }
  | { kind: 'bad'; bad: BadFrames }
  | { kind: 'trailer'; totals: StreamTotals; bytes: number };

/** How far ahead of the expected frame a resynchronisation candidate may claim to be. */
const MAX_SKIPPED_FRAMES = 1 << 20;

export class StreamParser {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  /** Parsing waits until this many bytes are buffered. */
  private needed = 1;
  private state: 'header' | 'frames' | 'done' = 'header';
  private nextFrame = 0;
  private nextRecord = 0;
  private badSeen = false;
  /** While resynchronising: the first frame and record that were lost, and why. */
  private lost: { frame: number; record: number; reason: string } | null = null;

  constructor(
    private readonly file: string,
    private readonly skipBad: boolean,
  ) {}

  push(chunk: Uint8Array): StreamEvent[] {
    if (chunk.length === 0) return [];
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    return this.buffered >= this.needed ? this.parse(false) : [];
  }

  /** Parses what is left at the end of input; a missing trailer or a cut frame is reported here. */
  end(): StreamEvent[] {
    return this.parse(true);
  }

  private parse(atEnd: boolean): StreamEvent[] {
    const bytes = this.chunks.length === 1 ? this.chunks[0] : concat(this.chunks, this.buffered);
    const events: StreamEvent[] = [];
    let pos = 0;
    this.needed = 1;
    for (;;) {
      const r = new ByteReader(bytes, this.file, pos);
      if (this.state === 'header') {
        try {
          const header = readHeader(r, this.file);
          events.push({ kind: 'header', header, bytes: r.offset - pos });
          pos = r.offset;
          this.state = 'frames';
          continue;
        } catch (err) {
          if (!(err instanceof NeedMoreBytes)) throw err;
          if (atEnd) throw new InputError(bytes.length === 0 ? `${this.file}: empty input is not a skillzip stream` : `${this.file}: stream header is truncated (the input ends inside it)`);
          this.needed = bytes.length - pos + 1;
          break;
        }
      }
      if (this.state === 'done') {
        if (pos < bytes.length) throw new InputError(`${this.file}: ${bytes.length - pos} bytes of data after the stream's trailer`);
        break;
      }
      if (pos >= bytes.length) {
        if (!atEnd) break;
        if (this.lost === null) this.fail('is missing: the stream ends without its trailer (truncated)', undefined, pos);
        this.report(events, undefined, undefined);
        this.state = 'done';
        break;
      }
      const outcome = this.lost ? this.resync(bytes, pos, atEnd, events) : this.next(bytes, pos, atEnd, events);
      if (outcome < 0) {
        this.needed = bytes.length - pos + 1;
        break;
      }
      pos = outcome;
    }
    this.chunks = pos < bytes.length ? [bytes.subarray(pos)] : [];
    this.buffered = bytes.length - pos;
    return events;
  }

  /** Parses the frame or trailer expected at `pos`. Returns the position after it, or −1 to wait for more bytes. */
  private next(bytes: Uint8Array, pos: number, atEnd: boolean, events: StreamEvent[]): number {
    const what = `${this.file}: frame ${this.nextFrame}`;
    const r = new ByteReader(bytes, what, pos);
    const tag = bytes[pos];
    if (tag !== FRAME_TAG && tag !== TRAILER_TAG) {
      return this.fail(`is corrupt (byte 0x${tag.toString(16).padStart(2, '0')} where a frame should start)`, undefined, pos + 1);
    }
    let parsed: RawFrame | StreamTotals | null;
    try {
      parsed = tag === FRAME_TAG ? readFrame(r, what) : readTrailer(r);
    } catch (err) {
      if (err instanceof NeedMoreBytes) {
        return atEnd ? this.fail('is truncated (the input ends inside it)', peekCount(bytes, pos), pos + 1) : -1;
      }
      if (err instanceof InputError) return this.fail(`is corrupt (${err.message.slice(what.length + 2)})`, undefined, pos + 1);
      throw err;
    }
    if (parsed === null) {
      return this.fail(tag === FRAME_TAG ? 'is corrupt (CRC mismatch)' : 'is corrupt (the trailer CRC does not match)', peekCount(bytes, pos), pos + 1);
    }
    if ('body' in parsed) {
      if (parsed.index !== this.nextFrame || parsed.firstRecord !== this.nextRecord) {
        return this.fail(`is out of sequence (it says frame ${parsed.index}, first record ${parsed.firstRecord})`, undefined, pos);
      }
      events.push({ kind: 'frame', frame: parsed });
      this.nextFrame++;
      this.nextRecord += parsed.recordCount;
      return r.offset;
    }
    if (!this.badSeen && (parsed.frames !== this.nextFrame || parsed.records !== this.nextRecord)) {
      return this.fail(`is missing: the trailer counts ${parsed.frames} frames and ${parsed.records} records`, undefined, pos);
    }
    events.push({ kind: 'trailer', totals: parsed, bytes: r.offset - pos });
    this.state = 'done';
    return r.offset;
  }

  /**
   * Reports the frame expected next as bad: an InputError, or with skipBad the start of a resynchronisation from
   * `resumeAt` (returned), which the report of the lost range follows once the sequence is found again.
   */
  private fail(reason: string, count: number | undefined, resumeAt: number): number {
    const records = count === undefined ? `records from ${this.nextRecord}` : `records ${this.nextRecord}–${this.nextRecord + count - 1}`;
    if (!this.skipBad) throw new InputError(`${this.file}: frame ${this.nextFrame} (${records}) ${reason}`);
    this.badSeen = true;
    this.lost ??= { frame: this.nextFrame, record: this.nextRecord, reason };
    return resumeAt;
  }

  /** Looks for the next frame or trailer that continues the sequence; −1 to wait for more bytes. */
  private resync(bytes: Uint8Array, pos: number, atEnd: boolean, events: StreamEvent[]): number {
    for (let p = pos; p < bytes.length; p++) {
      const tag = bytes[p];
      if (tag !== FRAME_TAG && tag !== TRAILER_TAG) continue;
      const r = new ByteReader(bytes, this.file, p);
      try {
        if (tag === FRAME_TAG) {
          if (!this.plausibleFrame(bytes, p)) continue;
          const frame = readFrame(r, this.file);
          if (frame === null || frame.index < this.nextFrame || frame.firstRecord < this.nextRecord) continue;
          this.report(events, frame.index - 1, frame.firstRecord - 1);
          this.nextFrame = frame.index;
          this.nextRecord = frame.firstRecord;
          return p;
        }
        const totals = readTrailer(r);
        if (totals === null || totals.frames < this.nextFrame || totals.records < this.nextRecord) continue;
        this.report(events, totals.frames - 1, totals.records - 1);
        this.nextFrame = totals.frames;
        this.nextRecord = totals.records;
        return p;
      } catch (err) {
        if (err instanceof NeedMoreBytes) {
          if (!atEnd) return p === pos ? -1 : p;
          continue;
        }
        if (err instanceof InputError) continue;
        throw err;
      }
    }
    if (!atEnd) return bytes.length;
    this.report(events, undefined, undefined);
    this.state = 'done';
    return bytes.length;
  }

  /** Whether the fields of a candidate frame at `p` fit the sequence (checked before waiting for its body). */
  private plausibleFrame(bytes: Uint8Array, p: number): boolean {
    const r = new ByteReader(bytes, this.file, p + 1);
    const index = r.varint(STREAM_LIMITS.total, 'frame index');
    const first = r.varint(STREAM_LIMITS.total, 'first record');
    const skipped = index - this.nextFrame;
    return skipped >= 0 && skipped < MAX_SKIPPED_FRAMES && first >= this.nextRecord && first - this.nextRecord <= (skipped + 1) * STREAM_LIMITS.recordsPerFrame;
  }

  private report(events: StreamEvent[], lastFrame: number | undefined, lastRecord: number | undefined): void {
    const lost = this.lost!;
    this.lost = null;
    const frames =
      lastFrame === undefined ? `frames from ${lost.frame}` : lastFrame < lost.frame ? 'no frames' : lastFrame === lost.frame ? `frame ${lost.frame}` : `frames ${lost.frame}–${lastFrame}`;
    const records =
      lastRecord === undefined ? `records from ${lost.record}` : lastRecord < lost.record ? 'no records' : `records ${lost.record}–${lastRecord}`;
    events.push({
      kind: 'bad',
      bad: {
        firstFrame: lost.frame,
        lastFrame,
        firstRecord: lost.record,
        lastRecord,
        reason: lost.reason,
        message: `${this.file}: ${frames} (${records}) skipped: frame ${lost.frame} ${lost.reason}`,
      },
    });
  }
}

/** The record count field of a frame at `pos`, when it can be read. */
function peekCount(bytes: Uint8Array, pos: number): number | undefined {
  try {
    const r = new ByteReader(bytes, '', pos + 1);
    r.varint(STREAM_LIMITS.total, '');
    r.varint(STREAM_LIMITS.total, '');
    const count = r.varint(STREAM_LIMITS.recordsPerFrame, '');
    return count > 0 ? count : undefined;
  } catch {
    return undefined;
  }
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
