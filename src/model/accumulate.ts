// The trainer's single pass over a corpus (THEORY.md §1: an edge (s, t) when text t requires skill s): texts are
// extracted one at a time and only their skill indices are kept, appended to growing Int32 buffers (text → skill
// lists in CSR order), with a tally of surface forms per word type, found by the word's place in the text
// (src/skills/span-memo.ts), so a known word costs one lookup and no string. Memory grows with distinct skills, distinct
// surface forms and edges, never with the text. `finish` prunes skills seen in fewer than minCount texts, renumbers
// the rest by key (code-unit order) and builds the canonical CSR graph with src/graph. The pass is mergeable: `part`
// gives what was gathered (the sufficient statistics of a part of a corpus, stored by ./shard.ts) and `addPart` adds
// such a part as if its texts had been added here — parts added in corpus order give exactly the graph, surface forms
// and document numbers of one pass over the whole corpus, since `finish` depends on skills by key, texts in order,
// documents numbered as first met and surface-form tallies, never on the numbering of skills as first seen.

import { graphFromTextLists, type SkillTextGraph } from '../graph/bipartite.js';
import type { Extractor } from '../skills/extractor.js';
import { ABSENT, SpanMemo } from '../skills/span-memo.js';

/** A growable Int32Array. */
class IntBuffer {
  data = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/** What one pass over a part of a corpus gathered, before pruning (written to shard files by ./shard.ts). */
export interface CorpusPart {
  /** Skill keys as first seen; the edges name skills by their place here. */
  keys: string[];
  /** Per text holding a skill: its skills (CSR over `textEnds`, textEnds[0] = 0), its document, its code points. */
  textEnds: Int32Array;
  edges: Int32Array;
  /** Index into `documentNames`, or −1 for a text given no document (a document of its own). */
  textDocuments: Int32Array;
  documentNames: string[];
  textLengths: Int32Array;
  /** Every surface form of a skill seen, the skill it is a form of (its place in `keys`), and its occurrences. */
  surfaceForms: string[];
  surfaceSkills: Int32Array;
  surfaceCounts: Int32Array;
  /** Texts read, including those without a skill. */
  textsRead: number;
  /** The folded words the extractor met (the model's vocabulary is made of them, ./tables.ts vocabularyTable). */
  foldedWords: string[];
  /**
   * Their keys (null: not a skill), when the part comes from a worker thread of the same process (train -T): adding
   * the part then stems nothing again. Shard files do not carry them.
   */
  foldedKeys?: Array<string | null>;
}

/**
 * What a builder added since its last takeDelta: as a CorpusPart, except that `keys` and `surfaceForms` (with
 * `surfaceSkills`) list only those new since then, edges and surfaceSkills number skills over all the builder's keys
 * so far, and surfaceCounts tallies, over all its forms so far, the occurrences since then.
 */
export type DeltaPart = CorpusPart;

/** The adding builder's skill and surface-form numbers of one delta source's skills and forms, in its order. */
export interface DeltaNumbering {
  skills: number[];
  forms: number[];
}

export interface CorpusGraph {
  /** Skill keys, sorted by code units; skill i of the graph is keys[i]. */
  keys: string[];
  /** The most frequent surface form of each skill (ties: the smaller by code units). */
  surface: string[];
  graph: SkillTextGraph;
  /** Texts read, including those that held no skill (or none after pruning) and are not in the graph. */
  textsRead: number;
  /** The document number of every graph text (texts given no document are documents of their own). */
  documents: Int32Array;
  /** Characters (code points, as rates count them) of the graph's texts, for rates per character. */
  characters: number;
}

/** The code points of a text: its UTF-16 units less the second halves of surrogate pairs. */
function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff) n--;
  }
  return n;
}

/** The surface-form memo's code for a word that is no skill (a stopword, a word too short). */
const NOT_A_SKILL = -1;

