// One record without a stream around it (encodeRecord / decodeRecord): the bytes are a frame body of
// docs/FORMAT.md holding one record, with no header, CRC or trailer — the caller keeps the model and the options,
// which must be the same on both sides.

import type { RecordId } from '../src/corpus/units.js';
import type { SkillModel } from '../src/model/types.js';
import type { SkillRecord } from './block-coder.js';
import { readFrameBody, writeFrameBody } from './container.js';
import { modeByName } from './modes.js';
import { RecordDecoder, RecordEncoder } from './records.js';

export interface RecordOptions {
  mode?: string;
  modeOptions?: Record<string, unknown>;
  keepNovel?: boolean;
  /** The record's own id, kept in the bytes with its JSON type. */
  id?: RecordId;
}

export interface DecodedText {
  id?: RecordId;
  /** Surface forms of the learned skills. */
  skills: string[];
  /** Skill keys the model has not learned: their number, and the literals with keepNovel. */
  novelCount: number;
  novel?: string[];
  missing?: number;
}

const helpers = new WeakMap<SkillModel, { encoder: RecordEncoder; display: RecordDecoder }>();

function helpersFor(model: SkillModel): { encoder: RecordEncoder; display: RecordDecoder } {
  let found = helpers.get(model);
  if (!found) {
    found = { encoder: new RecordEncoder(model), display: new RecordDecoder(model) };
    helpers.set(model, found);
  }
  return found;
}

function coderFor(model: SkillModel, options: RecordOptions) {
  const mode = modeByName(options.mode ?? 'compact');
  return mode.create(model, mode.optionsFrom(options.modeOptions ?? {}));
}

/** The skill record of `text` under `model`, as bytes. */
export function encodeRecord(model: SkillModel, text: string, options: RecordOptions = {}): Uint8Array {
  const keepNovel = options.keepNovel ?? false;
  const record: SkillRecord = helpersFor(model).encoder.encode(text, options.id, 'record', keepNovel);
  return writeFrameBody(coderFor(model, options), keepNovel, [record]);
}

/** The record in bytes made by encodeRecord with the same model and options; InputError when they are corrupt. */
export function decodeRecord(model: SkillModel, bytes: Uint8Array, options: RecordOptions = {}): DecodedText {
  const keepNovel = options.keepNovel ?? false;
  const [record] = readFrameBody(coderFor(model, options), keepNovel, bytes, 1, 'record').records;
  const { display } = helpersFor(model);
  const out: DecodedText = { skills: display.skills(record), novelCount: record.novelCount };
  if (record.id !== undefined) out.id = record.id;
  if (record.novel) out.novel = record.novel.map((literal) => display.novel(literal));
  if (record.missing) out.missing = record.missing;
  return out;
}
