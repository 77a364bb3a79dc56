// The ID photo pipeline's speed in Debian's headless Chromium: a generated
// 4000x3000 JPEG (a phone camera's size; drawn in the page, never stored)
// is fed to the file input of /photo, and the page's own
// performance.measure "photo-pipeline" (file selection → decode, crop,
// scale, quality search → the encoded spec JPEG) is read. One warm-up run,
// then RUNS measured runs; prints one JSON line with the median.
//
// Usage: node bench/photo/pipeline.mjs BASE_URL SESSION_COOKIE [RUNS]
//   SESSION_COOKIE is "portal_session=…" of a signed-in practitioner.
import puppeteer from 'puppeteer-core';

const [base, cookie, runsArg] = process.argv.slice(2);
if (!base || !cookie) {
  console.error('usage: node bench/photo/pipeline.mjs BASE_URL SESSION_COOKIE [RUNS]');
  process.exit(2);
}
const runs = Number(runsArg ?? 7);
const [cookieName, ...rest] = cookie.split('=');

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 360, height: 640, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  await page.setCookie({ name: cookieName, value: rest.join('='), url: base });
  await page.goto(`${base}/photo`, { waitUntil: 'load' });
  await page.waitForSelector('input[type=file]', { timeout: 30_000 });

  // A photo-like 4000x3000 JPEG: gradients, shapes and sensor-like noise.
  const bytes = await page.evaluate(async () => {
    const c = document.createElement('canvas');
    c.width = 4000;
    c.height = 3000;
    const ctx = c.getContext('2d');
    const g = ctx.createLinearGradient(0, 0, 4000, 3000);
    g.addColorStop(0, '#dfe8f0');
    g.addColorStop(1, '#8a9bb0');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, 4000, 3000);
    ctx.fillStyle = '#c89b7b';
    ctx.beginPath();
    ctx.ellipse(2000, 1300, 600, 800, 0, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#2b3a55';
    ctx.fillRect(1100, 2100, 1800, 900);
    const img = ctx.getImageData(0, 0, 4000, 3000);
    let seed = 1;
    for (let i = 0; i < img.data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const n = ((seed >> 16) & 31) - 16;
      img.data[i] += n;
      img.data[i + 1] += n;
      img.data[i + 2] += n;
    }
    ctx.putImageData(img, 0, 0);
    const blob = await new Promise((resolve) => c.toBlob(resolve, 'image/jpeg', 0.9));
    window.__benchPhoto = new File([blob], 'IMG_4000x3000.jpg', { type: 'image/jpeg' });
    return blob.size;
  });

  const once = () =>
    page.evaluate(async () => {
      const before = performance.getEntriesByName('photo-pipeline').length;
      const input = document.querySelector('input[type=file]');
      const dt = new DataTransfer();
      dt.items.add(window.__benchPhoto);
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      const deadline = performance.now() + 30_000;
      while (performance.getEntriesByName('photo-pipeline').length === before) {
        if (performance.now() > deadline) throw new Error('no photo-pipeline measure within 30 s');
        await new Promise((r) => setTimeout(r, 5));
      }
      const entries = performance.getEntriesByName('photo-pipeline');
      const ok = [...document.querySelectorAll('[role=alert]')].every((a) => !a.textContent.trim());
      return { ms: entries[entries.length - 1].duration, ok };
    });

  await once(); // warm-up: compiles, caches
  const times = [];
  for (let i = 0; i < runs; i++) {
    const { ms, ok } = await once();
    if (!ok) throw new Error('the pipeline reported an error');
    times.push(ms);
    await new Promise((r) => setTimeout(r, 200));
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(JSON.stringify({ median: Math.round(median), runs: times.map(Math.round), source_bytes: bytes }));
} finally {
  await browser.close();
}
