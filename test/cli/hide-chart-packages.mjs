// Loaded with `node --import` by test/cli/optional-charts.test.ts: a module resolve hook that makes vega, vega-lite and
// @resvg/resvg-js unresolvable, as they are when the optional dependencies were not installed.
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const HIDDEN = new Set(['vega', 'vega-lite', '@resvg/resvg-js']);

export async function resolve(specifier, context, next) {
  if (HIDDEN.has(specifier)) throw Object.assign(new Error(`Cannot find package '${specifier}' (hidden by the test)`), { code: 'ERR_MODULE_NOT_FOUND' });
  return next(specifier, context);
}

if (isMainThread) register(import.meta.url);
