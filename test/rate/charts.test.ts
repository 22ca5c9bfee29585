import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Chart } from '../../cli/charts/chart.js';
import { renderChartSvg, renderChartsSvg, svgToPng } from '../../cli/charts/vega.js';
import { renderAsciiChart } from '../../cli/charts/ascii.js';
import { escapeHtml, renderReportPage } from '../../cli/charts/page.js';

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

/** Chromium for the report test: Debian's package, installed by .ci/run. */
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) {
  console.warn(`skipping the headless-chromium report test: ${CHROMIUM} is missing (apt-get install chromium; .ci/run does it)`);
}

describe('charts', () => {
  it('renders axes with units, titles and legends into SVG', async () => {
    const svg = await renderChartSvg(emergence);
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of ['Emergence', 'R = texts per skill', 'learned fraction of skills', 'Brown', 'measured', 'DE']) {
      expect(svg).toContain(`>${text}<`);
    }
  });

  it('stacks several charts in one SVG and rasterises it to PNG', async () => {
    const svg = await renderChartsSvg([emergence, rate]);
    expect(svg).toContain('>Rate against fidelity<');
    expect(svg).toContain('>brotli -11<');
    const png = svgToPng(svg);
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

  it.skipIf(!haveChromium && !process.env.CI)('the report page renders every chart in headless chromium and logs no error', async () => {
    const { chromium } = await import('playwright-core');
    const figures = await Promise.all([emergence, rate].map(async (c) => ({ id: c.id, caption: c.title, svg: await renderChartSvg(c) })));
    const html = renderReportPage('Test report', 'made by the test', [
      { heading: 'Tables', tables: [{ title: 'T', columns: ['a', 'b'], rows: [[1, 'x <y>']] }] },
      { heading: 'Charts', figures },
    ]);
    const dir = mkdtempSync(path.join(tmpdir(), 'skillzip-report-'));
    const file = path.join(dir, 'report.html');
    writeFileSync(file, html);
    const browser = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`file://${file}`, { waitUntil: 'load' });
      const charts = await page.$$eval('figure.chart', (nodes) =>
        nodes.map((n) => {
          const svg = n.querySelector('svg');
          const box = svg?.getBoundingClientRect();
          return { id: n.id, width: box?.width ?? 0, height: box?.height ?? 0, marks: svg?.querySelectorAll('path').length ?? 0 };
        }),
      );
      expect(charts.map((c) => c.id)).toEqual(['emergence', 'rate-fidelity']);
      for (const c of charts) {
        expect(c.width).toBeGreaterThan(300);
        expect(c.height).toBeGreaterThan(200);
        expect(c.marks).toBeGreaterThan(5);
      }
      expect(await page.textContent('td:last-child')).toBe('x <y>');
      expect(errors).toEqual([]);
      expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
