// Compact mode: a block of records' skill sets coded exactly, near the model's set-entropy rate
// Σ −log2 p(s) − log2 k! + the length (THEORY.md §8). Each record's size k is coded with an adaptive integer model,
// its skills as sets with bits-back ANS (codec/compact/sets.ts), so no order is paid for. Without context every
// skill is coded with the unigram p(s) (unigram.ts). With context a record is three sets, each coded given what
// comes before it: its *hits* (skills of the frame's last WINDOW records, by age and place: recency.ts), its
// *misses* (by p(s)), and — with associations — its *associates* (associations.ts), skills listed in the
// association data of its hits and misses (by supporter and list entry). The hit count is coded with an adaptive
// integer model picked by the expected number of hits, the associate count with one of its own. Every table depends
// on sets only, so the encoder plans a frame walking forwards and pushes it walking backwards.

import type { SkillModel } from '../../src/model/types.js';
import { InputError } from '../../src/util/errors.js';
import type { BlockCoder, BlockCoderFactory, SkillRecord } from '../block-coder.js';
import { AnsStack, M } from '../entropy/ans.js';
import { IntegerCoder, type IntegerPlan } from '../entropy/adaptive.js';
import { AssociationLists } from './associations.js';
import { HIT_BINS, RecencyCache } from './recency.js';
import { placeIn, SetDecoder, SetEncoder } from './sets.js';
import { UnigramTable } from './unigram.js';
import { LayeredCoder } from '../layered.js';
import { layersOf } from '../refinement.js';

export interface CompactOptions {
  /** Condition each record's skills on the frame's previous records (the recency cache). */
  context: boolean;
  /** With context: code skills that are associates of the record's other skills through the association lists. */
  associations: boolean;
}

/** What the coder codes over: a model's word symbols, or a layered model's base symbols (its `layers`: concepts). */
export type SymbolTables = Pick<SkillModel, 'coding' | 'association'>;

const tablesBySymbols = new WeakMap<SymbolTables, { unigram: UnigramTable; associations: AssociationLists }>();

function tablesOf(symbols: SymbolTables): { unigram: UnigramTable; associations: AssociationLists } {
  let tables = tablesBySymbols.get(symbols);
  if (!tables) {
    tables = {
      unigram: new UnigramTable(symbols.coding.frequencies),
      associations: new AssociationLists(symbols.association, symbols.coding.frequencies, symbols.coding.texts),
    };
    tablesBySymbols.set(symbols, tables);
  }
  return tables;
}

/** Hit and associate counts below these are symbols of their own (most are: a few hits, rarely an associate). */
const HIT_DIRECT = 8;
const CHOSEN_DIRECT = 4;

/**
 * A frame's plan with context: what `encodeBlock` pushes, computed walking forwards. Record r's hits, misses and
 * associates (each ascending) start at offset[r] of their arrays, its hit codes (age start, age frequency, place,
 * fresh symbols of that age) at 4·offset[r], its associate codes (list entry, the supporter's place among the
 * record's listed skills) at 2·offset[r].
 */
interface FramePlan {
  offset: Int32Array;
  hitCount: Int32Array;
  chosenCount: Int32Array;
  missCount: Int32Array;
  /** With associates: how many skills of the record's rest list any (the supporters coded among). */
  supporterCount: Int32Array;
  lengthPlans: IntegerPlan[];
  hitPlans: IntegerPlan[];
  chosenPlans: IntegerPlan[];
  hits: Uint32Array;
  hitCodes: Uint32Array;
  misses: Uint32Array;
  chosen: Uint32Array;
  chosenCodes: Uint32Array;
}

export class CompactCoder implements BlockCoder {
  readonly mode = 'compact';
  readonly maxRecords = 1024;
  private readonly unigram: UnigramTable;
  private readonly cache: RecencyCache | null;
  private readonly associations: AssociationLists | null;
  /** Largest skill count a record can have: every symbol once, and at most M for the uniform choice. */
  private readonly maxSkills: number;
  private readonly sets: SetEncoder;
  private readonly positions = new SetDecoder();
  private framePlan: FramePlan | null = null;
  private buffers: [Uint32Array, Uint32Array, Uint32Array] | null = null;
  /** The record's skills that list associates (the supporters an associate is coded among). */
  private readonly supporters: Uint32Array;

  constructor(symbols: SymbolTables, options: CompactOptions) {
    const tables = tablesOf(symbols);
    this.unigram = tables.unigram;
    this.cache = options.context ? new RecencyCache(this.unigram.size) : null;
    this.associations = options.context && options.associations ? tables.associations : null;
    this.maxSkills = Math.min(this.unigram.size, M);
    this.sets = new SetEncoder(this.maxSkills);
    this.supporters = new Uint32Array(this.maxSkills);
  }

