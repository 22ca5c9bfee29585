// The coder of layered streams (issue #17; docs/FORMAT.md "Layered frames"): a mode's own BlockCoder over the base
// symbols of a layered model (its concepts: src/model/layers.ts) codes each record's concept set — the base layer —
// and the refinement coder (./refinement.ts) codes which words of each concept the record holds. The mode decides
// how the base layer is coded (compact: the same code paths as word mode, on the concept tables); the refinement
// is the same for every mode. `refineMinInformation` B leaves a concept unrefined when its information
// −log₂(f/T) (its frequency in the base coding table over the training texts, as --min-information judges words) is
// below B bits: those records deliver the concept, at no cost in format.

import type { SkillModel } from '../src/model/types.js';
import { ParamError } from '../src/util/errors.js';
import type { BlockCoder, LayeredBlockCoder, SkillRecord } from './block-coder.js';
import { layerMapOf, RefinementCoder, type LayerMap } from './refinement.js';

export class LayeredCoder implements LayeredBlockCoder {
  readonly layered = true;
  readonly mode: string;
  readonly maxRecords: number;
  private readonly map: LayerMap;
  private readonly refinement: RefinementCoder;
  /** The leading base symbols left unrefined: those above refineAtMost in frequency (information < B bits). */
  private readonly unrefined: number;

  constructor(
    model: SkillModel,
    /** The mode's coder over the base symbols (a coder made for `model.layers`). */
    private readonly base: BlockCoder,
    refineMinInformation = 0,
  ) {
    if (!(refineMinInformation >= 0 && Number.isFinite(refineMinInformation))) throw new ParamError((n) => `${n('refineMinInformation')}: ${refineMinInformation} is not a number of bits ≥ 0`);
    this.mode = base.mode;
    this.maxRecords = base.maxRecords;
    this.map = layerMapOf(model);
    this.refinement = new RefinementCoder(model);
    const { frequencies, texts } = model.layers!.coding;
    const refineAtMost = texts * 2 ** -refineMinInformation;
    let unrefined = 0;
    while (unrefined < frequencies.length && frequencies[unrefined] > refineAtMost) unrefined++; // frequencies descend
    this.unrefined = unrefined;
  }

  encodeLayers(records: readonly SkillRecord[]): { base: Uint8Array; refinement: Uint8Array } {
    const bases = records.map((record) => this.map.conceptSet(record.symbols));
    const base = this.base.encodeBlock(bases.map((symbols) => ({ symbols, novelCount: 0, chars: 0 })));
    return { base, refinement: this.refinement.encode(records, bases, this.unrefined) };
  }

  decodeBase(payload: Uint8Array, recordCount: number): Uint32Array[] {
    return this.base.decodeBlock(payload, recordCount).map((set) => set.symbols);
  }

  decodeRefinement(payload: Uint8Array, bases: readonly Uint32Array[]): Array<{ symbols: Uint32Array; concepts: Uint32Array }> {
    return this.refinement.decode(payload, bases);
  }
}
