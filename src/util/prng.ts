// Seeded pseudo-random numbers for everything random in skillzip (graphs, subsamples, channel erasures).
// xoshiro128** (Blackman & Vigna, 2018) on 32-bit integers, seeded through splitmix32, so the same seed gives the
// same stream on every machine: only Math.imul and 32-bit shifts, no floating-point state.

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
  }

  /** A uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** A uniform integer in [0, n), without modulo bias, for 1 ≤ n ≤ 2^32. */
  nextInt(n: number): number {
    if (n <= 1) return 0;
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }

  /**
   * A Poisson(mean) draw: Knuth's product of uniforms (multiply until the product falls below e^{−mean}) for means
   * up to 30; larger means are split into Poisson(15) parts and a remainder of at most 30 (a sum of independent
   * Poisson draws is Poisson with the summed mean), so e^{−mean} never underflows. O(mean) uniforms per draw.
   */
  nextPoisson(mean: number): number {
    if (!(mean >= 0)) throw new RangeError(`Poisson mean must be ≥ 0, got ${mean}`);
    let k = 0;
    let m = mean;
    while (m > 30) {
      // Poisson(m) = Poisson(15) + Poisson(m − 15)
      k += this.nextPoisson(15);
      m -= 15;
    }
    const limit = Math.exp(-m);
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Shuffles an array in place (Fisher–Yates). */
  shuffle<T extends { length: number; [i: number]: unknown }>(array: T): T {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
