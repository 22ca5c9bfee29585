// The multi-class erasure DE of THEORY.md §8 ("Layered robust frames"): the one-class recursion is its one-class case
// (pinned to the values the one-class code gave before it was generalised), and two classes sharing one frame are
// checked against Monte-Carlo peeling of seeded random frames, with and without the implication of a class's items
// by the other's (a delivered word reveals its concept).

import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { parseDegreeSpec, DegreeDistribution } from '../../src/theory/degree.js';
import {
  classesErasureDE,
  classesErasureFloor,
  erasureDE,
  slotsForClassesOverhead,
  slotsForTargetLoss,
  slotsForTargetLosses,
  type ItemClass,
} from '../../src/theory/erasure.js';
import { ParamError } from '../../src/util/errors.js';
import { Prng } from '../../src/util/prng.js';

const liva8 = parseDegreeSpec('liva8');
const x2 = parseDegreeSpec('x^2');
const x3 = parseDegreeSpec('x^3');
/** Words per concept of the Monte-Carlo frames: 1, 2 or 3 with probabilities 0.6, 0.3, 0.1 (mean 1.5). */
const wordsPerConcept = DegreeDistribution.fromCoefficients([0, 0.6, 0.3, 0.1], 'words per concept');

// [spec, G, e, p*, loss, iterations] from the one-class code before it became the one-class case (commit c2f5345).
const ONE_CLASS_ORACLE: Array<[string, number, number, number, number, number]> = [
  ['liva8', 0.5, 0.1, 0.06427474142489979, 0.021851687029291078, 48],
  ['liva8', 0.7, 0.1, 0.11777408174565218, 0.0650173481672106, 94],
  ['liva8', 0.9, 0.2, 0.7589788993263883, 0.7851087665027057, 65],
  ['liva8', 1.1, 0.05, 0.8920230544880107, 0.9055425019777523, 31],
  ['x^2', 0.5, 0.1, 0.3916587152666693, 0.15339654924430687, 58],
  ['x^2', 0.9, 0.2, 0.8157587672150042, 0.6654623662881253, 27],
  ['0.5x+0.5x^3', 0.3, 0, 0.2663615056286069, 0.07546115084769393, 15],
  ['0.5x+0.5x^3', 0.7, 0.1, 0.45697497826657785, 0.3351487582486377, 45],
  ['x^3', 0.5, 0.1, 0.014131765150883898, 0.0016799432736642084, 30],
  ['x^3', 1.1, 0.05, 0.9070253534863308, 0.8638317057214138, 24],
];

describe('multi-class erasure DE: the one-class case', () => {
  it('gives exactly the values of the one-class code it replaced', () => {
    for (const [spec, G, e, p, loss, iterations] of ONE_CLASS_ORACLE) {
      const result = erasureDE(parseDegreeSpec(spec), G, e);
      expect([result.p, result.loss, result.iterations]).toEqual([p, loss, iterations]);
    }
    expect(slotsForTargetLoss(liva8, 1000, 0.03, 0.1, 8).slots).toBe(1757);
  });

  test.prop([fc.constantFrom('liva8', 'x^2', 'x^3', '0.5x+0.5x^3'), fc.constantFrom('liva8', 'x^2', 'x^3'), fc.double({ min: 0, max: 1.5, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true })])(
    'a second class with no items changes nothing (to the convergence tolerance: the empty class may iterate longer)',
    (spec, other, G, e) => {
      const one = erasureDE(parseDegreeSpec(spec), G, e);
      const two = classesErasureDE([{ repetition: parseDegreeSpec(spec), load: G }, { repetition: parseDegreeSpec(other), load: 0 }], e);
      expect(two.classes[0].loss).toBeCloseTo(one.loss, 12);
      expect(two.classes[0].p).toBeCloseTo(one.p, 12);
      expect(two.q).toBeCloseTo(one.q, 12);
    },
  );

  test.prop([fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 0.9, noNaN: true }), fc.double({ min: 0, max: 0.4, noNaN: true })])(
    'two classes of the same repetition behave as one class of their summed load',
    (share, G, e) => {
      const one = erasureDE(liva8, G, e);
      const two = classesErasureDE([{ repetition: liva8, load: share * G }, { repetition: liva8, load: (1 - share) * G }], e);
      expect(two.classes[0].loss).toBeCloseTo(one.loss, 9);
      expect(two.classes[1].loss).toBeCloseTo(one.loss, 9);
    },
  );
});

