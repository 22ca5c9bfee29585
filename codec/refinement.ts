// The refinement layer of layered streams (issue #17; docs/THEORY.md §12, docs/FORMAT.md "Layered frames"). A layered
// model (src/model/layers.ts) groups its learned words by concept; the base layer codes each record's concept set C
// (the concepts of its learned words, as base symbols) with a mode's own coder, and the refinement codes, for each
// concept of C in base-symbol order, which of its words the record holds. A frame opens with U, the number of leading
// base symbols (the commonest concepts: symbols are in descending frequency) it leaves unrefined: a concept b < U is
// delivered as the concept and nothing is sent for it, so which concepts are refined costs no bit per concept, and
// U = 0 (full refinement) a few bits a frame. A refined concept has k − 1, k ≥ 1 the number of its words the record
// holds, with an adaptive model per size class (2, 3+ words; nothing for a concept of one word); for a single word of
// a concept refined within the last WINDOW records of the frame, a repeat flag (is it that record's word of the
// concept?); then, unless k is every word of the concept or the flag said it, the k words as a set (bits-back,
// ./compact/sets.ts) under the concept's own word law p(w | c) = f(w) / Σ_{v ∈ c} f(v) (./compact/unigram.ts over its
// words). So the refinement costs about −log₂ p(W | C) = H(W | C) bits a record, and the two layers together about
// H(C) + H(W | C) = H(W) (§12).

import { symbolsOfSkills } from '../src/model/tables.js';
import type { LayeredTables, SkillModel } from '../src/model/types.js';
import { InputError } from '../src/util/errors.js';
import type { SkillRecord } from './block-coder.js';
import { UnigramTable } from './compact/unigram.js';
import { WINDOW } from './compact/recency.js';
import { SetDecoder, SetEncoder } from './compact/sets.js';
import { AnsStack } from './entropy/ans.js';
import { IntegerCoder, type IntegerPlan } from './entropy/adaptive.js';

/** A layered model's words by concept, in the codec's numbers: word symbols and base symbols (layers.coding.order). */
export class LayerMap {
  /** Word symbol → its concept's base symbol. */
  readonly baseOf: Uint32Array;
  /** Base symbol b's words: members[memberStart[b] .. memberStart[b + 1]), ascending word symbols. */
  readonly memberStart: Uint32Array;
  readonly members: Uint32Array;
  /** Word symbol → its place among its concept's words. */
  readonly memberIndex: Uint32Array;
  /** Base symbols (concepts) and the most words a concept has. */
  readonly concepts: number;
  readonly maxMembers: number;
  private readonly tables: Array<UnigramTable | undefined>;

  constructor(private readonly model: SkillModel) {
    const layers = layersOf(model);
    const concepts = layers.coding.order.length;
    const baseOfConcept = symbolsOfSkills(layers.coding.order, layers.keys.length); // every concept has a base symbol
    const words = layers.conceptOfSymbol.length;
    this.baseOf = layers.conceptOfSymbol.map((c) => baseOfConcept[c]);
    this.memberStart = new Uint32Array(concepts + 1);
    for (let w = 0; w < words; w++) this.memberStart[this.baseOf[w] + 1]++;
    for (let b = 0; b < concepts; b++) this.memberStart[b + 1] += this.memberStart[b];
    this.members = new Uint32Array(words);
    this.memberIndex = new Uint32Array(words);
    const filled = new Uint32Array(concepts);
    let maxMembers = 0;
    for (let w = 0; w < words; w++) {
      const b = this.baseOf[w];
      this.memberIndex[w] = filled[b];
      this.members[this.memberStart[b] + filled[b]++] = w;
      maxMembers = Math.max(maxMembers, filled[b]);
    }
    this.concepts = concepts;
    this.maxMembers = maxMembers;
    this.tables = new Array(concepts);
  }

  /** Words of base symbol b. */
  size(b: number): number {
    return this.memberStart[b + 1] - this.memberStart[b];
  }

  /** The concept set of ascending word symbols: their concepts' base symbols, ascending and distinct. */
  conceptSet(symbols: Uint32Array): Uint32Array {
    const set = Uint32Array.from(symbols, (w) => this.baseOf[w]).sort();
    let n = 0;
    for (let i = 0; i < set.length; i++) if (n === 0 || set[i] !== set[n - 1]) set[n++] = set[i];
    return set.slice(0, n);
  }

