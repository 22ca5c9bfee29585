// The rate–distortion curve of a rate run (docs/RATE.md): compact mode with the encoder's skill selection
// (codec/selection.ts) swept over --max-skills K (the most informative skills, or with --rank-by coverage the most
// covering per bit) and --min-information B, each point a real stream measured for rate
// and fidelity on the held-out records; for the run's own model, beside each point, TF-IDF keywords at the same
// bytes (./keywords.ts). A model of concept skills (src/concepts) gives its own curve, measured against its own
// extraction of the same held-out records (WordNet similarity on the words it writes: ./held-out.ts).

import type { SkillModel } from '../../src/model/index.js';
import type { Selection } from '../../codec/selection.js';
import { measureSetting, type HeldOut } from './held-out.js';
import { keywordsAtBytes, rankKeywords } from './keywords.js';
import type { DistortionPoint } from './types.js';
import { skillsOf } from '../../src/concepts/concepts.js';

/** The knobs swept: each value of each knob is one point, beside the unthinned stream. */
export interface DistortionSweep {
  /** --max-skills K, the most informative skills. */
  maxSkills: number[];
  /** --max-skills K --rank-by coverage: the skills of most occurrences per bit. */
  coverage: number[];
  minInformation: number[];
}

export const DEFAULT_DISTORTION: DistortionSweep = { maxSkills: [2, 4, 6, 8, 12], coverage: [1, 2, 4, 6], minInformation: [6, 8, 10, 12] };
/** No knob: the unthinned stream only. */
export const NO_DISTORTION: DistortionSweep = { maxSkills: [], coverage: [], minInformation: [] };

/** The curve of one model: the unthinned compact stream, then each knob value; `keywords` adds the baseline. */
export async function distortionCurve(model: SkillModel, data: HeldOut, sweep: DistortionSweep, fraction: number, keywords: boolean): Promise<DistortionPoint[]> {
  const knobs: Array<{ knob: DistortionPoint['knob']; value: number | null; selection: Selection }> = [
    { knob: 'none', value: null, selection: {} },
    ...sweep.maxSkills.map((value) => ({ knob: 'max-skills' as const, value, selection: { maxSkills: value } })),
    ...sweep.coverage.map((value) => ({ knob: 'coverage' as const, value, selection: { maxSkills: value, rankBy: 'coverage' as const } })),
    ...sweep.minInformation.map((value) => ({ knob: 'min-information' as const, value, selection: { minInformation: value } })),
  ];
  const ranked = keywords ? rankKeywords(data.occurrences, data.idf) : null;
  const points: DistortionPoint[] = [];
  for (const { knob, value, selection } of knobs) {
    const { measured } = await measureSetting(model, data, { mode: 'compact', options: {}, selection });
    points.push({
      fraction,
      skills: skillsOf(model.extractor.concepts),
      knob,
      value,
      rate: measured.rate,
      fidelity: measured.fidelity,
      keywords: ranked ? await keywordsAtBytes(data, ranked, measured.rate.bytes) : null,
    });
  }
  return points;
}
