// The flags that `theory compare` shares with `theory tap` (the TAP equation, src/theory/tap.ts) and with
// `theory competence` (the Arora–Goyal scale axis and tuple rules, src/theory/competence.ts).

import type { Argv } from 'yargs';
import type { TapKernel, TapParams } from '../src/theory/tap.js';
import type { ScaleParams, TupleDegreeRule, TupleFailureRule, TupleRules } from '../src/theory/competence.js';
import { parseNumberList } from './flags.js';

/** The TAP flags, shared with `theory compare`. */
export interface TapArgs {
  m0: number;
  'tap-alpha': number;
  kernel: TapKernel;
  mu: number;
  alpha1: number;
  architecture: number;
  data: number;
  context: number;
  capacity?: number;
  'blowup-at': number;
  steps: number;
}

export function withTapOptions<T>(y: Argv<T>, defaults: { alpha: number; steps: number }): Argv<T & TapArgs> {
  return y
    .option('m0', { type: 'number', default: 2, describe: 'M0, the objects (capabilities) at t = 0' })
    .option('tap-alpha', { type: 'number', default: defaults.alpha, describe: 'α: α_i = α (constant kernel) or α^(i−1) (power kernel)' })
    .option('kernel', { choices: ['constant', 'power'] as const, default: 'constant' as const, describe: 'How α_i depends on the combination size i' })
    .option('mu', { type: 'number', default: 0, describe: 'μ, the share of objects going extinct per step' })
    .option('alpha1', { type: 'number', default: 0, describe: 'α₁ > 0: the two-scale variant (a linear term α₁·M)' })
    .option('architecture', { type: 'number', default: 1, describe: 'Architecture constraint factor in (0, 1] (our formulation of [TAP])' })
    .option('data', { type: 'number', default: 1, describe: 'Training-data constraint factor in (0, 1]' })
    .option('context', { type: 'number', default: 1, describe: 'Context constraint factor in (0, 1]' })
    .option('capacity', { type: 'number', describe: 'K: new objects fill the room left below K (no blow-up)' })
    .option('blowup-at', { type: 'number', default: 100, describe: 'Blow-up when log10 M reaches this (≤ 300)' })
    .option('steps', { type: 'number', default: defaults.steps, describe: 'Steps of the map (samples of the differential variant)' }) as Argv<T & TapArgs>;
}

export function tapParamsFromArgs(args: TapArgs): TapParams {
  return {
    initial: args.m0,
    alpha: args['tap-alpha'],
    kernel: args.kernel,
    extinction: args.mu,
    linearRate: args.alpha1,
    constraints: { architecture: args.architecture, data: args.data, context: args.context },
    capacity: args.capacity ?? null,
    blowupLog10: args['blowup-at'],
  };
}

/** The flags of the tuple rules and of the scale axis, shared with `theory compare`. */
export interface ScaleArgs {
  alpha?: string;
  tuple?: number;
  'tuple-failure'?: TupleFailureRule;
  'tuple-degree'?: TupleDegreeRule;
  parameters?: number;
  tokens?: number;
  'loss-factor'?: number;
}

// Defaults are applied here rather than by yargs, so that a flag the chosen mode does not use can be refused.
const SCALE_DEFAULTS = { tuple: 1, 'tuple-failure': 'exact', 'tuple-degree': 'k', parameters: 70e9, tokens: 1.4e12, 'loss-factor': 1 } as const;

export function withScaleOptions<T>(y: Argv<T>): Argv<T & ScaleArgs> {
  return y
    .option('tuple', { type: 'number', describe: "k': bound k'-tuples of skills instead of single skills (default 1)" })
    .option('tuple-failure', { choices: ['exact', 'union'] as const, describe: "θ' = 1 − (1 − θ)^k' (exact, default) or k'θ (union)" })
    .option('tuple-degree', { choices: ['k', 'power'] as const, describe: "tuples per text: k (conservative, default) or k^k'" })
    .option('parameters', { type: 'number', describe: 'N, model parameters at scale 1 (Chinchilla fit; default 7e10)' })
    .option('tokens', { type: 'number', describe: 'D, training tokens at scale 1 (default 1.4e12)' })
    .option('loss-factor', { type: 'number', describe: 'c in θ = c·δ(N, D), failed fraction from excess loss (default 1)' }) as Argv<T & ScaleArgs>;
}

/** The tuple rules the flags set. */
export function tupleRules(args: ScaleArgs): TupleRules {
  return {
    tupleSize: args.tuple ?? SCALE_DEFAULTS.tuple,
    failure: args['tuple-failure'] ?? SCALE_DEFAULTS['tuple-failure'],
    degree: args['tuple-degree'] ?? SCALE_DEFAULTS['tuple-degree'],
  };
}

/** The scale parameters the shared flags set (all but k and α). */
export function scaleParams(args: ScaleArgs): Omit<ScaleParams, 'k' | 'alpha'> {
  return {
    lossToFailure: args['loss-factor'] ?? SCALE_DEFAULTS['loss-factor'],
    parameters: args.parameters ?? SCALE_DEFAULTS.parameters,
    tokens: args.tokens ?? SCALE_DEFAULTS.tokens,
    ...tupleRules(args),
  };
}

/** Scale factors: a list, A:B:STEP, or the default 10^-2 .. 10^3 by quarter decades. */
export function parseScales(spec: string | undefined): number[] {
  if (spec === undefined) return Array.from({ length: 21 }, (_, i) => Number((10 ** (-2 + i / 4)).toPrecision(6)));
  return parseNumberList(spec, 'scale', (x) => x > 0, '> 0');
}
