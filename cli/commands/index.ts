// The list of skillzip's subcommands, one module each under cli/commands/, and the gzip-style default (no command).

import type { CommandModule } from 'yargs';
import { theoryCommand } from './theory/index.js';
import { trainCommand } from './train.js';
import { planCommand } from './plan.js';
import { inspectCommand } from './inspect.js';
import { rateCommand } from './rate.js';
import { reportCommand } from './report.js';
import { simulateCommand } from './simulate.js';
import { encodeCommand } from './encode.js';
import { decodeCommand } from './decode.js';
import { defaultCommand } from './default.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [theoryCommand, trainCommand, planCommand, inspectCommand, rateCommand, reportCommand, simulateCommand, encodeCommand, decodeCommand, defaultCommand];
