// Compact mode: a block of records' skill sets coded exactly, near the model's set-entropy rate
// Σ −log2 p(s) − log2 k! + the length (THEORY.md §8). Each record's size k is coded with an adaptive integer model;
// its skills with bits-back ANS for sets (Severo et al. 2022): the encoder, walking backwards, pops a uniform choice
// among the i skills left (getting log2 i bits back) and pushes that skill; the decoder pops skills and pushes their
// positions in the sorted set, so no order is paid for. With `context`, each skill is coded given the frame's
// previous records and the skills of its record decoded before it (codec/compact/context.ts), otherwise with the
// unigram p(s) (codec/compact/unigram.ts).
// With context, a frame of at least CALIBRATE_MIN records starts with its own calibration table, measured by the
// encoder on a sample of the frame's records in a seeded random order (the order bits-back decoding sees is random).

import type { SkillModel } from '../../src/model/types.js';
import { InputError } from '../../src/util/errors.js';
import type { BlockCoder, BlockCoderFactory, SkillRecord } from '../block-coder.js';
import { AnsStack, M } from '../entropy/ans.js';
import { IntegerCoder, type IntegerPlan } from '../entropy/adaptive.js';
import { AssociationContext, DEFAULT_FLAG_TABLE, FLAG_BINS, RecentSymbols } from './context.js';
import { Prng } from '../../src/util/prng.js';
import { UnigramTable } from './unigram.js';

export interface CompactOptions {
  /** Condition later skills of a record on earlier ones through the model's association data. */
  context: boolean;
}

const tablesByModel = new WeakMap<SkillModel, { unigram: UnigramTable; context: AssociationContext }>();

function tablesOf(model: SkillModel): { unigram: UnigramTable; context: AssociationContext } {
  let tables = tablesByModel.get(model);
  if (!tables) {
    tables = {
      unigram: new UnigramTable(model.coding.frequencies),
      context: new AssociationContext(model.association, model.coding.frequencies, model.coding.texts),
    };
    tablesByModel.set(model, tables);
  }
  return tables;
}

/** Frames with fewer records use DEFAULT_FLAG_TABLE instead of sending their own. */
const CALIBRATE_MIN = 32;
const CALIBRATION_SEED = 0x5c0de;
/** Calibration looks at every CALIBRATION_STRIDE-th record: enough steps per bin at a quarter of the cost. */
const CALIBRATION_STRIDE = 4;

export class CompactCoder implements BlockCoder {
  readonly mode = 'compact';
  readonly maxRecords = 1024;
  private readonly unigram: UnigramTable;
  private readonly context: AssociationContext | null;
  private readonly recent: RecentSymbols;
  /** Largest skill count a record can have: every symbol once, and at most M for the uniform choice. */
  private readonly maxSkills: number;

  constructor(model: SkillModel, options: CompactOptions) {
    const tables = tablesOf(model);
    this.unigram = tables.unigram;
    this.context = options.context ? tables.context : null;
    this.maxSkills = Math.min(this.unigram.size, M);
    this.recent = new RecentSymbols(this.unigram.size);
  }

  encodeBlock(records: readonly SkillRecord[]): Uint8Array {
    const lengths = new IntegerCoder();
    const plans: IntegerPlan[] = records.map((record, r) => {
      this.check(record.symbols, r);
      return lengths.plan(record.symbols.length);
    });
    let table: Uint8Array = DEFAULT_FLAG_TABLE;
    if (this.context !== null && records.length >= CALIBRATE_MIN) table = this.calibrate(records);
    if (this.context !== null) this.context.table = table;
    const stack = new AnsStack(records.length * 16);
    const set = new Uint32Array(this.maxSkills);
    for (let r = records.length - 1; r >= 0; r--) {
      const k = records[r].symbols.length;
      if (this.context !== null) this.recent.collect(records, r);
      set.set(records[r].symbols);
      for (let i = k; i >= 1; i--) {
        const j = i > 1 ? stack.popUniform(i) : 0;
        const symbol = set[j];
        for (let m = j + 1; m < i; m++) set[m - 1] = set[m];
        this.pushSymbol(stack, symbol, set, i - 1, k - i + 1);
      }
      IntegerCoder.push(stack, plans[r]);
    }
    const coded = stack.finish();
    if (this.context === null) return coded;
    const own = table !== DEFAULT_FLAG_TABLE;
    const out = new Uint8Array(1 + (own ? FLAG_BINS : 0) + coded.length);
    out[0] = own ? 1 : 0;
    if (own) out.set(table, 1);
    out.set(coded, out.length - coded.length);
    return out;
  }

