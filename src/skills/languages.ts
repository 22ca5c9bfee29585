// The languages skill extraction supports: those for which the maintained word lists exist, a stopword list in
// `stopwords-iso` (the default: fuller lists, e.g. 1298 English words against 108) and in the older `stopword`
// package (ISO 639-3 names; still selectable, and named by the models made before), and a `snowball-stemmers`
// stemmer (Snowball algorithm names). The packages and their versions are recorded in every model
// (ExtractorSettings), so that encoding repeats training's extraction exactly; a model made with other versions is
// refused rather than silently mis-extracted.

import { createRequire } from 'node:module';
import { UsageError } from '../util/errors.js';

const require = createRequire(import.meta.url);

export interface Stemmer {
  stem(word: string): string;
}

interface SnowballPackage {
  newStemmer(algorithm: string): Stemmer;
  algorithms(): string[];
}

/** The stopword packages, the default first. */
export const STOPWORD_PACKAGES = ['stopwords-iso', 'stopword'] as const;
export type StopwordPackage = (typeof STOPWORD_PACKAGES)[number];
export const STEMMER_PACKAGE = 'snowball-stemmers';

/** stopwords-iso names its lists by ISO 639-1 code, except Norwegian Bokmål (its 'no'). */
const ISO_LIST: Readonly<Record<string, string>> = { nb: 'no' };

/** ISO 639-1 code → [stopword list name in `stopword`, algorithm name in `snowball-stemmers`]. */
const LANGUAGES: ReadonlyMap<string, readonly [string, string]> = new Map([
  ['ar', ['ara', 'arabic']],
  ['ca', ['cat', 'catalan']],
  ['cs', ['ces', 'czech']],
  ['da', ['dan', 'danish']],
  ['de', ['deu', 'german']],
  ['en', ['eng', 'english']],
  ['es', ['spa', 'spanish']],
  ['eu', ['eus', 'basque']],
  ['fi', ['fin', 'finnish']],
  ['fr', ['fra', 'french']],
  ['ga', ['gle', 'irish']],
  ['hu', ['hun', 'hungarian']],
  ['hy', ['hye', 'armenian']],
  ['it', ['ita', 'italian']],
  ['nb', ['nob', 'norwegian']],
  ['nl', ['nld', 'dutch']],
  ['pt', ['por', 'portuguese']],
  ['ro', ['ron', 'romanian']],
  ['ru', ['rus', 'russian']],
  ['sl', ['slv', 'slovene']],
  ['sv', ['swe', 'swedish']],
  ['tr', ['tur', 'turkish']],
] as const);

export function supportedLanguages(): string[] {
  return [...LANGUAGES.keys()];
}

/**
 * The word lists of a language, by ISO 639-1 code, with the stopword list of `stopwords`; an unsupported code is a
 * usage error listing the supported ones.
 */
export function languageLists(lang: string, stopwords: StopwordPackage): { stopwordList: string; stemmerAlgorithm: string } {
  const entry = LANGUAGES.get(lang);
  if (!entry) {
    throw new UsageError(
      `language '${lang}' is not supported (it needs both a stopword list and a Snowball stemmer); supported: ${supportedLanguages().join(', ')}`,
    );
  }
  return { stopwordList: stopwords === 'stopword' ? entry[0] : (ISO_LIST[lang] ?? lang), stemmerAlgorithm: entry[1] };
}

/** The installed version of one of the word-list packages. */
export function packageVersion(name: StopwordPackage | typeof STEMMER_PACKAGE): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}

/** Whether `name` is one of the stopword packages. */
export function isStopwordPackage(name: string): name is StopwordPackage {
  return (STOPWORD_PACKAGES as readonly string[]).includes(name);
}

/** The stopword list `list` of the installed stopword package `name`, as a set of lower-case words. */
export function loadStopwords(name: StopwordPackage, list: string): Set<string> {
  const words = (require(name) as Record<string, unknown>)[list];
  if (!Array.isArray(words)) throw new UsageError(`the ${name} package has no list named '${list}'`);
  return new Set(words.map((w: string) => w.normalize('NFKC').toLowerCase()));
}

/** A stemmer for `algorithm` from the installed `snowball-stemmers` package. */
export function loadStemmer(algorithm: string): Stemmer {
  const snowball = require(STEMMER_PACKAGE) as SnowballPackage;
  if (!snowball.algorithms().includes(algorithm)) throw new UsageError(`snowball-stemmers has no stemmer '${algorithm}'`);
  return snowball.newStemmer(algorithm);
}
