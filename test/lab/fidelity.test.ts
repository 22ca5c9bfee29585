import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { FidelityMeter, inverseDocumentFrequency } from '../../lab/rate/fidelity.js';

const df: Record<string, number> = { jury: 10, elect: 40, prais: 2, the: 99 };
const idf = inverseDocumentFrequency(100, (k) => df[k] ?? 0);

describe('fidelity', () => {
  it('oracle: recall, texts whole and the IDF-weighted cosine of a hand-worked example', () => {
    const meter = new FidelityMeter(idf);
    meter.add(['jury', 'prais', 'elect'], ['jury', 'elect']);
    meter.add(['jury'], ['jury']);
    meter.add([], []);
    const f = meter.result();
    expect(f.records).toBe(3);
    expect(f.recordsWithSkills).toBe(2);
    expect(f.skills).toBe(4);
    expect(f.skillsCarried).toBe(3);
    expect(f.skillRecall).toBeCloseTo(0.75, 12);
    expect(f.meanRecordRecall).toBeCloseTo((2 / 3 + 1) / 2, 12);
    expect(f.textsWhole).toBeCloseTo(0.5, 12);
    const w = (k: string): number => (Math.log(101 / (1 + df[k])) + 1) ** 2;
    const cos1 = (w('jury') + w('elect')) / Math.sqrt((w('jury') + w('elect') + w('prais')) * (w('jury') + w('elect')));
    expect(f.similarity).toBeCloseTo((cos1 + 1) / 2, 12);
    expect(f.wrongSkills).toBe(0);
  });

  it('losing a rare skill costs more similarity than losing a common one', () => {
    const rare = new FidelityMeter(idf);
    rare.add(['jury', 'prais', 'elect'], ['jury', 'elect']);
    const common = new FidelityMeter(idf);
    common.add(['jury', 'prais', 'elect'], ['jury', 'prais']);
    expect(rare.result().skillRecall).toBe(common.result().skillRecall);
    expect(rare.result().similarity).toBeLessThan(common.result().similarity);
  });

  it('counts decoded skills the original never held', () => {
    const meter = new FidelityMeter(idf);
    meter.add(['jury'], ['jury', 'the']);
    expect(meter.result().wrongSkills).toBe(1);
    expect(meter.result().similarity).toBeLessThan(1);
  });

  const key = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'jury', 'elect', 'prais');
  fcTest.prop([fc.array(fc.tuple(fc.uniqueArray(key), fc.uniqueArray(key)), { maxLength: 20 })])(
    'all shares lie in [0, 1]; a decoded subset is whole exactly when it equals the original',
    (pairs) => {
      const meter = new FidelityMeter(idf);
      const subsetMeter = new FidelityMeter(idf);
      for (const [a, b] of pairs) {
        meter.add(a, b);
        subsetMeter.add(a, b.filter((k) => a.includes(k)));
      }
      for (const f of [meter.result(), subsetMeter.result()]) {
        for (const v of [f.skillRecall, f.meanRecordRecall, f.textsWhole, f.similarity]) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1 + 1e-12);
        }
        expect(f.skillsCarried).toBeLessThanOrEqual(f.skills);
      }
      const s = subsetMeter.result();
      expect(s.wrongSkills).toBe(0);
      const withSkills = pairs.filter(([a]) => a.length > 0);
      const whole = withSkills.filter(([a, b]) => a.every((k) => b.includes(k))).length;
      expect(s.textsWhole).toBeCloseTo(withSkills.length > 0 ? whole / withSkills.length : 1, 12);
    },
  );
});
