// A TAP trajectory (src/theory/tap.ts) for people and for JSON (`theory tap`, `theory compare`): exact integers while
// they fit, shortened in tables, the blow-up time and why the run stopped.

import type { TapTrajectory } from '../../src/theory/tap.js';
import type { TapArgs } from '../theory-options.js';

/** Exact values in full for JSON and CSV; shortened in tables beyond this many digits. */
const TABLE_DIGITS = 40;

/** The trajectory as printable rows: t, M (double or null), log10 M, the exact integer (a decimal string) if known. */
export function tapRows(run: TapTrajectory, shorten: boolean): Array<[number, number | null, number | null, string | null]> {
  return run.points.map((p) => {
    let exact = p.exact === null ? null : p.exact.toString();
    if (exact !== null && shorten && exact.length > TABLE_DIGITS) exact = `${exact.slice(0, 12)}…(${exact.length} digits)`;
    return [p.t, p.value, Number.isFinite(p.log10) ? p.log10 : null, exact];
  });
}

export function tapSummary(run: TapTrajectory, args: TapArgs): string {
  const blowup = run.blowupTime === null ? 'no blow-up in this run' : `blow-up (M ≥ 1e${args['blowup-at']}) at t = ${Number(run.blowupTime.toPrecision(8))}`;
  const stop = { steps: 'all steps done', overflow: 'stopped: the next value is beyond 2^(2^1024)', blowup: 'stopped at blow-up' }[run.stop];
  return `${blowup}; ${stop}`;
}

/** The JSON form of a trajectory (exact integers as decimal strings, M beyond doubles as null). */
export function tapJson(run: TapTrajectory): object {
  return { ...run, points: run.points.map((p) => ({ ...p, log10: Number.isFinite(p.log10) ? p.log10 : null, exact: p.exact?.toString() ?? null })) };
}
