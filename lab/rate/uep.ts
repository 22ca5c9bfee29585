// Unequal error protection on the slot-erasure channel (issue #17; THEORY.md §8 "Layered robust frames"): robust
// layered frames of a layered model (`train --skills layered:L`) beside word-only robust frames of the same model (a
// layered model is a word model with its concepts) AT EQUAL BITS, on held-out records. Each layered setting (base and
// word repetitions, an overhead) is encoded block by block with the robust coder; for word-only frames of the words'
// repetition and of the concepts' the overhead is then bisected until their payload bits match the layered payload's
// (within BIT_MATCH). Every frame crosses the seeded slot-erasure channel TRIALS times per erasure rate and is
// decoded; delivered recall and WordNet similarity (./fidelity.ts: a word delivered only as its concept scores its
// Wu–Palmer similarity to the concept's synset) are averaged over the trials. Beside them, each layer's measured loss
// — concepts lost (neither the concept nor any of its words delivered) and refinement items lost — and its DE
// prediction (src/theory/erasure.ts classesErasureDE with each frame's own loads and its own generating function W of
// refining words per concept), summed over frames by their items.

import type { SkillModel } from '../../src/model/types.js';
import { symbolsOfSkills } from '../../src/model/tables.js';
import { DegreeDistribution, parseDegreeSpec } from '../../src/theory/degree.js';
import { classesErasureDE, erasureDE, type ItemClass } from '../../src/theory/erasure.js';
import { Prng } from '../../src/util/prng.js';
import { indexOfSorted } from '../../src/util/sorted.js';
import type { SkillRecord } from '../../codec/block-coder.js';
import { RobustCoder, robustLayersOf, robustMode, type RobustLayers } from '../../codec/robust/index.js';
import { fidelityOf, type HeldOut } from './held-out.js';
import { interval95 } from './seeds.js';

/** Payload bits of the word-only stream must match the layered stream's within this share. */
export const BIT_MATCH = 0.005;

export interface UepSetting {
  /** Λ_b and Λ of the layered frames. */
  repetitionBase: string;
  repetition: string;
  /** Slots per item of the layered frames. */
  overhead: number;
}

export interface UepOptions {
  settings: UepSetting[];
  erasures: number[];
  /** Records per frame. */
  block: number;
  /** Channel draws per erasure rate. */
  trials: number;
  seed: number;
}

export interface LayerLoss {
  items: number;
  measured: number;
  predicted: number;
}

/** A figure over the channel draws: their mean and the half-width of its 95 % interval (t quantile). */
export interface Spread {
  mean: number;
  halfWidth: number;
}

export interface UepMeasure {
  /** Payload bits per held-out record. */
  bitsPerText: number;
  /** Share of the records' skills delivered as words, and mean WordNet similarity of what was delivered: each word
   *  read by its best sense, and by its most frequent sense (as the concept map reads it). */
  recall: Spread;
  wordnet: Spread;
  wordnetFirstSense: Spread;
}

export interface WordOnlyMeasure extends UepMeasure {
  repetition: string;
  /** The word-only overhead (slots per word) whose bits match. */
  overhead: number;
  words: LayerLoss;
  /** Layered minus word-only WordNet similarity (best senses, first senses), per draw (the draws share a seed
   *  sequence, not slots). */
  gain: Spread;
  gainFirstSense: Spread;
}

export interface UepPoint {
  setting: UepSetting;
  erasure: number;
  layered: UepMeasure & { conceptsOnly: number; base: LayerLoss; refinement: LayerLoss };
  wordOnly: WordOnlyMeasure[];
}

/** The mean of `values` and the half-width of its 95 % Student-t interval (./seeds.ts interval95); NaN for one value. */
export function spread(values: readonly number[]): Spread {
  const { mean, high } = interval95(values);
  return { mean, halfWidth: values.length < 2 ? NaN : high - mean };
}

/** How many words of the model each base symbol holds. */
function wordsPerConcept(layers: RobustLayers): Uint32Array {
  const counts = new Uint32Array(layers.concepts);
  for (const b of layers.conceptOf) counts[b]++;
  return counts;
}

/** The records' learned skills as coding symbols (ascending), the records the coder sends. */
function recordsOf(model: SkillModel, data: HeldOut): SkillRecord[] {
  const symbolOf = symbolsOfSkills(model.coding.order, model.skills.keys.length);
  return data.skills.map((keys) => {
    const symbols = keys.map((key) => indexOfSorted(model.skills.keys, key)).filter((s) => s >= 0).map((s) => symbolOf[s]).filter((s) => s >= 0);
    return { symbols: Uint32Array.from(symbols).sort(), novelCount: 0, chars: 0 };
  });
}

