// The registry of skillzip's commands, one line each: name and description, and the module that is loaded only when
// the command runs (cli/lazy-commands.ts). The last, '$0', is the gzip-style default (no command).

import type { CommandEntry } from '../lazy-commands.js';
import { theoryCommands } from './theory/index.js';

export const commands: CommandEntry[] = [
  { command: 'theory <subcommand>', describe: 'Emergence theory: thresholds, curves, scaling law, percolation, fine-tuning, companion models', subcommands: theoryCommands, demand: 'Name a theory subcommand (skillzip theory --help).' },
  { command: 'train [input..]', describe: 'Train a skill model on a corpus (SCNS learner) and compare it with the density-evolution prediction', load: async () => (await import('./train.js')).train },
  { command: 'merge <shards..>', describe: 'Build the model of a corpus trained in parts (train --shard-out): the same model as training on all of it', load: async () => (await import('./merge.js')).merge },
  { command: 'plan [input..]', describe: 'Will it work on this corpus? The feasibility verdict and predicted learned share, held-out recall and rate by corpus size', load: async () => (await import('./plan.js')).plan },
  { command: 'inspect <file>', describe: 'Show what a model or stream file holds: id, sizes, extractor, statistics', load: async () => (await import('./inspect.js')).inspect },
  { command: 'rate [input..]', describe: 'Rate / fidelity / erasure trade-offs of skillzip against gzip and brotli, beside the theory', load: async () => (await import('./rate.js')).rate },
  { command: 'report [input..]', describe: 'The rate run as one self-contained HTML page with tables and charts (no network needed to view it)', load: async () => (await import('./report.js')).report },
  { command: 'simulate', describe: 'Monte-Carlo SCNS learning on random graphs, beside the density-evolution prediction', load: async () => (await import('./simulate.js')).simulate },
  { command: 'encode [file..]', describe: 'Encode texts as their learned skills (a .skz stream)', load: async () => (await import('./encode.js')).encode },
  { command: 'decode [file..]', describe: 'Decode .skz streams to the skills of their records', load: async () => (await import('./decode.js')).decode },
  { command: '$0 [file..]', describe: 'gzip-style: each FILE to FILE.skz (-d: back to FILE), stdin to stdout without FILEs', load: async () => (await import('./default.js')).gzipStyle },
];
