// npm run screenshot [-- <notes.html> <out.png> [<figure number>]]: a picture of rendered notes in
// Debian's chromium (the test machinery's launcher, playwright-core, no browser download). Without
// arguments, the first screen of generated/chain-rule/model.html to docs/notes-page.png (the README's
// picture); with a figure number, only that figure of the page.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../test/helpers/browser.js';

const [html = 'generated/chain-rule/model.html', out = 'docs/notes-page.png', figure] = process.argv.slice(2);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 1500 } });
  await page.goto(pathToFileURL(resolve(html)).href, { waitUntil: 'load' });
  if (figure === undefined) await page.screenshot({ path: out });
  else await page.locator('figure').nth(Number(figure) - 1).screenshot({ path: out });
  console.log(`${out}: ${figure === undefined ? 'the first screen' : `figure ${figure}`} of ${html}`);
} finally {
  await browser.close();
}
