// The model's unigram distribution over coding symbols, p(s) ∝ frequency(s) (THEORY.md §8), as rANS tables.
// Symbols are coded in two steps — their bucket of 256 consecutive symbols, then their place in it — so that
// tens of thousands of symbols keep their probabilities under a 16-bit total: the symbols are sorted by
// descending frequency, so a bucket holds symbols of similar frequency and the quantization loss stays tiny.
// Decoding finds a symbol's bucket, and then its place in the bucket, through guide tables (the bucket or place
// holding each multiple of 256 of the slot range), then a step or two forward, instead of a binary search; the
// tables are small, so that decoding stays in the fastest caches.

import { AnsStack, M, quantize } from '../entropy/ans.js';

const BUCKET_BITS = 8;
const BUCKET = 1 << BUCKET_BITS;
const GUIDE_BITS = 8;
const GUIDE_SPAN = 1 << GUIDE_BITS;
const GUIDES = M >>> GUIDE_BITS;

export class UnigramTable {
  readonly size: number;
  private readonly bucketCum: Uint32Array;
  /** bucketGuide[g]: the bucket whose range holds slot g·GUIDE_SPAN (small enough to stay in the fastest cache). */
  private readonly bucketGuide: Uint16Array;
  /** Cumulative frequencies inside each bucket: bucket b at [b·(BUCKET+1), b·(BUCKET+1) + its size]. */
  private readonly within: Uint32Array;
  /** guide[b·GUIDES + g]: the place in bucket b whose range holds slot g·(M/GUIDES). */
  private readonly guide: Uint8Array;

  constructor(frequencies: Uint32Array) {
    this.size = frequencies.length;
    const buckets = Math.ceil(this.size / BUCKET);
    if (buckets > M) throw new RangeError(`a model of ${this.size} coding symbols is too large`);
    const bucketWeights = new Float64Array(buckets);
    for (let s = 0; s < this.size; s++) bucketWeights[s >>> BUCKET_BITS] += frequencies[s];
    const freqs = new Uint32Array(Math.max(buckets, BUCKET));
    this.bucketCum = new Uint32Array(buckets + 1);
    if (buckets > 0) quantize(bucketWeights, buckets, freqs);
    for (let b = 0; b < buckets; b++) this.bucketCum[b + 1] = this.bucketCum[b] + freqs[b];
    this.bucketGuide = new Uint16Array(GUIDES);
    for (let g = 0, b = 0; g < GUIDES && buckets > 0; g++) {
      while (this.bucketCum[b + 1] <= g * GUIDE_SPAN) b++;
      this.bucketGuide[g] = b;
    }
    this.within = new Uint32Array(buckets * (BUCKET + 1));
    for (let b = 0; b < buckets; b++) {
      const first = b * BUCKET;
      const n = Math.min(BUCKET, this.size - first);
      quantize(frequencies.subarray(first, first + n), n, freqs);
      const at = b * (BUCKET + 1);
      for (let i = 0; i < n; i++) this.within[at + i + 1] = this.within[at + i] + freqs[i];
    }
    this.guide = new Uint8Array(buckets * GUIDES);
    for (let b = 0; b < buckets; b++) {
      const at = b * (BUCKET + 1);
      let i = 0;
      for (let g = 0; g < GUIDES; g++) {
        while (this.within[at + i + 1] <= g * GUIDE_SPAN) i++;
        this.guide[b * GUIDES + g] = i;
      }
    }
  }

  push(stack: AnsStack, symbol: number): void {
    const b = symbol >>> BUCKET_BITS;
    const at = b * (BUCKET + 1) + (symbol & (BUCKET - 1));
    stack.push(this.within[at], this.within[at + 1] - this.within[at]);
    stack.push(this.bucketCum[b], this.bucketCum[b + 1] - this.bucketCum[b]);
  }

  pop(stack: AnsStack): number {
    const { bucketCum, within } = this;
    const top = stack.peek();
    let b = this.bucketGuide[top >>> GUIDE_BITS];
    while (bucketCum[b + 1] <= top) b++;
    stack.pop(bucketCum[b], bucketCum[b + 1] - bucketCum[b]);
    const base = b * (BUCKET + 1);
    const slot = stack.peek();
    let i = this.guide[b * GUIDES + (slot >>> GUIDE_BITS)];
    while (within[base + i + 1] <= slot) i++;
    stack.pop(within[base + i], within[base + i + 1] - within[base + i]);
    return b * BUCKET + i;
  }
}
