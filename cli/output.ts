// Printing results: aligned tables for people, one JSON document (--json), CSV (--csv), ASCII charts (--plot).
// Every command that prints a result goes through `printResult`, so the three formats stay consistent.

export type Cell = string | number | boolean | null | undefined;
export interface Table {
  /** A short stable name: the file of `--csv DIR` (NAME.csv) and the NAME of `--table NAME`. */
  name?: string;
  title?: string;
  columns: string[];
  rows: Cell[][];
}

export interface OutputOptions {
  json?: boolean;
  csv?: boolean;
  plot?: boolean;
}

export interface Series {
  name: string;
  points: Array<[number, number]>;
  marker?: string;
}

/** Formats a number for a table: integers as they are, others with 6 significant digits. */
export function formatCell(value: Cell): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
    const abs = Math.abs(value);
    if (abs !== 0 && (abs < 1e-4 || abs >= 1e7)) return value.toExponential(4);
    return String(Number(value.toPrecision(6)));
  }
  return String(value);
}

export function renderTable(table: Table): string {
  const cells = [table.columns, ...table.rows.map((row) => row.map(formatCell))];
  const widths = table.columns.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? '').length)));
  const numeric = table.columns.map((_, c) => table.rows.every((row) => typeof row[c] === 'number' || row[c] == null));
  const line = (row: string[]): string =>
    row
      .map((cell, c) => (numeric[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  const out: string[] = [];
  if (table.title) out.push(table.title);
  out.push(line(cells[0]));
  out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells.slice(1)) out.push(line(row));
  return out.join('\n') + '\n';
}

function csvField(value: Cell): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A table as CSV: one header line of column names, then the rows (no title), as pandas and DuckDB read it. */
export function renderCsv(table: Table): string {
  // A short row would shift every later column for pandas and DuckDB: it is a bug here, never padded over.
  const short = table.rows.findIndex((row) => row.length !== table.columns.length);
  if (short >= 0) throw new Error(`table ${table.name ?? table.title}: row ${short + 1} has ${table.rows[short].length} cells for ${table.columns.length} columns`);
  return [table.columns, ...table.rows].map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

/** An ASCII scatter chart of one or more series on shared axes, with a legend. */
export function renderPlot(series: Series[], opts: { width?: number; height?: number; xLabel?: string; yLabel?: string } = {}): string {
  const width = opts.width ?? 64;
  const height = opts.height ?? 16;
  const all = series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (all.length === 0) return '(nothing to plot)\n';
  let [xMin, xMax] = [Math.min(...all.map((p) => p[0])), Math.max(...all.map((p) => p[0]))];
  let [yMin, yMax] = [Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[1]))];
  if (xMax === xMin) [xMin, xMax] = [xMin - 0.5, xMax + 0.5];
  if (yMax === yMin) [yMin, yMax] = [yMin - 0.5, yMax + 0.5];
  const grid = Array.from({ length: height }, () => Array<string>(width).fill(' '));
  const markers = ['*', 'o', '+', 'x', '#', '@'];
  series.forEach((s, i) => {
    const mark = s.marker ?? markers[i % markers.length];
    for (const [x, y] of s.points) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      const col = Math.round(((x - xMin) / (xMax - xMin)) * (width - 1));
      const row = height - 1 - Math.round(((y - yMin) / (yMax - yMin)) * (height - 1));
      grid[row][col] = mark;
    }
  });
  const yLabels = [formatCell(yMax), formatCell(yMin)];
  const pad = Math.max(...yLabels.map((l) => l.length));
  const out: string[] = [];
  if (opts.yLabel) out.push(opts.yLabel);
  grid.forEach((row, r) => {
    const label = r === 0 ? yLabels[0] : r === height - 1 ? yLabels[1] : '';
    out.push(`${label.padStart(pad)} |${row.join('')}`);
  });
  out.push(`${' '.repeat(pad)} +${'-'.repeat(width)}`);
  const left = formatCell(xMin);
  const right = formatCell(xMax);
  out.push(`${' '.repeat(pad + 2)}${left}${right.padStart(width - left.length)}`);
  if (opts.xLabel) out.push(`${' '.repeat(pad + 2)}${opts.xLabel.padStart(Math.floor((width + opts.xLabel.length) / 2))}`);
  out.push(series.map((s, i) => `${s.marker ?? markers[i % markers.length]} ${s.name}`).join('   '));
  return out.join('\n') + '\n';
}

/**
 * Prints a command's result in the format asked for: JSON (the whole document), CSV (the main table), or the
 * tables (and a chart with --plot) for people.
 */
export function printResult(
  doc: unknown,
  tables: Table[],
  opts: OutputOptions,
  plot?: { series: Series[]; xLabel?: string; yLabel?: string },
  out: NodeJS.WritableStream = process.stdout,
): void {
  if (opts.json) {
    out.write(JSON.stringify(doc, null, 2) + '\n');
    return;
  }
  if (opts.csv) {
    out.write(tables.map(renderCsv).join('\n'));
    return;
  }
  out.write(tables.map(renderTable).join('\n'));
  if (opts.plot && plot) out.write('\n' + renderPlot(plot.series, { xLabel: plot.xLabel, yLabel: plot.yLabel }));
}
