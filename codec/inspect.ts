// What a .skz stream holds, for `skillzip inspect` (like `gzip -l`): its header, frames, records, bytes by part,
// bits per record / input character / skill, novel-skill counts, the learned share of the input's skill occurrences
// beside the model's predicted held-out recall (does the model fit the input, docs/THEORY.md §11), damaged frames (repaired or not), and — when the stream's model is
// at hand — the frames decoded to measure what compact mode's context saves, and the associations within it (the
// same records coded with full context, with the recency cache alone and without context, THEORY.md §8), and the
// mode's own per-frame figures (robust mode's predicted loss). A concatenated stream's members are listed, and its
// figures are over all of them (the header fields are the first member's).

import type { Readable } from 'node:stream';
import type { SkillModel } from '../src/model/types.js';
import { learnedShareCheck, type LearnedShareCheck } from '../src/model/feasibility.js';
import { type BlockCoder, type BlockSummary, isLayered } from './block-coder.js';
import { compactMode } from './compact/index.js';
import { type FrameDamage, STREAM_MAGIC } from './container.js';
import { FrameReader } from './frame-reader.js';
import { type StreamEvent, StreamParser } from './stream-parser.js';

/** One member of a concatenated stream (a lone stream is one member). */
export interface MemberSummary {
  /** How messages name it: the file, then "FILE member 2", … */
  name: string;
  modelId: string;
  version: number;
  mode: string;
  frames: number;
  records: number;
  /** Whether its trailer was found. */
  complete: boolean;
}

export interface StreamSummary {
  kind: 'stream';
  file: string;
  bytes: number;
  modelId: string;
  /** The stream format's version. */
  version: number;
  mode: string;
  options: Record<string, string | number | boolean>;
  keepNovel: boolean;
  /** Layered frames (header flag, version 7): then payloadBytes are the base layers' and refinementBytes the refinements'. */
  layered: boolean;
  refinementBytes: number;
  frames: number;
  records: number;
  /** Learned skills coded, novel skills counted, input characters (from the trailer, else from the frames read). */
  skills: number;
  novel: number;
  chars: number;
  /** The share of the input's skill occurrences that are learned skills (skills / (skills + novel)) beside the model's
   *  predicted held-out recall stored in the header (null before version 5, or for a model without one), judged. */
  learnedShare: LearnedShareCheck;
  /** Bytes of the header, the trailer, the frames, and of the mode's payloads inside the frames. */
  headerBytes: number;
  trailerBytes: number;
  frameBytes: number;
  payloadBytes: number;
  bitsPerRecord: number;
  bitsPerChar: number;
  bitsPerSkill: number;
  /** Whether the trailer was found (of every member). */
  complete: boolean;
  /** The members, in order; the fields above describe the first member's header and the totals over all. */
  members: MemberSummary[];
  /** Reports of the frames (and records) that could not be read, and of bytes after the trailer. */
  badFrames: string[];
  /** Frames that failed their CRC but were repaired by their mode (robust slots), with the skills lost. */
  repairedFrames: FrameDamage[];
  /** Whether anything is wrong: bad or repaired frames, or no trailer (the CLI exits 1). */
  damaged: boolean;
  /**
   * Compact mode with the model at hand: payload bits of the same records coded with full context, with the recency
   * cache alone, and without context; the share saved by context, and by the associations within it.
   */
  context?: { withContext: number; withoutAssociations: number; withoutContext: number; saved: number; savedByAssociations: number };
  /** The mode's per-frame figures (BlockCoder.summarizeBlock), averaged over frames, when the model is at hand. */
  frameFigures?: BlockSummary;
}

export function isStreamFile(head: Uint8Array): boolean {
  return STREAM_MAGIC.every((b, i) => head[i] === b);
}

/**
 * Reads a whole stream and summarizes it. `modelFor` gives the model with the stream's id when it is available
 * (undefined otherwise); without it the figures come from the container alone.
 */
