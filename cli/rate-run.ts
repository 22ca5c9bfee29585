// The run behind `skillzip rate` and `skillzip report`: their shared options, the records they read
// (files or the built-in Brown corpus, split by document with a seed, or all held out when -m names a model), and
// the measurements of codec/rate.

import type { Argv } from 'yargs';
import { InputError, UsageError } from '../src/util/errors.js';
import { parseDegreeSpec } from '../src/theory/degree.js';
import { expandInputs, readBrown, readTexts } from '../src/corpus/index.js';
import { skillzipVersion } from '../src/model/index.js';
import type { SplittableRecord } from '../lab/rate/split.js';
import type { RateReport } from '../lab/rate/types.js';
import { measureRateOverSeeds, type RateOptions } from '../lab/rate/run.js';
import { DEFAULT_DISTORTION, type DistortionSweep } from '../lab/rate/distortion.js';
import { MAX_BLOCK, MAX_OVERHEAD } from '../codec/robust/index.js';
import { jsonFieldsOf, withUnitOptions, type UnitArgs } from './unit-options.js';
import { parseNumberList } from './flags.js';

export interface RateArgs extends UnitArgs {
  input?: string[];
  model?: string;
  corpus?: string;
  'train-fraction': number;
  seed: number;
  sweep?: string;
  distortion?: string;
  erasure?: string;
  repetition?: string;
  overhead?: string;
  block?: string;
  target?: number;
  design?: string;
  seeds: number;
  concepts?: string;
  layered?: string;
}

/** The erasure sweep's settings when --erasure is given without them. */
const SWEEP_DEFAULTS = { repetition: 'liva8', overhead: '1.5,2', block: '1', target: 0.99, design: '0.1' } as const;

/** The options `rate` and `report` share. */
export function rateOptions<T>(y: Argv<T>): Argv<T & RateArgs> {
  return withUnitOptions(y, 'records')
    .positional('input', {
      type: 'string',
      array: true,
      describe: 'Corpus files or folders (- or none: stdin); several files split by file, one file by record',
    })
    .option('model', { alias: 'm', type: 'string', describe: 'Measure this model on every input record (no training, no split)' })
    .option('corpus', { type: 'string', choices: ['brown'], describe: 'Use the built-in Brown corpus (sentences as records)' })
    .option('train-fraction', { type: 'number', default: 0.9, describe: 'Share of documents trained on; the rest is held out' })
    .option('seed', { type: 'number', default: 1, describe: 'Seed of the split, the subsamples and the erasure channel' })
    .option('sweep', { type: 'string', describe: 'Training fractions for the emergence sweep, e.g. 0.1,0.25,0.5,1' })
    .option('distortion', {
      type: 'string',
      describe: `Rate–distortion curve of compact mode beside TF-IDF keywords; SPEC 'max-skills=K,...;coverage=K,...;min-information=B,...' (coverage: --max-skills K --rank-by coverage) or empty for ${distortionSpec(DEFAULT_DISTORTION)}`,
    })
    .option('erasure', { type: 'string', describe: 'Slot erasure probabilities for the robust sweep, A:B:STEP or a list, e.g. 0:0.3:0.05' })
    .option('repetition', { type: 'string', describe: `Repetition distributions of the robust sweep, ;-separated SPECs [default: ${SWEEP_DEFAULTS.repetition}]` })
    .option('overhead', { type: 'string', describe: `Slots per skill of the robust sweep, a list [default: ${SWEEP_DEFAULTS.overhead}]` })
    .option('block', { type: 'string', describe: `Records per robust block, a list [default: ${SWEEP_DEFAULTS.block}]` })
    .option('target', { type: 'number', describe: `Share of skills the cheapest robust setting must recover [default: ${SWEEP_DEFAULTS.target}]` })
    .option('seeds', { type: 'number', default: 1, describe: 'Repeat the run with seeds SEED, SEED+1, ...: means with 95 % intervals' })
    .option('design', { type: 'string', describe: `Erasure rates the separation baseline's LT code is designed for, a list [default: ${SWEEP_DEFAULTS.design}]` })
    .option('concepts', { type: 'string', describe: 'Concept levels L, a list: a model of concept:L skills (WordNet, English) per level, trained on the same records, with its rate–distortion curve beside word skills' })
    .option('layered', { type: 'string', describe: 'Layered levels L, a list: a layered:L model per level, trained on the same records: its streams from base layer (concepts) to full refinement (words) on the same curve, and their cost against word mode' })
    .check((argv) => {
      const a = argv as unknown as RateArgs;
      if (a.corpus && a.input && a.input.length > 0) throw new UsageError('give either input files or --corpus brown, not both');
      if (!(a['train-fraction'] > 0 && a['train-fraction'] < 1)) throw new UsageError(`--train-fraction must lie strictly between 0 and 1, got ${a['train-fraction']}`);
      if (a.model !== undefined && a.sweep !== undefined) throw new UsageError('--sweep trains models, so it cannot be combined with -m');
      if (a.model !== undefined && a.concepts !== undefined) throw new UsageError('--concepts trains models, so it cannot be combined with -m');
      if (a.model !== undefined && a.layered !== undefined) throw new UsageError('--layered trains models, so it cannot be combined with -m');
      const sweepOptions = (['repetition', 'overhead', 'block', 'target', 'design'] as const).filter((k) => a[k] !== undefined);
      if (a.erasure === undefined && sweepOptions.length > 0) {
        throw new UsageError(`--${sweepOptions.join(', --')} set${sweepOptions.length === 1 ? 's' : ''} up the erasure sweep: give --erasure too`);
      }
      if (a.target !== undefined && !(a.target > 0 && a.target <= 1)) throw new UsageError(`--target must lie in (0, 1], got ${a.target}`);
      if (!(Number.isInteger(a.seeds) && a.seeds >= 1 && a.seeds <= 100)) throw new UsageError(`--seeds must be a whole number in 1..100, got ${a.seeds}`);
      if (!(Number.isInteger(a.seed) && a.seed >= 0 && a.seed <= 0xffffffff)) throw new UsageError(`--seed must be an integer in [0, 2^32), got ${a.seed}`);
      return true;
    }) as unknown as Argv<T & RateArgs>;
}

