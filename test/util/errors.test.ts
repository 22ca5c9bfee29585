// The library speaks in parameters, the command line in flags (README "Errors"): a bad parameter of a library call
// is a ParamError whose code and message name the parameter (never a flag), and cli/errors.ts shows it with the flag
// that sets it and the exit status of its code.

import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { cliMessage, exitStatusOf, flagOf } from '../../cli/errors.js';
import { robustMode } from '../../codec/robust/index.js';
import { modeByName } from '../../codec/modes.js';
import { competenceBound, tupleParams } from '../../src/theory/competence.js';
import { ensembleFromSpecs } from '../../src/theory/ensemble.js';
import { parseLearner } from '../../src/theory/learners.js';
import { tapTrajectory, UNCONSTRAINED, type TapParams } from '../../src/theory/tap.js';
import { InputError, ParamError, UsageError } from '../../src/util/errors.js';
import { skillzip } from '../cli/run.js';
import { thrownBy } from './thrown-by.js';

const TAP: TapParams = { initial: 2, alpha: 1, kernel: 'constant', extinction: 0, linearRate: 0, constraints: UNCONSTRAINED, capacity: null, blowupLog10: 100 };

/** Library calls with one bad parameter: the call, the code, the parameter, the flag the CLI shows. */
const BAD_CALLS: Array<[string, () => unknown, string, string, string]> = [
  ['robust target loss', () => robustMode.optionsFrom({ targetLoss: 2 }), 'ERR_PARAM', 'targetLoss', '--target-loss'],
  ['robust checksum bits', () => robustMode.optionsFrom({ checksumBits: 40 }), 'ERR_PARAM', 'checksumBits', '--checksum-bits'],
  ['robust block, not a number', () => robustMode.optionsFrom({ block: 'many' }), 'ERR_PARAM', 'block', '--block'],
  ['robust repetition', () => robustMode.optionsFrom({ repetition: 'poisson:3' }), 'ERR_PARAM', 'repetition', '--repetition'],
  ['mode', () => modeByName('fast'), 'ERR_PARAM', 'mode', '--mode'],
  ['competence k', () => competenceBound({ k: -1, theta: 0.1, alpha: 0.1 }), 'ERR_PARAM', 'k', '--k'],
  ['tuple size', () => tupleParams(4, 0.1, { tupleSize: 0, failure: 'exact', degree: 'k' }), 'ERR_PARAM', 'tupleSize', '--tuple'],
  ['TAP alpha', () => tapTrajectory({ ...TAP, alpha: -1 }, 5), 'ERR_PARAM', 'tap.alpha', '--tap-alpha'],
  ['TAP steps', () => tapTrajectory(TAP, -1), 'ERR_PARAM', 'steps', '--steps'],
  ['learner spec', () => parseLearner('phi:7'), 'ERR_SPEC', 'learner', '--learner'],
  ['degree spec', () => ensembleFromSpecs({ skillDegree: 'x^^3' }), 'ERR_SPEC', 'skillDegree', '--skill-degree'],
];

describe('parameter errors', () => {
  it.each(BAD_CALLS)('%s: a ParamError whose code and message name the parameter; the CLI names the flag', (_, call, code, param, flag) => {
    const error = thrownBy(call);
    expect(error).toBeInstanceOf(ParamError);
    expect(error).toMatchObject({ code });
    expect((error as ParamError).params).toContain(param);
    expect(error.message).toContain(param);
    expect(error.message).not.toMatch(/--[a-z]/);
    expect(cliMessage(error)).toContain(flag);
    expect(exitStatusOf(error)).toBe(2);
  });

  it('says the same with parameters or flags, but for the names', () => {
    const error = thrownBy(() => robustMode.optionsFrom({ targetLoss: 0.01, overhead: 2 })) as ParamError;
    expect(error.params).toEqual(['targetLoss', 'overhead']);
    expect(error.message).toBe('robust mode: give either targetLoss or overhead, not both');
    expect(cliMessage(error)).toBe('robust mode: give either --target-loss or --overhead, not both');
  });

  test.prop([fc.stringMatching(/^[a-z]{1,6}([A-Z][a-z]{1,6}){0,2}$/).filter((s) => !['files', 'tupleSize', 'lossToFailure'].includes(s))])('flagOf turns a camelCase parameter into its kebab-case flag', (param) => {
    const flag = flagOf(param);
    expect(flag).toMatch(/^--[a-z][a-z-]*$/);
    expect(flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())).toBe(param);
  });

  it('maps a parameter named like an Object property by the rule, not by the prototype', () => {
    expect(flagOf('constructor')).toBe('--constructor');
    expect(flagOf('toString')).toBe('--to-string');
  });

  it('gives bad input exit status 1 and a bad command line 2; other errors have none', () => {
    expect(exitStatusOf(new InputError('x', 'ERR_SKZ_CRC'))).toBe(1);
    expect(exitStatusOf(new InputError('x'))).toBe(1);
    expect(exitStatusOf(new UsageError('x'))).toBe(2);
    expect(exitStatusOf(new Error('x'))).toBeUndefined();
    expect(exitStatusOf(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBeUndefined();
  });
});

describe('the command line', () => {
  it('names the flag of a bad mode option, with exit status 2', () => {
    const run = skillzip(['encode', '--mode', 'robust', '--target-loss', '2', '-f'], 'The jury praised the election\n');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('skillzip: robust mode: --target-loss must lie in (0, 1), got 2\n');
    expect(run.stdout.length).toBe(0);
  });
});
