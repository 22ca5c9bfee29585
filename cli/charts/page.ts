// The self-contained HTML page of `skillzip report`: tables and inline SVG charts, a stylesheet in the page, no
// scripts and no network (a Content-Security-Policy forbids every fetch), so the file can be mailed or archived
// and opens the same anywhere.

import { formatCell, type Table } from '../output.js';

export interface Figure {
  id: string;
  caption: string;
  /** A standalone SVG document (from cli/charts/vega.ts). */
  svg: string;
}

export interface ReportSection {
  heading: string;
  paragraphs?: string[];
  tables?: Table[];
  figures?: Figure[];
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => escapes[c]);
}

function tableHtml(table: Table): string {
  const numeric = table.columns.map((_, c) => table.rows.every((row) => typeof row[c] === 'number' || row[c] == null));
  const cell = (tag: 'td' | 'th', text: string, c: number): string => `<${tag}${numeric[c] ? ' class="num"' : ''}>${escapeHtml(text)}</${tag}>`;
  return [
    '<table>',
    table.title ? `<caption>${escapeHtml(table.title)}</caption>` : '',
    `<thead><tr>${table.columns.map((h, c) => cell('th', h, c)).join('')}</tr></thead>`,
    `<tbody>${table.rows.map((row) => `<tr>${row.map((v, c) => cell('td', formatCell(v), c)).join('')}</tr>`).join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}

function figureHtml(figure: Figure): string {
  const svg = figure.svg.replace(/^<\?xml[^>]*>\s*/, '');
  return `<figure class="chart" id="${escapeHtml(figure.id)}">\n${svg}\n<figcaption>${escapeHtml(figure.caption)}</figcaption>\n</figure>`;
}

const STYLE = `
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 2em auto; max-width: 72em; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; border-bottom: 1px solid #ccc; margin-top: 2em; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.7em; text-align: left; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure.chart { display: inline-block; margin: 1em 1em 1em 0; }
figcaption { font-size: 0.85em; color: #555; max-width: 40em; }
p.meta { color: #666; font-size: 0.85em; }`;

/** The whole page: a title, a line saying how it was made, then the sections in order. */
export function renderReportPage(title: string, meta: string, sections: ReportSection[]): string {
  const body = sections.map((section) =>
    [
      `<section>\n<h2>${escapeHtml(section.heading)}</h2>`,
      ...(section.paragraphs ?? []).map((p) => `<p>${escapeHtml(p)}</p>`),
      ...(section.tables ?? []).map(tableHtml),
      ...(section.figures ?? []).map(figureHtml),
      '</section>',
    ].join('\n'),
  );
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}\n</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    `<p class="meta">${escapeHtml(meta)}</p>`,
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
