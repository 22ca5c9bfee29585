// The encoder's skill selection (codec/selection.ts): information −log₂(f/T) on a hand-worked table, the selection's
// properties on random sets (a subset, ascending, at most K, every kept skill at least B bits, no dropped skill more
// informative — or, ranked by coverage, more covering per bit — than a kept one), the encoder's occurrence counts, streams that decode with the ordinary decoder to each record's selected skills, and
// parameter errors that name the parameter.
import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { SkillSelector, symbolInformation } from '../../codec/selection.js';
import { RecordEncoder } from '../../codec/records.js';
import { ParamError } from '../../src/util/errors.js';
import { fixtureModel } from './fixture-model.js';
import { decode, encode } from './helpers.js';

const model = fixtureModel({ skills: 300, learnedShare: 0.8, maxNeighbors: 4, seed: 5 });
const symbols = model.coding.order.length;
/** Four symbols seen in 8, 4, 2 and 1 of 16 texts: 1, 2, 3 and 4 bits. */
const tiny = { ...model, coding: { ...model.coding, order: Uint32Array.of(0, 1, 2, 3), frequencies: Uint32Array.of(8, 4, 2, 1), texts: 16 } };

describe('skill selection', () => {
  it('information is −log₂(f/T): 1, 2, 3, 4 bits for 8, 4, 2, 1 of 16 texts', () => {
    expect(Array.from(symbolInformation(tiny))).toEqual([1, 2, 3, 4]);
  });

  it('keeps the K most informative, or those of at least B bits, ascending', () => {
    const all = Uint32Array.of(0, 1, 2, 3);
    expect(Array.from(new SkillSelector(tiny, { maxSkills: 2 }).select(all))).toEqual([2, 3]);
    expect(Array.from(new SkillSelector(tiny, { minInformation: 2.5 }).select(all))).toEqual([2, 3]);
    expect(Array.from(new SkillSelector(tiny, { minInformation: 2, maxSkills: 1 }).select(Uint32Array.of(0, 1, 2)))).toEqual([2]);
    expect(Array.from(new SkillSelector(tiny, { maxSkills: 0 }).select(all))).toEqual([]);
    expect(new SkillSelector(tiny, {}).keepsAll).toBe(true);
    // Ties go to the lower symbol.
    const tied = { ...tiny, coding: { ...tiny.coding, frequencies: Uint32Array.of(2, 2, 2, 2) } };
    expect(Array.from(new SkillSelector(tied, { maxSkills: 2 }).select(Uint32Array.of(1, 2, 3)))).toEqual([1, 2]);
  });

  it('ranked by coverage, keeps the K skills of most occurrences per bit: 4 occurrences of 3 bits before 1 of 1 bit', () => {
    const all = Uint32Array.of(0, 1, 2, 3);
    // occurrences 1, 1, 4, 1 over 1, 2, 3, 4 bits: 1, 0.5, 1.33, 0.25 occurrences a bit
    const occurrences = Uint32Array.of(1, 1, 4, 1);
    const coverage = (maxSkills: number, minInformation?: number) => Array.from(new SkillSelector(tiny, { maxSkills, minInformation, rankBy: 'coverage' }).select(all, occurrences));
    expect(coverage(1)).toEqual([2]);
    expect(coverage(2)).toEqual([0, 2]);
    expect(coverage(3)).toEqual([0, 1, 2]);
    expect(coverage(2, 1.5)).toEqual([1, 2]); // symbol 0 (1 bit) is dropped before ranking
    expect(Array.from(new SkillSelector(tiny, { maxSkills: 2, rankBy: 'information' }).select(all, occurrences))).toEqual([2, 3]);
    // ties (1 occurrence a bit: symbols 0 and 1 here) go to the lower symbol
    expect(Array.from(new SkillSelector(tiny, { maxSkills: 1, rankBy: 'coverage' }).select(Uint32Array.of(0, 1), Uint32Array.of(1, 2)))).toEqual([0]);
    expect(new SkillSelector(tiny, { maxSkills: 1, rankBy: 'coverage' }).needsOccurrences).toBe(true);
    expect(new SkillSelector(tiny, { minInformation: 1, rankBy: 'coverage' }).needsOccurrences).toBe(false);
    expect(() => new SkillSelector(tiny, { maxSkills: 1, rankBy: 'coverage' }).select(all)).toThrow(/occurrences/);
  });

  it('the encoder counts each symbol\'s occurrences in the record only when asked', () => {
    const [a, b] = [0, 1].map((s) => model.skills.keys[model.coding.order[s]]);
    const text = `${b} ${a} ${b} ${b}`;
    const record = new RecordEncoder(model, true).encode(text, undefined, 'test', false);
    expect(Array.from(record.symbols)).toEqual([0, 1]);
    expect(Array.from(record.occurrences!)).toEqual([1, 3]);
    // the counts start again at each record
    expect(Array.from(new RecordEncoder(model, true).encode(`${a}`, undefined, 'test', false).occurrences!)).toEqual([1]);
    expect(new RecordEncoder(model).encode(text, undefined, 'test', false).occurrences).toBeUndefined();
  });

  fcTest.prop([
    fc.array(fc.tuple(fc.nat({ max: symbols - 1 }), fc.integer({ min: 1, max: 5 })), { maxLength: 40 }).map((pairs) => [...new Map(pairs)].sort((x, y) => x[0] - y[0])),
    fc.nat({ max: 12 }),
    fc.option(fc.double({ min: 0, max: 12, noNaN: true }), { nil: undefined }),
  ])('ranked by coverage, a selection is a subset within both knobs that never drops a skill covering more per bit', (pairs, maxSkills, minInformation) => {
    const information = symbolInformation(model);
    const input = Uint32Array.from(pairs, ([s]) => s);
    const occurrences = Uint32Array.from(pairs, ([, n]) => n);
    const kept = Array.from(new SkillSelector(model, { maxSkills, minInformation, rankBy: 'coverage' }).select(input, occurrences));
    expect(kept).toEqual([...kept].sort((x, y) => x - y));
    const ratio = new Map(pairs.map(([s, n]) => [s, n / information[s]]));
    const eligible = pairs.map(([s]) => s).filter((s) => information[s] >= (minInformation ?? 0));
    for (const s of kept) expect(eligible).toContain(s);
    expect(kept.length).toBe(Math.min(eligible.length, maxSkills));
    const least = Math.min(...kept.map((s) => ratio.get(s)!));
    for (const s of eligible) if (!kept.includes(s)) expect(ratio.get(s)!).toBeLessThanOrEqual(least);
  });

  fcTest.prop([
    fc.uniqueArray(fc.nat({ max: symbols - 1 }), { maxLength: 40 }),
    fc.option(fc.nat({ max: 12 }), { nil: undefined }),
    fc.option(fc.double({ min: 0, max: 12, noNaN: true }), { nil: undefined }),
  ])('a selection is a subset, ascending, within both knobs, and never drops a more informative skill', (set, maxSkills, minInformation) => {
    const information = symbolInformation(model);
    const input = Uint32Array.from(set).sort();
    const kept = Array.from(new SkillSelector(model, { maxSkills, minInformation }).select(input));
    expect(kept).toEqual([...kept].sort((a, b) => a - b));
    for (const s of kept) expect(set).toContain(s);
    if (maxSkills !== undefined) expect(kept.length).toBeLessThanOrEqual(maxSkills);
    for (const s of kept) expect(information[s]).toBeGreaterThanOrEqual(minInformation ?? 0);
    const eligible = set.filter((s) => information[s] >= (minInformation ?? 0));
    expect(kept.length).toBe(Math.min(eligible.length, maxSkills ?? Infinity));
    const least = Math.min(...kept.map((s) => information[s]));
    for (const s of eligible) if (!kept.includes(s)) expect(information[s]).toBeLessThanOrEqual(least);
  });

  it('streams decode with the ordinary decoder to each record selected, and cost fewer bytes', async () => {
    const keys = model.skills.keys;
    const texts = Array.from({ length: 60 }, (_, i) => Array.from({ length: 12 }, (_, j) => keys[(i * 7 + j * 13) % keys.length]).join(' '));
    const input = texts.join('\n') + '\n';
    const full = await encode(model, input);
    const thin = await encode(model, input, { maxSkills: 3, minInformation: 1 });
    expect(thin.length).toBeLessThan(full.length);
    const selector = new SkillSelector(model, { maxSkills: 3, minInformation: 1 });
    const encoder = new RecordEncoder(model);
    const want = texts.map((t) => Array.from(selector.select(encoder.encode(t, undefined, 'test', false).symbols), (s) => model.skills.surface[model.coding.order[s]]));
    const { records } = await decode(model, thin);
    expect(records.map((r) => r.skills)).toEqual(want);
    expect(want.some((w) => w.length === 3)).toBe(true);
    // ranked by coverage: the occurrences the encoder counts decide, and the decoder needs nothing new
    const covering = await encode(model, input, { maxSkills: 3, rankBy: 'coverage' });
    const bySelector = new SkillSelector(model, { maxSkills: 3, rankBy: 'coverage' });
    const counting = new RecordEncoder(model, true);
    const wantCovering = texts.map((t) => {
      const record = counting.encode(t, undefined, 'test', false);
      return Array.from(bySelector.select(record.symbols, record.occurrences), (s) => model.skills.surface[model.coding.order[s]]);
    });
    expect((await decode(model, covering)).records.map((r) => r.skills)).toEqual(wantCovering);
    expect(wantCovering).not.toEqual(want); // the two rankings keep different skills
  });

  it('refuses bad knobs, naming the parameter', () => {
    for (const [options, param] of [
      [{ maxSkills: -1 }, 'maxSkills'],
      [{ maxSkills: 2.5 }, 'maxSkills'],
      [{ minInformation: Number.NaN }, 'minInformation'],
      [{ minInformation: -1 }, 'minInformation'],
      [{ rankBy: 'rarest' as never }, 'rankBy'],
    ] as const) {
      let error: unknown;
      try {
        new SkillSelector(model, options);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ParamError);
      expect((error as ParamError).params).toEqual([param]);
    }
  });
});
