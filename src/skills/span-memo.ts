// A memo from words to integer codes that is looked up by a word's place in a text, without cutting the word out
// as a string: the encoder's word → coding-symbol table (codec/records.ts) and the trainer's word → surface-form
// table (src/model/accumulate.ts), consulted once per word the extractor's forEachSpan finds. Open addressing with
// linear probing over FNV-1a hashes of the UTF-16 code units (Fowler, Noll and Vo); a hit compares the stored word
// with the text in place. Cleared when it holds `limit` words, so memory stays bounded (an unbounded memo, limit
// Infinity, grows with the distinct words, as the trainer's tallies do anyway).

/** FNV-1a over UTF-16 code units: the offset basis and the prime (32-bit). */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;
/** What `get` returns for a word not in the memo. */
export const ABSENT = -0x80000000;
const INITIAL_SLOTS = 1 << 12;

export class SpanMemo {
  /** Entry index + 1 per slot, 0 for an empty slot; at most half full. */
  private slots = new Int32Array(INITIAL_SLOTS);
  private words: string[] = [];
  private hashes = new Int32Array(INITIAL_SLOTS >> 1);
  private values = new Int32Array(INITIAL_SLOTS >> 1);

  constructor(private readonly limit: number) {}

  /** The hash of text[start, end), for `get` and `set`. */
  static hash(text: string, start: number, end: number): number {
    let h = FNV_OFFSET;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
    return h;
  }

  /** The code of the word text[start, end) whose hash is `hash`, or ABSENT. */
  get(text: string, start: number, end: number, hash: number): number {
    const { slots, words, hashes } = this;
    const mask = slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot] - 1;
      if (entry < 0) return ABSENT;
      if (hashes[entry] === hash && sameWord(words[entry], length, text, start)) return this.values[entry];
    }
  }

  /** Remembers the code of `word` (absent from the memo), whose hash is `hash`. */
  set(word: string, hash: number, value: number): void {
    let entry = this.words.length;
    if (entry === this.limit) {
      this.slots.fill(0);
      this.words = [];
      entry = 0;
    } else if (entry === this.hashes.length) {
      this.grow();
    }
    this.words.push(word);
    this.hashes[entry] = hash;
    this.values[entry] = value;
    this.place(entry);
  }

  private place(entry: number): void {
    const { slots } = this;
    const mask = slots.length - 1;
    let slot = this.hashes[entry] & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = entry + 1;
  }

  /** Doubles the table (the entries keep their indices) and places every entry anew. */
  private grow(): void {
    const entries = this.hashes.length * 2;
    const hashes = new Int32Array(entries);
    const values = new Int32Array(entries);
    hashes.set(this.hashes);
    values.set(this.values);
    this.hashes = hashes;
    this.values = values;
    this.slots = new Int32Array(entries * 2);
    for (let entry = 0; entry < this.words.length; entry++) this.place(entry);
  }
}

function sameWord(word: string, length: number, text: string, start: number): boolean {
  if (word.length !== length) return false;
  for (let i = 0; i < length; i++) if (word.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}
