// Unequal error protection on the slot-erasure channel (issue #17; THEORY.md §8 "Layered robust frames"): robust
// layered frames of a layered model beside word-only robust frames of the same model AT EQUAL BITS, on held-out
// records. Each layered setting (base and word repetitions, an overhead) is encoded block by block with the robust
// coder; the word-only overhead is then bisected until its payload bits match the layered payload's (within
// BIT_MATCH), the word repetition the same. Every frame crosses the seeded slot-erasure channel TRIALS times per
// erasure rate and is decoded; delivered recall and WordNet similarity (./fidelity.ts: a word delivered only as its
// concept scores its Wu–Palmer similarity to the concept's synset) are averaged over the trials. Beside them, each
// layer's measured loss — concepts lost (neither the concept nor any of its words delivered) and refinement items
// lost — and its DE prediction (src/theory/erasure.ts classesErasureDE with each frame's own loads and its own
// generating function W of refining words per concept), summed over frames by their items.

import type { SkillModel } from '../../src/model/types.js';
import { symbolsOfSkills } from '../../src/model/tables.js';
import { DegreeDistribution, parseDegreeSpec } from '../../src/theory/degree.js';
import { classesErasureDE, erasureDE, type ItemClass } from '../../src/theory/erasure.js';
import { ConceptMap } from '../../src/concepts/concepts.js';
import type { WordNetDb } from '../../src/concepts/wordnet.js';
import { Prng } from '../../src/util/prng.js';
import { indexOfSorted } from '../../src/util/sorted.js';
import type { SkillRecord } from '../../codec/block-coder.js';
import { RobustCoder, robustMode, type RobustLayers } from '../../codec/robust/index.js';
import { fidelityOf, type HeldOut } from './held-out.js';

/** Payload bits of the word-only stream must match the layered stream's within this share. */
export const BIT_MATCH = 0.005;

export interface UepSetting {
  /** Λ_b and Λ of the layered frames (the word-only frames use `repetition` too). */
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

export interface UepMeasure {
  /** Payload bits per held-out record. */
  bitsPerText: number;
  /** Share of the records' skills delivered as words, and mean WordNet similarity of what was delivered. */
  recall: number;
  wordnet: number;
}

export interface UepPoint {
  setting: UepSetting;
  /** The word-only overhead whose bits match (slots per word). */
  wordOverhead: number;
  erasure: number;
  layered: UepMeasure & { conceptsOnly: number; base: LayerLoss; refinement: LayerLoss };
  wordOnly: UepMeasure & { words: LayerLoss };
}

/** A layered model's view for the robust coder, and each base symbol's key (what a concept-only delivery writes). */
export interface ConceptLayers extends RobustLayers {
  keys: string[];
}

/**
 * The layers of a word model at concept level `level` (src/concepts): each learned word's concept, its most
 * frequent surface form through the concept map (or its own stem when WordNet does not know it), base symbols in
 * key order. The layered model of `train --skills layered:L` records the same map (model.layers).
 */
export function conceptLayersOf(model: SkillModel, db: WordNetDb, level: number): ConceptLayers {
  const map = new ConceptMap(db, level);
  const conceptKeys = Array.from(model.coding.order, (s) => map.conceptOf(model.skills.surface[s]) ?? model.skills.keys[s]);
  const keys = [...new Set(conceptKeys)].sort();
  const baseOf = new Map(keys.map((key, b) => [key, b]));
  return { keys, concepts: keys.length, conceptOf: Uint32Array.from(conceptKeys, (key) => baseOf.get(key) as number) };
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
    const classes: ItemClass[] = [
      { repetition: base, load: summary.concepts / summary.slots, impliedBy: { by: 1, count: DegreeDistribution.fromCounts(Array.from(histogram, (n) => n ?? 0), 'refining words per concept') } },
      { repetition: words, load: summary.refinementItems / summary.slots },
    ];
    const [b, r] = classesErasureDE(classes, erasure).classes;
    lostBase += summary.concepts * b.loss;
    lostRefinement += summary.refinementItems * r.loss;
  });
  return { base: lostBase, refinement: lostRefinement };
}

