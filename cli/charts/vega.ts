// Charts as vega-lite specifications (Satyanarayan et al., "Vega-Lite: A Grammar of Interactive Graphics", 2017),
// rendered headless by vega to SVG, and to PNG by resvg (a prebuilt Rust rasteriser). Measured values are points
// coloured by series; predictions are dashed lines in the same colours; a second legend tells the two apart.

import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { Resvg } from '@resvg/resvg-js';
import type { Chart } from './chart.js';

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
  if (measured.length > 0 && chart.joinMeasured) {
    out.push({ data: { values: measured }, mark: { type: 'line', strokeWidth: 0.8, opacity: 0.6 }, encoding: { x, y, color } });
  }
  if (measured.length > 0) {
    out.push({
      data: { values: measured },
      mark: { type: 'point', filled: true, size: 45 },
      encoding: { x, y, color, shape: { field: 'measurement', type: 'nominal', title: null } },
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

async function toSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** One chart as a standalone SVG document. */
export function renderChartSvg(chart: Chart): Promise<string> {
  return toSvg(topLevel(chartSpec(chart)));
}

/** Several charts stacked vertically in one SVG document (for `--plot FILE.svg`). */
export function renderChartsSvg(charts: Chart[]): Promise<string> {
  return toSvg(topLevel({ vconcat: charts.map(chartSpec), resolve: { scale: { color: 'independent', shape: 'independent', strokeDash: 'independent' } } }));
}

/** Rasterises an SVG document to PNG at twice its size, with the system's fonts. */
export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } });
  return resvg.render().asPng();
}