function blocksOf<T>(items: readonly T[], size: number): T[][] {
  const blocks: T[][] = [];
  for (let i = 0; i < items.length; i += size) blocks.push(items.slice(i, i + size));
  return blocks;
}

function payloadBits(coder: RobustCoder, blocks: SkillRecord[][]): { bits: number; payloads: Uint8Array[] } {
  const payloads = blocks.map((b) => coder.encodeBlock(b));
  return { bits: payloads.reduce((n, p) => n + p.length * 8, 0), payloads };
}

/** The layered frames' DE prediction of each layer's lost items, with every frame's own loads and W. */
function predictLayers(coder: RobustCoder, layers: RobustLayers, wordsOfConcept: Uint32Array, blocks: SkillRecord[][], payloads: Uint8Array[], erasure: number, base: DegreeDistribution, words: DegreeDistribution): { base: number; refinement: number } {
  let lostBase = 0;
  let lostRefinement = 0;
  blocks.forEach((block, f) => {
    const summary = coder.summarizeBlock(payloads[f], block.length);
    if (!('concepts' in summary) || summary.slots === 0) return;
    const histogram: number[] = [0];
    for (const record of block) {
      const refining = new Map<number, number>();
      for (const w of record.symbols) {
        const b = layers.conceptOf[w];
        refining.set(b, (refining.get(b) ?? 0) + (wordsOfConcept[b] > 1 ? 1 : 0));
      }
      for (const k of refining.values()) histogram[k] = (histogram[k] ?? 0) + 1;
    }
    // Without refinement items (every concept of the frame holds one word) nothing implies a concept: W = 1.
    const implied = summary.refinementItems > 0 ? { impliedBy: { by: 1, count: DegreeDistribution.fromCounts(Array.from(histogram, (n) => n ?? 0), 'refining words per concept') } } : {};
    const classes: ItemClass[] = [
      { repetition: base, load: summary.concepts / summary.slots, ...implied },
      { repetition: words, load: summary.refinementItems / summary.slots },
    ];
    const [b, r] = classesErasureDE(classes, erasure).classes;
    lostBase += summary.concepts * b.loss;
    lostRefinement += summary.refinementItems * r.loss;
  });
  return { base: lostBase, refinement: lostRefinement };
}

/** The word-only coder of `repetition` whose payload bits come closest to `bits` (within BIT_MATCH when bisection on the overhead reaches it). */
function matchBits(S: number, repetition: string, block: number, blocks: SkillRecord[][], bits: number): { coder: RobustCoder; overhead: number; bits: number; payloads: Uint8Array[] } {
  const coderAt = (overhead: number): RobustCoder => new RobustCoder(S, robustMode.optionsFrom({ repetition, overhead, block }));
  let [lo, hi] = [1, 2];
  let found = payloadBits(coderAt(hi), blocks);
  while (found.bits < bits) {
    [lo, hi] = [hi, hi * 2];
    found = payloadBits(coderAt(hi), blocks);
  }
  let best = { overhead: hi, ...found };
  for (let i = 0; i < 40 && Math.abs(best.bits - bits) > BIT_MATCH * bits; i++) {
    const overhead = (lo + hi) / 2;
    found = payloadBits(coderAt(overhead), blocks);
    if (Math.abs(found.bits - bits) < Math.abs(best.bits - bits)) best = { overhead, ...found };
    if (found.bits > bits) hi = overhead;
    else lo = overhead;
  }
  return { coder: coderAt(best.overhead), ...best };
}