describe('multi-class erasure DE: unequal protection', () => {
  it('protects the class of larger repetition more, and the mix hurts both', () => {
    const { classes } = classesErasureDE([{ repetition: x3, load: 0.3 }, { repetition: x2, load: 0.3 }], 0.1);
    expect(classes[0].loss).toBeLessThan(classes[1].loss);
    // Each class alone at its own load loses less than in the shared frame.
    expect(erasureDE(x3, 0.3, 0.1).loss).toBeLessThan(classes[0].loss);
    expect(erasureDE(x2, 0.3, 0.1).loss).toBeLessThan(classes[1].loss);
  });

  it('lowers an implied class\'s loss and floor by its implying items', () => {
    const free: ItemClass[] = [{ repetition: x2, load: 0.3 }, { repetition: x2, load: 0.45 }];
    const implied: ItemClass[] = [{ ...free[0], impliedBy: { by: 1, count: wordsPerConcept } }, free[1]];
    const a = classesErasureDE(free, 0.2).classes;
    const b = classesErasureDE(implied, 0.2).classes;
    expect(b[0].loss).toBeLessThan(a[0].loss);
    expect(b[1].loss).toBeLessThanOrEqual(a[1].loss);
    // Floor: Λ_b(e)·W(Λ_r(e)) = 0.04 · (0.6·0.04 + 0.3·0.04² + 0.1·0.04³)
    expect(classesErasureFloor(implied, 0.2)[0]).toBeCloseTo(0.04 * (0.6 * 0.04 + 0.3 * 0.04 ** 2 + 0.1 * 0.04 ** 3), 15);
  });

  it('refuses implication chains and self-implication', () => {
    expect(() => classesErasureDE([{ repetition: x2, load: 0.1, impliedBy: { by: 0, count: wordsPerConcept } }], 0.1)).toThrow(ParamError);
    const chain: ItemClass[] = [
      { repetition: x2, load: 0.1, impliedBy: { by: 1, count: wordsPerConcept } },
      { repetition: x2, load: 0.1, impliedBy: { by: 0, count: wordsPerConcept } },
    ];
    expect(() => classesErasureDE(chain, 0.1)).toThrow(/implied by class/);
  });
});

describe('multi-class slot sizing', () => {
  it('gives the smallest slot count meeting every class\'s target', () => {
    const classes = [
      { repetition: x3, items: 3000, targetLoss: 0.01 },
      { repetition: x2, items: 4500, targetLoss: 0.1 },
    ];
    const sizing = slotsForTargetLosses(classes, 0.1, 3);
    const [base, refine] = sizing.classes;
    expect(base.predictedLoss).toBeLessThanOrEqual(0.01);
    expect(refine.predictedLoss).toBeLessThanOrEqual(0.1);
    const fewer = classesErasureDE(classes.map((c) => ({ repetition: c.repetition, load: c.items / (sizing.slots - 1) })), 0.1).classes;
    expect(fewer[0].loss > 0.01 || fewer[1].loss > 0.1).toBe(true);
  });

  it('names the class whose target is below its floor', () => {
    expect(() => slotsForTargetLosses([{ repetition: x3, items: 10, targetLoss: 0.01 }, { repetition: x2, items: 10, targetLoss: 0.005 }], 0.1)).toThrow(/class 1 .*floor/);
  });

  it('sets one slot count from the overhead over all classes\' items', () => {
    const sizing = slotsForClassesOverhead([{ repetition: x3, items: 100 }, { repetition: x2, items: 150 }], 1.5, 0.1, 3);
    expect(sizing.slots).toBe(375);
    expect(sizing.classes.map((c) => c.load)).toEqual([100 / 375, 150 / 375]);
  });
});

/**
 * Monte-Carlo peeling of one random two-class frame, written independently of the codec: `concepts` base items,
 * each with W words (refinement items) drawn from wordsPerConcept; every item placed in distinct uniform slots,
 * its degree drawn from its class's repetition; slots erased with probability e; then peeling (a slot with one
 * unknown item reveals it), and with `imply` a revealed word also reveals its concept. Returns the shares lost.
 */