export class CorpusGraphBuilder {
  private readonly ids = new Map<string, number>();
  private readonly keys: string[] = [];
  /** Per skill, the last text it was seen in (to count each skill once per text). */
  private readonly lastText = new IntBuffer();
  private readonly edges = new IntBuffer();
  private readonly textEnds = new IntBuffer();
  /**
   * Surface form → its index (or NOT_A_SKILL), looked up in place in the text: a surface form always has the same
   * key, so one lookup finds the skill of a known form. Never cleared: every form seen keeps its tally.
   */
  private readonly surfaces = new SpanMemo(Infinity);
  private readonly surfaceForms: string[] = [];
  private readonly surfaceSkill = new IntBuffer();
  private readonly surfaceCount = new IntBuffer();
  private textsRead = 0;
  /** Document number of every text that holds a skill, and its length; documents numbered as first met. */
  private readonly textDocuments = new IntBuffer();
  private readonly textLengths = new IntBuffer();
  private readonly documentIds = new Map<string, number>();
  private documentCount = 0;
  /** The name of every document number given to a named document (anonymous texts have none). */
  private readonly documentNames = new Map<number, string>();
  /** The text being added (numbered from the builder's start, across takeDelta's resets). */
  private textIndex = 0;
  /** Texts holding a skill taken by takeDelta before the current ones, and keys and surface forms already taken. */
  private textBase = 0;
  private keysTaken = 0;
  private formsTaken = 0;
  private readonly visitSpan = (normalized: string, start: number, end: number, hash: number): void => this.occurrence(normalized, start, end, hash, null);
  private readonly visitSkill = (key: string, surface: string): void => this.occurrence(surface, 0, surface.length, SpanMemo.hash(surface, 0, surface.length), key);

  constructor(private readonly extractor: Extractor) {
    this.textEnds.push(0);
  }

  /** Adds one text, of `document` when given (the held-out estimates leave whole documents out). */
  add(text: string, document?: string): void {
    this.textIndex = this.textBase + this.textEnds.length - 1;
    const start = this.edges.length;
    this.textsRead++;
    // Without collocations a skill is one word: its span is looked up before any string is cut out of the text.
    if (this.extractor.settings.collocations === null) this.extractor.forEachSpan(text, this.visitSpan);
    else this.extractor.scan(text, this.visitSkill);
    if (this.edges.length > start) {
      this.textEnds.push(this.edges.length);
      this.textDocuments.push(this.documentNumber(document));
      this.textLengths.push(codePoints(text));
    }
  }

  private documentNumber(document: string | undefined): number {
    if (document === undefined) return this.documentCount++;
    let id = this.documentIds.get(document);
    if (id === undefined) {
      id = this.documentCount++;
      this.documentIds.set(document, id);
      this.documentNames.set(id, document);
    }
    return id;
  }

  /** The folded words met, with their keys (null: not a skill). */
  foldedWords(): ReadonlyMap<string, string | null> {
    return this.extractor.foldedWords();
  }

  /** Each gathered text's document as an index into the names of the documents it holds (-1: none), in order met. */
  private localDocuments(): { textDocuments: Int32Array; names: string[] } {
    const names: string[] = [];
    const local = new Map<number, number>();
    const textDocuments = Int32Array.from(this.textDocuments.view(), (number) => {
      const name = this.documentNames.get(number);
      if (name === undefined) return -1;
      let i = local.get(number);
      if (i === undefined) {
        i = names.push(name) - 1;
        local.set(number, i);
      }
      return i;
    });
    return { textDocuments, names };
  }

  /** What was gathered so far, for a shard file (copies: the builder may go on). */
  part(): CorpusPart {
    const { textDocuments, names } = this.localDocuments();
    return {
      keys: this.keys.slice(),
      textEnds: this.textEnds.view().slice(),
      edges: this.edges.view().slice(),
      textDocuments,
      documentNames: names,
      textLengths: this.textLengths.view().slice(),
      surfaceForms: this.surfaceForms.slice(),
      surfaceSkills: this.surfaceSkill.view().slice(),
      surfaceCounts: this.surfaceCount.view().slice(),
      textsRead: this.textsRead,
      foldedWords: [...this.extractor.foldedWords().keys()],
    };
  }

