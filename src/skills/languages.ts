// The languages skill extraction supports: those for which both maintained word lists exist, the `stopword`
// package's stopword list (ISO 639-3 names) and a `snowball-stemmers` stemmer (Snowball algorithm names). The two
// packages and their versions are recorded in every model (ExtractorSettings), so that encoding repeats training's
// extraction exactly; a model made with other versions is refused rather than silently mis-extracted.

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

export const STOPWORD_PACKAGE = 'stopword';
export const STEMMER_PACKAGE = 'snowball-stemmers';

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

/** The word lists of a language, by ISO 639-1 code; an unsupported code is a usage error listing the supported ones. */
export function languageLists(lang: string): { stopwordList: string; stemmerAlgorithm: string } {
  const entry = LANGUAGES.get(lang);
  if (!entry) {
    throw new UsageError(
      `language '${lang}' is not supported (it needs both a stopword list and a Snowball stemmer); supported: ${supportedLanguages().join(', ')}`,
    );
  }
  return { stopwordList: entry[0], stemmerAlgorithm: entry[1] };
}

/** The installed version of one of the word-list packages. */
export function packageVersion(name: typeof STOPWORD_PACKAGE | typeof STEMMER_PACKAGE): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}

/** The stopword list `list` of the installed `stopword` package, as a set of lower-case words. */
export function loadStopwords(list: string): Set<string> {
  const words = (require(STOPWORD_PACKAGE) as Record<string, unknown>)[list];
  if (!Array.isArray(words)) throw new UsageError(`the stopword package has no list named '${list}'`);
  return new Set(words.map((w: string) => w.normalize('NFKC').toLowerCase()));
}

/** A stemmer for `algorithm` from the installed `snowball-stemmers` package. */
export function loadStemmer(algorithm: string): Stemmer {
  const snowball = require(STEMMER_PACKAGE) as SnowballPackage;
  if (!snowball.algorithms().includes(algorithm)) throw new UsageError(`snowball-stemmers has no stemmer '${algorithm}'`);
  return snowball.newStemmer(algorithm);
}
