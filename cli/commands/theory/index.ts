// `skillzip theory <subcommand>`: the emergence core on the command line, one module per subcommand here, each
// loaded only when it runs (cli/lazy-commands.ts).

import type { CommandEntry } from '../../lazy-commands.js';

export const theoryCommands: CommandEntry[] = [
  { command: 'threshold', describe: 'Learning threshold R* and load G* = 1/R*, or the emergence jump R_c and lower spinodal', load: async () => (await import('./threshold.js')).threshold },
  { command: 'curve', describe: 'The emergence curve: DE fixed point (learned fraction, testing errors, iterations) against R', load: async () => (await import('./curve.js')).curve },
  { command: 'scaling', describe: 'Scaling law: testing error against R with the fitted slope (semi-log) and exponent (log-log)', load: async () => (await import('./scaling.js')).scaling },
  { command: 'percolation', describe: 'Giant component of learned skills in the skill association graph, and its existence threshold', load: async () => (await import('./percolation.js')).percolation },
  { command: 'finetune', describe: 'Foundation → fine-tune: specialised skills learned on top of a foundation vs from scratch', load: async () => (await import('./finetune.js')).finetune },
  { command: 'competence [input..]', describe: 'Arora–Goyal competence bound: emergence curve over α, against scale, or measured on a model and texts', load: async () => (await import('./competence.js')).competence },
  { command: 'tap', describe: 'The adjacent possible: TAP trajectory and blow-up time (two-scale, differential, resource-constrained)', load: async () => (await import('./tap.js')).tap },
  { command: 'compare', describe: 'DE learned fraction against R, Arora–Goyal competence against scale and the TAP trajectory, side by side', load: async () => (await import('./compare.js')).compare },
];