  /** The word law of base symbol b (of 2 or more words), built when first needed. */
  table(b: number): UnigramTable {
    let table = this.tables[b];
    if (table === undefined) {
      const frequencies = this.model.coding.frequencies;
      table = new UnigramTable(this.members.subarray(this.memberStart[b], this.memberStart[b + 1]).map((w) => frequencies[w]));
      this.tables[b] = table;
    }
    return table;
  }
}

/** The model's base layer, or an InputError saying that layered streams need one. */
export function layersOf(model: SkillModel): LayeredTables {
  if (model.layers === undefined) throw new InputError(`model ${model.id.slice(0, 16)}… has no base layer of concepts: layered streams need a model trained with --skills layered:L`);
  return model.layers;
}

const layerMaps = new WeakMap<SkillModel, LayerMap>();

/** The layer map of a layered model (made once per model); an InputError for a model without layers. */
export function layerMapOf(model: SkillModel): LayerMap {
  let map = layerMaps.get(model);
  if (map === undefined) layerMaps.set(model, (map = new LayerMap(model)));
  return map;
}

/** A record after the refinement: its words (ascending word symbols) and the concepts delivered as such (base symbols). */
export interface RefinedRecord {
  symbols: Uint32Array;
  concepts: Uint32Array;
}

/** Size classes of a concept: 1 word (k is 1, nothing coded), 2 words, 3 or more words, each with its own model of k − 1. */
const CLASSES = 3;

/** A frame's adaptive models, fresh for each frame. */
interface FrameModels {
  /** U, the frame's count of leading base symbols left unrefined. */
  unrefined: IntegerCoder;
  /** Per size class: k − 1 for a refined concept (none for concepts of one word: k is 1). */
  counts: Array<IntegerCoder | null>;
  /** The repeat flag, by whether the last word is its concept's commonest or not. */
  repeats: IntegerCoder[];
}

/** Codes and decodes the refinement payload of a frame, given its records' concept sets. */
export class RefinementCoder {
  private readonly map: LayerMap;
  private readonly sets: SetEncoder;
  private readonly positions = new SetDecoder();
  private readonly scratch: Uint32Array;

  constructor(model: SkillModel) {
    this.map = layerMapOf(model);
    const capacity = Math.max(1, this.map.maxMembers);
    this.sets = new SetEncoder(capacity);
    this.scratch = new Uint32Array(capacity);
  }

  private models(): FrameModels {
    return {
      unrefined: new IntegerCoder(this.map.concepts, 2),
      counts: [null, new IntegerCoder(1, 2), new IntegerCoder(Math.max(2, this.map.maxMembers - 1), 4)],
      repeats: [new IntegerCoder(1, 2), new IntegerCoder(1, 2)],
    };
  }

