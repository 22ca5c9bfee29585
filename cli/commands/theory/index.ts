// `skillzip theory <subcommand>`: the emergence core on the command line, one module per subcommand here.

import type { Argv, CommandModule } from 'yargs';
import { competenceCommand } from './competence.js';
import { tapCommand } from './tap.js';
import { compareCommand } from './compare.js';
import { thresholdCommand } from './threshold.js';
import { curveCommand } from './curve.js';
import { scalingCommand } from './scaling.js';
import { percolationCommand } from './percolation.js';
import { finetuneCommand } from './finetune.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const subcommands: CommandModule<any, any>[] = [thresholdCommand, curveCommand, scalingCommand, percolationCommand, finetuneCommand, competenceCommand, tapCommand, compareCommand];

export const theoryCommand: CommandModule = {
  command: 'theory <subcommand>',
  describe: 'Emergence theory: thresholds, curves, scaling law, percolation, fine-tuning, companion models',
  builder: (y: Argv) => y.command(subcommands).demandCommand(1, 'Name a theory subcommand (skillzip theory --help).'),
  handler: () => {},
};