  /** Appends a part's texts, its skill numbers mapped through `ids`, their documents by name. */
  private addTexts(part: Pick<CorpusPart, 'textEnds' | 'edges' | 'textDocuments' | 'documentNames' | 'textLengths'>, ids: ArrayLike<number>): void {
    for (let t = 0; t + 1 < part.textEnds.length; t++) {
      for (let e = part.textEnds[t]; e < part.textEnds[t + 1]; e++) this.edges.push(ids[part.edges[e]]);
      this.textEnds.push(this.edges.length);
      const document = part.textDocuments[t];
      this.textDocuments.push(this.documentNumber(document < 0 ? undefined : part.documentNames[document]));
      this.textLengths.push(part.textLengths[t]);
    }
  }

  /** The number of surface form `form` (of skill `key`), made when it is new. */
  private surfaceNumber(form: string, key: string): number {
    const hash = SpanMemo.hash(form, 0, form.length);
    let s = this.surfaces.get(form, 0, form.length, hash);
    if (s === ABSENT) {
      s = this.newSurface(form, key);
      this.surfaces.set(form, hash, s);
    }
    return s;
  }

  /** Adds a part (of the same extractor settings) as if its texts were added here, in their order. */
  addPart(part: CorpusPart): void {
    const ids = Int32Array.from(part.keys, (key) => this.skillId(key));
    this.addTexts(part, ids);
    for (let f = 0; f < part.surfaceForms.length; f++) {
      const s = this.surfaceNumber(part.surfaceForms[f], part.keys[part.surfaceSkills[f]]);
      this.surfaceCount.data[s] += part.surfaceCounts[f];
    }
    this.textsRead += part.textsRead;
    const keys = part.foldedKeys;
    if (keys) part.foldedWords.forEach((word, i) => this.extractor.rememberFolded(word, keys[i]));
    else for (const word of part.foldedWords) this.extractor.keyOf(word);
  }

  /**
   * What was added since the last call, as a DeltaPart, and forgets it — except the skills, surface forms and
   * documents, whose numbering goes on — so that a worker gathering batch after batch (train -T) sends per batch only
   * its texts, the skills and forms new to it and the tally of every form, never looking up again what it knows.
   */
  takeDelta(): DeltaPart {
    const { textDocuments, names } = this.localDocuments();
    const counts = this.surfaceCount.view();
    const part: DeltaPart = {
      keys: this.keys.slice(this.keysTaken),
      textEnds: this.textEnds.view().slice(),
      edges: this.edges.view().slice(),
      textDocuments,
      documentNames: names,
      textLengths: this.textLengths.view().slice(),
      surfaceForms: this.surfaceForms.slice(this.formsTaken),
      surfaceSkills: this.surfaceSkill.view().slice(this.formsTaken),
      surfaceCounts: counts.slice(),
      textsRead: this.textsRead,
      foldedWords: [],
    };
    counts.fill(0);
    this.keysTaken = this.keys.length;
    this.formsTaken = this.surfaceForms.length;
    this.textBase += this.textEnds.length - 1;
    this.textEnds.length = 1;
    this.edges.length = 0;
    this.textDocuments.length = 0;
    this.textLengths.length = 0;
    this.textsRead = 0;
    return part;
  }

