// The HTML notes in a real browser: every generated/<example>/model.html opens in Debian's chromium
// (driven by playwright-core; no browser download), loads nothing from anywhere, logs no error,
// and every formula is laid out (MathML); a screenshot of its first screen is written to
// test-output/screenshots/<example>.png. Skipped, saying why, only when chromium is absent.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { EXAMPLES } from '../scripts/examples.js';
import { chromiumPath, inspectPage, launchChromium } from './helpers/browser.js';
import { EXAMPLE_FIGURES } from './helpers/example-figures.js';
import { TexWriter } from '../src/backends/latex/tex-writer.js';
import { renderHtml } from '../src/backends/html/render-html.js';

const SCREENSHOTS = resolve('test-output/screenshots');
const hasChromium = chromiumPath() !== undefined;
if (!hasChromium) console.warn('test/html-notes.test.ts: skipped, no chromium (apt-get install chromium, or set CHROMIUM_PATH)');

describe.skipIf(!hasChromium)('HTML notes in headless chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each(EXAMPLES)('%s: loads with no request and no error, every formula rendered, first screen captured', async (name) => {
    const file = resolve('generated', name, 'model.html');
    const html = readFileSync(file, 'utf8');
    const url = pathToFileURL(file).href;
    const screenshot = join(SCREENSHOTS, `${name}.png`);
    const report = await inspectPage(browser, url, screenshot);
    expect(report.requests).toEqual([url]); // the page itself, nothing else
    expect(report.consoleErrors).toEqual([]);
    expect(report.pageErrors).toEqual([]);
    expect(report.katexErrors).toBe(0);
    expect(report.formulas).toBe((html.match(/<math /g) ?? []).length);
    // a page of notes, not an empty shell
    expect(report.formulas).toBeGreaterThan(10);
    expect(report.unrendered).toEqual([]);
    expect(readFileSync(screenshot).subarray(1, 4).toString()).toBe('PNG');
  });

  it('figures: inline SVG with MathML labels, every label rendered', async () => {
    const out = new TexWriter();
    out.section('Figures');
    for (const [name, figure] of Object.entries(EXAMPLE_FIGURES)) out.figure(figure, `The ${name.toLowerCase()} example, \\emph{drawn} with ${out.inline('x_{1}')}.`);
    const file = join(mkdtempSync(join(tmpdir(), 'nncompile-figures-')), 'figures.html');
    writeFileSync(file, renderHtml(out.blocks(), { source: 'figures.ts', command: 'test', notes: 'figures.tex', version: '0' }));
    const report = await inspectPage(browser, pathToFileURL(file).href, join(SCREENSHOTS, 'figures.png'));
    expect(report.figures).toBe(Object.keys(EXAMPLE_FIGURES).length);
    expect(report.requests).toHaveLength(1);
    expect(report.consoleErrors).toEqual([]);
    expect(report.formulas).toBeGreaterThan(40);
    expect(report.unrendered).toEqual([]);
  });
});
