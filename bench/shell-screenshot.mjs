// Screenshot of what a visitor sees before the wasm runs: the page is loaded
// in Debian's headless Chromium at a phone's size with every .wasm request
// aborted, so only the HTML shell (with its inlined CSS) can paint.
//
// Usage: node shell-screenshot.mjs URL OUT.png
// Prints one JSON line: {"blocked": <aborted .wasm requests>, "text": <visible text>}.
import puppeteer from 'puppeteer-core';

const [url, out] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: node shell-screenshot.mjs URL OUT.png');
  process.exit(2);
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
  ],
});
try {
  const page = await browser.newPage();
  // A mid-range phone's viewport, as in the e2e tests.
  await page.setViewport({ width: 360, height: 640, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await page.setRequestInterception(true);
  let blocked = 0;
  page.on('request', (req) => {
    if (new URL(req.url()).pathname.endsWith('.wasm')) {
      blocked += 1;
      req.abort('blockedbyclient');
    } else {
      req.continue();
    }
  });
  // The loader's failed wasm fetch is expected here; keep it off the output.
  page.on('pageerror', () => {});
  await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
  // Give the (failing) loader a moment so the picture is what stays on screen.
  await new Promise((r) => setTimeout(r, 500));
  await page.screenshot({ path: out });
  const text = await page.evaluate(() => document.body.innerText.replace(/\s+/g, ' ').trim());
  console.log(JSON.stringify({ blocked, text }));
} finally {
  await browser.close();
}
