// Incremental parsing of a .skz stream (docs/FORMAT.md) from chunks of any size: header, CRC-checked frames and
// trailer come out as events, and the result depends only on the bytes, never on how they were chunked. A frame that
// is corrupt, out of sequence or truncated is reported with its index and record range; by default that is an
// 'error' event after the events of every part before it (so a decoder writes every intact frame before it fails),
// with `skipBad` the parser reports it and resynchronises on the next frame whose fields fit the sequence and whose
// CRC32 checks (or on the trailer). A frame whose CRC fails but whose fields continue the sequence may be offered to
// a `repair` function first (robust mode decodes it slot by slot). Memory holds at most two frames' bytes (a damaged
// frame waits for the next one, which confirms its record range). Streams concatenate like gzip members: after a
// trailer, the magic bytes start the next member, whose frames and records count from 0 again; messages about a
// member after the first name it ("FILE member 2").

import { InputError, type InputCode } from '../src/util/errors.js';
import { ByteReader, NeedMoreBytes } from './bytes.js';
import {
  FRAME_TAG,
  type FrameIndex,
  maxTrailerBytes,
  type RawFrame,
  STREAM_LIMITS,
  type StreamHeader,
  type StreamTotals,
  type Trailer,
  TRAILER_TAG,
  readFrame,
  STREAM_MAGIC,
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

export type StreamEvent<Repaired = never> =
  /** A member's header: `member` counts from 0, `name` is how messages name the member (the file for the first). */
  | { kind: 'header'; header: StreamHeader; bytes: number; member: number; name: string }
  | { kind: 'frame'; frame: RawFrame; repaired?: Repaired }
  | { kind: 'bad'; bad: BadFrames }
  | { kind: 'trailer'; totals: StreamTotals; bytes: number }
  /** The stream cannot be read on (always the last event): every part before it came out first. */
  | { kind: 'error'; error: InputError };

/**
 * Offered each frame whose CRC fails but whose index and first record continue the sequence; what it returns (not
 * null) comes out with the frame, which then counts as read.
 */
export type FrameRepair<Repaired> = (frame: RawFrame, header: StreamHeader, name: string) => Repaired | null;

/** How messages name member `member` (from 0) of `file`: the file itself for the first. */
export function memberName(file: string, member: number): string {
  return member === 0 ? file : `${file} member ${member + 1}`;
}

/** How far ahead of the expected frame a resynchronisation candidate may claim to be. */
const MAX_SKIPPED_FRAMES = 1 << 20;


export class StreamParser<Repaired = never> {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  /** Parsing waits until this many bytes are buffered. */
  private needed = 1;
  private state: 'header' | 'frames' | 'done' | 'failed' = 'header';
  private header: StreamHeader | undefined;
  /** The member being read (from 0), and how messages name it. */
  private member = 0;
  private file: string;
  private nextFrame = 0;
  private nextRecord = 0;
  private badSeen = false;
  /** The member's header and frames as read: its trailer's frame index must say the same. */
  private seen: FrameIndex = { headerBytes: 0, frameBytes: [], frameRecords: [] };
  /** While resynchronising: the first frame and record that were lost, and why. */
  private lost: { frame: number; record: number; reason: string } | null = null;

  constructor(
    private readonly input: string,
    private readonly skipBad: boolean,
    private readonly repair?: FrameRepair<Repaired>,
  ) {
    this.file = input;
  }

  push(chunk: Uint8Array): Array<StreamEvent<Repaired>> {
    if (chunk.length === 0 || this.state === 'failed') return [];
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    return this.buffered >= this.needed ? this.parse(false) : [];
  }

  /** Parses what is left at the end of input; a missing trailer or a cut frame is reported here. */
  end(): Array<StreamEvent<Repaired>> {
    return this.state === 'failed' ? [] : this.parse(true);
  }

  private parse(atEnd: boolean): Array<StreamEvent<Repaired>> {
    const events: Array<StreamEvent<Repaired>> = [];
    try {
      this.parseInto(events, atEnd);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      events.push({ kind: 'error', error: err });
      this.state = 'failed';
      this.chunks = [];
      this.buffered = 0;
    }
    return events;
  }

  private parseInto(events: Array<StreamEvent<Repaired>>, atEnd: boolean): void {
    const bytes = this.chunks.length === 1 ? this.chunks[0] : concat(this.chunks, this.buffered);
    let pos = 0;
    this.needed = 1;
    for (;;) {
      const r = new ByteReader(bytes, this.file, pos);
      if (this.state === 'header') {
        try {
          const header = readHeader(r, this.file);
          this.header = header;
          this.seen = { headerBytes: r.offset - pos, frameBytes: [], frameRecords: [] };
          events.push({ kind: 'header', header, bytes: r.offset - pos, member: this.member, name: this.file });
          pos = r.offset;
          this.state = 'frames';
          continue;
        } catch (err) {
          if (!(err instanceof NeedMoreBytes)) throw err;
          if (atEnd && bytes.length === 0) throw new InputError(`${this.file}: empty input is not a skillzip stream`);
          if (atEnd) throw new InputError(`${this.file}: stream header is truncated (the input ends inside it)`, 'ERR_SKZ_TRUNCATED');
          this.needed = bytes.length - pos + 1;
          break;
        }
      }
      if (this.state === 'done') {
        if (pos >= bytes.length) break;
        const magic = Math.min(STREAM_MAGIC.length, bytes.length - pos);
        const isMember = STREAM_MAGIC.subarray(0, magic).every((b, i) => bytes[pos + i] === b);
        if (!isMember) throw new InputError(`${this.file}: ${bytes.length - pos} bytes of data after the stream's trailer`);
        if (magic < STREAM_MAGIC.length) {
          if (atEnd) throw new InputError(`${memberName(this.input, this.member + 1)}: stream header is truncated (the input ends inside it)`, 'ERR_SKZ_TRUNCATED');
          this.needed = bytes.length - pos + 1;
          break;
        }
        this.startMember();
        continue;
      }
      if (pos >= bytes.length) {
        if (!atEnd) break;
        if (this.lost === null) this.fail('is missing: the stream ends without its trailer (truncated)', undefined, pos, 'ERR_SKZ_TRUNCATED');
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
  }

  /** The next member of a concatenated stream: its frames and records count from 0 again. */
  private startMember(): void {
    this.member++;
    this.file = memberName(this.input, this.member);
    this.state = 'header';
    this.header = undefined;
    this.nextFrame = 0;
    this.nextRecord = 0;
    this.badSeen = false;
  }

  /** Parses the frame or trailer expected at `pos`. Returns the position after it, or −1 to wait for more bytes. */
  private next(bytes: Uint8Array, pos: number, atEnd: boolean, events: Array<StreamEvent<Repaired>>): number {
    const what = `${this.file}: frame ${this.nextFrame}`;
    const tag = bytes[pos];
    let part: RawFrame | Trailer | null = null;
    let end = pos + 1;
    let code: InputCode = 'ERR_INPUT';
    let problem = `is corrupt (byte 0x${tag.toString(16).padStart(2, '0')} where a frame should start)`;
    if (tag === FRAME_TAG || tag === TRAILER_TAG) {
      const r = new ByteReader(bytes, what, pos);
      try {
        part = tag === FRAME_TAG ? readFrame(r, what) : readTrailer(r, this.header!.version);
        end = r.offset;
        problem = 'is corrupt (CRC mismatch)';
        code = 'ERR_SKZ_CRC';
      } catch (err) {
        if (err instanceof NeedMoreBytes) {
          if (!atEnd) return -1;
          problem = 'is truncated (the input ends inside it)';
          code = 'ERR_SKZ_TRUNCATED';
        } else if (err instanceof InputError) problem = `is corrupt (${err.message.slice(what.length + 2)})`;
        else throw err;
      }
    }
    if (part !== null && 'body' in part) {
      const inSequence = part.index === this.nextFrame && part.firstRecord === this.nextRecord;
      if (part.intact && !inSequence) {
        return this.fail(`is out of sequence (it says frame ${part.index}, first record ${part.firstRecord})`, undefined, pos);
      }
      let repaired: Repaired | null | undefined;
      if (!part.intact && inSequence && this.repair) {
        // A repair trusts the frame's length and record count only when the part after it confirms them.
        const following = this.followingRecord(bytes, end, atEnd);
        if (following === null) return -1;
        repaired = following === this.nextRecord + part.recordCount ? this.repair(part, this.header!, this.file) : null;
      } else repaired = part.intact ? undefined : null;
      if (repaired !== null) {
        events.push(repaired === undefined ? { kind: 'frame', frame: part } : { kind: 'frame', frame: part, repaired });
        this.seen.frameBytes.push(end - pos);
        this.seen.frameRecords.push(part.recordCount);
        this.nextFrame++;
        this.nextRecord += part.recordCount;
        return end;
      }
    } else if (part !== null) {
      const totals = part.totals;
      if (!this.badSeen && (totals.frames !== this.nextFrame || totals.records !== this.nextRecord)) {
        return this.fail(`is missing: the trailer counts ${totals.frames} frames and ${totals.records} records`, undefined, pos);
      }
      if (!this.badSeen && part.index !== null && !sameIndex(part.index, this.seen)) {
        return this.failTrailer('is corrupt (its frame index does not match the frames read)', 'ERR_INPUT', bytes.length, events);
      }
      events.push({ kind: 'trailer', totals, bytes: end - pos });
      this.state = 'done';
      return end;
    }
    const named = this.identify(bytes, pos, tag, end, atEnd);
    if (named === null) return -1;
    if (named === 'trailer') return this.failTrailer(problem, code, bytes.length, events);
    return this.fail(problem, named, pos + 1, code);
  }

  /**
   * Names the damaged part at `pos` (its parse ended at `end`): 'trailer' when it is the last part of the input
   * and its tag is the trailer's (or it verifies as the trailer with its tag restored); else the record count of the
   * expected frame when the bytes confirm it — the part verifies as that frame with its tag restored, or the part
   * after it verifies and says where the frame's records end — or undefined when they cannot. Null: wait for
   * more bytes.
   */
  private identify(bytes: Uint8Array, pos: number, tag: number, end: number, atEnd: boolean): 'trailer' | number | undefined | null {
    const left = bytes.length - pos;
    const version = this.header!.version;
    const trailerBytes = maxTrailerBytes(version, this.nextFrame);
    if (left <= trailerBytes && !atEnd) return null;
    if (left <= trailerBytes && (tag === TRAILER_TAG || (retagged(bytes, pos, TRAILER_TAG, version) ?? null) !== null)) return 'trailer';
    if (tag !== FRAME_TAG) {
      const frame = retagged(bytes, pos, FRAME_TAG, version);
      if (frame === undefined) return atEnd ? undefined : null;
      if (frame !== null && 'body' in frame && frame.intact && frame.index === this.nextFrame && frame.firstRecord === this.nextRecord) return frame.recordCount;
      return undefined;
    }
    if (end === pos + 1) return atEnd && bytes.length - pos > 1 ? peekCount(bytes, pos) : undefined;
    if (this.skipBad) return undefined;
    const following = this.followingRecord(bytes, end, atEnd);
    return following === null ? null : following !== undefined && following > this.nextRecord ? following - this.nextRecord : undefined;
  }

  /**
   * The first record of the part at `end` when it verifies as the frame after the expected one or as the trailer
   * after it; undefined when it does not, null to wait for more bytes.
   */
  private followingRecord(bytes: Uint8Array, end: number, atEnd: boolean): number | undefined | null {
    if (end >= bytes.length) return atEnd ? undefined : null;
    const r = new ByteReader(bytes, this.file, end);
    try {
      if (bytes[end] === FRAME_TAG) {
        const next = readFrame(r, this.file);
        if (next.intact && next.index === this.nextFrame + 1) return next.firstRecord;
      } else if (bytes[end] === TRAILER_TAG) {
        const trailer = readTrailer(r, this.header!.version);
        if (trailer !== null && trailer.totals.frames === this.nextFrame + 1) return trailer.totals.records;
      }
    } catch (err) {
      if (err instanceof NeedMoreBytes) return atEnd ? undefined : null;
      if (!(err instanceof InputError)) throw err;
    }
    return undefined;
  }

  /** Reports a damaged trailer: every frame before it was read, so no record is lost. */
  private failTrailer(reason: string, code: InputCode, resumeAt: number, events: Array<StreamEvent<Repaired>>): number {
    const where = this.nextFrame === 0 ? 'after the header, no frames' : `after frame ${this.nextFrame - 1} and record ${this.nextRecord - 1}`;
    const message = `${this.file}: trailer (${where}) ${reason}`;
    if (!this.skipBad) throw new InputError(message, code);
    events.push({
      kind: 'bad',
      bad: { firstFrame: this.nextFrame, lastFrame: this.nextFrame - 1, firstRecord: this.nextRecord, lastRecord: this.nextRecord - 1, reason, message: `${message}; no records lost` },
    });
    this.state = 'done';
    return resumeAt;
  }

  /**
   * Reports the frame expected next as bad: an InputError, or with skipBad the start of a resynchronisation from
   * `resumeAt` (returned), which the report of the lost range follows once the sequence is found again.
   */
  private fail(reason: string, count: number | undefined, resumeAt: number, code: InputCode = 'ERR_INPUT'): number {
    const records = count === undefined ? `records from ${this.nextRecord}` : `records ${this.nextRecord}–${this.nextRecord + count - 1}`;
    if (!this.skipBad) throw new InputError(`${this.file}: frame ${this.nextFrame} (${records}) ${reason}`, code);
    this.badSeen = true;
    this.lost ??= { frame: this.nextFrame, record: this.nextRecord, reason };
    return resumeAt;
  }

  /** Looks for the next frame or trailer that continues the sequence; −1 to wait for more bytes. */
  private resync(bytes: Uint8Array, pos: number, atEnd: boolean, events: Array<StreamEvent<Repaired>>): number {
    for (let p = pos; p < bytes.length; p++) {
      const tag = bytes[p];
      if (tag !== FRAME_TAG && tag !== TRAILER_TAG) continue;
      const r = new ByteReader(bytes, this.file, p);
      try {
        if (tag === FRAME_TAG) {
          if (!this.plausibleFrame(bytes, p)) continue;
          const frame = readFrame(r, this.file);
          if (!frame.intact || frame.index < this.nextFrame || frame.firstRecord < this.nextRecord) continue;
          this.report(events, frame.index - 1, frame.firstRecord - 1);
          this.nextFrame = frame.index;
          this.nextRecord = frame.firstRecord;
          return p;
        }
        const totals = readTrailer(r, this.header!.version)?.totals;
        if (totals === undefined || totals.frames < this.nextFrame || totals.records < this.nextRecord) continue;
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

  private report(events: Array<StreamEvent<Repaired>>, lastFrame: number | undefined, lastRecord: number | undefined): void {
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

/**
 * The part at `pos` read with its tag byte replaced by `tag`: a frame (intact or not), verified trailer totals, null
 * when it does not parse (or the trailer does not verify), undefined when the bytes end first.
 */
function retagged(bytes: Uint8Array, pos: number, tag: number, version: number): RawFrame | Trailer | null | undefined {
  const copy = bytes.slice(pos);
  copy[0] = tag;
  const r = new ByteReader(copy, '');
  try {
    return tag === FRAME_TAG ? readFrame(r, '') : readTrailer(r, version);
  } catch (err) {
    if (err instanceof NeedMoreBytes) return undefined;
    if (err instanceof InputError) return null;
    throw err;
  }
}

/** Whether a trailer's frame index says what the frames read said. */
function sameIndex(index: FrameIndex, seen: FrameIndex): boolean {
  const same = (a: number[], b: number[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);
  return index.headerBytes === seen.headerBytes && same(index.frameBytes, seen.frameBytes) && same(index.frameRecords, seen.frameRecords);
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
