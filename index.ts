// skillzip's library API: what `import ... from 'skillzip'` offers.
export { Prng } from './src/util/prng.js';
export { InputError, UsageError } from './src/util/errors.js';