/** Measures each layered setting against word-only streams of equal bits at every erasure rate; `model` has layers. */
export function uepPoints(model: SkillModel, data: HeldOut, options: UepOptions): UepPoint[] {
  const layers = robustLayersOf(model);
  // What a concept delivered alone writes: its key (a synset name, which WordNet similarity reads as that synset).
  const conceptKeys = Array.from(model.layers!.coding.order, (c) => model.layers!.keys[c]);
  const records = recordsOf(model, data);
  const blocks = blocksOf(records, options.block);
  const S = model.coding.order.length;
  const wordsOfConcept = wordsPerConcept(layers);
  const keyOf = (s: number): string => model.skills.keys[model.coding.order[s]];
  const points: UepPoint[] = [];
  for (const setting of options.settings) {
    const layeredCoder = new RobustCoder(S, robustMode.optionsFrom({ repetition: setting.repetition, repetitionBase: setting.repetitionBase, overhead: setting.overhead, block: options.block }), layers);
    const layered = payloadBits(layeredCoder, blocks);
    // Word-only at equal bits with the words' repetition (the base layer's bits spent on overhead instead) and with
    // the concepts' (every word protected like a concept).
    const baselines = [...new Set([setting.repetition, setting.repetitionBase])];
    const words = baselines.map((repetition) => ({ repetition, ...matchBits(S, repetition, options.block, blocks, layered.bits) }));
    for (const erasure of options.erasures) {
      const rng = new Prng((options.seed ^ Math.round(erasure * 1e6) ^ Math.round(setting.overhead * 1e3)) >>> 0);
      const layeredSims: number[] = [];
      const layeredFirst: number[] = [];
      const layeredRecalls: number[] = [];
      const wordSims = words.map((): number[] => []);
      const wordFirst = words.map((): number[] => []);
      const wordRecalls = words.map((): number[] => []);
      let conceptsOnly = 0;
      let skills = 0;
      const base = { items: 0, lost: 0 };
      const refinement = { items: 0, lost: 0 };
      const wordLoss = words.map(() => ({ items: 0, lost: 0 }));
      for (let trial = 0; trial < options.trials; trial++) {
        const layeredFidelity = fidelityOf(data);
        const wordFidelity = words.map(() => fidelityOf(data));
        let r0 = 0;
        blocks.forEach((block, f) => {
          const l = layeredCoder.decodeBlock(layeredCoder.erasePayload(layered.payloads[f], block.length, erasure, rng), block.length);
          const w = words.map(({ coder, payloads }) => coder.decodeBlock(coder.erasePayload(payloads[f], block.length, erasure, rng), block.length));
          block.forEach((record, i) => {
            layeredFidelity.add(r0 + i, [...Array.from(l[i].symbols, keyOf), ...Array.from(l[i].concepts ?? [], (b) => conceptKeys[b])]);
            const got = new Set(l[i].symbols);
            const delivered = new Set([...Array.from(l[i].symbols, (s) => layers.conceptOf[s]), ...(l[i].concepts ?? [])]);
            const concepts = new Set(Array.from(record.symbols, (s) => layers.conceptOf[s]));
            base.items += concepts.size;
            for (const b of concepts) if (!delivered.has(b)) base.lost++;
            for (const s of record.symbols) {
              skills++;
              if (!got.has(s) && delivered.has(layers.conceptOf[s])) conceptsOnly++;
              if (wordsOfConcept[layers.conceptOf[s]] > 1) {
                refinement.items++;
                if (!got.has(s)) refinement.lost++;
              }
            }
            w.forEach((decoded, j) => {
              wordFidelity[j].add(r0 + i, Array.from(decoded[i].symbols, keyOf));
              wordLoss[j].items += record.symbols.length;
              wordLoss[j].lost += record.symbols.length - decoded[i].symbols.length;
            });
          });
          r0 += block.length;
        });
        const l = layeredFidelity.meter.result();
        layeredSims.push(l.wordnet ?? NaN);
        layeredFirst.push(l.wordnetFirstSense ?? NaN);
        layeredRecalls.push(l.skillRecall);
        wordFidelity.forEach((meter, j) => {
          const w = meter.meter.result();
          wordSims[j].push(w.wordnet ?? NaN);
          wordFirst[j].push(w.wordnetFirstSense ?? NaN);
          wordRecalls[j].push(w.skillRecall);
        });
      }
      const predicted = predictLayers(layeredCoder, layers, wordsOfConcept, blocks, layered.payloads, erasure, parseDegreeSpec(setting.repetitionBase), parseDegreeSpec(setting.repetition));
      const per = (n: number): number => n / options.trials;
      points.push({
        setting,
        erasure,
        layered: {
          bitsPerText: layered.bits / records.length,
          recall: spread(layeredRecalls),
          wordnet: spread(layeredSims),
          wordnetFirstSense: spread(layeredFirst),
          conceptsOnly: conceptsOnly / skills,
          base: { items: per(base.items), measured: base.lost / base.items, predicted: predicted.base / per(base.items) },
          refinement: { items: per(refinement.items), measured: refinement.lost / refinement.items, predicted: predicted.refinement / per(refinement.items) },
        },
        wordOnly: words.map(({ repetition, overhead, coder, bits, payloads }, j) => {
          const law = parseDegreeSpec(repetition);
          let predictedLost = 0;
          blocks.forEach((block, f) => {
            const s = coder.summarizeBlock(payloads[f], block.length);
            if (s.skills > 0) predictedLost += s.skills * erasureDE(law, s.skills / s.slots, erasure).loss;
          });
          return {
            repetition,
            overhead,
            bitsPerText: bits / records.length,
            recall: spread(wordRecalls[j]),
            wordnet: spread(wordSims[j]),
            wordnetFirstSense: spread(wordFirst[j]),
            words: { items: per(wordLoss[j].items), measured: wordLoss[j].lost / wordLoss[j].items, predicted: predictedLost / per(wordLoss[j].items) },
            gain: spread(layeredSims.map((v, t) => v - wordSims[j][t])),
            gainFirstSense: spread(layeredFirst.map((v, t) => v - wordFirst[j][t])),
          };
        }),
      });
    }
  }
  return points;
}
