import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { DegreeDistribution } from '../../src/theory/degree.js';
import { evolve } from '../../src/theory/de.js';
import { Ensemble } from '../../src/theory/ensemble.js';
import { oneSkill, kSkill } from '../../src/theory/learners.js';
import { finetuneAt, finetuneEmergence, foundationResidual, multiClassEvolution, type FinetuneSetting } from '../../src/theory/multiclass.js';

describe('multi-class density evolution (THEORY.md §6)', () => {
  test.prop([fc.double({ min: 1, max: 5, noNaN: true }), fc.double({ min: 0.2, max: 3, noNaN: true }), fc.double({ min: 0.1, max: 1, noNaN: true })])(
    'one class is single-class DE; splitting the texts into two identical classes changes nothing',
    (d, ratio, prior) => {
      const single = evolve(Ensemble.pp(d, kSkill(2), prior), ratio).learned;
      const one = multiClassEvolution({ learner: kSkill(2), priors: [prior], skillDegrees: [[DegreeDistribution.poisson(d * ratio)]], textMeans: [[d]] });
      expect(one.learned[0]).toBeCloseTo(single, 9);
      const half = DegreeDistribution.poisson((d * ratio) / 2);
      const two = multiClassEvolution({ learner: kSkill(2), priors: [prior], skillDegrees: [[half, half]], textMeans: [[d], [d]] });
      expect(two.learned[0]).toBeCloseTo(single, 9);
      expect(two.q[0]).toBeCloseTo(two.q[1], 12);
    },
  );

  it('a class that starts known stays known and helps the other class', () => {
    const skills = [[DegreeDistribution.poisson(3)], [DegreeDistribution.poisson(3)]];
    const alone = multiClassEvolution({ learner: oneSkill(), priors: [1, 1], skillDegrees: skills, textMeans: [[2, 2]] });
    const helped = multiClassEvolution({ learner: oneSkill(), priors: [0, 1], skillDegrees: skills, textMeans: [[2, 2]] });
    expect(helped.learned[0]).toBe(1);
    expect(helped.learned[1]).toBeGreaterThan(alone.learned[1] + 0.5);
  });

  it('rejects inconsistent class counts', () => {
    expect(() => multiClassEvolution({ learner: oneSkill(), priors: [1, 1], skillDegrees: [[DegreeDistribution.poisson(1)]], textMeans: [[1]] })).toThrow(RangeError);
  });
});

describe('foundation -> fine-tune', () => {
  const setting: FinetuneSetting = { foundation: Ensemble.pp(4), foundationRatio: 2, basicPerText: 3, specialPerText: 3, basicPerSpecial: 10 };

  it('starts the fine-tune stage from the foundation residual', () => {
    expect(foundationResidual(setting)).toBeCloseTo(evolve(Ensemble.pp(4), 2).skillError, 14);
  });

  it('specialised skills emerge at a much smaller R on a foundation than from scratch', () => {
    for (const ratio of [0.5, 1, 2, 4, 8]) {
      const point = finetuneAt(setting, ratio);
      expect(point.special).toBeGreaterThanOrEqual(point.specialScratch - 1e-12);
      expect(point.basic).toBeGreaterThanOrEqual(1 - foundationResidual(setting) - 1e-12);
    }
    const emergence = finetuneEmergence(setting);
    expect(emergence.scratch).not.toBeNull();
    // d_s = 3 > e: the specialised skills still jump on the foundation, but far earlier.
    expect(emergence.tuned).not.toBeNull();
    expect(emergence.tuned!).toBeLessThan(emergence.scratch! / 3);
    // With no basic skills unknown the fine-tune texts are a PP d_s model: R_c = 1.037886.
    const perfect = { ...setting, foundation: Ensemble.pp(4), foundationRatio: 1e3 };
    expect(finetuneEmergence(perfect).tuned).toBeCloseTo(1.037886, 4);
  });
});