/** The records of the run: Brown sentences (document = Brown document), or the input's records (document = file). */
async function readRecords(args: RateArgs): Promise<{ source: string; records: SplittableRecord[] }> {
  const records: SplittableRecord[] = [];
  if (args.corpus === 'brown') {
    for await (const s of readBrown()) records.push(s);
    return { source: 'brown', records };
  }
  const inputs = args.input && args.input.length > 0 ? args.input : ['-'];
  const files = await expandInputs(inputs);
  for (const file of files) {
    for await (const t of readTexts([file], { unit: args.unit ?? 'line', fields: jsonFieldsOf(args) })) {
      // One file: every record is its own document; several files: each file is a document.
      records.push({ id: String(t.id ?? t.where), text: t.text, document: files.length > 1 ? file : undefined });
    }
  }
  if (records.length === 0) throw new InputError(`${inputs.join(', ')}: no records to measure`);
  return { source: inputs.join(' '), records };
}

/** A distortion sweep as --distortion writes it. */
function distortionSpec(sweep: DistortionSweep): string {
  return `'max-skills=${sweep.maxSkills.join(',')};coverage=${sweep.coverage.join(',')};min-information=${sweep.minInformation.join(',')}'`;
}

/** --distortion SPEC: 'max-skills=K,...;coverage=K,...;min-information=B,...' (any part may be left out), or '' for the defaults. */
function parseDistortion(spec: string): DistortionSweep {
  if (spec.trim() === '') return DEFAULT_DISTORTION;
  const sweep: DistortionSweep = { maxSkills: [], coverage: [], minInformation: [] };
  for (const part of spec.split(';').map((p) => p.trim()).filter((p) => p !== '')) {
    const [knob, values] = part.split('=').map((p) => p.trim());
    if (knob === 'max-skills' && values) sweep.maxSkills = parseNumberList(values, 'distortion', (x) => Number.isInteger(x) && x >= 0, 'whole numbers of skills');
    else if (knob === 'coverage' && values) sweep.coverage = parseNumberList(values, 'distortion', (x) => Number.isInteger(x) && x >= 0, 'whole numbers of skills');
    else if (knob === 'min-information' && values) sweep.minInformation = parseNumberList(values, 'distortion', (x) => Number.isFinite(x) && x >= 0, 'bits, 0 or more');
    else throw new UsageError(`--distortion: '${part}' is not max-skills=K,..., coverage=K,... or min-information=B,...`);
  }
  return sweep;
}

/** Reads the records and runs the measurements the arguments ask for; `theory` adds the ensemble's thresholds. */
export async function runRate(args: RateArgs, progress: (message: string) => void, theory = false): Promise<RateReport> {
  // Every option is checked before the records are read and a model is trained.
  const repetitions = (args.repetition ?? SWEEP_DEFAULTS.repetition).split(';').map((s) => s.trim()).filter((s) => s !== '');
  for (const spec of repetitions) parseDegreeSpec(spec);
  const options: RateOptions = {
    seed: args.seed,
    sweep: args.sweep === undefined ? [] : parseNumberList(args.sweep, 'sweep', (x) => x > 0 && x <= 1, 'in (0, 1]'),
    distortion: args.distortion === undefined ? null : parseDistortion(args.distortion),
    concepts: args.concepts === undefined ? [] : parseNumberList(args.concepts, 'concepts', (x) => Number.isInteger(x) && x >= 0 && x <= 20, 'whole numbers 0..20'),
    layered: args.layered === undefined ? [] : parseNumberList(args.layered, 'layered', (x) => Number.isInteger(x) && x >= 0 && x <= 20, 'whole numbers 0..20'),
    erasures: args.erasure === undefined ? [] : parseNumberList(args.erasure, 'erasure', (x) => x >= 0 && x < 1, 'in [0, 1)'),
    repetitions,
    overheads: parseNumberList(args.overhead ?? SWEEP_DEFAULTS.overhead, 'overhead', (x) => x >= 1 && x <= MAX_OVERHEAD, `in [1, ${MAX_OVERHEAD}]`),
    blocks: parseNumberList(args.block ?? SWEEP_DEFAULTS.block, 'block', (x) => Number.isInteger(x) && x >= 1 && x <= MAX_BLOCK, `an integer in 1..${MAX_BLOCK}`),
    target: args.target ?? SWEEP_DEFAULTS.target,
    designs: parseNumberList(args.design ?? SWEEP_DEFAULTS.design, 'design', (x) => x >= 0 && x < 1, 'in [0, 1)'),
    theory,
    progress,
  };
  const { source, records } = await readRecords(args);
  const report = await measureRateOverSeeds({ source, records, modelFile: args.model, trainFraction: args['train-fraction'] }, options, args.seeds);
  const command = ['skillzip', ...process.argv.slice(2)].map((a) => (/^[\w./:=,@+-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(' ');
  return { ...report, meta: { version: skillzipVersion(), command, modelId: report.model.id, date: new Date().toISOString() } };
}
