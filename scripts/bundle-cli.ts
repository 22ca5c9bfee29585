// Part of `npm run build`: bundles the command line (cli/bin.ts and everything it imports, yargs included) with
// esbuild into dist/bundle/ (and the worker threads of -T beside it: codec/worker.ts as worker.js, src/model/gather-worker.ts as gather-worker.js), one chunk per lazily loaded command (cli/lazy-commands.ts), because loading one file
// instead of hundreds of small modules cuts skillzip's start-up CPU by about a fifth (bench/startup.ts).
// Packages loaded at run time stay outside: the native add-on lzma-native, the WebAssembly zstd (@hpcc-js/wasm-zstd)
// and the optional chart packages, which cli/charts/vega.ts imports by name (msgpackr is imported without its native
// add-on, src/model/format.ts). CommonJS dependencies get a `require` of their own.

import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: { skillzip: 'cli/bin.ts', worker: 'codec/worker.ts', 'gather-worker': 'src/model/gather-worker.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['lzma-native', '@hpcc-js/wasm-zstd'],
  banner: { js: "import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);" },
  logLevel: 'warning',
});
