// Between texts and coding symbols (DESIGN.md data flow: corpus → skills → … → encoder): a text's skills are found
// with the model's own extractor (src/skills/extractor.ts, the settings stored in the model), kept as coding
// symbols when the model learned them, and counted — or, with keepNovel, kept as literals — when it did not
// (THEORY.md §8: unlearned skills cannot be represented). On the way back, symbols become the skills' surface forms.
// The tables of a model are built once per process and shared by all its streams: each word type is stemmed once, and
// the encoder looks each word up once (word → coding symbol); the decoder writes text from encoded surface forms.

import type { RecordId } from '../src/corpus/units.js';
import { layerMapOf } from './refinement.js';
import type { SkillModel } from '../src/model/types.js';
import { InputError } from '../src/util/errors.js';
import type { Extractor } from '../src/skills/extractor.js';
import { modelExtractor } from '../src/model/text-skills.js';
import type { DecodedRecord, SkillRecord } from './block-coder.js';
import { STREAM_LIMITS } from './container.js';
import { ABSENT, SpanMemo } from '../src/skills/span-memo.js';
import { symbolsOfSkills } from '../src/model/tables.js';
import { indexOfSorted } from '../src/util/sorted.js';

/** A word's code: its coding symbol (≥ 0), or one of these. */
const NOT_LEARNED = -1; // a skill without a coding symbol (known but not learned, or novel): counted by its key
const NOT_A_SKILL = -2; // a stopword or a word too short
/** The memo of word codes is cleared when it grows past this, so that endless streams of new words stay bounded. */
const WORD_MEMO_LIMIT = 1 << 20;
const utf8 = new TextEncoder();

/** What every encoder of a model shares: the extractor (with its memo of stemmed word types) and the symbol tables. */
interface Vocabulary {
  extractor: Extractor;
  /** The model's skill keys, sorted (found by binary search: no table of every key is built). */
  keys: readonly string[];
  /** Skill index → coding symbol, or NOT_LEARNED for skills the model knows but did not learn. */
  symbolOfSkill: Int32Array;
  /** Word as written → its code when the model has no collocations (a skill is then one word): one lookup a word. */
  codeOfWord: SpanMemo | null;
}

const vocabularies = new WeakMap<SkillModel, Vocabulary>();

/** The model's vocabulary, built once per model: later streams of a process find the words they share stemmed. */
function vocabularyOf(model: SkillModel): Vocabulary {
  let vocabulary = vocabularies.get(model);
  if (vocabulary === undefined) {
    const { keys } = model.skills;
    const codeOfWord = model.extractor.collocations === null ? new SpanMemo(WORD_MEMO_LIMIT) : null;
    vocabulary = { extractor: modelExtractor(model), keys, symbolOfSkill: symbolsOfSkills(model.coding.order, keys.length), codeOfWord };
    vocabularies.set(model, vocabulary);
  }
  return vocabulary;
}

/** The code of a skill key: its coding symbol, or NOT_LEARNED (NOT_LEARNED is -1, as symbolsOfSkills marks). */
function codeOfKey({ keys, symbolOfSkill }: Vocabulary, key: string): number {
  const skill = indexOfSorted(keys, key);
  return skill < 0 ? NOT_LEARNED : symbolOfSkill[skill];
}

/** Turns texts into SkillRecords for one model. */
export class RecordEncoder {
  private readonly vocabulary: Vocabulary;
  private readonly extractor: Extractor;
  private readonly codeOfWord: SpanMemo | null;
  /** Occurrences in the record being encoded, by coding symbol (0: not seen). */
  private readonly seen: Uint32Array;
  private readonly scratch: Uint32Array;
  // The record being encoded: its symbols so far (scratch[0..k)), its novel skills, where it is named.
  private k = 0;
  private readonly novelSeen = new Set<string>();
  private novel: string[] | undefined;
  private where = '';