function simulate(concepts: number, slots: number, base: DegreeDistribution, refine: DegreeDistribution, e: number, imply: boolean, rng: Prng): [number, number] {
  const conceptOf: number[] = [];
  const words = wordsPerConcept.sampler();
  for (let c = 0; c < concepts; c++) {
    const w = words(rng);
    for (let i = 0; i < w; i++) conceptOf.push(c);
  }
  const items = concepts + conceptOf.length; // items 0..concepts−1 are concepts, the rest words
  const slotsOf: number[][] = [];
  const members: number[][] = Array.from({ length: slots }, () => []);
  const baseDegree = base.sampler();
  const refineDegree = refine.sampler();
  for (let item = 0; item < items; item++) {
    const degree = Math.min(slots, item < concepts ? baseDegree(rng) : refineDegree(rng));
    const chosen = new Set<number>();
    while (chosen.size < degree) chosen.add(rng.nextInt(slots));
    slotsOf.push([...chosen]);
    for (const s of chosen) members[s].push(item);
  }
  const erased = Array.from({ length: slots }, () => rng.next() < e);
  const count = members.map((m) => m.length);
  const xor = members.map((m) => m.reduce((a, b) => a ^ b, 0));
  const known = new Uint8Array(items);
  const queue: number[] = [];
  const learn = (item: number): void => {
    if (known[item]) return;
    known[item] = 1;
    for (const s of slotsOf[item]) {
      count[s]--;
      xor[s] ^= item;
      if (count[s] === 1 && !erased[s]) queue.push(s);
    }
    if (imply && item >= concepts) learn(conceptOf[item - concepts]);
  };
  for (let s = 0; s < slots; s++) if (count[s] === 1 && !erased[s]) queue.push(s);
  while (queue.length > 0) {
    const s = queue.pop() as number;
    if (count[s] === 1) learn(xor[s]);
  }
  let lostBase = 0;
  let lostRefine = 0;
  for (let item = 0; item < items; item++) if (!known[item]) item < concepts ? lostBase++ : lostRefine++;
  return [lostBase / concepts, lostRefine / conceptOf.length];
}

describe('multi-class erasure DE against Monte-Carlo peeling of long two-class frames', () => {
  // Frames of 20,000 slots, 3 seeds each: 12,000–18,000 concepts and 1.5 times as many words per case. Binomial spread of a lost
  // share L over n items is √(L(1−L)/n) ≤ 0.0035 at these sizes; the tolerance below, 0.01 (about 3σ at the worst
  // case plus the finite-length excess loss of frames this long, which bench/robust.ts puts under 0.005 away from
  // the threshold), is half the project's DE target of 0.02. Loads stay away from the thresholds, where finite
  // frames and DE part.
  const slots = 20_000;
  const cases: Array<{ name: string; base: DegreeDistribution; refine: DegreeDistribution; concepts: number; e: number; imply: boolean }> = [
    { name: 'x^3 / x^2, e = 0.1, independent', base: x3, refine: x2, concepts: 4000, e: 0.1, imply: false },
    { name: 'liva8 / x^2, e = 0.2, independent', base: liva8, refine: x2, concepts: 5000, e: 0.2, imply: false },
    { name: 'x^3 / x^2, e = 0.1, words imply concepts', base: x3, refine: x2, concepts: 4000, e: 0.1, imply: true },
    { name: 'x^2 / x^2, e = 0.2, words imply concepts', base: x2, refine: x2, concepts: 4000, e: 0.2, imply: true },
  ];
  for (const { name, base, refine, concepts, e, imply } of cases) {
    it(`predicts each class's loss within 0.01: ${name}`, () => {
      const rng = new Prng(17);
      let measuredBase = 0;
      let measuredRefine = 0;
      const seeds = 3;
      for (let i = 0; i < seeds; i++) {
        const [b, r] = simulate(concepts, slots, base, refine, e, imply, rng);
        measuredBase += b / seeds;
        measuredRefine += r / seeds;
      }
      const classes: ItemClass[] = [
        { repetition: base, load: concepts / slots, ...(imply ? { impliedBy: { by: 1, count: wordsPerConcept } } : {}) },
        { repetition: refine, load: (concepts * wordsPerConcept.mean()) / slots },
      ];
      const predicted = classesErasureDE(classes, e).classes;
      expect(Math.abs(measuredBase - predicted[0].loss)).toBeLessThan(0.01);
      expect(Math.abs(measuredRefine - predicted[1].loss)).toBeLessThan(0.01);
      if (imply) {
        // The implication term matters: leaving it out misses the measured concept loss by more than the tolerance.
        const without = classesErasureDE(classes.map(({ repetition, load }) => ({ repetition, load })), e).classes;
        expect(Math.abs(measuredBase - without[0].loss)).toBeGreaterThan(0.01);
      }
    });
  }
});
