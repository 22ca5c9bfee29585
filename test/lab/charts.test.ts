import { beforeAll, describe, expect, it } from 'vitest';
import type { Chart } from '../../cli/charts/chart.js';
import { CHART_PACKAGES, loadChartRenderer, type ChartRenderer } from '../../cli/charts/vega.js';
import { UsageError } from '../../src/util/errors.js';
import packageJson from '../../package.json' with { type: 'json' };
import { renderAsciiChart } from '../../cli/charts/ascii.js';
import { escapeHtml } from '../../cli/charts/page.js';
import { chartSpec } from '../../cli/charts/vega.js';

const emergence: Chart = {
  id: 'emergence',
  title: 'Emergence',
  xTitle: 'R = texts per skill',
  yTitle: 'learned fraction of skills',
  xScale: 'linear',
  joinMeasured: true,
  predictedLabel: 'DE',
  measured: [0.5, 1, 2, 4].map((x) => ({ series: 'Brown', x, y: 1 - Math.exp(-x) + 0.01 })),
  predicted: [0.5, 1, 2, 4].map((x) => ({ series: 'Brown', x, y: 1 - Math.exp(-x) })),
};
const rate: Chart = {
  id: 'rate-fidelity',
  title: 'Rate against fidelity',
  xTitle: 'bits per input character',
  yTitle: 'skill recall',
  xScale: 'log',
  joinMeasured: false,
  predictedLabel: 'DE',
  measured: [
    { series: 'skillzip compact', x: 0.4, y: 0.8 },
    { series: 'gzip -9', x: 3.1, y: 1 },
    { series: 'brotli -11', x: 2.5, y: 1 },
  ],
  predicted: [],
};

describe('charts', () => {
  let renderer: ChartRenderer;
  beforeAll(async () => {
    renderer = await loadChartRenderer();
  });

  it('renders axes with units, titles and legends into SVG', async () => {
    const svg = await renderer.renderChartSvg(emergence);
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of ['Emergence', 'R = texts per skill', 'learned fraction of skills', 'Brown', 'measured', 'DE']) {
      expect(svg).toContain(`>${text}<`);
    }
  });

  it('labels each point with its setting and draws skillzip points over the baselines', async () => {
    const labelled: Chart = {
      ...rate,
      measured: [
        { series: 'skillzip compact', x: 0.4, y: 0.8, label: 'K ≤ 4', front: true },
        { series: 'gzip -9', x: 3.1, y: 1, label: 'gzip' },
        { series: 'brotli -11', x: 0.4, y: 0.8, label: 'brotli' },
      ],
    };
    const layers = (chartSpec(labelled) as { layer: Array<{ mark: { type: string }; data: { values: Array<{ series: string }> } }> }).layer;
    const points = layers.filter((l) => l.mark.type === 'point');
    expect(points.map((l) => l.data.values.map((v) => v.series))).toEqual([['gzip -9', 'brotli -11'], ['skillzip compact']]);
    expect(layers.indexOf(points[1])).toBeGreaterThan(layers.indexOf(points[0]));
    const svg = await renderer.renderChartSvg(labelled);
    for (const text of ['K ≤ 4', 'gzip', 'brotli']) expect(svg).toContain(`>${escapeHtml(text)}<`);
  });

  it('stacks several charts in one SVG and rasterises it to PNG', async () => {
    const svg = await renderer.renderChartsSvg([emergence, rate]);
    expect(svg).toContain('>Rate against fidelity<');
    expect(svg).toContain('>brotli -11<');
    const png = renderer.svgToPng(svg);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBeGreaterThan(800);
    expect(height).toBeGreaterThan(2 * 500);
  });

  it('draws the same data in ASCII, with a log axis marked as such', () => {
    const text = renderAsciiChart(rate);
    expect(text).toContain('log10 of bits per input character');
    expect(text).toContain('gzip -9 (measured)');
    expect(renderAsciiChart(emergence)).toContain('Brown (DE)');
  });

  it('escapes HTML in page text', () => {
    expect(escapeHtml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
  });

  it('says which optional packages to install when one is missing, as a usage error', async () => {
    const missing = (name: string): Promise<unknown> =>
      name === 'vega-lite' ? Promise.reject(Object.assign(new Error(`Cannot find package '${name}'`), { code: 'ERR_MODULE_NOT_FOUND' })) : import(name);
    const failure = loadChartRenderer(missing);
    await expect(failure).rejects.toThrow(UsageError);
    await expect(failure).rejects.toThrow(`needs the optional packages vega, vega-lite, @resvg/resvg-js, which are not installed: npm install ${CHART_PACKAGES.join(' ')}`);
  });

  it('names the versions that package.json lists as optional dependencies', () => {
    expect([...CHART_PACKAGES].sort()).toEqual(Object.entries(packageJson.optionalDependencies).map(([name, version]) => `${name}@${version}`).sort());
  });

  it('passes on any other failure of a chart package unchanged', async () => {
    const broken = new Error('vega failed to initialise');
    await expect(loadChartRenderer(() => Promise.reject(broken))).rejects.toBe(broken);
  });
});