  /** `countOccurrences`: each record also tells how often each of its symbols occurs (a coverage selection needs it). */
  constructor(
    model: SkillModel,
    private readonly countOccurrences = false,
  ) {
    this.vocabulary = vocabularyOf(model);
    ({ extractor: this.extractor, codeOfWord: this.codeOfWord } = this.vocabulary);
    this.seen = new Uint32Array(model.coding.order.length);
    this.scratch = new Uint32Array(model.coding.order.length);
  }

  /** The record of `text`; `where` names it in error messages (e.g. 'input:12'). */
  encode(text: string, id: RecordId | undefined, where: string, keepNovel: boolean): SkillRecord {
    this.k = 0;
    this.novelSeen.clear();
    this.novel = keepNovel ? [] : undefined;
    this.where = where;
    const { extractor, vocabulary, codeOfWord } = this;
    if (codeOfWord === null) {
      extractor.scan(text, (key) => this.add(codeOfKey(vocabulary, key), key));
    } else {
      extractor.forEachSpan(text, (normalized, start, end, hash) => {
        let code = codeOfWord.get(normalized, start, end, hash);
        if (code === ABSENT) {
          const word = normalized.slice(start, end);
          const key = extractor.keyOf(word);
          code = key === null ? NOT_A_SKILL : codeOfKey(vocabulary, key);
          codeOfWord.set(word, hash, code);
        }
        if (code >= 0) this.add(code, '');
        else if (code === NOT_LEARNED) this.add(code, extractor.keyOf(normalized.slice(start, end))!);
      });
    }
    const { seen, k } = this;
    const symbols = this.scratch.slice(0, k).sort();
    const occurrences = this.countOccurrences ? Uint32Array.from(symbols, (s) => seen[s]) : undefined;
    for (let i = 0; i < k; i++) seen[symbols[i]] = 0;
    const novelCount = this.novelSeen.size;
    if (novelCount > STREAM_LIMITS.novelPerRecord) throw new InputError(`${where}: ${novelCount} novel skills, more than a record may carry (${STREAM_LIMITS.novelPerRecord})`);
    if (id !== undefined && utf8.encode(JSON.stringify(id)).length > STREAM_LIMITS.idBytes) throw new InputError(`${where}: record id longer than ${STREAM_LIMITS.idBytes} bytes (as JSON)`);
    const record: SkillRecord = { symbols, novelCount, chars: text.length };
    if (id !== undefined) record.id = id;
    if (this.novel) record.novel = this.novel;
    if (occurrences) record.occurrences = occurrences;
    return record;
  }

  /** One skill occurrence: a coding symbol, or (NOT_LEARNED) a skill without one, counted once by its key. */
  private add(code: number, key: string): void {
    if (code >= 0) {
      if (this.seen[code]++ === 0) this.scratch[this.k++] = code;
    } else if (!this.novelSeen.has(key)) {
      this.novelSeen.add(key);
      if (this.novel) {
        if (utf8.encode(key).length > STREAM_LIMITS.literalBytes) throw new InputError(`${this.where}: a skill of more than ${STREAM_LIMITS.literalBytes} bytes cannot be kept`);
        this.novel.push(key);
      }
    }
  }
}

/** What every decoder of a model shares: surface forms by coding symbol (as strings and as UTF-8). */
interface Display {
  surfaceOf: string[];
  /** The UTF-8 of symbol s's surface form is surfaceBytes[surfaceStart[s], surfaceStart[s + 1] - 1) (then a '\n'). */
  surfaceBytes: Uint8Array;
  surfaceStart: Int32Array;
}

/** Per model, its words' display; per layered model's `layers`, its concepts'. */
const displays = new WeakMap<object, Display>();
const SPACE = 0x20;
const NEWLINE = 0x0a;

/** The forms of `owner`'s symbols, encoded as one text (forms never hold a line break: src/model/format.ts). */
function displayOf(owner: object, forms: () => string[]): Display {
  let display = displays.get(owner);
  if (display === undefined) {
    const surfaceOf = forms();
    const surfaceBytes = utf8.encode(surfaceOf.join('\n') + '\n');
    const surfaceStart = new Int32Array(surfaceOf.length + 1);
    for (let b = 0, s = 1; b < surfaceBytes.length; b++) if (surfaceBytes[b] === NEWLINE) surfaceStart[s++] = b + 1;
    display = { surfaceOf, surfaceBytes, surfaceStart };
    displays.set(owner, display);
  }
  return display;
}

