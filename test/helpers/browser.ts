import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium (apt-get install chromium), or CHROMIUM_PATH; undefined when there is none. */
export function chromiumPath(): string | undefined {
  return [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p !== undefined && existsSync(p));
}

/** Starts the system's chromium headless through playwright-core (no browser download). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (executablePath === undefined) throw new Error('no chromium: apt-get install chromium, or set CHROMIUM_PATH');
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

/** What a page did while loading: its console errors, its uncaught exceptions, every request it made. */
export interface PageReport {
  readonly consoleErrors: string[];
  readonly pageErrors: string[];
  readonly requests: string[];
  /** Number of MathML formulas, and those laid out with no width or height (not rendered). */
  readonly formulas: number;
  readonly unrendered: string[];
  /** KaTeX error elements (a formula KaTeX could not parse). */
  readonly katexErrors: number;
  readonly figures: number;
}

/** Opens `url` (file://…), waits for it to load, checks its formulas, and screenshots the first screen to `screenshot`. */
export async function inspectPage(browser: Browser, url: string, screenshot: string): Promise<PageReport> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
  const report = { consoleErrors: [] as string[], pageErrors: [] as string[], requests: [] as string[] };
  page.on('console', (m) => {
    if (m.type() === 'error') report.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => report.pageErrors.push(e.message));
  page.on('request', (r) => report.requests.push(r.url()));
  await page.goto(url, { waitUntil: 'load' });
  // Run in the page (as a string: the tests are type-checked without the DOM library).
  const checks = (await page.evaluate(`(() => {
    const maths = [...document.querySelectorAll('math')];
    const unrendered = maths.filter((m) => {
      const box = m.getBoundingClientRect();
      return !(box.width > 0 && box.height > 0);
    }).map((m) => m.querySelector('annotation')?.textContent ?? m.outerHTML.slice(0, 200));
    return {
      formulas: maths.length,
      unrendered,
      katexErrors: document.querySelectorAll('.katex-error').length,
      figures: document.querySelectorAll('figure svg').length,
    };
  })()`)) as Pick<PageReport, 'formulas' | 'unrendered' | 'katexErrors' | 'figures'>;
  await page.screenshot({ path: screenshot });
  await page.close();
  return { ...report, ...checks };
}
