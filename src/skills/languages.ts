// The languages skill extraction supports: those with a Snowball stemmer (`snowball-stemmers`) and a maintained
// stopword list (STOPWORD_PACKAGES says which package a language's list comes from). The packages, lists and versions
// are recorded in every model (ExtractorSettings), so that encoding repeats training's extraction exactly; a model
// made with other versions is refused rather than silently mis-extracted.

import { createRequire } from 'node:module';
import path from 'node:path';
import { ParamError } from '../util/errors.js';

const require = createRequire(import.meta.url);

export interface Stemmer {
  stem(word: string): string;
}

interface SnowballPackage {
  newStemmer(algorithm: string): Stemmer;
  algorithms(): string[];
}

/**
 * The stopword packages, in the order a language's default is chosen: `@orama/stopwords` (Snowball-style lists of
 * function words, 180 English words), `stopwords-iso` for the languages it lacks (its lists are fuller still, but
 * also drop content words such as "computer", "research" or "world"), and `stopword`, whose smaller lists the models
 * made before were built with (selectable by name, never chosen by default).
 */
export const STOPWORD_PACKAGES = ['@orama/stopwords', 'stopwords-iso', 'stopword'] as const;
export type StopwordPackage = (typeof STOPWORD_PACKAGES)[number];
export const STEMMER_PACKAGE = 'snowball-stemmers';

/** A language's list names: in `@orama/stopwords` (null: none), `stopwords-iso`, `stopword`; its Snowball stemmer. */
interface LanguageLists {
  orama: string | null;
  iso: string;
  stopword: string;
  stemmer: string;
}

/** ISO 639-1 code → [orama list (null: none), stopwords-iso list, stopword list, snowball-stemmers algorithm]. */
const LANGUAGES: ReadonlyMap<string, LanguageLists> = new Map(
  (
    [
      ['ar', 'arabic', 'ar', 'ara', 'arabic'],
      ['ca', null, 'ca', 'cat', 'catalan'],
      ['cs', null, 'cs', 'ces', 'czech'],
      ['da', 'danish', 'da', 'dan', 'danish'],
      ['de', 'german', 'de', 'deu', 'german'],
      ['en', 'english', 'en', 'eng', 'english'],
      ['es', 'spanish', 'es', 'spa', 'spanish'],
      ['eu', null, 'eu', 'eus', 'basque'],
      ['fi', 'finnish', 'fi', 'fin', 'finnish'],
      ['fr', 'french', 'fr', 'fra', 'french'],
      ['ga', 'irish', 'ga', 'gle', 'irish'],
      ['hu', 'hungarian', 'hu', 'hun', 'hungarian'],
      ['hy', 'armenian', 'hy', 'hye', 'armenian'],
      ['it', 'italian', 'it', 'ita', 'italian'],
      ['nb', 'norwegian', 'no', 'nob', 'norwegian'],
      ['nl', 'dutch', 'nl', 'nld', 'dutch'],
      ['pt', 'portuguese', 'pt', 'por', 'portuguese'],
      ['ro', 'romanian', 'ro', 'ron', 'romanian'],
      ['ru', 'russian', 'ru', 'rus', 'russian'],
      ['sl', 'slovenian', 'sl', 'slv', 'slovene'],
      ['sv', 'swedish', 'sv', 'swe', 'swedish'],
      ['tr', 'turkish', 'tr', 'tur', 'turkish'],
    ] as const
  ).map(([code, orama, iso, stopword, stemmer]) => [code, { orama, iso, stopword, stemmer }]),
);

export function supportedLanguages(): string[] {
  return [...LANGUAGES.keys()];
}

/**
 * The word lists of a language, by ISO 639-1 code: the stopword list of package `stopwords` (default: the first
 * package of STOPWORD_PACKAGES that has the language). An unsupported code, or a package without the language, is a
 * usage error.
 */
export function languageLists(lang: string, stopwords?: StopwordPackage): { stopwordPackage: StopwordPackage; stopwordList: string; stemmerAlgorithm: string } {
  const entry = LANGUAGES.get(lang);
  if (!entry) {
    throw new ParamError((n) => `${n('lang')}: language '${lang}' is not supported (it needs both a stopword list and a Snowball stemmer); supported: ${supportedLanguages().join(', ')}`);
  }
  const listIn = (name: StopwordPackage): string | null => (name === '@orama/stopwords' ? entry.orama : name === 'stopwords-iso' ? entry.iso : entry.stopword);
  const stopwordPackage = stopwords ?? STOPWORD_PACKAGES.find((name) => listIn(name) !== null)!;
  const stopwordList = listIn(stopwordPackage);
  if (stopwordList === null) throw new ParamError((n) => `${n('stopwords')} ${stopwordPackage} has no list for language '${lang}'`);
  return { stopwordPackage, stopwordList, stemmerAlgorithm: entry.stemmer };
}

/** The folder of an installed package (found through its main entry: some packages do not export package.json). */
function packageFolder(name: string): string {
  const entry = require.resolve(name === '@orama/stopwords' ? `${name}/english` : name);
  const marker = `${path.sep}node_modules${path.sep}${name.split('/').join(path.sep)}${path.sep}`;
  return entry.slice(0, entry.lastIndexOf(marker) + marker.length);
}

/** The installed version of one of the word-list packages. */
export function packageVersion(name: StopwordPackage | typeof STEMMER_PACKAGE): string {
  return (require(path.join(packageFolder(name), 'package.json')) as { version: string }).version;
}

/** Whether `name` is one of the stopword packages. */
export function isStopwordPackage(name: string): name is StopwordPackage {
  return (STOPWORD_PACKAGES as readonly string[]).includes(name);
}

/** The stopword list `list` of the installed stopword package `name`, as a set of lower-case words. */
export function loadStopwords(name: StopwordPackage, list: string): Set<string> {
  const words = name === '@orama/stopwords' ? (require(`${name}/${list}`) as { stopwords?: unknown }).stopwords : (require(name) as Record<string, unknown>)[list];
  if (!Array.isArray(words)) throw new ParamError(() => `the ${name} package has no list named '${list}'`);
  return new Set(words.map((w: string) => w.normalize('NFKC').toLowerCase()));
}

/** A stemmer for `algorithm` from the installed `snowball-stemmers` package. */
export function loadStemmer(algorithm: string): Stemmer {
  const snowball = require(STEMMER_PACKAGE) as SnowballPackage;
  if (!snowball.algorithms().includes(algorithm)) throw new ParamError(() => `snowball-stemmers has no stemmer '${algorithm}'`);
  return snowball.newStemmer(algorithm);
}
