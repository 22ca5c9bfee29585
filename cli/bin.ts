#!/usr/bin/env node
// The `skillzip` program: a plain encode or decode runs without yargs (cli/fast-path.ts), every other command line
// through cli/main.ts, which is loaded only then.
import { plainCoding, runPlainCoding } from './fast-path.js';

const argv = process.argv.slice(2);
const plain = plainCoding(argv);
process.exitCode = plain ? await runPlainCoding(plain) : await (await import('./main.js')).main(argv);
