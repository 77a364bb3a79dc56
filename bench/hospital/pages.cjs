// The administrator's pages of a hospital-sized institution at 360x640 on
// slow 4G (1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip) with the CPU
// slowed 4x, in Debian's Chromium driven by Playwright (e2e/node_modules).
//
//   node bench/hospital/pages.cjs BASE COOKIE RUNS
//
// For each page: the time from navigation start until its first row is
// painted, cold (a new browser context: nothing cached) and warm (the same
// context again: the content-hashed app files come from the cache, as for an
// administrator who used the portal before), the median of RUNS each; and
// the rows and elements the page then holds; then a first visit through the
// sign-in page (firstVisits). Prints one JSON object.
//
// The time is the page's own clock (performance.now(), zero at navigation
// start): a MutationObserver notes when the first row can be seen,
// and the frame after it is its paint. Timing from outside (Playwright's
// polling over the DevTools protocol, itself slowed by the 4x CPU) added
// 0.3-0.4 s that no user waits for.
const path = require('node:path');
const { chromium } = require(path.join(__dirname, '../../e2e/node_modules/playwright'));

const [base, cookie, runsText] = process.argv.slice(2);
const runs = Number(runsText || 3);
const [cookieName, cookieValue] = cookie.split('=');
// The generated hospital's administrator (server seed.rs, PORTAL_DEMO_STAFF).
const ADMIN = { username: 'admin_big', password: 'Demo#2026pass' };

const PAGES = [
  // [name, path, locator of the first row]
  ['roster', '/institution/staff', 'ul.staff-list > li h3'],
  ['reviews', '/institution/reviews', 'ul.staff-list > li h2'],
  ['dashboard', '/institution', 'h1#dashboard-heading'],
];

async function throttled(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return page;
}

// Installed in every document before its own scripts run.
function watchFirstRow(selector) {
  // A row counts once it can be seen: a page may build its list before the
  // session is known and show it only then.
  const seen = new MutationObserver(() => {
    const row = document.querySelector(selector);
    if (row && row.checkVisibility()) {
      seen.disconnect();
      requestAnimationFrame(() => setTimeout(() => { window.__firstRowPainted = performance.now(); }));
    }
  });
  seen.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });
}

async function measure(page, url, selector) {
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__firstRowPainted !== undefined, null, { timeout: 60_000, polling: 100 });
  const result = await page.evaluate(() => ({
    ms: Math.round(window.__firstRowPainted),
    rows: document.querySelectorAll('ul.staff-list > li').length,
    elements: document.getElementsByTagName('*').length,
  }));
  return result;
}

// A first visit as it happens: a session exists only after a sign-in in
// this browser, and the sign-in page loads the same app (the same hashed
// files), so an administrator's first roster comes after the sign-in page,
// with nothing cached before it. Measured: the sign-in form ready (polled
// from outside: +0.3 s or so), and from the click on 登录 to the roster's
// first row painted (the page's own clock; the app moves there without
// loading another document). Median of RUNS new contexts.
async function firstVisits(browser) {
  const [, rosterPath, selector] = PAGES[0];
  const form = [];
  const afterClick = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    await context.addInitScript(watchFirstRow, selector);
    const page = await throttled(context);
    await page.goto(`${base}/institution/sign-in?next=${encodeURIComponent(rosterPath)}`, { waitUntil: 'commit' });
    const username = page.getByLabel('用户名');
    await username.waitFor();
    form.push(await page.evaluate(() => Math.round(performance.now())));
    await username.fill(ADMIN.username);
    await page.getByLabel('密码').fill(ADMIN.password);
    const clickedAt = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForFunction(() => window.__firstRowPainted !== undefined, null, { timeout: 60_000, polling: 100 });
    afterClick.push(Math.round((await page.evaluate(() => window.__firstRowPainted)) - clickedAt));
    await context.close();
  }
  return { sign_in_form_ms: median(form), roster_after_click_ms: median(afterClick), form, after_click: afterClick };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--no-first-run'],
  });
  const out = {};
  for (const [name, pagePath, selector] of PAGES) {
    const cold = [];
    const warm = [];
    let dom = null;
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
      const url = new URL(base);
      await context.addCookies([{ name: cookieName, value: cookieValue, domain: url.hostname, path: '/', httpOnly: true }]);
      await context.addInitScript(watchFirstRow, selector);
      const page = await throttled(context);
      const first = await measure(page, base + pagePath, selector);
      cold.push(first.ms);
      // Away and back: the app's files are cached now.
      await page.goto(base + '/robots.txt', { waitUntil: 'commit' }).catch(() => {});
      const again = await measure(page, base + pagePath, selector);
      warm.push(again.ms);
      dom = again;
      await context.close();
    }
    out[name] = { cold_ms: median(cold), warm_ms: median(warm), cold, warm, rows: dom.rows, elements: dom.elements };
  }
  out.first_visit = await firstVisits(browser);
  await browser.close();
  console.log(JSON.stringify(out));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