  encodeBlock(records: readonly SkillRecord[]): Uint8Array {
    records.forEach((record, r) => this.check(record.symbols, r));
    const stack = new AnsStack(records.length * 16);
    if (this.cache === null) {
      const lengths = new IntegerCoder(this.maxSkills);
      const plans = records.map((record) => lengths.plan(record.symbols.length));
      for (let r = records.length - 1; r >= 0; r--) {
        this.pushMisses(stack, records[r].symbols, 0, records[r].symbols.length);
        IntegerCoder.push(stack, plans[r]);
      }
      return stack.finish();
    }
    const plan = this.plan(records, this.cache);
    const { hitCodes, misses, chosenCodes } = plan;
    const associations = this.associations;
    for (let r = records.length - 1; r >= 0; r--) {
      const at = plan.offset[r];
      const listed = plan.supporterCount[r];
      this.sets.push(stack, plan.chosenCount[r], (i) => {
        const entry = chosenCodes[2 * (at + i)];
        stack.push(associations!.start[entry], associations!.freq[entry]);
        stack.pushUniform(chosenCodes[2 * (at + i) + 1], listed);
      });
      this.pushMisses(stack, misses, at, plan.missCount[r]);
      if (this.associations !== null) IntegerCoder.push(stack, plan.chosenPlans[r]);
      this.sets.push(stack, plan.hitCount[r], (i) => {
        const code = 4 * (at + i);
        stack.pushUniform(hitCodes[code + 2], hitCodes[code + 3]);
        stack.push(hitCodes[code], hitCodes[code + 1]);
      });
      IntegerCoder.push(stack, plan.hitPlans[r]);
      IntegerCoder.push(stack, plan.lengthPlans[r]);
    }
    return stack.finish();
  }

  /** Every record's codes with context, walking forwards through the frame as the decoder will. */
  private plan(records: readonly SkillRecord[], cache: RecencyCache): FramePlan {
    const associations = this.associations;
    const lengths = new IntegerCoder(this.maxSkills);
    const hitCounts = Array.from({ length: HIT_BINS }, () => new IntegerCoder(this.maxSkills, HIT_DIRECT));
    const chosenCounts = new IntegerCoder(this.maxSkills, CHOSEN_DIRECT);
    const n = records.length;
    let total = 0;
    for (let r = 0; r < n; r++) total += records[r].symbols.length;
    const plan = this.planBuffers(n, total);
    plan.lengthPlans.length = plan.hitPlans.length = plan.chosenPlans.length = 0;
    const { offset, hits, hitCodes, misses, chosen, chosenCodes } = plan;
    for (let r = 0; r < n; r++) offset[r + 1] = offset[r] + records[r].symbols.length;
    const [rest, owners, entries] = this.recordBuffers();
    const supporters = this.supporters;
    cache.startFrame();
    for (let r = 0; r < n; r++) {
      const set = records[r].symbols;
      const k = set.length;
      const at = offset[r];
      cache.prepare();
      let h = 0;
      let m = 0;
      for (let i = 0; i < k; i++) {
        if (cache.ageOf(set[i]) === 0) misses[at + m++] = set[i];
        else hits[at + h++] = set[i];
      }
      if (h > 0) cache.ageTable();
      for (let i = 0; i < h; i++) {
        const symbol = hits[at + i];
        const a = cache.ageOf(symbol);
        const code = 4 * (at + i);
        hitCodes[code] = cache.ageStart[a];
        hitCodes[code + 1] = cache.ageStart[a + 1] - cache.ageStart[a];
        hitCodes[code + 2] = cache.placeOf(symbol, a);
        hitCodes[code + 3] = cache.freshAt(a);
      }
      plan.lengthPlans.push(lengths.plan(k));
      plan.hitPlans.push(hitCounts[cache.bin].plan(h));
      plan.hitCount[r] = h;
      plan.chosenCount[r] = 0;
      if (associations !== null) {
        const g = associations.supported(set, k, misses, at, m, chosen, owners, entries);
        plan.chosenPlans.push(chosenCounts.plan(g));
        if (g > 0) {
          m = removeFrom(misses, at, m, chosen, at, g);
          mergeInto(rest, hits.subarray(at, at + h), h, misses.subarray(at, at + m), m, 'a hit and a miss');
          const listed = associations.listed(rest, k - g, supporters);
          for (let i = 0; i < g; i++) {
            chosenCodes[2 * (at + i)] = entries[i];
            chosenCodes[2 * (at + i) + 1] = placeIn(supporters, 0, listed, owners[i]);
          }
          plan.supporterCount[r] = listed;
        }
        plan.chosenCount[r] = g;
      }
      plan.missCount[r] = m;
      cache.commit(set);
    }
    return plan;
  }

