import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { Ensemble, ensembleFromSpecs, type EnsembleSpecs } from '../../src/theory/ensemble.js';
import { ParamError, UsageError } from '../../src/util/errors.js';
import { cliMessage } from '../../cli/errors.js';
import { parseRatios } from '../../cli/ensemble-options.js';
import { thrownBy } from '../util/thrown-by.js';

describe('ensemble views from specs', () => {
  it.each<[EnsembleSpecs, string, 'skill' | 'text' | 'both']>([
    [{ skillDegree: 'liva8' }, 'irsa', 'skill'],
    [{ skillDegree: 'x^3', textDegree: 'poisson' }, 'irsa', 'skill'],
    [{ textDegree: 'fixed:4' }, 'ag', 'text'],
    [{ skillDegree: 'poisson', textDegree: '0.5x^2+0.5x^3' }, 'ag', 'text'],
    [{ textDegree: 'poisson:3' }, 'pp', 'text'],
    [{ skillDegree: 'poisson', textDegree: 'poisson:3' }, 'pp', 'text'],
    [{ pp: 3 }, 'pp', 'text'],
    [{ skillDegree: 'x^3', textDegree: 'fixed:3' }, 'empirical', 'both'],
  ])('%j -> %s', (specs, view, drawn) => {
    const ensemble = ensembleFromSpecs(specs);
    expect(ensemble.view).toBe(view);
    expect(ensemble.drawnSide).toBe(drawn);
    expect(ensemble.toJSON().view).toBe(view);
    expect(ensemble.describe()).toContain(view);
  });

  it.each<[EnsembleSpecs, string, string, string]>([
    [{}, 'ERR_SPEC', 'give skillDegree SPEC', 'give --skill-degree SPEC'],
    [{ pp: 3, skillDegree: 'x^3' }, 'ERR_SPEC', 'pp D is the PP model by itself', '--pp D is the PP model by itself'],
    [{ pp: -1 }, 'ERR_PARAM', 'pp -1', '--pp -1'],
    [{ skillDegree: 'poisson', textDegree: 'poisson' }, 'ERR_SPEC', 'textDegree poisson:3', '--text-degree poisson:3'],
    [{ skillDegree: 'x^^3' }, 'ERR_SPEC', "skillDegree: degree spec 'x^^3'", "--skill-degree: degree spec 'x^^3'"],
    [{ textDegree: 'bogus' }, 'ERR_SPEC', "textDegree: degree spec 'bogus'", "--text-degree: degree spec 'bogus'"],
    [{ pp: 3, learner: 'phi:2' }, 'ERR_SPEC', "learner 'phi:2'", "--learner 'phi:2'"],
    [{ pp: 3, prior: 0 }, 'ERR_PARAM', 'prior 0', '--prior 0'],
  ])('%j is a %s naming the parameter (%s), which the CLI names by its flag (%s)', (specs, code, library, cli) => {
    const error = thrownBy(() => ensembleFromSpecs(specs));
    expect(error).toBeInstanceOf(ParamError);
    expect(error).toMatchObject({ code });
    expect(error.message).toContain(library);
    expect(error.message).not.toContain('--');
    expect(cliMessage(error)).toContain(cli);
  });

  test.prop([
    fc.constantFrom<EnsembleSpecs>({ skillDegree: 'liva8' }, { textDegree: '0.2x+0.8x^4' }, { pp: 2.5 }, { skillDegree: '0.1x+0.9x^5', textDegree: 'x^2' }),
    fc.double({ min: 0.01, max: 1, noNaN: true }),
  ])('edges counted from both sides agree at every R: Λ\'(1) = R·P\'(1)', (specs, share) => {
    const ensemble = ensembleFromSpecs(specs);
    const ratio = Number.isFinite(ensemble.maxRatio()) ? share * ensemble.maxRatio() : share * 5;
    const sides = ensemble.at(ratio);
    expect(sides.ratio).toBe(ratio);
    expect(sides.skillDegree.mean()).toBeCloseTo(ratio * sides.textDegree.mean(), 10);
  });

  it('PP sides are Poisson(dR) and Poisson(d); the empirical view refuses R above its own', () => {
    const sides = Ensemble.pp(3).at(2);
    expect(sides.skillDegree.poissonMean).toBe(6);
    expect(sides.textDegree.poissonMean).toBe(3);
    const empirical = ensembleFromSpecs({ skillDegree: 'x^3', textDegree: 'fixed:3' });
    expect(empirical.maxRatio()).toBe(1);
    expect(empirical.at(1).skillDegree).toBe(empirical.skillDegree);
    expect(() => empirical.at(1.5)).toThrow(ParamError);
    expect(() => Ensemble.pp(3).at(0)).toThrow(/^ratio 0: /);
  });
});

describe('--ratio', () => {
  it('reads one value or a sweep A:B:STEP with B included', () => {
    expect(parseRatios('1.5')).toEqual([1.5]);
    expect(parseRatios('0.1:0.5:0.1')).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(parseRatios('1:2:0.3')).toEqual([1, 1.3, 1.6, 1.9]);
    expect(parseRatios('2:2:1')).toEqual([2]);
  });

  it.each(['', '0', '-1', 'a', '1:2', '2:1:0.1', '1:2:0', '1:2:-1', '0:1:0.1', '1:1e9:1e-3', '1::0.1', '1,2'])('rejects %j naming --ratio', (spec) => {
    expect(() => parseRatios(spec)).toThrow(UsageError);
    expect(() => parseRatios(spec)).toThrow('--ratio');
  });
});
