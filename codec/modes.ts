// The coding modes a stream can use, found by --mode name or by the mode byte of a stream header
// (docs/FORMAT.md). A mode is a BlockCoderFactory (codec/block-coder.ts); register a new one with one line below.

import { InputError, ParamError } from '../src/util/errors.js';
import type { BlockCoderFactory, FrameCoder } from './block-coder.js';
import type { SkillModel } from '../src/model/types.js';
import { compactMode } from './compact/index.js';
import { robustMode } from './robust/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const modes: BlockCoderFactory<any>[] = [compactMode, robustMode];

export function modeByName(name: string): BlockCoderFactory {
  const mode = modes.find((m) => m.mode === name);
  if (!mode) throw new ParamError((n) => `${n('mode')}: unknown mode '${name}' (known: ${modes.map((m) => m.mode).join(', ')})`);
  return mode;
}

export function modeById(id: number, file: string): BlockCoderFactory {
  const mode = modes.find((m) => m.modeId === id);
  if (!mode) throw new InputError(`${file}: stream header: mode ${id}, which this skillzip does not know`);
  return mode;
}

/**
 * The coder of a stream's frames with `mode` and its options: the mode's BlockCoder, or for a layered stream its
 * LayeredBlockCoder (an InputError when the mode has none; codec/refinement.ts's when the model has no layers).
 */
export function frameCoder(mode: BlockCoderFactory, model: SkillModel, options: unknown, layered: boolean, refineMinInformation?: number): FrameCoder {
  if (!layered) return mode.create(model, options);
  if (!mode.createLayered) throw new InputError(`${mode.mode} mode does not code layered streams (compact does)`);
  return mode.createLayered(model, options, refineMinInformation);
}