/** Measures one setting against the word-only stream of equal bits at every erasure rate. */
export function uepPoints(model: SkillModel, layers: ConceptLayers, data: HeldOut, options: UepOptions): UepPoint[] {
  const records = recordsOf(model, data);
  const blocks = blocksOf(records, options.block);
  const S = model.coding.order.length;
  const wordsOfConcept = wordsPerConcept(layers);
  const points: UepPoint[] = [];
  for (const setting of options.settings) {
    const layeredCoder = new RobustCoder(S, robustMode.optionsFrom({ repetition: setting.repetition, repetitionBase: setting.repetitionBase, overhead: setting.overhead, block: options.block }), layers);
    const layered = payloadBits(layeredCoder, blocks);
    // Bisect the word-only overhead (slots per word) until its bits match: bits grow with the overhead.
    const wordCoderAt = (overhead: number): RobustCoder => new RobustCoder(S, robustMode.optionsFrom({ repetition: setting.repetition, overhead, block: options.block }));
    let [lo, hi] = [1, 2 * setting.overhead * 2];
    let word = payloadBits(wordCoderAt(hi), blocks);
    let wordOverhead = hi;
    for (let i = 0; i < 40 && Math.abs(word.bits - layered.bits) > BIT_MATCH * layered.bits; i++) {
      wordOverhead = (lo + hi) / 2;
      word = payloadBits(wordCoderAt(wordOverhead), blocks);
      if (word.bits > layered.bits) hi = wordOverhead;
      else lo = wordOverhead;
    }
    const wordCoder = wordCoderAt(wordOverhead);
    for (const erasure of options.erasures) {
      const rng = new Prng((options.seed ^ Math.round(erasure * 1e6) ^ Math.round(setting.overhead * 1e3)) >>> 0);
      const layeredFidelity = fidelityOf(data);
      const wordFidelity = fidelityOf(data);
      let conceptsOnly = 0;
      let skills = 0;
      const base = { items: 0, lost: 0 };
      const refinement = { items: 0, lost: 0 };
      const words = { items: 0, lost: 0 };
      for (let trial = 0; trial < options.trials; trial++) {
        let r0 = 0;
        blocks.forEach((block, f) => {
          const l = layeredCoder.decodeBlock(layeredCoder.erasePayload(layered.payloads[f], block.length, erasure, rng), block.length);
          const w = wordCoder.decodeBlock(wordCoder.erasePayload(word.payloads[f], block.length, erasure, rng), block.length);
          block.forEach((record, i) => {
            const keyOf = (s: number): string => model.skills.keys[model.coding.order[s]];
            const conceptKeys = Array.from(l[i].concepts ?? [], (b) => layers.keys[b]);
            layeredFidelity.add(r0 + i, [...Array.from(l[i].symbols, keyOf), ...conceptKeys]);
            wordFidelity.add(r0 + i, Array.from(w[i].symbols, keyOf));
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
            words.items += record.symbols.length;
            words.lost += record.symbols.length - w[i].symbols.length;
          });
          r0 += block.length;
        });
      }
      const predicted = predictLayers(layeredCoder, layers, wordsOfConcept, blocks, layered.payloads, erasure, parseDegreeSpec(setting.repetitionBase), parseDegreeSpec(setting.repetition));
      let predictedWords = 0;
      const law = parseDegreeSpec(setting.repetition);
      blocks.forEach((block, f) => {
        const s = wordCoder.summarizeBlock(word.payloads[f], block.length);
        if (s.skills > 0) predictedWords += s.skills * erasureDE(law, s.skills / s.slots, erasure).loss;
      });
      const l = layeredFidelity.meter.result();
      const w = wordFidelity.meter.result();
      const per = (n: number): number => n / options.trials;
      points.push({
        setting,
        wordOverhead,
        erasure,
        layered: {
          bitsPerText: layered.bits / records.length,
          recall: l.skillRecall,
          wordnet: l.wordnet ?? NaN,
          conceptsOnly: conceptsOnly / skills,
          base: { items: per(base.items), measured: base.lost / base.items, predicted: predicted.base / per(base.items) },
          refinement: { items: per(refinement.items), measured: refinement.lost / refinement.items, predicted: predicted.refinement / per(refinement.items) },
        },
        wordOnly: {
          bitsPerText: word.bits / records.length,
          recall: w.skillRecall,
          wordnet: w.wordnet ?? NaN,
          words: { items: per(words.items), measured: words.lost / words.items, predicted: predictedWords / per(words.items) },
        },
      });
    }
  }
  return points;
}
