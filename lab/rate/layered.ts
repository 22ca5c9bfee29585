// The layered curve of a rate run (issue #17; docs/RATE.md, "Layered streams"): a layered:L model — the word model of
// the training records with a base layer of concepts (src/model/layers.ts) — codes the held-out records in layered
// compact streams (codec/layered.ts, docs/FORMAT.md "Layered frames"): at full refinement, which decodes to exactly
// word mode's records; refining only the concepts of at least B bits (encode --refine-min-information B), the others
// delivered as concepts; and refining none, which delivers each record's concept set. Each is a point of the
// rate–distortion curve, measured like any other (./held-out.ts: a delivered concept stands for its synset, a word
// for itself). Beside them, the cost of layering: the full-refinement stream's bytes against the word-mode stream of
// the same model on the same records (the target: at most 1.05×).

import type { SkillModel } from '../../src/model/index.js';
import { measureSetting, type HeldOut } from './held-out.js';
import type { DistortionPoint, LayeredCost } from './types.js';

/** The refinement thresholds swept, in bits (--refine-min-information B). */
export const LAYERED_REFINEMENTS = [6, 8, 10, 12];
/** More bits than any concept carries: no concept is refined, the stream delivers the concept sets. */
const BASE_ONLY = 1000;

/** The layered points of `model` (a layered model) on the held-out records, and the cost of its layers. */
export async function layeredCurve(model: SkillModel, data: HeldOut, refinements: readonly number[]): Promise<{ points: DistortionPoint[]; cost: LayeredCost }> {
  if (model.layers === undefined) throw new RangeError('a layered curve needs a model trained with --skills layered:L');
  const skills = `layered:${model.layers.concepts.level}`;
  const settings: Array<{ knob: DistortionPoint['knob']; value: number | null; refineMinInformation?: number }> = [
    { knob: 'none', value: null },
    ...refinements.map((value) => ({ knob: 'refine-min-information' as const, value, refineMinInformation: value })),
    { knob: 'base', value: null, refineMinInformation: BASE_ONLY },
  ];
  const points: DistortionPoint[] = [];
  for (const { knob, value, refineMinInformation } of settings) {
    const { measured } = await measureSetting(model, data, { mode: 'compact', options: {}, refineMinInformation });
    points.push({ fraction: 1, skills, knob, value, rate: measured.rate, fidelity: measured.fidelity, keywords: null });
  }
  const word = (await measureSetting(model, data, { mode: 'compact', options: {}, layered: false })).measured;
  const layered = points[0].rate;
  return { points, cost: { skills, wordBytes: word.rate.bytes, layeredBytes: layered.bytes, ratio: layered.bytes / word.rate.bytes, wordBitsPerChar: word.rate.bitsPerChar, layeredBitsPerChar: layered.bitsPerChar } };
}
