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

export class SpanMemo {
  /** Entry index + 1 per slot, 0 for an empty slot; at most half full. */
  private slots = new Int32Array(INITIAL_SLOTS);
  /** Entry e's word is chars[charStart[e], charStart[e + 1]). */
  private chars = new Uint16Array(INITIAL_SLOTS * 4);
  private charStart = new Int32Array((INITIAL_SLOTS >> 1) + 1);
  private entries = 0;
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
    const { slots, hashes, chars, charStart } = this;
    const mask = slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot] - 1;
      if (entry < 0) return ABSENT;
      if (hashes[entry] !== hash) continue;
      const from = charStart[entry];
      if (charStart[entry + 1] - from !== length) continue;
      let i = 0;
      while (i < length && chars[from + i] === text.charCodeAt(start + i)) i++;
      if (i === length) return this.values[entry];
    }
  }

  /** Remembers the code of `word` (absent from the memo), whose hash is `hash`. */
  set(word: string, hash: number, value: number): void {
    if (this.entries === this.limit) {
      this.slots.fill(0);
      this.entries = 0;
    } else if (this.entries === this.hashes.length) {
      this.grow();
    }
    const entry = this.entries++;
    const from = this.charStart[entry];
    if (from + word.length > this.chars.length) {
      const chars = new Uint16Array(Math.max(2 * this.chars.length, from + word.length));
      chars.set(this.chars.subarray(0, from));
      this.chars = chars;
    }
    for (let i = 0; i < word.length; i++) this.chars[from + i] = word.charCodeAt(i);
    this.charStart[entry + 1] = from + word.length;
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
    const charStart = new Int32Array(entries + 1);
    hashes.set(this.hashes);
    values.set(this.values);
    charStart.set(this.charStart);
    this.hashes = hashes;
    this.values = values;
    this.charStart = charStart;
    this.slots = new Int32Array(entries * 2);
    for (let entry = 0; entry < this.entries; entry++) this.place(entry);
  }
}
