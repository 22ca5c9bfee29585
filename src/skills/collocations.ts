// Multi-word skills (DESIGN.md, src/skills; off by default): pairs of adjacent skill words that recur together far
// more often than chance, by pointwise mutual information over word occurrences,
//   PMI(a, b) = log2( c(a b) · W / (c(a) · c(b)) ),
// W the number of skill-word occurrences, c(a b) the occurrences of a directly followed by b (Church & Hanks 1990,
// "Word association norms, mutual information, and lexicography"), kept when c(a b) ≥ minCount and PMI ≥ minPmi.
// Found in one extra pass over the corpus before training; memory grows with the distinct pairs, not the text.

import { COLLOCATION_SEPARATOR, type Extractor } from './extractor.js';

export interface CollocationOptions {
  minCount: number;
  minPmi: number;
}

export const DEFAULT_COLLOCATIONS: CollocationOptions = { minCount: 10, minPmi: 5 };

/** Counts adjacent skill-word pairs text by text; `keys()` gives the collocations found, sorted. */
export class CollocationFinder {
  private readonly words = new Map<string, number>();
  private readonly pairs = new Map<string, number>();
  private occurrences = 0;

  constructor(
    private readonly extractor: Extractor,
    readonly options: CollocationOptions,
  ) {}

  add(text: string): void {
    this.extractor.scanWords(text, (key, _surface, previousKey) => {
      this.occurrences++;
      this.words.set(key, (this.words.get(key) ?? 0) + 1);
      if (previousKey !== null) {
        const pair = previousKey + COLLOCATION_SEPARATOR + key;
        this.pairs.set(pair, (this.pairs.get(pair) ?? 0) + 1);
      }
    });
  }

  keys(): string[] {
    const { minCount, minPmi } = this.options;
    const found: string[] = [];
    for (const [pair, count] of this.pairs) {
      if (count < minCount) continue;
      const [a, b] = pair.split(COLLOCATION_SEPARATOR);
      const pmi = Math.log2((count * this.occurrences) / ((this.words.get(a) as number) * (this.words.get(b) as number)));
      if (pmi >= minPmi) found.push(pair);
    }
    return found.sort();
  }
}
