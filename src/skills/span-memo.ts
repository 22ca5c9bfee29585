// A memo from words to integer codes that is looked up by a word's place in a text, without cutting the word out
// as a string: the encoder's word → coding-symbol table (codec/records.ts) and the trainer's word → surface-form
// table (src/model/accumulate.ts), consulted once per word the extractor's forEachSpan finds. Open addressing with
// linear probing over FNV-1a hashes of the UTF-16 code units (Fowler, Noll and Vo); a hit compares the stored word
// with the text in place. The words are kept as code units in one flat pool (reading a typed array is cheaper than
// reading a string, and no stored word holds on to the text it was cut from). Cleared when it holds `limit` words, so memory stays bounded (an unbounded memo, limit
// Infinity, grows with the distinct words, as the trainer's tallies do anyway).

/** FNV-1a over UTF-16 code units: the offset basis and the prime (32-bit). */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;
/** What `get` returns for a word not in the memo. */
export const ABSENT = -0x80000000;
const INITIAL_SLOTS = 1 << 12;
/** A slot is four integers side by side, so that a probe reads one cache line: hash, start in the pool, length + 1 (0 for an empty slot), code. */
const SLOT = 4;

export class SpanMemo {
  /** The slots, at most half full. */
  private table = new Int32Array(INITIAL_SLOTS * SLOT);
  /** The words' code units, one after another. */
  private chars = new Uint16Array(INITIAL_SLOTS * 4);
  private charsUsed = 0;
  private count = 0;

  constructor(private readonly limit: number) {}

  /** The hash of text[start, end), for `get` and `set`. */
  static hash(text: string, start: number, end: number): number {
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
    return h;
  }

  /** The code of the word text[start, end) whose hash is `hash`, or ABSENT. */
  get(text: string, start: number, end: number, hash: number): number {
    const { table, chars } = this;
    const mask = table.length / SLOT - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT;
      const size = table[at + 2];
      if (size === 0) return ABSENT;
      if (table[at] !== hash || size !== length + 1) continue;
      const from = table[at + 1];
      let i = 0;
      while (i < length && chars[from + i] === text.charCodeAt(start + i)) i++;
      if (i === length) return table[at + 3];
    }
  }

  /** Remembers the code of `word` (absent from the memo), whose hash is `hash`. */
  set(word: string, hash: number, value: number): void {
    if (this.count === this.limit) {
      this.table.fill(0);
      this.count = 0;
      this.charsUsed = 0;
    } else if (2 * (this.count + 1) > this.table.length / SLOT) {
      this.grow();
    }
    this.count++;
    const from = this.charsUsed;
    if (from + word.length > this.chars.length) {
      const chars = new Uint16Array(Math.max(2 * this.chars.length, from + word.length));
      chars.set(this.chars.subarray(0, from));
      this.chars = chars;
    }
    for (let i = 0; i < word.length; i++) this.chars[from + i] = word.charCodeAt(i);
    this.charsUsed += word.length;
    place(this.table, hash, from, word.length + 1, value);
  }

  /** Doubles the table and places every word anew. */
  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(2 * old.length);
    for (let at = 0; at < old.length; at += SLOT) if (old[at + 2] !== 0) place(this.table, old[at], old[at + 1], old[at + 2], old[at + 3]);
  }
}

/** Puts a word's slot in the first empty slot from its hash on. */
function place(table: Int32Array, hash: number, from: number, size: number, value: number): void {
  const mask = table.length / SLOT - 1;
  let slot = hash & mask;
  while (table[slot * SLOT + 2] !== 0) slot = (slot + 1) & mask;
  const at = slot * SLOT;
  table[at] = hash;
  table[at + 1] = from;
  table[at + 2] = size;
  table[at + 3] = value;
}
