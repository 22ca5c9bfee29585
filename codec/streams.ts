// The codec as node:stream Transforms: EncodeStream takes text bytes and gives a .skz stream
// (docs/FORMAT.md), DecodeStream takes .skz bytes and gives decoded records (objects, JSON Lines or text lines).
// Both work chunk by chunk with bounded memory — the encoder holds at most one frame of records, the decoder at
// most one frame of bytes — respect backpressure through Transform, and give output that does not depend on how
// the input was chunked. The encoder also closes a frame when its input pauses (`flushAfterMs`), so that a live
// pipe never stalls; the decoder emits each frame's records as soon as the frame is complete. The encoder also
// measures whether the model fits its input (docs/THEORY.md §11): the share of the input's skill occurrences the model
// learned, against the model's predicted held-out recall, judged once FIT_MIN_OCCURRENCES occurrences were read and
// again over the whole input at its end; the first judgement that the model does not fit is emitted as 'misfit'.
// Records may be thinned before coding (maxSkills, minInformation, rankBy: selection.ts).
// A frame is the unit of coding (codec/frame-coding.ts); with `threads` frames are coded on worker threads and
// written in order (codec/workers.ts), at most IN_FLIGHT_PER_WORKER frames per worker ahead of the writing.

import { Transform, type TransformCallback } from 'node:stream';
import type { SkillModel } from '../src/model/types.js';
import { FIT_MIN_OCCURRENCES, learnedShareCheck, predictedRecall, type LearnedShareCheck } from '../src/model/feasibility.js';
import { InputError, ParamError } from '../src/util/errors.js';
import {
  type FrameDamage,
  type FrameIndex,
  type Layers,
  type RawFrame,
  STREAM_LIMITS,
  type StreamHeader,
  type StreamTotals,
  frameName,
  writeFrame,
  writeHeader,
  writeTrailer,
} from './container.js';
import { type DecodedFrame, type DecodeOutput, type EncodedFrame, type EncodeSettings, FrameDecoder, FrameEncoder, type StreamRecord } from './frame-coding.js';
import { FrameReader, type RepairedFrame } from './frame-reader.js';
import { modeByName } from './modes.js';
import { type RecordRange, meetsRange } from './seek.js';
import { type BadFrames, type StreamEvent, StreamParser } from './stream-parser.js';
import type { WorkerTask } from './worker.js';
import { Threads } from './workers.js';
import type { Ranking } from './selection.js';
import { threadCount } from '../src/util/worker-pool.js';
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
  /** Which skills maxSkills keeps: 'information' (the rarest, default) or 'coverage' (the most words per bit). */
  rankBy?: Ranking;
  /**
   * Layered frames (docs/FORMAT.md "Layered frames"): each record's concepts in a base layer, their words in a
   * refinement. Default: true with a layered model (one trained with --skills layered:L), which alone allows it, in a
   * mode with separable layers (compact; robust frames carry the concepts in their own payload: repetitionBase).
   */
  layered?: boolean;
  /** Layered: refine only the concepts of at least this many bits, −log₂(f/T) in the base layer (default 0: every concept). */
  refineMinInformation?: number;
  /** Name of the input in error messages (default 'input'). */
  name?: string;
  /** A frame is closed after this many records (default: the mode's maximum) … */
  maxRecords?: number;
  /** … or this many input characters (default 2^20) … */
  maxChars?: number;
  /** … or when no input arrived for this many milliseconds (0, the default: only at the end of input). */
  flushAfterMs?: number;
  /** Frames are coded on this many threads (0: every core; default 1), the stream the same bytes for any number (codec/workers.ts). */
  threads?: number;
}

const DEFAULT_MAX_CHARS = 1 << 20;

/** Text bytes in, .skz stream bytes out; emits 'misfit' (LearnedShareCheck) at most once, when the model does not fit. */
export class EncodeStream extends Transform {
  readonly totals: StreamTotals = { frames: 0, records: 0, skills: 0, novel: 0, chars: 0 };
  private readonly splitter: TextSplitter;
  private readonly settings: EncodeSettings;
  private readonly frames: FrameEncoder;
  private readonly maxRecords: number;
  private readonly maxChars: number;
  private readonly flushAfterMs: number;
  private pending: TextRecord[] = [];
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
  /** Frames handed out so far, and their records (the next frame's number and first record). */
  private framesCut = 0;
  private recordsCut = 0;
  private readonly threads: Threads;

