/**
 * Opens the HTML report in headless Chromium: no console errors, charts drawn, filters working, a phone-width layout
 * without sideways scrolling, and full-page screenshots that are more than a blank page.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inflateSync } from 'node:zlib';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../src/catalog/schema.js';
import { fixtureCatalog, sampleAssessment } from '../../src/findings/__fixtures__/sample-assessment.js';
import { rollup } from '../../src/findings/assessment.js';
import { renderHtml } from '../../src/findings/reporters/html.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
/** Screenshots go to the OS temp dir (override with STEWARD_SCREENSHOT_DIR) so the work tree stays clean. */
const SHOT_DIR = process.env.STEWARD_SCREENSHOT_DIR ?? join(tmpdir(), 'steward-screenshots');
const haveChromium = existsSync(CHROMIUM);

if (!haveChromium && !process.env.CI) {
  describe.skip(`HTML report in Chromium: skipped because ${CHROMIUM} is missing (apt-get install -y chromium)`, () => {
    it('renders', () => {});
  });
} else {
  describe('HTML report in Chromium', () => {
    let browser: Browser;
    let dir: string;
    let url: string;

    beforeAll(async () => {
      if (!haveChromium) {
        throw new Error(`${CHROMIUM} not found: CI must install Chromium (apt-get install -y chromium) for this test`);
      }
      const catalog = fixtureCatalog();
      const a = sampleAssessment();
      const html = renderHtml(a, { catalog, rollup: rollup(a.findings, catalog), failOn: 'high', color: false });
      dir = mkdtempSync(join(tmpdir(), 'steward-html-'));
      const file = join(dir, 'report.html');
      writeFileSync(file, html);
      url = pathToFileURL(file).href;
      mkdirSync(SHOT_DIR, { recursive: true });
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    });

    afterAll(async () => {
      await browser?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    /** Open the report, collecting console errors, uncaught exceptions and dialogs (an alert would mean XSS). */
    async function open(opts: { width: number; colorScheme?: 'light' | 'dark' }) {
      const page = await browser.newPage({
        viewport: { width: opts.width, height: 900 },
        colorScheme: opts.colorScheme ?? 'light',
      });
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('dialog', (d) => {
        problems.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`);
      });
      await page.goto(url, { waitUntil: 'load' });
      return { page, problems };
    }

    it('loads cleanly, draws every chart, and screenshots to a non-trivial PNG', async () => {
      const { page, problems } = await open({ width: 1280 });
      const charts = page.locator('svg.chart');
      expect(await charts.count()).toBe(3);
      for (const chart of await charts.all()) {
        await expect.poll(() => chart.isVisible()).toBe(true);
        const box = await chart.boundingBox();
        expect(box?.width).toBeGreaterThan(300);
        expect(box?.height).toBeGreaterThan(40);
      }
      const layerRows = page.locator('#chart-layers svg.chart .bar-row');
      expect(await layerRows.count()).toBe(LAYERS.length);
      expect(await layerRows.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-key')))).toEqual([...LAYERS]);
      for (const row of await layerRows.all()) expect((await row.boundingBox())?.height).toBeGreaterThan(10);
      expect(await page.locator('#chart-owasp .bar-row').count()).toBe(10);
      // Painted bars have real width (percent lengths resolved against the SVG).
      const failBar = await page.locator('#chart-layers .seg-fail').first().boundingBox();
      expect(failBar?.width).toBeGreaterThan(100);

      const file = join(SHOT_DIR, 'html-report.png');
      const png = await page.screenshot({ path: file, fullPage: true });
      expect(problems).toEqual([]);
      expect(statSync(file).size).toBeGreaterThan(20_000);
      expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
      expect(distinctColours(png)).toBeGreaterThan(20);
      await page.close();
    });

    it('runs its filter script (allowed by the CSP) and narrows the findings table', async () => {
      const { page, problems } = await open({ width: 1280 });
      const visibleRows = () => page.locator('#findings tr.finding:visible').count();
      await expect.poll(() => page.locator('#findings .filters').isVisible()).toBe(true);
      const all = await visibleRows();
      expect(all).toBe(4);
      await page.fill('#f-q', 'chatbotrole');
      expect(await visibleRows()).toBe(1);
      await expect.poll(() => page.locator('#f-count').textContent()).toBe('1 of 4 shown');
      await page.fill('#f-q', '');
      await page.selectOption('#f-status', 'fail');
      expect(await visibleRows()).toBe(2);
      await page.selectOption('#f-sev', '4');
      expect(await visibleRows()).toBe(1);
      await page.locator('#findings tr.finding:visible summary').first().click();
      await expect.poll(() => page.locator('#findings details[open]').count()).toBe(1);
      expect(problems).toEqual([]);
      await page.close();
    });

    it('fits a phone screen without sideways scrolling', async () => {
      const { page, problems } = await open({ width: 420 });
      const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
      expect(overflow).toBeLessThanOrEqual(0);
      for (const chart of await page.locator('svg.chart').all()) {
        const box = await chart.boundingBox();
        expect(box?.width).toBeGreaterThan(250);
        expect(box?.width).toBeLessThanOrEqual(420);
      }
      // Chart figures switch to their short form, so labels and numbers do not collide.
      expect(await page.locator('#chart-layers .val.long').first().isVisible()).toBe(false);
      expect(await page.locator('#chart-layers .val.short').first().isVisible()).toBe(true);
      const file = join(SHOT_DIR, 'html-report-narrow.png');
      await page.screenshot({ path: file, fullPage: true });
      expect(statSync(file).size).toBeGreaterThan(20_000);
      expect(problems).toEqual([]);
      await page.close();
    });

    it('follows a dark colour scheme', async () => {
      const luminance = async (scheme: 'light' | 'dark') => {
        const { page, problems } = await open({ width: 1024, colorScheme: scheme });
        const rgb = String(await page.evaluate('getComputedStyle(document.body).backgroundColor'));
        expect(problems).toEqual([]);
        await page.screenshot({ path: join(SHOT_DIR, `html-report-${scheme}.png`), fullPage: true });
        await page.close();
        const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
        return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
      };
      expect(await luminance('light')).toBeGreaterThan(0.8);
      expect(await luminance('dark')).toBeLessThan(0.2);
    });
  });
}

/**
 * Distinct colours over a grid of sampled pixels of an 8-bit, non-interlaced RGB(A) PNG (what Chromium writes).
 * Decoded here with zlib so the check does not trust the browser that drew the page.
 */
function distinctColours(png: Buffer): number {
  let off = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (off < png.length) {
    const size = png.readUInt32BE(off);
    const type = png.toString('latin1', off + 4, off + 8);
    const data = png.subarray(off + 8, off + 8 + size);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8], 'bit depth').toBe(8);
      expect(data[12], 'interlace').toBe(0);
      channels = data[9] === 6 ? 4 : data[9] === 2 ? 3 : 0;
      expect(channels, 'colour type').toBeGreaterThan(0);
    } else if (type === 'IDAT') idat.push(data);
    off += 12 + size;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  // Undo the per-row filters (PNG spec section 9).
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const upLeft = y > 0 && x >= channels ? pixels[(y - 1) * stride + x - channels]! : 0;
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      const paeth = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      const predictor = [0, left, up, (left + up) >> 1, paeth][filter]!;
      pixels[y * stride + x] = (raw[src + x]! + predictor) & 0xff;
    }
  }
  const seen = new Set<number>();
  for (let y = 0; y < height; y += 7) {
    for (let x = 0; x < width; x += 7) {
      const i = y * stride + x * channels;
      seen.add((pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!);
    }
  }
  return seen.size;
}