  decodeBlock(payload: Uint8Array, recordCount: number): Array<{ symbols: Uint32Array }> {
    const stack = AnsStack.fromPayload(payload);
    const lengths = new IntegerCoder(this.maxSkills);
    const out: Array<{ symbols: Uint32Array }> = [];
    const { cache, associations } = this;
    const hitCounts = cache === null ? [] : Array.from({ length: HIT_BINS }, () => new IntegerCoder(this.maxSkills, HIT_DIRECT));
    const chosenCounts = new IntegerCoder(this.maxSkills, CHOSEN_DIRECT);
    const [hits, misses, chosen] = this.recordBuffers();
    const arena = new SetArena();
    cache?.startFrame();
    let r = 0;
    try {
      for (; r < recordCount; r++) {
        const k = lengths.pop(stack, this.maxSkills, 'skill count');
        if (cache === null) {
          const set = arena.take(k);
          this.popMisses(stack, set, k);
          out.push({ symbols: set });
          continue;
        }
        cache.prepare();
        const h = hitCounts[cache.bin].pop(stack, Math.min(k, cache.entries), 'hit count');
        this.popHits(stack, cache, hits, h);
        const g = associations === null ? 0 : chosenCounts.pop(stack, k - h, 'associate count');
        this.popMisses(stack, misses, k - h - g);
        const set = arena.take(k);
        mergeInto(set, hits, h, misses, k - h - g, 'a hit and a miss');
        if (g > 0) {
          this.popChosen(stack, associations!, set, k - g, chosen, g);
          mergeInto(set, set, k - g, chosen, g, 'an associate and another skill');
        }
        cache.commit(set);
        out.push({ symbols: set });
      }
    } catch (err) {
      if (err instanceof InputError) throw new InputError(`record ${r} of the frame: ${err.message}`);
      throw err;
    }
    if (!stack.isDrained()) throw new InputError('compact payload does not end where its records do (corrupt data)');
    return out;
  }

  /** Pops `n` unigram-coded symbols into `set[0..n)` (ascending), pushing back each one's place (bits-back). */
  private popMisses(stack: AnsStack, set: Uint32Array, n: number): void {
    const { unigram, positions } = this;
    for (let m = 0; m < n; m++) positions.insert(stack, set, m, n, unigram.pop(stack));
  }

  /** Pops `n` hits (age, then place among that record's fresh symbols) into `set[0..n)`. */
  private popHits(stack: AnsStack, cache: RecencyCache, set: Uint32Array, n: number): void {
    const { ageStart } = cache;
    if (n > 0) cache.ageTable();
    for (let m = 0; m < n; m++) {
      const a = cache.ageAt(stack.peek());
      const fresh = cache.freshAt(a);
      if (fresh === 0) throw new InputError(`a skill of age ${a}, which holds none (corrupt data)`);
      stack.pop(ageStart[a], ageStart[a + 1] - ageStart[a]);
      this.positions.insert(stack, set, m, n, cache.symbolAt(a, stack.popUniform(fresh)));
    }
  }

  /**
   * Pops `n` associates (a supporter among the skills of `rest[0..restLength)` that list any, then an entry of its
   * list) into `set[0..n)`.
   */
  private popChosen(stack: AnsStack, associations: AssociationLists, rest: Uint32Array, restLength: number, set: Uint32Array, n: number): void {
    const supporters = this.supporters;
    const listed = associations.listed(rest, restLength, supporters);
    if (listed === 0) throw new InputError('associates coded for a record whose skills list none (corrupt data)');
    for (let m = 0; m < n; m++) {
      const owner = supporters[stack.popUniform(listed)];
      const entry = associations.entryAt(owner, stack.peek());
      stack.pop(associations.start[entry], associations.freq[entry]);
      this.positions.insert(stack, set, m, n, associations.associateAt(entry));
    }
  }

  /** Pushes the ascending `set[from..from+n)` with the unigram, in bits-back order. */
  private pushMisses(stack: AnsStack, set: Uint32Array, from: number, n: number): void {
    const { unigram } = this;
    this.sets.push(stack, n, (i) => unigram.push(stack, set[from + i]));
  }

  /** The encoder's frame plan, reused from frame to frame and grown to `records` records of `skills` skills. */
  private planBuffers(records: number, skills: number): FramePlan {
    let plan = this.framePlan;
    if (plan === null || plan.hitCount.length < records || plan.hits.length < skills) {
      const n = Math.max(records, plan?.hitCount.length ?? 0);
      const total = Math.max(skills, plan?.hits.length ?? 0, 1024);
      plan = {
        offset: new Int32Array(n + 1),
        hitCount: new Int32Array(n),
        chosenCount: new Int32Array(n),
        missCount: new Int32Array(n),
        supporterCount: new Int32Array(n),
        lengthPlans: [],
        hitPlans: [],
        chosenPlans: [],
        hits: new Uint32Array(total),
        hitCodes: new Uint32Array(4 * total),
        misses: new Uint32Array(total),
        chosen: new Uint32Array(total),
        chosenCodes: new Uint32Array(2 * total),
      };
      this.framePlan = plan;
    }
    return plan;
  }