export async function summarizeStream(input: Readable, file: string, modelFor: (id: string) => Promise<SkillModel | undefined>): Promise<StreamSummary> {
  // Every frame that fails its CRC but whose extent the next part confirms is taken here, and repaired or reported
  // below, once the model is at hand.
  const parser = new StreamParser<true>(file, true, () => true);
  let predictedRecall: number | null | undefined;
  let headerSeen = false;
  let reader: FrameReader | undefined;
  let compare: { full: BlockCoder; cacheOnly: BlockCoder; none: BlockCoder } | undefined;
  const s: StreamSummary = {
    kind: 'stream',
    file,
    bytes: 0,
    modelId: '',
    version: 0,
    mode: '',
    options: {},
    keepNovel: false,
    layered: false,
    refinementBytes: 0,
    frames: 0,
    records: 0,
    skills: 0,
    novel: 0,
    chars: 0,
    learnedShare: learnedShareCheck(0, 0, null),
    headerBytes: 0,
    trailerBytes: 0,
    frameBytes: 0,
    payloadBytes: 0,
    bitsPerRecord: 0,
    bitsPerChar: 0,
    bitsPerSkill: 0,
    complete: false,
    members: [],
    badFrames: [],
    repairedFrames: [],
    damaged: false,
  };
  const figureSums: Record<string, number> = {};
  let figureFrames = 0;
  let frameChars = 0;

  const handle = async (events: Array<StreamEvent<true>>): Promise<void> => {
    for (const event of events) {
      if (event.kind === 'header') {
        const { header } = event;
        s.headerBytes += event.bytes;
        s.members.push({ name: event.name, modelId: header.modelId, version: header.version, mode: header.mode.mode, frames: 0, records: 0, complete: false });
        if (!headerSeen) {
          headerSeen = true;
          s.modelId = header.modelId;
          s.version = header.version;
          predictedRecall = header.predictedRecall;
          s.mode = header.mode.mode;
          s.options = header.mode.describeOptions(header.modeOptions);
          s.keepNovel = header.keepNovel;
          s.layered = header.layered;
        }
        const model = await modelFor(header.modelId);
        reader = model ? new FrameReader(header, model, event.name) : undefined;
        compare = undefined;
        if (model && header.mode === compactMode && !header.layered) {
          compare = {
            full: compactMode.create(model, { context: true, associations: true }),
            cacheOnly: compactMode.create(model, { context: true, associations: false }),
            none: compactMode.create(model, { context: false, associations: false }),
          };
          s.context ??= { withContext: 0, withoutAssociations: 0, withoutContext: 0, saved: 0, savedByAssociations: 0 };
        }
      } else if (event.kind === 'frame') {
        const { frame } = event;
        const member = s.members[s.members.length - 1];
        member.frames++;
        member.records += frame.recordCount;
        s.frames++;
        s.records += frame.recordCount;
        s.frameBytes += frame.bytes;
        if (!frame.intact) {
          const repaired = reader?.repair(frame);
          if (repaired) s.repairedFrames.push(repaired.damage);
          else {
            const why = reader ? 'CRC mismatch' : "CRC mismatch; the stream's model is not at hand to repair it";
            s.badFrames.push(`${member.name}: frame ${frame.index} (records ${frame.firstRecord}–${frame.firstRecord + frame.recordCount - 1}) is corrupt (${why})`);
          }
          continue;
        }
        if (!reader) continue;
        try {
          const content = reader.read(frame);
          s.payloadBytes += content.payload.length;
          s.refinementBytes += content.refinementBytes ?? 0;
          frameChars += content.chars;
          if (compare && s.context) {
            const records = content.records.map((r) => ({ symbols: r.symbols, novelCount: r.novelCount, chars: 0 }));
            s.context.withContext += 8 * compare.full.encodeBlock(records).length;
            s.context.withoutAssociations += 8 * compare.cacheOnly.encodeBlock(records).length;
            s.context.withoutContext += 8 * compare.none.encodeBlock(records).length;
          }
          const figures = isLayered(reader.coder) ? undefined : reader.coder.summarizeBlock?.(content.payload, frame.recordCount);
          if (figures) {
            figureFrames++;
            for (const [key, value] of Object.entries(figures)) figureSums[key] = (figureSums[key] ?? 0) + value;
          }
        } catch (err) {
          s.badFrames.push(`${(err as Error).message}`);
        }
      } else if (event.kind === 'bad') {
        s.badFrames.push(event.bad.message);
      } else if (event.kind === 'error') {
        if (!headerSeen) throw event.error;
        s.badFrames.push(event.error.message);
      } else {
        s.members[s.members.length - 1].complete = true;
        s.trailerBytes += event.bytes;
        s.skills += event.totals.skills;
        s.novel += event.totals.novel;
        s.chars += event.totals.chars;
      }
    }
  };

  for await (const chunk of input as AsyncIterable<Buffer>) {
    s.bytes += chunk.length;
    await handle(parser.push(chunk));
  }
  await handle(parser.end());
  s.complete = s.members.length > 0 && s.members.every((member) => member.complete);
  if (!s.complete) s.chars = frameChars;
  s.learnedShare = learnedShareCheck(s.skills, s.skills + s.novel, predictedRecall ?? null);
  s.damaged = s.badFrames.length > 0 || s.repairedFrames.length > 0 || !s.complete;
  const bits = 8 * s.bytes;
  s.bitsPerRecord = s.records > 0 ? bits / s.records : 0;
  s.bitsPerChar = s.chars > 0 ? bits / s.chars : 0;
  s.bitsPerSkill = s.skills > 0 ? bits / s.skills : 0;
  if (s.context) {
    const { withContext, withoutAssociations, withoutContext } = s.context;
    s.context.saved = withoutContext > 0 ? 1 - withContext / withoutContext : 0;
    s.context.savedByAssociations = withoutAssociations > 0 ? 1 - withContext / withoutAssociations : 0;
  }
  if (figureFrames > 0) s.frameFigures = Object.fromEntries(Object.entries(figureSums).map(([k, v]) => [k, v / figureFrames]));
  return s;
}
