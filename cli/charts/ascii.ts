// Charts in the terminal (`--plot -`): each chart drawn by cli/output.ts's renderPlot, one series per measured or
// predicted curve, so the terminal shows the same data as the SVG.

import { renderPlot, type Series } from '../output.js';
import type { Chart, ChartPoint } from './chart.js';

function seriesOf(points: ChartPoint[], suffix: string): Series[] {
  const names = [...new Set(points.map((p) => p.series))];
  return names.map((name) => ({
    name: `${name} ${suffix}`,
    points: points.filter((p) => p.series === name).map((p): [number, number] => [p.x, p.y]),
  }));
}

export function renderAsciiChart(chart: Chart): string {
  const toAxis = (points: ChartPoint[]): ChartPoint[] =>
    chart.xScale === 'log' ? points.filter((p) => p.x > 0).map((p) => ({ ...p, x: Math.log10(p.x) })) : points;
  const series = [...seriesOf(toAxis(chart.measured), '(measured)'), ...seriesOf(toAxis(chart.predicted), `(${chart.predictedLabel})`)];
  const xLabel = chart.xScale === 'log' ? `log10 of ${chart.xTitle}` : chart.xTitle;
  return `${chart.title}\n${renderPlot(series, { xLabel, yLabel: chart.yTitle })}`;
}
