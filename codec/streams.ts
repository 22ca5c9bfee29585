// The codec as node:stream Transforms: EncodeStream takes text bytes and gives a .skz stream
// (docs/FORMAT.md), DecodeStream takes .skz bytes and gives decoded records (objects, JSON Lines or text lines).
// Both work chunk by chunk with bounded memory — the encoder holds at most one frame of records, the decoder at
// most one frame of bytes — respect backpressure through Transform, and give output that does not depend on how
// the input was chunked. The encoder also closes a frame when its input pauses (`flushAfterMs`), so that a live
// pipe never stalls; the decoder emits each frame's records as soon as the frame is complete. The encoder also
// measures whether the model fits its input (docs/THEORY.md §11): the share of the input's skill occurrences the model
// learned, against the model's predicted held-out recall, judged once FIT_MIN_OCCURRENCES occurrences were read and
// again over the whole input at its end; the first judgement that the model does not fit is emitted as 'misfit'.
// Records may be thinned to their most informative skills before coding (maxSkills, minInformation: selection.ts).

import { Transform, type TransformCallback } from 'node:stream';
import type { RecordId } from '../src/corpus/units.js';
import type { SkillModel } from '../src/model/types.js';
import { FIT_MIN_OCCURRENCES, learnedShareCheck, predictedRecall, type LearnedShareCheck } from '../src/model/feasibility.js';
import { InputError } from '../src/util/errors.js';
import type { BlockCoder, DecodedRecord, SkillRecord } from './block-coder.js';
import {
  type FrameDamage,
  type FrameIndex,
  type RawFrame,
  STREAM_LIMITS,
  type StreamHeader,
  type StreamTotals,
  writeFrame,
  writeFrameBody,
  writeHeader,
  writeTrailer,
} from './container.js';
import { FrameReader, type RepairedFrame } from './frame-reader.js';
import { modeByName } from './modes.js';
import { RecordDecoder, RecordEncoder } from './records.js';
import { SkillSelector } from './selection.js';
import { type RecordRange, meetsRange } from './seek.js';
import { type BadFrames, type StreamEvent, StreamParser } from './stream-parser.js';
import { TextSplitter, type JsonFields, type TextRecord, type Unit } from '../src/corpus/units.js';

export interface EncodeOptions {
  /** Coding mode, 'compact' (default) or another registered in codec/modes.ts. */
  mode?: string;
  /** The mode's options by name, as in the mode's `options` (e.g. { targetLoss: 0.01 }; absent ones take their defaults). */
  modeOptions?: Record<string, unknown>;
  /** How input is cut into records (src/corpus/units.ts): 'line' (default), 'sentence', 'paragraph', 'document' or 'jsonl'. */
  unit?: Unit;
  /** The JSON Lines fields of the text and the id (default "text" and "id"). */
  fields?: JsonFields;
  /** Carry skills the model has not learned as literals instead of only counting them. */
  keepNovel?: boolean;
  /** Keep at most this many learned skills per record, the most informative (codec/selection.ts). */
  maxSkills?: number;
  /** Drop learned skills of less than this many bits of information, −log₂ p under the model (codec/selection.ts). */
  minInformation?: number;
  /** Name of the input in error messages (default 'input'). */
  name?: string;
  /** A frame is closed after this many records (default: the mode's maximum) … */
  maxRecords?: number;
  /** … or this many input characters (default 2^20) … */
  maxChars?: number;
  /** … or when no input arrived for this many milliseconds (0, the default: only at the end of input). */
  flushAfterMs?: number;
}

const DEFAULT_MAX_CHARS = 1 << 20;

/** Text bytes in, .skz stream bytes out; emits 'misfit' (LearnedShareCheck) at most once, when the model does not fit. */
export class EncodeStream extends Transform {
  readonly totals: StreamTotals = { frames: 0, records: 0, skills: 0, novel: 0, chars: 0 };
  private readonly splitter: TextSplitter;
  private readonly records: RecordEncoder;
  private readonly selector: SkillSelector | null;
  private readonly coder: BlockCoder;
  private readonly keepNovel: boolean;
  private readonly maxRecords: number;
  private readonly maxChars: number;
  private readonly flushAfterMs: number;
  private pending: SkillRecord[] = [];
  private pendingChars = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly texts: TextRecord[] = [];
  private readonly predictedRecall: number | null;
  /** Skill occurrences read, and those of learned skills; whether the fit was judged early, and found wanting. */
  private occurrences = 0;
  private learnedOccurrences = 0;
  private judgedEarly = false;
  private misfit = false;
  /** Held back until the first frame (or the end of an empty stream): an input error before it leaves no output. */
  private header: Uint8Array | undefined;
  /** The trailer's frame index: the header's bytes, every frame's bytes and records. */
  private readonly index: FrameIndex;

