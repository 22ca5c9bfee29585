// The one reader of a stream's frames, shared by the decoder (codec/streams.ts), inspect (codec/inspect.ts) and the
// rate lab (lab/rate/stream.ts): from a stream header and the model it names, the mode's BlockCoder; from each frame
// the StreamParser (codec/stream-parser.ts) gives, its records (docs/FORMAT.md, "Frame body"), or — for a frame that
// failed its CRC — what its mode's own redundancy recovers (robust slots, THEORY.md §8).

import type { SkillModel } from '../src/model/types.js';
import { InputError } from '../src/util/errors.js';
import type { FrameCoder } from './block-coder.js';
import { frameCoder } from './modes.js';
import { type FrameContent, type FrameDamage, type Layers, type RawFrame, type StreamHeader, frameName, readFrameBody, repairFrame } from './container.js';

/** A frame that failed its CRC, decoded from its mode's redundancy, and the report of what it lost. */
export type RepairedFrame = { content: FrameContent; damage: FrameDamage };

export class FrameReader {
  readonly coder: FrameCoder;

  /** Throws InputError when the stream was made with another model than `model`. */
  constructor(
    readonly header: StreamHeader,
    model: SkillModel,
    private readonly file: string,
  ) {
    if (header.modelId !== model.id) {
      throw new InputError(`${file}: the stream was made with model ${header.modelId}, not with the model given (${model.id}); decode it with that model (-m)`, 'ERR_SKZ_MODEL_MISMATCH');
    }
    this.coder = frameCoder(header.mode, model, header.modeOptions, header.layered);
  }

  /** The records of an intact frame (of a layered stream, `layers` of it); InputError naming the file, the frame and its records when its body is malformed. */
  read(frame: RawFrame, layers: Layers = 'all'): FrameContent {
    return readFrameBody(this.coder, this.header.keepNovel, frame.body, frame.recordCount, frameName(this.file, frame), false, layers);
  }

  /** A frame that failed its CRC, repaired by its mode, or null when its mode cannot repair it. */
  repair(frame: RawFrame): RepairedFrame | null {
    return repairFrame(this.coder, this.header.keepNovel, frame, this.file);
  }
}
