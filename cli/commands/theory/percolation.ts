// `skillzip theory percolation`: the giant component of learned skills in the skill association graph against R
// (THEORY.md §7): degree-dependent occupation from DE (learned), uniform occupation φ, or every skill occupied;
// with the existence threshold (src/theory/percolation.ts).

import type { Argv } from 'yargs';
import { UsageError } from '../../../src/util/errors.js';
import { percolationAt, percolationThreshold, type Occupation } from '../../../src/theory/percolation.js';
import { printResult, type Table } from '../../output.js';
import { ensembleFromArgs, parseRatios, withEnsembleOptions, withFormatOptions, type EnsembleArgs, type FormatArgs } from '../../ensemble-options.js';
import type { CommandBody } from '../../lazy-commands.js';

type PercolationArgs = EnsembleArgs & FormatArgs & { occupation: string };

/** --occupation learned | all | uniform:PHI. */
function parseOccupation(spec: string): Occupation {
  const text = spec.trim().toLowerCase();
  if (text === 'learned') return { kind: 'learned' };
  if (text === 'all') return { kind: 'uniform', phi: 1 };
  const match = /^uniform:\s*([0-9.eE+-]+)$/.exec(text);
  const phi = match ? Number(match[1]) : NaN;
  if (!(phi >= 0 && phi <= 1)) throw new UsageError(`--occupation '${spec}': expected learned, all or uniform:PHI with PHI in [0, 1]`);
  return { kind: 'uniform', phi };
}

export const percolation: CommandBody<PercolationArgs> = {
  builder: (y) =>
    withFormatOptions(withEnsembleOptions(y, '0.1:3:0.1'), 'the giant component against R')
      .option('occupation', { type: 'string', default: 'learned', describe: 'Which skills are occupied: learned (DE), all, uniform:PHI' })
      .example('$0 theory percolation --pp 3 --plot', 'learned skills percolate once they emerge')
      .example('$0 theory percolation --pp 3 --occupation all --ratio 0.1', 'all skills: giant iff d²R > 1') as unknown as Argv<PercolationArgs>,
  handler: (args) => {
    const ensemble = ensembleFromArgs(args);
    const occupation = parseOccupation(args.occupation);
    const points = parseRatios(args.ratio as string).map((ratio) => percolationAt(ensemble, ratio, occupation));
    const threshold = percolationThreshold(ensemble, occupation);
    const table: Table = {
      title: `${ensemble.describe()}; occupation ${args.occupation}; giant component from R = ${threshold ?? 'never (within R ≤ 1e4)'}`,
      columns: ['ratio', 'occupied', 'giant', 'criterion', 'exists'],
      rows: points.map((p) => [p.ratio, p.occupied, p.giant, p.criterion, p.exists]),
    };
    printResult({ ensemble: ensemble.toJSON(), occupation, threshold, points }, [table], args, {
      series: [
        { name: 'giant component', points: points.map((p) => [p.ratio, p.giant]) },
        { name: 'occupied', points: points.map((p) => [p.ratio, p.occupied]) },
      ],
      xLabel: 'R = texts/skills',
      yLabel: 'share of skills',
    });
  },
};