  /**
   * The refinement of `records` (ascending word symbols) whose concept sets are `bases`; the concepts of base symbols
   * below `unrefined` stay concepts, the others are refined.
   */
  encode(records: readonly Pick<SkillRecord, 'symbols'>[], bases: readonly Uint32Array[], unrefined: number): Uint8Array {
    const { map } = this;
    const models = this.models();
    const opening = models.unrefined.plan(unrefined);
    const last = new Map<number, [number, number]>(); // per concept: the first of its words in the last record that refined it, and that record
    /** Per (record, concept) in order: its pushes before the words (in decoding order), k (0: not refined), its words' places. */
    const heads: IntegerPlan[][] = [];
    const ks: number[] = [];
    const places: number[] = [];
    const placeStart: number[] = [];
    for (let r = 0; r < records.length; r++) {
      const symbols = records[r].symbols;
      const words = Array.from(symbols).sort((a, b) => map.baseOf[a] - map.baseOf[b] || a - b); // grouped by concept, ascending within
      let at = 0;
      for (const b of bases[r]) {
        const start = at;
        while (at < words.length && map.baseOf[words[at]] === b) at++;
        if (at === start) throw new InputError(`record ${r} of the block: concept ${b} holds none of its words`);
        const n = map.size(b);
        const size = Math.min(n, CLASSES) - 1;
        const head: IntegerPlan[] = [];
        let k = b >= unrefined ? at - start : 0;
        const count = models.counts[size];
        if (k > 0 && count !== null) head.push(count.plan(k - 1));
        if (k === 1 && n > 1 && this.recent(last, b, r)) {
          const repeat = last.get(b)![0] === words[start];
          head.push(models.repeats[map.memberIndex[last.get(b)![0]] === 0 ? 0 : 1].plan(repeat ? 1 : 0));
          if (repeat) k = n; // nothing more to send
        }
        heads.push(head);
        ks.push(k);
        placeStart.push(places.length);
        if (k > 0 && k < n) for (let i = start; i < at; i++) places.push(map.memberIndex[words[i]]);
        if (k > 0) last.set(b, [words[start], r]);
      }
      if (at !== words.length) throw new InputError(`record ${r} of the block: its concept set does not hold all its words`);
    }
    const stack = new AnsStack(heads.length * 4 + 1);
    let entry = heads.length;
    for (let r = records.length - 1; r >= 0; r--) {
      const concepts = bases[r];
      for (let i = concepts.length - 1; i >= 0; i--) {
        entry--;
        const b = concepts[i];
        const k = ks[entry];
        if (k > 0 && k < map.size(b)) {
          const table = map.table(b);
          const from = placeStart[entry];
          this.sets.push(stack, k, (j) => table.push(stack, places[from + j]));
        }
        const head = heads[entry];
        for (let j = head.length - 1; j >= 0; j--) IntegerCoder.push(stack, head[j]);
      }
    }
    IntegerCoder.push(stack, opening);
    return stack.finish();
  }

  /** Whether concept b was refined within the last WINDOW records of the frame (before record r). */
  private recent(last: Map<number, [number, number]>, b: number, r: number): boolean {
    const seen = last.get(b);
    return seen !== undefined && r - seen[1] <= WINDOW;
  }

  /** The records refined from `payload`, given their concept sets; malformed data is an InputError. */
  decode(payload: Uint8Array, bases: readonly Uint32Array[]): RefinedRecord[] {
    const { map, scratch } = this;
    const stack = AnsStack.fromPayload(payload);
    const models = this.models();
    const last = new Map<number, [number, number]>(); // per concept: the first of its words in the last record that refined it, and that record
    const out: RefinedRecord[] = [];
    let r = 0;
    try {
      const unrefined = models.unrefined.pop(stack, map.concepts, 'unrefined concept count');
      for (; r < bases.length; r++) {
        const words: number[] = [];
        const concepts: number[] = [];
        for (const b of bases[r]) {
          if (b >= map.concepts) throw new InputError(`a concept ${b} outside the model's ${map.concepts} (corrupt data)`);
          const n = map.size(b);
          const size = Math.min(n, CLASSES) - 1;
          if (b < unrefined) {
            concepts.push(b);
            continue;
          }
          const count = models.counts[size];
          const k = count === null ? 1 : count.pop(stack, n - 1, 'refined word count') + 1;
          const first = map.memberStart[b];
          const before = words.length;
          if (k === 1 && n > 1 && this.recent(last, b, r) && models.repeats[map.memberIndex[last.get(b)![0]] === 0 ? 0 : 1].pop(stack, 1, 'repeat flag') === 1) words.push(last.get(b)![0]);
          else if (k === n) for (let i = 0; i < n; i++) words.push(map.members[first + i]);
          else {
            const table = map.table(b);
            for (let m = 0; m < k; m++) {
              const place = table.pop(stack);
              if (place >= n) throw new InputError(`a word outside its concept (corrupt data)`);
              this.positions.insert(stack, scratch, m, k, place);
            }
            for (let m = 0; m < k; m++) words.push(map.members[first + scratch[m]]);
          }
          last.set(b, [words[before], r]);
        }
        out.push({ symbols: Uint32Array.from(words).sort(), concepts: Uint32Array.from(concepts) });
      }
    } catch (err) {
      if (err instanceof InputError) throw new InputError(`record ${r} of the frame: refinement: ${err.message}`);
      throw err;
    }
    if (!stack.isDrained()) throw new InputError('refinement payload does not end where its records do (corrupt data)');
    return out;
  }
}
