// The one description of a chart that every renderer draws (vega-lite → SVG/PNG for files and the HTML report,
// ASCII for the terminal): measured points and theory predictions as named series on shared, titled axes.

export interface ChartPoint {
  series: string;
  x: number;
  y: number;
  /** The 95 % interval of y over seeds, drawn as an error bar; absent for one seed. */
  low?: number;
  high?: number;
  /** A short text drawn beside the point, telling apart the points of one series (a training fraction, a knob's
   *  value), so the chart reads without the tables; a series of one point is named by the legend alone. */
  label?: string;
  /** Drawn above the other points (skillzip's own, above the baselines they are compared with). */
  front?: boolean;
  /** Joined lines run through the points of one series and one path (e.g. one knob of a rate–distortion curve). */
  path?: string;
}

export interface Chart {
  /** A stable name, used as the figure's id in the report. */
  id: string;
  title: string;
  /** Axis titles with their units. */
  xTitle: string;
  yTitle: string;
  xScale: 'linear' | 'log';
  /** A fixed y range, e.g. [0, 1] for shares; undefined to fit the data. */
  yDomain?: [number, number];
  /** Measured values, drawn as points (joined by a thin line when `joinMeasured`). */
  measured: ChartPoint[];
  /** Predictions of the theory, drawn as dashed lines. */
  predicted: ChartPoint[];
  joinMeasured: boolean;
  /** How the predictions are named in the legend, e.g. 'DE (THEORY.md §3)'. */
  predictedLabel: string;
}

/** True when the chart has something to draw. */
export function hasData(chart: Chart): boolean {
  return chart.measured.length + chart.predicted.length > 0;
}
