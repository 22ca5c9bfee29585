// `npm run bench [NAME...]`: runs each benchmark in a child process (so its peak memory is its own) and prints
// every figure beside its same-run baseline. `--json` prints the figures as JSON.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benches } from './index.js';
import type { BenchFigure } from './harness.js';
import { formatCell, renderTable } from '../cli/output.js';

const args = process.argv.slice(2);
const childIndex = args.indexOf('--child');
if (childIndex >= 0) {
  const bench = benches.find((b) => b.name === args[childIndex + 1]);
  if (!bench) throw new Error(`no benchmark named ${args[childIndex + 1]}`);
  const figures = await bench.run();
  process.stdout.write('\n@@FIGURES@@' + JSON.stringify(figures) + '\n');
} else {
  const json = args.includes('--json');
  const names = args.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !benches.some((b) => b.name === n));
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; known: ${benches.map((b) => b.name).join(', ')}\n`);
    process.exit(2);
  }
  const selected = names.length > 0 ? benches.filter((b) => names.includes(b.name)) : benches;
  const all: Array<BenchFigure & { bench: string }> = [];
  let failed = false;
  for (const bench of selected) {
    process.stderr.write(`bench ${bench.name}: ${bench.description}\n`);
    const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', fileURLToPath(import.meta.url), '--child', bench.name], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const marker = child.stdout.lastIndexOf('@@FIGURES@@');
    if (child.status !== 0 || marker < 0) {
      process.stderr.write(`bench ${bench.name} failed (exit ${child.status})\n${child.stdout}\n`);
      failed = true;
      continue;
    }
    const figures = JSON.parse(child.stdout.slice(marker + 11)) as BenchFigure[];
    for (const f of figures) all.push({ ...f, bench: bench.name });
  }
  if (json) {
    process.stdout.write(JSON.stringify(all, null, 2) + '\n');
  } else {
    process.stdout.write(
      renderTable({
        columns: ['bench', 'figure', 'value', 'unit', 'baseline', 'baseline value', 'ratio', 'target', 'met'],
        rows: all.map((f) => [
          f.bench,
          f.name,
          f.value,
          f.unit,
          f.baseline?.name,
          f.baseline ? `${formatCell(f.baseline.value)} ${f.baseline.unit}` : undefined,
          f.ratio,
          f.target,
          f.pass === undefined ? undefined : f.pass ? 'yes' : 'NO',
        ]),
      }),
    );
  }
  process.exitCode = failed ? 1 : 0;
}
