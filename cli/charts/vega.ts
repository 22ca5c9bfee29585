// Charts as vega-lite specifications (Satyanarayan et al., "Vega-Lite: A Grammar of Interactive Graphics", 2017),
// rendered headless by vega to SVG, and to PNG by resvg (a prebuilt Rust rasteriser). Measured values are points
// coloured by series, skillzip's drawn over the baselines and each labelled with its setting when it has a label,
// with their 95 % intervals over seeds as error bars; predictions are dashed lines in the same
// colours; a second legend tells the two apart.
// vega, vega-lite and @resvg/resvg-js are optional dependencies, loaded only by `loadChartRenderer` (the commands that
// draw files: rate --plot FILE, report); without them those commands say what to install.

import type { TopLevelSpec } from 'vega-lite';
import { UsageError } from '../../src/util/errors.js';
import type { Chart } from './chart.js';

/** The optional packages that draw charts, with the versions package.json names. */
export const CHART_PACKAGES = ['vega@6.4.0', 'vega-lite@6.4.3', '@resvg/resvg-js@2.6.2'] as const;

const WIDTH = 420;
const HEIGHT = 260;

function layers(chart: Chart): object[] {
  const x = { field: 'x', type: 'quantitative', title: chart.xTitle, scale: chart.xScale === 'log' ? { type: 'log', nice: false } : { type: 'linear', zero: false } };
  const y = { field: 'y', type: 'quantitative', title: chart.yTitle, scale: chart.yDomain ? { domain: chart.yDomain } : { zero: false } };
  const color = { field: 'series', type: 'nominal', title: null };
  // The two legends (points: measured, dashes: prediction) need fields of their own, or vega-lite merges them.
  const measured = chart.measured.map((p) => ({ ...p, measurement: 'measured' }));
  const predicted = chart.predicted.map((p) => ({ ...p, prediction: chart.predictedLabel }));
  const out: object[] = [];
  if (predicted.length > 0) {
    out.push({
      data: { values: predicted },
      mark: { type: 'line', strokeWidth: 1.5 },
      encoding: { x, y, color, detail: { field: 'series' }, strokeDash: { field: 'prediction', type: 'nominal', title: null, scale: { range: [[5, 3]] } } },
    });
  }
  const bars = measured.filter((p) => p.low !== undefined && p.high !== undefined && p.high > p.low);
  if (bars.length > 0) {
    out.push({ data: { values: bars }, mark: { type: 'rule', strokeWidth: 1.2 }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' }, color } });
  }
  if (measured.length > 0 && chart.joinMeasured) {
    const detail = measured.some((p) => p.path !== undefined) ? { detail: { field: 'path' } } : {};
    out.push({ data: { values: measured }, mark: { type: 'line', strokeWidth: 0.8, opacity: 0.6 }, encoding: { x, y, color, ...detail } });
  }
  // Points in two layers, skillzip's (front) last so they are drawn over the baselines; then the labels.
  for (const front of [false, true]) {
    const values = measured.filter((p) => (p.front ?? false) === front);
    if (values.length === 0) continue;
    out.push({
      data: { values },
      mark: { type: 'point', filled: true, size: front ? 60 : 40, opacity: front ? 1 : 0.75 },
      encoding: { x, y, color, shape: { field: 'measurement', type: 'nominal', title: null } },
    });
  }
  const labelled = measured.filter((p) => p.label !== undefined);
  if (labelled.length > 0) {
    out.push({
      data: { values: labelled },
      mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 5, dy: -3, fontSize: 9 },
      encoding: { x, y, color, text: { field: 'label', type: 'nominal' } },
    });
  }
  return out;
}

/** The vega-lite specification of one chart (without top-level config). */
export function chartSpec(chart: Chart): object {
  return { title: chart.title, width: WIDTH, height: HEIGHT, layer: layers(chart), resolve: { scale: { color: 'shared' } } };
}

function topLevel(body: object): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: 'white',
    padding: 12,
    config: { font: 'DejaVu Sans, Liberation Sans, Arial, sans-serif', legend: { orient: 'right', labelLimit: 320 } },
    ...body,
  } as TopLevelSpec;
}

export interface ChartRenderer {
  /** One chart as a standalone SVG document. */
  renderChartSvg(chart: Chart): Promise<string>;
  /** Several charts stacked vertically in one SVG document (for `--plot FILE.svg`). */
  renderChartsSvg(charts: Chart[]): Promise<string>;
  /** Rasterises an SVG document to PNG at twice its size, with the system's fonts. */
  svgToPng(svg: string): Buffer;
}

/** How a package is imported; tests pass one that fails, as when a package is not installed. */
export type PackageImporter = (name: string) => Promise<unknown>;

function isMissingPackage(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

/** Loads vega, vega-lite and resvg; a UsageError naming what to install when one of them is missing. */
export async function loadChartRenderer(importPackage: PackageImporter = (name) => import(name)): Promise<ChartRenderer> {
  let packages;
  try {
    packages = await Promise.all([importPackage('vega'), importPackage('vega-lite'), importPackage('@resvg/resvg-js')]);
  } catch (err) {
    if (!isMissingPackage(err)) throw err;
    throw new UsageError(
      `drawing SVG or PNG charts needs the optional packages ${CHART_PACKAGES.map((p) => p.replace(/@[^@]*$/, '')).join(', ')}, which are not installed: ` +
        `npm install ${CHART_PACKAGES.join(' ')} (or --plot - for ASCII charts)`,
    );
  }
  const [vega, vl, resvg] = packages as [typeof import('vega'), typeof import('vega-lite'), typeof import('@resvg/resvg-js')];
  const toSvg = async (spec: TopLevelSpec): Promise<string> => {
    const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
    try {
      return await view.toSVG();
    } finally {
      view.finalize();
    }
  };
  return {
    renderChartSvg: (chart) => toSvg(topLevel(chartSpec(chart))),
    renderChartsSvg: (charts) =>
      toSvg(topLevel({ vconcat: charts.map(chartSpec), resolve: { scale: { color: 'independent', shape: 'independent', strokeDash: 'independent' } } })),
    svgToPng: (svg) =>
      new resvg.Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng(),
  };
}
