import { describe, expect, it } from 'vitest';
import { compareEmergence, emergenceShapes } from '../../src/theory/compare.js';
import { evolve } from '../../src/theory/de.js';
import { Ensemble } from '../../src/theory/ensemble.js';
import { competenceAgainstScale } from '../../src/theory/competence.js';
import { tapTrajectory, UNCONSTRAINED } from '../../src/theory/tap.js';

describe('compareEmergence', () => {
  const tap = { initial: 2, alpha: 0.05, kernel: 'constant' as const, extinction: 0, linearRate: 0, constraints: UNCONSTRAINED, capacity: null, blowupLog10: 100 };
  const scale = { alpha: 0.1, lossToFailure: 1, parameters: 70e9, tokens: 1.4e12, tupleSize: 1, failure: 'exact' as const, degree: 'k' as const };
  const result = compareEmergence({ ensemble: Ensemble.pp(4), ratios: [0.5, 1.5, 3], scale, scales: [0.1, 1, 10], tap, tapSteps: 30 });

  it('computes each theory with its own module, AG with k = the mean text degree', () => {
    expect(result.de.map((p) => p.learned)).toEqual([0.5, 1.5, 3].map((r) => evolve(Ensemble.pp(4), r).learned));
    expect(result.k).toBeCloseTo(4, 12);
    expect(result.ag).toEqual(competenceAgainstScale({ ...scale, k: result.k }, [0.1, 1, 10]));
    expect(result.tap).toEqual(tapTrajectory(tap, 30));
  });

  it('draws all three on [0, 1] × [0, 1], TAP along its requested steps even when it stops early', () => {
    const shapes = emergenceShapes(result, 100);
    expect(shapes).toHaveLength(3);
    for (const s of shapes) for (const [x, y] of s.points) expect(x >= 0 && x <= 1 && y >= 0 && y <= 1).toBe(true);
    expect(result.tap.stop).toBe('overflow');
    const tapShape = shapes[2].points;
    expect(tapShape[tapShape.length - 1][0]).toBeLessThan(1);
    expect(tapShape[tapShape.length - 1][1]).toBe(1);
  });
});
