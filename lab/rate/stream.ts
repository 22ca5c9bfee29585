// One skillzip stream measured on a set of texts: the texts are encoded by the codec's own EncodeStream
// (as JSON Lines strings, so any text is one record and ids stay implicit), the stream is parsed back frame by frame
// by the codec's StreamParser and FrameReader (the path DecodeStream takes), and every byte is attributed to the
// header, the frames (their coded skill sets, the payload, and the rest: framing, novel counts, CRC32) or the
// trailer, so that the parts add up to the stream. Optionally each frame of a mode with a channel hook
// (BlockCoder.channel: robust mode's slot-erasure channel of THEORY.md §8, seeded) crosses it before it is decoded.

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SkillModel } from '../../src/model/types.js';
import { Prng } from '../../src/util/prng.js';
import { type BlockCoder, isLayered } from '../../codec/block-coder.js';
import { FrameReader } from '../../codec/frame-reader.js';
import { StreamParser } from '../../codec/stream-parser.js';
import { EncodeStream } from '../../codec/streams.js';
import type { Selection } from '../../codec/selection.js';
import type { StreamBytes } from './types.js';

/** The mode and its options, by name (as the mode's `options` declare them). */
export interface StreamSetting {
  mode: string;
  options: Record<string, string | number | boolean>;
  /** The encoder's skill selection (codec/selection.ts), none by default. */
  selection?: Selection;
  /** Records per frame (default: the mode's maximum). */
  frameRecords?: number;
}

/** Encodes `texts` (one record each) into a .skz stream in memory. */
export async function encodeTexts(model: SkillModel, texts: readonly string[], setting: StreamSetting): Promise<Buffer> {
  const encoder = new EncodeStream(model, { mode: setting.mode, modeOptions: setting.options, ...setting.selection, maxRecords: setting.frameRecords, unit: 'jsonl', name: 'held-out records' });
  const chunks: Buffer[] = [];
  await pipeline(
    Readable.from((function* () {
      for (const text of texts) yield JSON.stringify(text) + '\n';
    })()),
    encoder,
    async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) chunks.push(chunk);
    },
  );
  return Buffer.concat(chunks);
}

/** A frame as the robust coder sees it: how many skills it carries in how many slots. */
export interface SlotFigures {
  skills: number;
  slots: number;
}

export interface ReadBack {
  bytes: StreamBytes;
  /** The decoded coding symbols of every record, in stream order. */
  symbols: Uint32Array[];
  /** Streams of a mode with a channel hook (robust): each frame's skills and slots (for the §8 prediction); else empty. */
  slotFrames: SlotFigures[];
  /** Each frame's bytes and the skills its records carry, in stream order (frames follow the header back to back). */
  frames: Array<{ bytes: number; skills: number }>;
}

/** Where a frame's payload goes before decoding when its mode has a channel hook: through the erasure channel. */
export interface Channel {
  erasure: number;
  rng: Prng;
}

/** Parses and decodes a stream made by encodeTexts, attributing its bytes; `channel` erases robust slots. */
export function readBack(model: SkillModel, stream: Uint8Array, channel?: Channel): ReadBack {
  const parser = new StreamParser('held-out stream', false);
  const events = [...parser.push(stream), ...parser.end()];
  const bytes: StreamBytes = { bytes: stream.length, header: 0, frames: 0, payload: 0, trailer: 0, frameCount: 0 };
  const symbols: Uint32Array[] = [];
  const slotFrames: SlotFigures[] = [];
  const frames: ReadBack['frames'] = [];
  let reader: FrameReader | undefined;
  for (const event of events) {
    if (event.kind === 'header') {
      bytes.header = event.bytes;
      reader = new FrameReader(event.header, model, 'held-out stream');
    } else if (event.kind === 'frame') {
      const { frame } = event;
      const { records, payload } = reader!.read(frame);
      bytes.frames += frame.bytes;
      bytes.payload += payload.length;
      bytes.frameCount++;
      const coder = reader!.coder;
      const hook = isLayered(coder) ? undefined : coder.channel;
      if (hook) {
        const { skills, units } = hook.units(payload, frame.recordCount);
        slotFrames.push({ skills, slots: units });
      }
      if (hook && channel) {
        const received = hook.erase(payload, frame.recordCount, channel.erasure, channel.rng);
        for (const set of (coder as BlockCoder).decodeBlock(received, frame.recordCount)) symbols.push(set.symbols);
      } else {
        for (const record of records) symbols.push(record.symbols);
      }
      frames.push({ bytes: frame.bytes, skills: records.reduce((n, r) => n + r.symbols.length, 0) });
    } else if (event.kind === 'trailer') {
      bytes.trailer = event.bytes;
    } else if (event.kind === 'error') {
      throw event.error;
    }
  }
  return { bytes, symbols, slotFrames, frames };
}