/** The words' surface forms in coding order. */
function wordDisplay(model: SkillModel): Display {
  return displayOf(model, () => Array.from(model.coding.order, (skill) => model.skills.surface[skill]));
}

/**
 * The concepts' forms in base coding order (a layered model's): each concept as the surface form of its most frequent
 * learned word — as a concept model writes a concept as its most frequent training form.
 */
function conceptDisplay(model: SkillModel): Display {
  const map = layerMapOf(model);
  return displayOf(map, () => Array.from({ length: map.concepts }, (_, b) => model.skills.surface[model.coding.order[map.members[map.memberStart[b]]]]));
}

/**
 * The display forms of a decoded record: skills' surface forms (by ascending symbol), then the forms of the concepts
 * it holds as concepts (a layered stream's), and novel literals.
 */
export class RecordDecoder {
  private readonly words: Display;
  private concepts: Display | undefined;

  constructor(private readonly model: SkillModel) {
    this.words = wordDisplay(model);
  }

  /** The record's symbol lists with their displays: its words, then its concepts (when it holds any). */
  private lists(record: DecodedRecord): Array<[Display, Uint32Array]> {
    if (record.concepts === undefined || record.concepts.length === 0) return [[this.words, record.symbols]];
    this.concepts ??= conceptDisplay(this.model);
    return [[this.words, record.symbols], [this.concepts, record.concepts]];
  }

  skills(record: DecodedRecord): string[] {
    return this.lists(record).flatMap(([display, symbols]) => Array.from(symbols, (s) => display.surfaceOf[s]));
  }

  /**
   * The records as lines of UTF-8 text, each ended by a newline: a record's skills' surface forms (and concepts'),
   * then its novel literals, separated by spaces. Written byte by byte from the encoded forms, without strings.
   */
  textLines(records: readonly DecodedRecord[]): Uint8Array {
    const novel = records.map((record) => (record.novel && record.novel.length > 0 ? utf8.encode(record.novel.map((literal) => this.novel(literal)).join(' ')) : null));
    const lists = records.map((record) => this.lists(record));
    let size = 0;
    for (let r = 0; r < records.length; r++) {
      let forms = 0;
      for (const [{ surfaceStart }, symbols] of lists[r]) {
        for (let i = 0; i < symbols.length; i++) size += surfaceStart[symbols[i] + 1] - surfaceStart[symbols[i]]; // the form and a space or the newline
        forms += symbols.length;
      }
      const literals = novel[r];
      if (literals !== null) size += literals.length + 1;
      else if (forms === 0) size++; // the newline
    }
    const out = new Uint8Array(size);
    let at = 0;
    for (let r = 0; r < records.length; r++) {
      let forms = 0;
      for (const [{ surfaceBytes, surfaceStart }, symbols] of lists[r]) {
        for (let i = 0; i < symbols.length; i++) {
          for (let b = surfaceStart[symbols[i]], end = surfaceStart[symbols[i] + 1] - 1; b < end; b++) out[at++] = surfaceBytes[b];
          out[at++] = SPACE;
        }
        forms += symbols.length;
      }
      const literals = novel[r];
      if (literals !== null) {
        out.set(literals, at);
        at += literals.length;
        out[at++] = NEWLINE;
      } else if (forms > 0) {
        out[at - 1] = NEWLINE;
      } else {
        out[at++] = NEWLINE;
      }
    }
    return out;
  }

  /** A novel literal as shown: the model's surface form when it knows the skill, else the key itself. */
  novel(literal: string): string {
    const skill = indexOfSorted(this.model.skills.keys, literal);
    return skill < 0 ? literal : this.model.skills.surface[skill];
  }
}
