// One frame's coding, the unit of work that EncodeStream and DecodeStream (codec/streams.ts) run on the calling
// thread or hand to a worker thread (codec/workers.ts, codec/worker.ts): the texts of a frame to its body (skills
// found with the model's extractor, thinned by the selection, coded by the mode: docs/FORMAT.md "Frame body"), and a
// frame's body to its output (records, JSON Lines or text lines). Both depend only on the model, the settings and the
// frame, never on the thread, so the output is the same bytes for any number of threads.

import type { RecordId, TextRecord } from '../src/corpus/units.js';
import type { SkillModel } from '../src/model/types.js';
import { InputError, type InputCode } from '../src/util/errors.js';
import type { DecodedRecord, FrameCoder } from './block-coder.js';
import { type Layers, readFrameBody, writeFrameBody } from './container.js';
import { frameCoder, modeById, modeByName } from './modes.js';
import { RecordDecoder, RecordEncoder } from './records.js';
import type { RecordRange } from './seek.js';
import { SkillSelector, type Ranking } from './selection.js';

/** How texts become frames: what EncodeOptions say, with the mode's options resolved (structured-cloneable). */
export interface EncodeSettings {
  mode: string;
  modeOptions: unknown;
  keepNovel: boolean;
  /** Layered frames (the model's `layers`); with refineMinInformation, concepts of fewer bits stay unrefined. */
  layered: boolean;
  refineMinInformation?: number;
  maxSkills?: number;
  minInformation?: number;
  rankBy?: Ranking;
}

/** A frame's body and what the stream's totals and fit check need of its records. */
export interface EncodedFrame {
  body: Uint8Array;
  /** Per record: learned skills before the selection, and novel skills (the fit check counts these). */
  learned: Uint32Array;
  novel: Uint32Array;
  /** Learned skills coded (after the selection) and input characters, over the frame's records. */
  skills: number;
  chars: number;
}

export class FrameEncoder {
  private readonly records: RecordEncoder;
  private readonly selector: SkillSelector | null;
  readonly coder: FrameCoder;

  constructor(
    model: SkillModel,
    private readonly settings: EncodeSettings,
  ) {
    this.coder = frameCoder(modeByName(settings.mode), model, settings.modeOptions, settings.layered, settings.refineMinInformation);
    const selector = new SkillSelector(model, { maxSkills: settings.maxSkills, minInformation: settings.minInformation, rankBy: settings.rankBy });
    this.selector = selector.keepsAll ? null : selector;
    this.records = new RecordEncoder(model, this.selector?.needsOccurrences ?? false);
  }

  encode(texts: readonly TextRecord[]): EncodedFrame {
    const learned = new Uint32Array(texts.length);
    const novel = new Uint32Array(texts.length);
    let skills = 0;
    let chars = 0;
    const records = texts.map((text, i) => {
      const record = this.records.encode(text.text, text.id, text.where, this.settings.keepNovel);
      learned[i] = record.symbols.length;
      novel[i] = record.novelCount;
      // the fit is judged on the skills the model learned, before the selection drops any
      if (this.selector) {
        record.symbols = this.selector.select(record.symbols, record.occurrences);
        delete record.occurrences;
      }
      skills += record.symbols.length;
      chars += record.chars;
      return record;
    });
    return { body: writeFrameBody(this.coder, this.settings.keepNovel, records), learned, novel, skills, chars };
  }
}

/** A decoded record with its place in the stream and its skills' surface forms. */
export interface StreamRecord extends DecodedRecord {
  /** The record's number in the stream, from 0 (its own id, when the input carried one, is `id`). */
  index: number;
  skills: string[];
}

export type DecodeOutput = 'records' | 'jsonl' | 'text';

/** How a member's frames are read: its header's mode, options and flags (structured-cloneable). */
export interface MemberCoding {
  modeId: number;
  modeOptions: unknown;
  keepNovel: boolean;
  layered: boolean;
}

/** A frame decoded to its output (StreamRecord objects, or one chunk of lines), or the InputError its body gave. */
export type DecodedFrame = { output: StreamRecord[] | string | Uint8Array; records: number } | { error: string; code?: InputCode };

/** The records of a range as output: objects, or JSON Lines text, or text lines (bytes). */
export class RecordOutput {
  private readonly display: RecordDecoder;

  constructor(
    model: SkillModel,
    private readonly output: DecodeOutput,
    private readonly range: RecordRange,
  ) {
    this.display = new RecordDecoder(model);
  }

  /** The records of `all` (the first numbered `allFirst` in the stream) that lie in the range, as output. */
  format(all: DecodedRecord[], allFirst: number): { output: StreamRecord[] | string | Uint8Array; records: number } {
    const skip = Math.max(0, this.range.first - allFirst);
    const records = skip > 0 || allFirst + all.length - 1 > this.range.last ? all.slice(skip, Math.max(skip, this.range.last - allFirst + 1)) : all;
    const first = allFirst + skip;
    if (this.output === 'records') return { output: records.map((record, i): StreamRecord => ({ ...record, index: first + i, skills: this.display.skills(record) })), records: records.length };
    if (this.output === 'text') return { output: this.display.textLines(records), records: records.length };
    let text = '';
    for (let i = 0; i < records.length; i++) text += this.jsonLine(records[i], first + i) + '\n';
    return { output: text, records: records.length };
  }

  private jsonLine(record: DecodedRecord, index: number): string {
    const skills = this.display.skills(record);
    const novel = record.novel?.map((literal) => this.display.novel(literal));
    // the record number and the input's own id are separate fields, so that they never collide
    const out: { record: number; id?: RecordId; skills: string[]; novel?: string[]; missing?: number; concepts?: number } =
      record.id === undefined ? { record: index, skills } : { record: index, id: record.id, skills };
    if (novel) out.novel = novel;
    if (record.missing) out.missing = record.missing;
    if (record.concepts) out.concepts = record.concepts.length; // the last skills are concepts (a layered stream's)
    return JSON.stringify(out);
  }
}

/** Decodes frame bodies of any member of a model's streams to output (coders made once per member coding). */
export class FrameDecoder {
  private readonly coders = new Map<string, FrameCoder>();
  readonly output: RecordOutput;

  constructor(
    private readonly model: SkillModel,
    output: DecodeOutput,
    range: RecordRange,
    /** Of a layered stream, both layers (the words) or the base alone (the concepts). */
    private readonly layers: Layers = 'all',
  ) {
    this.output = new RecordOutput(model, output, range);
  }

  /** The frame's records in the range as output, or its body's InputError (named `what`); `first`: the number of its first record in the stream. */
  decode(coding: MemberCoding, body: Uint8Array, recordCount: number, first: number, what: string): DecodedFrame {
    return this.decodeWith(this.coderFor(coding, what), coding.keepNovel, body, recordCount, first, what);
  }

  /** As decode, with the member's coder at hand. */
  decodeWith(coder: FrameCoder, keepNovel: boolean, body: Uint8Array, recordCount: number, first: number, what: string): DecodedFrame {
    try {
      return this.output.format(readFrameBody(coder, keepNovel, body, recordCount, what, false, this.layers).records, first);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      return { error: err.message, code: err.code };
    }
  }

  private coderFor(coding: MemberCoding, what: string): FrameCoder {
    const key = `${coding.modeId} ${coding.layered} ${JSON.stringify(coding.modeOptions)}`;
    let coder = this.coders.get(key);
    if (coder === undefined) {
      coder = frameCoder(modeById(coding.modeId, what), this.model, coding.modeOptions, coding.layered);
      this.coders.set(key, coder);
    }
    return coder;
  }
}