  /** p_in (1/256) by bin, measured on every CALIBRATION_STRIDE-th record, its symbols in a seeded random order. */
  calibrate(records: readonly SkillRecord[]): Uint8Array {
    const context = this.context!;
    const prng = new Prng(CALIBRATION_SEED);
    const steps = new Float64Array(FLAG_BINS);
    const hits = new Float64Array(FLAG_BINS);
    const order = new Uint32Array(this.maxSkills);
    const sorted = new Uint32Array(this.maxSkills);
    for (let r = 0; r < records.length; r += CALIBRATION_STRIDE) {
      const k = records[r].symbols.length;
      this.recent.collect(records, r);
      order.set(records[r].symbols);
      prng.shuffle(order.subarray(0, k));
      for (let n = 0; n < k; n++) {
        const symbol = order[n];
        if (context.build(sorted, n, k - n, this.recent) > 0) {
          steps[context.bin]++;
          if (context.hit(symbol)) hits[context.bin]++;
        }
        let pos = n;
        while (pos > 0 && sorted[pos - 1] > symbol) {
          sorted[pos] = sorted[pos - 1];
          pos--;
        }
        sorted[pos] = symbol;
      }
    }
    return Uint8Array.from(DEFAULT_FLAG_TABLE, (fallback, b) =>
      steps[b] === 0 ? fallback : Math.min(255, Math.max(1, Math.floor((512 * hits[b] + 256) / (2 * steps[b] + 2)))),
    );
  }

  decodeBlock(payload: Uint8Array, recordCount: number): Array<{ symbols: Uint32Array }> {
    let coded = payload;
    if (this.context !== null) {
      if (payload.length < 1 || payload[0] > 1) throw new InputError('compact payload: bad calibration marker (corrupt data)');
      const own = payload[0] === 1;
      if (own && (payload.length < 1 + FLAG_BINS || payload.subarray(1, 1 + FLAG_BINS).includes(0))) {
        throw new InputError('compact payload: bad calibration table (corrupt data)');
      }
      this.context.table = own ? payload.slice(1, 1 + FLAG_BINS) : DEFAULT_FLAG_TABLE;
      coded = payload.subarray(own ? 1 + FLAG_BINS : 1);
    }
    const stack = AnsStack.fromPayload(coded);
    const lengths = new IntegerCoder();
    const out: Array<{ symbols: Uint32Array }> = [];
    for (let r = 0; r < recordCount; r++) {
      const k = lengths.pop(stack, this.maxSkills, `skill count of record ${r} of the frame`);
      if (this.context !== null) this.recent.collect(out, r);
      const set = new Uint32Array(k);
      for (let n = 0; n < k; n++) {
        const symbol = this.popSymbol(stack, set, n, k - n);
        let pos = 0;
        let hi = n;
        while (pos < hi) {
          const mid = (pos + hi) >>> 1;
          if (set[mid] < symbol) pos = mid + 1;
          else hi = mid;
        }
        if (pos < n && set[pos] === symbol) throw new InputError(`record ${r} of the frame repeats a skill (corrupt data)`);
        for (let i = n; i > pos; i--) set[i] = set[i - 1];
        set[pos] = symbol;
        if (n > 0) stack.pushUniform(pos, n + 1);
      }
      out.push({ symbols: set });
    }
    if (!stack.isDrained()) throw new InputError('compact payload does not end where its records do (corrupt data)');
    return out;
  }

  /** Pushes `symbol` given the context `set[0..n)` with `remaining` symbols of the record still to decode. */
  private pushSymbol(stack: AnsStack, symbol: number, set: Uint32Array, n: number, remaining: number): void {
    const context = this.context;
    if (context !== null && context.build(set, n, remaining, this.recent) > 0) {
      if (!context.encode(stack, symbol)) {
        this.unigram.push(stack, symbol);
        context.pushEscape(stack);
      }
    } else {
      this.unigram.push(stack, symbol);
    }
  }

  private popSymbol(stack: AnsStack, set: Uint32Array, n: number, remaining: number): number {
    const context = this.context;
    if (context !== null && context.build(set, n, remaining, this.recent) > 0) {
      const symbol = context.decode(stack);
      if (symbol >= 0) return symbol;
    }
    return this.unigram.pop(stack);
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

export const compactMode: BlockCoderFactory<CompactOptions> = {
  mode: 'compact',
  modeId: 0,
  cliOptions: {
    context: {
      type: 'boolean',
      default: true,
      describe: "condition each record's later skills on its earlier ones through the model's association data (--no-context: unigram only)",
    },
  },
  optionsFrom: (values) => ({ context: values.context === undefined ? true : Boolean(values.context) }),
  writeOptions: (options) => Uint8Array.of(options.context ? 1 : 0),
  readOptions: (bytes) => {
    if (bytes.length !== 1 || bytes[0] > 1) throw new InputError(`compact mode options must be one byte 0 or 1, got ${bytes.length} bytes`);
    return { context: bytes[0] === 1 };
  },
  describeOptions: (options) => ({ context: options.context }),
  create: (model, options) => new CompactCoder(model, options),
};