  constructor(
    private readonly model: SkillModel,
    options: EncodeOptions = {},
  ) {
    super();
    const mode = modeByName(options.mode ?? 'compact');
    const modeOptions = mode.optionsFrom(options.modeOptions ?? {});
    // a mode without separable layers (robust, whose payload carries a layered model's concepts itself: --repetition-base) writes word frames
    const layered = options.layered ?? (model.layers !== undefined && mode.createLayered !== undefined);
    if (layered && model.layers === undefined) throw new ParamError((n) => `${n('layered')}: the model has no base layer of concepts; train one with --skills layered:L`);
    if (layered && mode.createLayered === undefined) throw new ParamError((n) => `${n('layered')}: ${mode.mode} mode has no separable layers (robust frames carry a layered model's concepts with --repetition-base)`);
    if (!layered && options.refineMinInformation !== undefined) throw new ParamError((n) => `${n('refineMinInformation')}: applies to layered streams only`);
    this.settings = {
      mode: mode.mode,
      modeOptions,
      keepNovel: options.keepNovel ?? false,
      maxSkills: options.maxSkills,
      minInformation: options.minInformation,
      rankBy: options.rankBy,
      layered,
      ...(options.refineMinInformation === undefined ? {} : { refineMinInformation: options.refineMinInformation }),
    };
    this.frames = new FrameEncoder(model, this.settings);
    this.splitter = new TextSplitter(options.unit ?? 'line', options.name ?? 'input', options.fields);
    this.maxRecords = Math.max(1, Math.min(options.maxRecords ?? this.frames.coder.maxRecords, this.frames.coder.maxRecords));
    this.maxChars = Math.max(1, options.maxChars ?? DEFAULT_MAX_CHARS);
    this.flushAfterMs = options.flushAfterMs ?? 0;
    this.predictedRecall = predictedRecall(model);
    this.header = writeHeader({ modelId: model.id, mode, modeOptions, keepNovel: this.settings.keepNovel, layered, predictedRecall: this.predictedRecall });
    this.index = { headerBytes: this.header.length, frameBytes: [], frameRecords: [] };
    this.threads = new Threads(threadCount(options.threads), (err) => this.destroy(err));
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.cancelTimer();
    try {
      this.splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk, this.texts);
      this.cutFrames();
    } catch (err) {
      callback(err as Error);
      return;
    }
    if (this.flushAfterMs > 0 && this.pending.length > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        try {
          this.cutFrame();
        } catch (err) {
          this.destroy(err as Error);
        }
      }, this.flushAfterMs);
    }
    this.threads.backpressure(callback);
  }

  override _flush(callback: TransformCallback): void {
    this.cancelTimer();
    try {
      this.splitter.end(this.texts);
      this.cutFrames();
      this.cutFrame();
    } catch (err) {
      callback(err as Error);
      return;
    }
    this.threads.finish(() => {
      this.judgeFit();
      this.pushHeader();
      this.push(writeTrailer(this.totals, this.index));
    }, callback);
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.cancelTimer();
    this.threads.close().then(
      () => callback(err),
      () => callback(err),
    );
  }

  /** Cuts the texts read into frames: after the mode's maximum of records or maxChars characters. */
  private cutFrames(): void {
    for (const text of this.texts) {
      this.pending.push(text);
      this.pendingChars += text.text.length;
      if (this.pending.length >= this.maxRecords || this.pendingChars >= this.maxChars) this.cutFrame();
    }
    this.texts.length = 0;
  }

  /** Codes the pending texts as the next frame, here or on a worker; frames are written in order. */
  private cutFrame(): void {
    const texts = this.pending;
    if (texts.length === 0) return;
    this.pending = [];
    this.pendingChars = 0;
    const first = this.recordsCut;
    const frame = this.framesCut++;
    this.recordsCut += texts.length;
    this.threads.run(
      () => this.frames.encode(texts),
      () => ({ kind: 'encode', settings: this.settings, texts }) satisfies WorkerTask,
      this.model,
      (result: EncodedFrame) => this.writeFrame(result, frame, first, texts.length),
      `input records ${first}–${first + texts.length - 1} (frame ${frame})`,
    );
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

  private writeFrame(result: EncodedFrame, index: number, firstRecord: number, recordCount: number): void {
    for (let i = 0; i < recordCount; i++) {
      this.occurrences += result.learned[i] + result.novel[i];
      this.learnedOccurrences += result.learned[i];
      if (!this.judgedEarly && this.occurrences >= FIT_MIN_OCCURRENCES) {
        this.judgedEarly = true;
        this.judgeFit();
      }
    }
    if (result.body.length > STREAM_LIMITS.frameBodyBytes) {
      throw new InputError(`records ${firstRecord}–${firstRecord + recordCount - 1}: a frame of ${result.body.length} bytes exceeds the format's ${STREAM_LIMITS.frameBodyBytes}`);
    }
    this.pushHeader();
    const frame = writeFrame({ index, firstRecord, recordCount }, result.body);
    this.push(frame);
    this.index.frameBytes.push(frame.length);
    this.index.frameRecords.push(recordCount);
    const t = this.totals;
    t.frames++;
    t.records += recordCount;
    t.skills += result.skills;
    t.novel += result.novel.reduce((sum, n) => sum + n, 0);
    t.chars += result.chars;
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

export type { DecodeOutput, StreamRecord } from './frame-coding.js';

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
  /** Frames are decoded on this many threads (0: every core; default 1), the output the same for any number (codec/workers.ts). */
  threads?: number;
  /** Of a layered stream: 'all' (default) decodes both layers, the words as word mode gives them; 'base' only the concepts (a ParamError on a member that is not layered). */
  layers?: Layers;
}

/**
 * .skz bytes in; StreamRecord objects (or JSON Lines / text) out. Concatenated streams (members, like gzip's) decode
 * one after the other, record numbers continuing; each member must have been made with the model given. Emits
 * 'header' (StreamHeader, once per member), 'bad' (BadFrames,
 * only with skipBad) and 'damaged' (FrameDamage: a frame that failed its CRC but was repaired by its mode, robust
 * mode's slots; its records come out with the skills recovered and `missing` counts); `totals` holds the trailer
 * once the stream ended (summed over the members). Records of every frame before a fatal error are pushed before the error.
 * Everything is written in stream order; with threads, frames are decoded ahead on workers and their output waits
 * for every part before it.
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
  private readonly frames: FrameDecoder;
  private readonly output: DecodeOutput;
  private readonly skipBad: boolean;
  private readonly events: boolean;
  private readonly range: RecordRange;
  private readonly layers: Layers;
  private readonly threads: Threads;
  /** As the events are read (ahead of the writing): the member's frame reader and name, the number of its first record, the records of the members before it. */
  private reader: FrameReader | undefined;
  private memberName: string;
  private memberBase = 0;
  private recordsBefore = 0;
  /** A fatal error was read: the events after it are ignored. */
  private halted = false;

  constructor(
    private readonly model: SkillModel,
    options: DecodeOptions = {},
  ) {
    super({ readableObjectMode: (options.output ?? 'records') === 'records', writableObjectMode: options.events ?? false });
    this.events = options.events ?? false;
    this.range = options.records ?? { first: 0, last: Infinity };
    this.output = options.output ?? 'records';
    this.skipBad = options.skipBad ?? false;
    const name = options.name ?? 'input';
    this.memberName = name;
    this.endOnFailure = options.endOnFailure ?? false;
    this.parser = new StreamParser(name, this.skipBad, (frame, header, member) => this.repair(frame, header, member));
    this.layers = options.layers ?? 'all';
    this.frames = new FrameDecoder(model, this.output, this.range, this.layers);
    this.threads = new Threads(threadCount(options.threads), (err) => this.fail(err));
  }

  override _transform(chunk: Buffer | StreamEvent<RepairedFrame>, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.halted || this.failure !== undefined) {
      callback();
      return;
    }
    try {
      this.handle(this.events ? [chunk as StreamEvent<RepairedFrame>] : this.parser.push(chunk as Buffer));
    } catch (err) {
      this.stop(err as Error, callback);
      return;
    }
    this.threads.backpressure(callback);
  }

  override _flush(callback: TransformCallback): void {
    if (!this.halted && this.failure === undefined) {
      try {
        this.handle(this.events ? [] : this.parser.end());
      } catch (err) {
        this.stop(err as Error, callback);
        return;
      }
    }
    this.threads.finish(() => undefined, callback);
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.threads.close().then(
      () => callback(err),
      () => callback(err),
    );
  }

  /** A fatal error met while writing: with endOnFailure an input error ends the output and is kept, else it fails the stream. */
  private stop(err: Error, callback: TransformCallback): void {
    if (!(this.endOnFailure && err instanceof InputError)) {
      callback(err);
      return;
    }
    this.failure = err;
    this.push(null);
    callback();
  }

  /** As stop, for an error met by a frame decoded on a worker or written after one. */
  private fail(err: Error): void {
    this.halted = true;
    if (this.endOnFailure && err instanceof InputError) {
      this.failure = err;
      this.push(null);
    } else this.destroy(err);
  }

  /** Reads the events in order and has each written in order (at once, or after the frames decoding ahead of it). */
  private handle(events: Array<StreamEvent<RepairedFrame>>): void {
    for (const event of events) {
      if (this.halted) return;
      if (event.kind === 'header') {
        const { header, name } = event;
        let reader: FrameReader;
        try {
          reader = this.readerFor(header, name);
          if (this.layers === 'base' && !header.layered) {
            // its records would come out as words, which the caller asked not to read: refused rather than passed off as concepts
            throw new ParamError((n) => `${name}: ${n('layers')} base reads the concepts of a layered stream; this one is not layered (word frames, or robust frames, whose concepts are not a separable layer): decode it with ${n('layers')} all`);
          }
        } catch (err) {
          this.halt(err as Error);
          continue;
        }
        this.memberName = name;
        this.memberBase = this.recordsBefore;
        this.threads.then(() => {
          this.header = reader.header;
          this.emit('header', header);
        });
      } else if (event.kind === 'frame') {
        const { frame, repaired } = event;
        const first = this.memberBase + frame.firstRecord;
        if (!meetsRange(this.range, first, frame.recordCount)) continue;
        if (repaired) {
          const out = this.frames.output.format(repaired.content.records, first);
          this.threads.then(() => {
            this.pushOutput(out);
            this.damagedFrames.push(repaired.damage);
            this.emit('damaged', repaired.damage);
          });
        } else this.decodeFrame(frame, first);
      } else if (event.kind === 'bad') {
        const { bad } = event;
        this.threads.then(() => this.bad(bad));
      } else if (event.kind === 'error') {
        this.halt(event.error);
      } else {
        const { totals } = event;
        this.recordsBefore += totals.records;
        this.threads.then(() => {
          this.totals = this.totals ? addTotals(this.totals, totals) : totals;
        });
      }
    }
  }

  /** Fails the stream after everything read before the error is written. */
  private halt(err: Error): void {
    this.halted = true;
    this.threads.then(() => {
      throw err;
    });
  }

  private decodeFrame(frame: RawFrame, first: number): void {
    const reader = this.reader!;
    const { header } = reader;
    const what = frameName(this.memberName, frame);
    this.threads.run(
      () => this.frames.decodeWith(reader.coder, header.keepNovel, frame.body, frame.recordCount, first, what),
      () =>
        ({
          kind: 'decode',
          output: this.output,
          range: this.range,
          layers: this.layers,
          coding: { modeId: header.mode.modeId, modeOptions: header.modeOptions, keepNovel: header.keepNovel, layered: header.layered },
          body: new Uint8Array(frame.body), // a copy of its own (moved to the worker), not a view of the parse buffer
          recordCount: frame.recordCount,
          first,
          what,
        }) satisfies WorkerTask,
      this.model,
      (result: DecodedFrame) => this.writeFrame(result, frame),
      what,
    );
  }

  private writeFrame(result: DecodedFrame, frame: RawFrame): void {
    if ('output' in result) {
      this.pushOutput(result);
      return;
    }
    if (!this.skipBad) throw new InputError(result.error, result.code);
    this.bad({
      firstFrame: frame.index,
      lastFrame: frame.index,
      firstRecord: frame.firstRecord,
      lastRecord: frame.firstRecord + frame.recordCount - 1,
      reason: result.error,
      message: `${result.error}; skipped`,
    });
  }

  private pushOutput({ output, records }: { output: StreamRecord[] | string | Uint8Array; records: number }): void {
    if (records === 0) return;
    if (Array.isArray(output)) for (const record of output) this.push(record);
    else this.push(output);
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
}
