// Loads an HTML page in Debian's chromium (headless, through playwright-core) and reports what a reader would see:
// each chart figure's drawn size and mark count, console errors and warnings, uncaught page errors, and every
// request the page made (a self-contained page makes none beyond its own file).

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CHROMIUM = '/usr/bin/chromium';

/** Whether the browser test can run; it is skipped (with a message) only when chromium is absent outside CI. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing on CI: .ci/run must install Debian's chromium`);
  console.warn(`skipping the headless-chromium report test: ${CHROMIUM} is missing (apt-get install chromium; .ci/run does it)`);
  return false;
}

export interface PageView {
  charts: Array<{ id: string; width: number; height: number; marks: number; texts: string[] }>;
  errors: string[];
  requests: string[];
}

export async function viewPage(file: string): Promise<PageView> {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(path.join(tmpdir(), 'skillzip-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${path.resolve(file)}`, { waitUntil: 'load' });
    const charts = await page.$$eval('figure.chart', (nodes) =>
      nodes.map((n) => {
        const svg = n.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return {
          id: n.id,
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          marks: svg?.querySelectorAll('path').length ?? 0,
          texts: Array.from(svg?.querySelectorAll('text') ?? [], (t) => (t as { textContent: string | null }).textContent ?? ''),
        };
      }),
    );
    return { charts, errors, requests };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
