// Between texts and coding symbols (DESIGN.md data flow: corpus → skills → … → encoder): a text's skills are found
// with the model's own extractor (src/skills/extractor.ts, the settings stored in the model), kept as coding
// symbols when the model learned them, and counted — or, with keepNovel, kept as literals — when it did not
// (THEORY.md §8: unlearned skills cannot be represented). On the way back, symbols become the skills' surface forms.

import type { SkillModel } from '../src/model/types.js';
import { InputError } from '../src/util/errors.js';
import { createExtractor, type Extractor } from '../src/skills/extractor.js';
import type { DecodedRecord, SkillRecord } from './block-coder.js';
import { STREAM_LIMITS } from './container.js';

/** A word's code: its coding symbol (≥ 0), or one of these. */
const NOT_LEARNED = -1; // a skill without a coding symbol (known but not learned, or novel): counted by its key
const NOT_A_SKILL = -2; // a stopword or a word too short
/** The memo of word codes is cleared when it grows past this, so that endless streams of new words stay bounded. */
const WORD_MEMO_LIMIT = 1 << 20;
const utf8 = new TextEncoder();

/** What every encoder of a model shares: the extractor (with its memo of stemmed word types) and the symbol tables. */
interface Vocabulary {
  extractor: Extractor;
  /** Skill key → coding symbol, or NOT_LEARNED for skills the model knows but did not learn. */
  symbolOf: Map<string, number>;
  /** Word as written → its code, when the model has no collocations (every skill is then one word): one lookup a word. */
  codeOfWord: Map<string, number> | null;
}

const vocabularies = new WeakMap<SkillModel, Vocabulary>();

/** The model's vocabulary, built once per model: later streams of a process find the words they share stemmed. */
function vocabularyOf(model: SkillModel): Vocabulary {
  let vocabulary = vocabularies.get(model);
  if (vocabulary === undefined) {
    const symbolOf = new Map<string, number>();
    const { keys } = model.skills;
    for (let i = 0; i < keys.length; i++) symbolOf.set(keys[i], NOT_LEARNED);
    const order = model.coding.order;
    for (let s = 0; s < order.length; s++) symbolOf.set(keys[order[s]], s);
    const codeOfWord = model.extractor.collocations === null ? new Map<string, number>() : null;
    vocabulary = { extractor: createExtractor(model.extractor), symbolOf, codeOfWord };
    vocabularies.set(model, vocabulary);
  }
  return vocabulary;
}

/** Turns texts into SkillRecords for one model. */
export class RecordEncoder {
  private readonly extractor: Extractor;
  private readonly symbolOf: Map<string, number>;
  private readonly codeOfWord: Map<string, number> | null;
  private readonly seen: Uint8Array;
  private readonly scratch: Uint32Array;
  // The record being encoded: its symbols so far (scratch[0..k)), its novel skills, where it is named.
  private k = 0;
  private readonly novelSeen = new Set<string>();
  private novel: string[] | undefined;
  private where = '';

  constructor(model: SkillModel) {
    ({ extractor: this.extractor, symbolOf: this.symbolOf, codeOfWord: this.codeOfWord } = vocabularyOf(model));
    this.seen = new Uint8Array(model.coding.order.length);
    this.scratch = new Uint32Array(model.coding.order.length);
  }

  /** The record of `text`; `where` names it in error messages (e.g. 'input:12'). */
  encode(text: string, id: string | undefined, where: string, keepNovel: boolean): SkillRecord {
    this.k = 0;
    this.novelSeen.clear();
    this.novel = keepNovel ? [] : undefined;
    this.where = where;
    const { extractor, symbolOf, codeOfWord } = this;
    if (codeOfWord === null) {
      extractor.scan(text, (key) => this.add(symbolOf.get(key) ?? NOT_LEARNED, key));
    } else {
      extractor.forEachWord(text, (word) => {
        let code = codeOfWord.get(word);
        if (code === undefined) {
          const key = extractor.keyOf(word);
          code = key === null ? NOT_A_SKILL : (symbolOf.get(key) ?? NOT_LEARNED);
          if (codeOfWord.size >= WORD_MEMO_LIMIT) codeOfWord.clear();
          codeOfWord.set(word, code);
        }
        if (code >= 0) this.add(code, '');
        else if (code === NOT_LEARNED) this.add(code, extractor.keyOf(word)!);
      });
    }
    const { seen, k } = this;
    const symbols = this.scratch.slice(0, k).sort();
    for (let i = 0; i < k; i++) seen[symbols[i]] = 0;
    const novelCount = this.novelSeen.size;
    if (novelCount > STREAM_LIMITS.novelPerRecord) throw new InputError(`${where}: ${novelCount} novel skills, more than a record may carry (${STREAM_LIMITS.novelPerRecord})`);
    if (id !== undefined && utf8.encode(id).length > STREAM_LIMITS.idBytes) throw new InputError(`${where}: record id longer than ${STREAM_LIMITS.idBytes} bytes`);
    const record: SkillRecord = { symbols, novelCount, chars: text.length };
    if (id !== undefined) record.id = id;
    if (this.novel) record.novel = this.novel;
    return record;
  }

  /** One skill occurrence: a coding symbol, or (NOT_LEARNED) a skill without one, counted once by its key. */
  private add(code: number, key: string): void {
    if (code >= 0) {
      if (this.seen[code] === 0) {
        this.seen[code] = 1;
        this.scratch[this.k++] = code;
      }
    } else if (!this.novelSeen.has(key)) {
      this.novelSeen.add(key);
      if (this.novel) {
        if (utf8.encode(key).length > STREAM_LIMITS.literalBytes) throw new InputError(`${this.where}: a skill of more than ${STREAM_LIMITS.literalBytes} bytes cannot be kept`);
        this.novel.push(key);
      }
    }
  }
}

/** What every decoder of a model shares: surface forms by coding symbol and by skill key. */
interface Display {
  surfaceOf: string[];
  novelSurface: Map<string, string>;
}

const displays = new WeakMap<SkillModel, Display>();

function displayOf(model: SkillModel): Display {
  let display = displays.get(model);
  if (display === undefined) {
    const { keys, surface } = model.skills;
    const novelSurface = new Map<string, string>();
    for (let i = 0; i < keys.length; i++) novelSurface.set(keys[i], surface[i]);
    display = { surfaceOf: Array.from(model.coding.order, (skill) => surface[skill]), novelSurface };
    displays.set(model, display);
  }
  return display;
}

/** The display forms of a decoded record: skills' surface forms (by ascending symbol) and novel literals. */
export class RecordDecoder {
  private readonly surfaceOf: string[];
  private readonly novelSurface: Map<string, string>;

  constructor(model: SkillModel) {
    ({ surfaceOf: this.surfaceOf, novelSurface: this.novelSurface } = displayOf(model));
  }

  skills(record: DecodedRecord): string[] {
    return Array.from(record.symbols, (s) => this.surfaceOf[s]);
  }

  /** The record as one line of text: its skills' surface forms, then its novel literals, separated by spaces. */
  text(record: DecodedRecord): string {
    const { symbols } = record;
    let line = '';
    for (let i = 0; i < symbols.length; i++) line += i === 0 ? this.surfaceOf[symbols[i]] : ' ' + this.surfaceOf[symbols[i]];
    for (const literal of record.novel ?? []) line += line.length === 0 ? this.novel(literal) : ' ' + this.novel(literal);
    return line;
  }

  /** A novel literal as shown: the model's surface form when it knows the skill, else the key itself. */
  novel(literal: string): string {
    return this.novelSurface.get(literal) ?? literal;
  }
}