  /**
   * Three buffers the size of the largest record: the encoder's rest and its associates' owners and list entries, the
   * decoder's hits, misses and associates.
   */
  private recordBuffers(): [Uint32Array, Uint32Array, Uint32Array] {
    this.buffers ??= [new Uint32Array(this.maxSkills), new Uint32Array(this.maxSkills), new Uint32Array(this.maxSkills)];
    return this.buffers;
  }

  private check(symbols: Uint32Array, r: number): void {
    if (symbols.length > this.maxSkills) {
      throw new InputError(`record ${r} of the block has ${symbols.length} skills; the model allows at most ${this.maxSkills}`);
    }
    for (let i = 0; i < symbols.length; i++) {
      if (symbols[i] >= this.unigram.size || (i > 0 && symbols[i] <= symbols[i - 1])) {
        throw new InputError(`record ${r} of the block: coding symbols must be ascending, distinct and below ${this.unigram.size}`);
      }
    }
  }
}

/**
 * A frame's decoded sets: small ones as their own arrays (V8 keeps arrays of up to 64 bytes on its heap, cheaply),
 * larger ones as views into shared blocks — one allocation per block instead of one per record.
 */
class SetArena {
  private static readonly BLOCK = 1 << 14;
  private static readonly SMALL = 16;
  private block = new Uint32Array(0);
  private used = 0;

  take(size: number): Uint32Array {
    if (size <= SetArena.SMALL) return new Uint32Array(size);
    if (this.used + size > this.block.length) {
      this.block = new Uint32Array(Math.max(SetArena.BLOCK, size));
      this.used = 0;
    }
    this.used += size;
    return this.block.subarray(this.used - size, this.used);
  }
}

/**
 * Merges the ascending a[0..m) and b[0..n) into out[0..m+n), from the end (so `out` may be `a`); a symbol in both
 * is corrupt data (`what` names the pair).
 */
function mergeInto(out: Uint32Array, a: Uint32Array, m: number, b: Uint32Array, n: number, what: string): void {
  let i = m - 1;
  let j = n - 1;
  for (let at = m + n - 1; j >= 0; at--) {
    if (i >= 0 && a[i] === b[j]) throw new InputError(`${what} share a skill (corrupt data)`);
    out[at] = i >= 0 && a[i] > b[j] ? a[i--] : b[j--];
  }
  if (out !== a) for (; i >= 0; i--) out[i] = a[i];
}

/**
 * Removes the ascending `removed[from..from+g)` (a subset) from the ascending `set[at..at+m)` in place; returns the
 * new length.
 */
function removeFrom(set: Uint32Array, at: number, m: number, removed: Uint32Array, from: number, g: number): number {
  let n = 0;
  for (let i = 0, j = 0; i < m; i++) {
    if (j < g && removed[from + j] === set[at + i]) j++;
    else set[at + n++] = set[at + i];
  }
  return n;
}

export const compactMode: BlockCoderFactory<CompactOptions> = {
  mode: 'compact',
  modeId: 0,
  options: {
    context: {
      type: 'boolean',
      default: true,
      describe: "condition each record's skills on the frame's previous records and on its other skills (--no-context: unigram only)",
    },
    associations: {
      type: 'boolean',
      default: true,
      describe: "with context: code skills that are associates of the record's other skills through the model's association data",
    },
  },
  optionsFrom: (values) => {
    const context = values.context === undefined ? true : Boolean(values.context);
    return { context, associations: context && (values.associations === undefined ? true : Boolean(values.associations)) };
  },
  // one byte: bit 0 context, bit 1 associations (only with context)
  writeOptions: (options) => Uint8Array.of((options.context ? 1 : 0) | (options.context && options.associations ? 2 : 0)),
  readOptions: (bytes) => {
    if (bytes.length !== 1 || ![0, 1, 3].includes(bytes[0])) throw new InputError(`compact mode options must be one byte 0, 1 or 3, got ${bytes.length === 1 ? `byte ${bytes[0]}` : `${bytes.length} bytes`}`);
    return { context: (bytes[0] & 1) === 1, associations: (bytes[0] & 2) === 2 };
  },
  describeOptions: (options) => ({ context: options.context, associations: options.associations }),
  create: (model, options) => new CompactCoder(model, options),
  createLayered: (model, options, refineMinInformation) => new LayeredCoder(model, new CompactCoder(layersOf(model), options), refineMinInformation),
};