  /**
   * Adds a DeltaPart of `source` (one builder's takeDelta, taken in order; `numbering` kept for that source across
   * its parts) as if its texts were added here: a skill or form new to the source is looked up once, the rest found
   * by index. Gives what addPart of the same texts' part gives.
   */
  addDelta(part: DeltaPart, numbering: DeltaNumbering): void {
    const { skills, forms } = numbering;
    for (const key of part.keys) skills.push(this.skillId(key));
    this.addTexts(part, skills);
    for (let f = 0; f < part.surfaceForms.length; f++) {
      const s = this.surfaceNumber(part.surfaceForms[f], this.keys[skills[part.surfaceSkills[f]]]);
      forms.push(s);
    }
    const counts = part.surfaceCounts;
    for (let f = 0; f < counts.length; f++) if (counts[f] !== 0) this.surfaceCount.data[forms[f]] += counts[f];
    this.textsRead += part.textsRead;
    const keys = part.foldedKeys;
    if (keys) part.foldedWords.forEach((word, i) => this.extractor.rememberFolded(word, keys[i]));
    else for (const word of part.foldedWords) this.extractor.keyOf(word);
  }

  /**
   * One word or skill occurrence, text[start, end) of hash `hash` (SpanMemo.hash); its key when known (else found
   * by the extractor on first sight).
   */
  private occurrence(text: string, start: number, end: number, hash: number, key: string | null): void {
    let s = this.surfaces.get(text, start, end, hash);
    if (s === ABSENT) {
      const surface = text.slice(start, end);
      s = this.newSurface(surface, key ?? this.extractor.keyOf(surface));
      this.surfaces.set(surface, hash, s);
    }
    if (s === NOT_A_SKILL) return;
    this.surfaceCount.data[s]++;
    const id = this.surfaceSkill.data[s];
    if (this.lastText.data[id] !== this.textIndex) {
      this.lastText.data[id] = this.textIndex;
      this.edges.push(id);
    }
  }

  private newSurface(surface: string, key: string | null): number {
    if (key === null) return NOT_A_SKILL;
    this.surfaceForms.push(surface);
    this.surfaceSkill.push(this.skillId(key));
    this.surfaceCount.push(0);
    return this.surfaceCount.length - 1;
  }

  private skillId(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
      this.lastText.push(-1);
    }
    return id;
  }

  /** The graph of skills seen in at least `minCount` texts, and of the texts that keep at least one skill. */
  finish(minCount: number): CorpusGraph {
    const edges = this.edges.view();
    const ends = this.textEnds.view();
    const found = this.keys.length;
    const documentFrequency = new Int32Array(found);
    for (let e = 0; e < edges.length; e++) documentFrequency[edges[e]]++;
    const kept: number[] = [];
    for (let id = 0; id < found; id++) if (documentFrequency[id] >= minCount) kept.push(id);
    kept.sort((a, b) => (this.keys[a] < this.keys[b] ? -1 : 1));
    const index = new Int32Array(found).fill(-1);
    kept.forEach((id, i) => (index[id] = i));

    const offsets = new IntBuffer();
    offsets.push(0);
    const targets = new Int32Array(edges.length);
    const documents = new IntBuffer();
    let characters = 0;
    let written = 0;
    for (let t = 0; t + 1 < ends.length; t++) {
      const before = written;
      for (let e = ends[t]; e < ends[t + 1]; e++) if (index[edges[e]] >= 0) targets[written++] = index[edges[e]];
      if (written > before) {
        offsets.push(written);
        documents.push(this.textDocuments.data[t]);
        characters += this.textLengths.data[t];
      }
    }
    const graph = graphFromTextLists(kept.length, { offsets: offsets.view(), targets: targets.subarray(0, written) }, 'corpus');

    const surface = new Array<string>(kept.length).fill('');
    const best = new Int32Array(kept.length);
    for (let s = 0; s < this.surfaceForms.length; s++) {
      const form = this.surfaceForms[s];
      const i = index[this.surfaceSkill.data[s]];
      if (i < 0) continue;
      const count = this.surfaceCount.data[s];
      if (count > best[i] || (count === best[i] && form < surface[i])) {
        best[i] = count;
        surface[i] = form;
      }
    }
    return { keys: kept.map((id) => this.keys[id]), surface, graph, textsRead: this.textsRead, documents: documents.view().slice(), characters };
  }
}