  constructor(model: SkillModel, options: EncodeOptions = {}) {
    super();
    const mode = modeByName(options.mode ?? 'compact');
    const modeOptions = mode.optionsFrom(options.modeOptions ?? {});
    this.coder = mode.create(model, modeOptions);
    this.keepNovel = options.keepNovel ?? false;
    this.splitter = new TextSplitter(options.unit ?? 'line', options.name ?? 'input', options.fields);
    this.records = new RecordEncoder(model);
    const selector = new SkillSelector(model, { maxSkills: options.maxSkills, minInformation: options.minInformation });
    this.selector = selector.keepsAll ? null : selector;
    this.maxRecords = Math.max(1, Math.min(options.maxRecords ?? this.coder.maxRecords, this.coder.maxRecords));
    this.maxChars = Math.max(1, options.maxChars ?? DEFAULT_MAX_CHARS);
    this.flushAfterMs = options.flushAfterMs ?? 0;
    this.predictedRecall = predictedRecall(model);
    this.header = writeHeader({ modelId: model.id, mode, modeOptions, keepNovel: this.keepNovel, predictedRecall: this.predictedRecall });
    this.index = { headerBytes: this.header.length, frameBytes: [], frameRecords: [] };
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.cancelTimer();
    try {
      this.splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk, this.texts);
      this.encodePending();
    } catch (err) {
      callback(err as Error);
      return;
    }
    if (this.flushAfterMs > 0 && this.pending.length > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        try {
          this.emitFrame();
        } catch (err) {
          this.destroy(err as Error);
        }
      }, this.flushAfterMs);
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.cancelTimer();
    try {
      this.splitter.end(this.texts);
      this.encodePending();
      this.emitFrame();
      this.judgeFit();
      this.pushHeader();
      this.push(writeTrailer(this.totals, this.index));
    } catch (err) {
      callback(err as Error);
      return;
    }
    callback();
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.cancelTimer();
    callback(err);
  }

  private encodePending(): void {
    for (const text of this.texts) {
      const record = this.records.encode(text.text, text.id, text.where, this.keepNovel);
      // The fit is judged on the skills the model learned, before the selection drops any.
      this.occurrences += record.symbols.length + record.novelCount;
      this.learnedOccurrences += record.symbols.length;
      if (this.selector) record.symbols = this.selector.select(record.symbols);
      this.pending.push(record);
      this.pendingChars += record.chars;
      if (!this.judgedEarly && this.occurrences >= FIT_MIN_OCCURRENCES) {
        this.judgedEarly = true;
        this.judgeFit();
      }
      if (this.pending.length >= this.maxRecords || this.pendingChars >= this.maxChars) this.emitFrame();
    }
    this.texts.length = 0;
  }

  /** The learned share of the input read so far beside the model's predicted held-out recall. */
  learnedShare(): LearnedShareCheck {
    return learnedShareCheck(this.learnedOccurrences, this.occurrences, this.predictedRecall);
  }

  private judgeFit(): void {
    const check = this.learnedShare();
    if (this.misfit || check.fits !== false) return;
    this.misfit = true;
    this.emit('misfit', check);
  }

  private pushHeader(): void {
    if (this.header === undefined) return;
    this.push(this.header);
    this.header = undefined;
  }

  private emitFrame(): void {
    const records = this.pending;
    if (records.length === 0) return;
    this.pending = [];
    this.pendingChars = 0;
    const body = writeFrameBody(this.coder, this.keepNovel, records);
    const t = this.totals;
    if (body.length > STREAM_LIMITS.frameBodyBytes) {
      throw new InputError(`records ${t.records}–${t.records + records.length - 1}: a frame of ${body.length} bytes exceeds the format's ${STREAM_LIMITS.frameBodyBytes}`);
    }
    this.pushHeader();
    const frame = writeFrame({ index: t.frames, firstRecord: t.records, recordCount: records.length }, body);
    this.push(frame);
    this.index.frameBytes.push(frame.length);
    this.index.frameRecords.push(records.length);
    t.frames++;
    t.records += records.length;
    for (const record of records) {
      t.skills += record.symbols.length;
      t.novel += record.novelCount;
      t.chars += record.chars;
    }
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** The totals of two members together. */
function addTotals(a: StreamTotals, b: StreamTotals): StreamTotals {
  return { frames: a.frames + b.frames, records: a.records + b.records, skills: a.skills + b.skills, novel: a.novel + b.novel, chars: a.chars + b.chars };
}

/** A decoded record with its place in the stream and its skills' surface forms. */
export interface StreamRecord extends DecodedRecord {
  /** The record's number in the stream, from 0 (its own id, when the input carried one, is `id`). */
  index: number;
  skills: string[];
}

export type DecodeOutput = 'records' | 'jsonl' | 'text';

export interface DecodeOptions {
  /** 'records' (default): StreamRecord objects; 'jsonl' or 'text': output lines (UTF-8 bytes), one chunk per frame. */
  output?: DecodeOutput;
  /** Report corrupt or missing frames (event 'bad' with BadFrames) and go on, instead of failing. */
  skipBad?: boolean;
  /** Name of the input in messages (default 'input'). */
  name?: string;
  /**
   * On a fatal error in the input (a corrupt frame without skipBad, a wrong model), end the output after the records
   * of the intact frames before it and keep the error in `failure` instead of destroying the stream, so that a
   * consumer writing a file can finish it before reporting the error. The rest of the input is read and ignored.
   */
  endOnFailure?: boolean;
  /** Only these records (numbered over the whole stream); frames without any of them are checked but not decoded. */
  records?: RecordRange;
  /**
   * The input is the parser's events (objects, as codec/seek.ts's FrameSeeker gives for a range of a file), not
   * bytes: they are decoded as they come, with no sequence checks of their own.
   */
  events?: boolean;
}

/**
 * .skz bytes in; StreamRecord objects (or JSON Lines / text) out. Concatenated streams (members, like gzip's) decode
 * one after the other, record numbers continuing; each member must have been made with the model given. Emits
 * 'header' (StreamHeader, once per member), 'bad' (BadFrames,
 * only with skipBad) and 'damaged' (FrameDamage: a frame that failed its CRC but was repaired by its mode, robust
 * mode's slots; its records come out with the skills recovered and `missing` counts); `totals` holds the trailer
 * once the stream ended (summed over the members). Records of every frame before a fatal error are pushed before the error.
 */
export class DecodeStream extends Transform {
  header: StreamHeader | undefined;
  totals: StreamTotals | undefined;
  readonly badFrames: BadFrames[] = [];
  readonly damagedFrames: FrameDamage[] = [];
  /** The fatal input error that ended the output (endOnFailure only). */
  failure: InputError | undefined;
  private readonly endOnFailure: boolean;
  private readonly parser: StreamParser<RepairedFrame>;
  private readonly display: RecordDecoder;
  private readonly output: DecodeOutput;
  private readonly skipBad: boolean;
  private readonly name: string;
  private readonly events: boolean;
  private readonly range: RecordRange;
  private reader: FrameReader | undefined;
  /** Records in the members before the current one: the current member's record numbers start here. */
  private recordBase = 0;
  /** How messages name the member being read. */
  private memberName: string;

  constructor(
    private readonly model: SkillModel,
    options: DecodeOptions = {},
  ) {
    super({ readableObjectMode: (options.output ?? 'records') === 'records', writableObjectMode: options.events ?? false });
    this.events = options.events ?? false;
    this.range = options.records ?? { first: 0, last: Infinity };
    this.output = options.output ?? 'records';
    this.skipBad = options.skipBad ?? false;
    this.name = options.name ?? 'input';
    this.memberName = this.name;
    this.endOnFailure = options.endOnFailure ?? false;
    this.parser = new StreamParser(this.name, this.skipBad, (frame, header, name) => this.repair(frame, header, name));
    this.display = new RecordDecoder(model);
  }

  override _transform(chunk: Buffer | StreamEvent<RepairedFrame>, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.failure === undefined) this.guarded(() => this.handle(this.events ? [chunk as StreamEvent<RepairedFrame>] : this.parser.push(chunk as Buffer)), callback);
    else callback();
  }

  override _flush(callback: TransformCallback): void {
    if (this.failure === undefined) this.guarded(() => this.handle(this.events ? [] : this.parser.end()), callback);
    else callback();
  }

  /** Runs `step`, failing the stream on an error, or with endOnFailure ending its output and keeping an input error. */
  private guarded(step: () => void, callback: TransformCallback): void {
    try {
      step();
    } catch (err) {
      if (!(this.endOnFailure && err instanceof InputError)) {
        callback(err as Error);
        return;
      }
      this.failure = err;
      this.push(null);
    }
    callback();
  }

  private handle(events: Array<StreamEvent<RepairedFrame>>): void {
    for (const event of events) {
      if (event.kind === 'header') {
        const header = event.header;
        this.readerFor(header, event.name);
        this.header = header;
        this.memberName = event.name;
        if (this.totals) this.recordBase = this.totals.records;
        this.emit('header', header);
      } else if (event.kind === 'frame' && !meetsRange(this.range, this.recordBase + event.frame.firstRecord, event.frame.recordCount)) {
        continue;
      } else if (event.kind === 'frame' && event.repaired) {
        this.emitRecords(event.repaired.content.records, this.recordBase + event.frame.firstRecord);
        this.damagedFrames.push(event.repaired.damage);
        this.emit('damaged', event.repaired.damage);
      } else if (event.kind === 'frame') {
        const { frame } = event;
        let records: DecodedRecord[];
        try {
          records = this.readerFor(this.header!, this.memberName).read(frame).records;
        } catch (err) {
          if (!(err instanceof InputError) || !this.skipBad) throw err;
          this.bad({
            firstFrame: frame.index,
            lastFrame: frame.index,
            firstRecord: frame.firstRecord,
            lastRecord: frame.firstRecord + frame.recordCount - 1,
            reason: err.message,
            message: `${err.message}; skipped`,
          });
          continue;
        }
        this.emitRecords(records, this.recordBase + frame.firstRecord);
      } else if (event.kind === 'bad') {
        this.bad(event.bad);
      } else if (event.kind === 'error') {
        throw event.error;
      } else {
        this.totals = this.totals ? addTotals(this.totals, event.totals) : event.totals;
      }
    }
  }

  /** The member's frame reader, made from its header (InputError naming the member when its model is not the one given). */
  private readerFor(header: StreamHeader, name: string): FrameReader {
    if (this.reader?.header !== header) this.reader = new FrameReader(header, this.model, name);
    return this.reader;
  }

  /** A frame that failed its CRC, repaired when its mode can (the parser, or a FrameSeeker, asks before it reports the frame bad). */
  repair(frame: RawFrame, header: StreamHeader, name: string): RepairedFrame | null {
    if (header.modelId !== this.model.id) return null; // refused with its own error when the header is handled
    return this.readerFor(header, name).repair(frame);
  }

  private bad(bad: BadFrames): void {
    this.badFrames.push(bad);
    this.emit('bad', bad);
  }

  private emitRecords(all: DecodedRecord[], allFirst: number): void {
    const skip = Math.max(0, this.range.first - allFirst);
    const records = skip > 0 || allFirst + all.length - 1 > this.range.last ? all.slice(skip, Math.max(skip, this.range.last - allFirst + 1)) : all;
    const first = allFirst + skip;
    if (this.output === 'records') {
      records.forEach((record, i) => this.push({ ...record, index: first + i, skills: this.display.skills(record) } satisfies StreamRecord));
      return;
    }
    if (this.output === 'text') {
      this.push(this.display.textLines(records));
      return;
    }
    let text = '';
    for (let i = 0; i < records.length; i++) text += this.jsonLine(records[i], first + i) + '\n';
    this.push(text);
  }

  private jsonLine(record: DecodedRecord, index: number): string {
    const skills = this.display.skills(record);
    const novel = record.novel?.map((literal) => this.display.novel(literal));
    // the record number and the input's own id are separate fields, so that they never collide
    const out: { record: number; id?: RecordId; skills: string[]; novel?: string[]; missing?: number } =
      record.id === undefined ? { record: index, skills } : { record: index, id: record.id, skills };
    if (novel) out.novel = novel;
    if (record.missing) out.missing = record.missing;
    return JSON.stringify(out);
  }
}
