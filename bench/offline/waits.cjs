// The waits of issue 19 at 360x640 on slow 4G (1.6 Mbit/s down, 750 kbit/s
// up, 150 ms round trip) with the CPU slowed 4x, in Debian's Chromium driven
// by Playwright (e2e/node_modules):
//
//   node bench/offline/waits.cjs BASE RUNS
//
// Per run, a new browser context (nothing cached), a practitioner (张伟):
// - first visit: navigation start until the sign-in form accepts input (the
//   username field is editable), then from the click on 登录 until home shows
//   the checklist;
// - the service worker installed, the session cookie cleared (signed out;
//   the worker and its caches stay), the repeat visit: the same two waits,
//   and what the page fetched over the network rather than from the worker
//   (Chrome DevTools protocol: encodedDataLength of each response not served
//   by the worker).
// Prints one JSON object with the medians of RUNS.
const path = require('node:path');
const { chromium } = require(path.join(__dirname, '../../e2e/node_modules/playwright'));

const [base, runsText] = process.argv.slice(2);
const runs = Number(runsText || 3);

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
  // Bytes over the network, per URL path, for responses the worker did not serve.
  const fromWorker = new Set();
  const paths = new Map();
  let fetched = [];
  cdp.on('Network.responseReceived', (e) => {
    paths.set(e.requestId, new URL(e.response.url).pathname);
    if (e.response.fromServiceWorker) fromWorker.add(e.requestId);
  });
  cdp.on('Network.loadingFinished', (e) => {
    if (!fromWorker.has(e.requestId)) fetched.push([paths.get(e.requestId), e.encodedDataLength]);
  });
  const bytes = {
    reset: () => (fetched = []),
    take: () => fetched,
  };
  return { page, bytes };
}

// Navigation start until the username field takes a keystroke.
async function signInForm(page) {
  const started = Date.now();
  await page.goto(base + '/sign-in', { waitUntil: 'commit' });
  const username = page.getByLabel('用户名');
  await username.waitFor({ state: 'visible', timeout: 60_000 });
  await username.fill('zhangwei', { timeout: 60_000 });
  return Date.now() - started;
}

// The click on 登录 until home shows the checklist.
async function home(page) {
  await page.getByRole('radio', { name: '医师' }).check();
  await page.getByLabel('密码', { exact: true }).fill('Demo#2026pass');
  const started = Date.now();
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '电子证照申领条件' }).first().waitFor({ state: 'visible', timeout: 60_000 });
  return Date.now() - started;
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
  const out = { first_form_ms: [], first_home_ms: [], repeat_form_ms: [], repeat_home_ms: [], repeat_bytes: [], repeat_app_code_bytes: [] };
  let fetchedList = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const { page, bytes } = await throttled(context);
    out.first_form_ms.push(await signInForm(page));
    out.first_home_ms.push(await home(page));
    // The worker has the whole version before the repeat visit.
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, { timeout: 120_000 });
    await context.clearCookies();
    bytes.reset();
    out.repeat_form_ms.push(await signInForm(page));
    const fetched = bytes.take();
    out.repeat_bytes.push(fetched.reduce((n, [, b]) => n + b, 0));
    out.repeat_app_code_bytes.push(fetched.filter(([p]) => /\.(js|wasm|css)$/.test(p)).reduce((n, [, b]) => n + b, 0));
    fetchedList = fetched;
    out.repeat_home_ms.push(await home(page));
    await context.close();
  }
  await browser.close();
  const result = { runs };
  for (const [k, v] of Object.entries(out)) result[k] = median(v);
  result.all = out;
  result.repeat_fetched = fetchedList;
  console.log(JSON.stringify(result));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
