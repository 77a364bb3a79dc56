import { BrowserContext, chromium, expect, Page, test } from '@playwright/test';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkA11y, perProject, signIn } from './helpers';

// Issue 19: the portal installs, works offline, and the practitioner's own
// e-license shows (and verifies) without a network. The service worker is
// sw/sw.js, written into dist/sw.js by scripts/sw.sh.

const VALID = '有效：电子签名真实，证照当前有效。';
const OFFLINE = '电子签名真实。暂时无法连接核验服务，证照当前状态未知（离线核验）。';
const FORGED = '伪造或被篡改：电子签名不符，请勿采信此证照。';

/** Waits until the service worker controls the page (it claims it on activation). */
async function controlled(page: Page) {
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? 'none'), { timeout: 30_000 })
    .toBe('activated');
}

/** The paths the service worker's cache `name` holds. */
function cached(page: Page, name: string): Promise<string[]> {
  return page.evaluate(async (name) => {
    if (!(await caches.has(name))) return [];
    const keys = await (await caches.open(name)).keys();
    return keys.map((r) => new URL(r.url).pathname).sort();
  }, name);
}

function tamper(url: string, edit: (canonical: string) => string): string {
  const u = new URL(url);
  const [fields, signature] = u.searchParams.get('d')!.split('.');
  const canonical = Buffer.from(fields, 'base64url').toString('utf8');
  u.searchParams.set('d', `${Buffer.from(edit(canonical), 'utf8').toString('base64url')}.${signature}`);
  return u.toString();
}

async function openLicense(page: Page, username: string, system: '医师' | '护士') {
  await signIn(page, username, system);
  const apply = page.getByRole('button', { name: '申领电子证照' });
  const view = page.getByRole('link', { name: '查看电子证照' });
  await expect(apply.or(view).first()).toBeVisible();
  if (await apply.isVisible()) {
    await apply.click();
    await expect(page).toHaveURL(/\/license$/);
  } else {
    await page.goto('/license');
  }
}

test('after one online visit the portal, the own e-license and verification work offline; sign-out removes the licence', async ({ page, context }, info) => {
  const who = perProject(
    info,
    { username: 'zhangwei', system: '医师' as const, name: '张伟' },
    { username: 'lina', system: '护士' as const, name: '李娜' },
  );
  // The one online visit: the worker installs with the app.
  await page.goto('/sign-in');
  await controlled(page);
  await openLicense(page, who.username, who.system);
  const card = page.getByRole('region', { name: '电子证照' });
  await expect(card).toContainText('证照状态：有效');
  await expect(card.getByRole('img', { name: '电子证照核验二维码' })).toBeVisible();
  const url = (await card.getByRole('link', { name: '核验链接' }).getAttribute('href'))!;
  // Kept once shown: the licence and what its page needs, nothing else.
  await expect
    .poll(() => cached(page, 'portal-personal'))
    .toEqual(['/api/v1/applications/current', '/api/v1/license', '/api/v1/license/photo', '/api/v1/me']);
  await page.goto(url);
  await expect(page.getByText(VALID)).toBeVisible();

  await context.setOffline(true);

  // The shell loads.
  await page.goto('/help');
  await expect(page.getByRole('link', { name: '010-62197928' })).toBeVisible();

  // The own licence, with its QR code and photo.
  await page.goto('/license');
  await expect(card).toContainText('证照状态：有效');
  await expect(card).toContainText(who.name);
  await expect(card.getByRole('img', { name: '电子证照核验二维码' })).toBeVisible();
  await expect
    .poll(() => card.getByRole('img', { name: '持证人证件照' }).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);
  await checkA11y(page);

  // Show mode: the QR code alone, large; Escape or the button leaves it.
  await page.getByRole('button', { name: '全屏亮证' }).click();
  const leave = page.getByRole('button', { name: '退出全屏' });
  await expect(leave).toBeVisible();
  await expect(leave).toBeFocused();
  const qr = card.getByRole('img', { name: '电子证照核验二维码' });
  const viewport = page.viewportSize()!;
  await expect
    .poll(async () => (await qr.boundingBox())!.width)
    .toBeGreaterThan(Math.min(viewport.width, viewport.height - 130) * 0.8);
  await checkA11y(page);
  await page.keyboard.press('Escape');
  await expect(leave).toBeHidden();
  await page.getByRole('button', { name: '全屏亮证' }).click();
  await leave.click();
  await expect(leave).toBeHidden();

  // /verify: the key and the revocation list come from the device.
  await page.goto(url);
  await expect(page.getByText(OFFLINE)).toBeVisible();
  await expect(page.locator('main')).toContainText(who.name);
  await expect(page.getByText(/^离线核验能确认：电子签名真实/)).toBeVisible();
  await expect(page.getByText(/^撤销信息更新于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/)).toBeVisible();
  await checkA11y(page);
  await page.goto(tamper(url, (c) => c.replace(`name=${who.name}`, 'name=王五')));
  await expect(page.getByText(FORGED)).toBeVisible();
  await expect(page.locator('main')).not.toContainText('王五');
  await checkA11y(page);

  // Sign-out (online) removes the licence from the device.
  await context.setOffline(false);
  await page.goto('/');
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await cached(page, 'portal-personal')).toEqual([]);
  await context.setOffline(true);
  await page.goto('/license');
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('region', { name: '电子证照' })).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText(who.name);
  await context.setOffline(false);
});

test('a device that opened the portal once verifies offline, though it never opened /verify', async ({ browser, page }, info) => {
  const who = perProject(
    info,
    { username: 'zhangwei', system: '医师' as const },
    { username: 'lina', system: '护士' as const },
  );
  await openLicense(page, who.username, who.system);
  const url = (await page.getByRole('link', { name: '核验链接' }).getAttribute('href'))!;

  // A stranger's phone opened the sign-in page once; now it has no network.
  const context = await browser.newContext({ locale: 'zh-CN' });
  const stranger = await context.newPage();
  await stranger.goto('/sign-in');
  await controlled(stranger);
  await expect
    .poll(() => cached(stranger, 'portal-public'))
    .toEqual(['/api/v1/license/public-key', '/api/v1/license/revocations']);
  await context.setOffline(true);
  await stranger.goto(url);
  await expect(stranger.getByText(OFFLINE)).toBeVisible();
  await expect(stranger.getByText(/^撤销信息更新于 /)).toBeVisible();
  await checkA11y(stranger);
  await stranger.goto(tamper(url, (c) => c.replace(/issued=\d{4}/, 'issued=2099')));
  await expect(stranger.getByText(FORGED)).toBeVisible();
  await context.close();
});

// Playwright's contexts are incognito, where Chromium never offers to
// install: the check runs in a persistent profile of the same browser.
test('Chromium finds the portal installable', async ({ baseURL }, info) => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...info.project.use.launchOptions,
    viewport: info.project.use.viewport,
    locale: 'zh-CN',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${baseURL}/sign-in`);
    await controlled(page);
    const manifest = await (await page.request.get(`${baseURL}/manifest.webmanifest`)).json();
    expect(manifest.name).toBe('医护电子证照自助服务');
    expect(manifest.name_localized.en).toBe('E-license self-service for physicians and nurses');
    const cdp = await context.newCDPSession(page);
    const { url, errors } = await cdp.send('Page.getAppManifest');
    expect(url).toMatch(/\/manifest\.webmanifest$/);
    expect(errors).toEqual([]);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    await checkA11y(page);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

// A deployment: a second server on its own port serves a copy of dist/, then
// is replaced (same port, same origin) by one serving a rebuilt copy in
// which the practitioner app's script has another content hash, and the
// worker's precache list (scripts/sw.sh) names it: what a real rebuild
// changes. The page open across the switch picks up the new version on its
// next visit; the old version's cache is deleted once the new one is whole.
test('a new deployment is picked up on the next visit without a broken state', async ({ browser }, info) => {
  test.skip(info.project.name !== 'desktop', 'the deployment is the same for both projects');
  const root = path.resolve(__dirname, '..', '..');
  const port = Number(process.env.E2E_PORT ?? 18080) + 5;
  const origin = `http://127.0.0.1:${port}`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-e2e-deploy-'));
  const oldDist = path.join(tmp, 'old');
  const newDist = path.join(tmp, 'new');
  fs.cpSync(path.join(root, 'dist'), oldDist, { recursive: true });
  fs.cpSync(path.join(root, 'dist'), newDist, { recursive: true });
  // The rebuild: the practitioner app's script changes, so its name does.
  const html = fs.readFileSync(path.join(newDist, 'index.html'), 'utf8');
  const script = html.match(/\/(portal-[0-9a-f]{12,})\.js/)![1];
  const rebuilt = 'portal-0123456789abcdef';
  fs.writeFileSync(
    path.join(newDist, `${rebuilt}.js`),
    fs.readFileSync(path.join(newDist, `${script}.js`), 'utf8') + '\n// rebuilt\n',
  );
  for (const f of [`${script}.js`, `${script}.js.br`, `${script}.js.gz`]) fs.rmSync(path.join(newDist, f), { force: true });
  fs.writeFileSync(path.join(newDist, 'index.html'), html.replaceAll(`/${script}.js`, `/${rebuilt}.js`));
  execFileSync('bash', [path.join(root, 'scripts', 'sw.sh'), newDist], { stdio: 'ignore' });
  for (const f of ['sw.js.br', 'sw.js.gz']) fs.rmSync(path.join(newDist, f), { force: true });
  const version = (dist: string) => fs.readFileSync(path.join(dist, 'sw.js'), 'utf8').match(/VERSION = '([0-9a-f]+)'/)![1];
  expect(version(newDist)).not.toBe(version(oldDist));

  const serverBin = process.env.E2E_SERVER ?? path.join(root, 'target', 'debug', 'server');
  let server: ChildProcess | undefined;
  const serve = async (dist: string) => {
    const data = fs.mkdtempSync(path.join(tmp, 'data-'));
    server = spawn(serverBin, [], {
      stdio: 'ignore',
      env: {
        ...process.env,
        PORTAL_ADDR: `127.0.0.1:${port}`,
        PORTAL_DB: path.join(data, 'portal.db'),
        PORTAL_UPLOADS: path.join(data, 'uploads'),
        PORTAL_DIST: dist,
        PORTAL_DEMO: '1',
      },
    });
    await expect
      .poll(() => fetch(`${origin}/api/v1/health`).then((r) => r.status, () => 0), { timeout: 30_000 })
      .toBe(200);
  };
  const stop = async () => {
    const s = server!;
    const exited = new Promise((done) => s.once('exit', done));
    s.kill();
    await exited;
  };
  let context: BrowserContext | undefined;
  try {
    await serve(oldDist);
    context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    const signInWorks = async () => {
      await page.getByRole('radio', { name: '护士' }).check();
      await page.getByLabel('用户名').fill('lina');
      await expect(page.getByLabel('用户名')).toHaveValue('lina');
    };
    const scripts = () =>
      page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js')));
    await page.goto(`${origin}/sign-in`);
    await controlled(page);
    const versions = () => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('portal-v-')));
    await expect.poll(versions).toEqual([`portal-v-${version(oldDist)}`]);
    await signInWorks();

    // Deploy the rebuild.
    await stop();
    await serve(newDist);

    // The next visit runs the new version, whole, and works.
    await page.goto(`${origin}/sign-in`);
    await signInWorks();
    expect(await scripts()).toContain(`/${rebuilt}.js`);
    expect(await scripts()).not.toContain(`/${script}.js`);
    // The new worker takes over once it has the whole new version; the old one's cache goes.
    await expect.poll(versions, { timeout: 30_000 }).toEqual([`portal-v-${version(newDist)}`]);
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? ''))
      .toContain('/sw.js');
    // Offline now, it is the new version that loads.
    await context.setOffline(true);
    await page.goto(`${origin}/sign-in`);
    await signInWorks();
    expect(await scripts()).toContain(`/${rebuilt}.js`);
    await checkA11y(page);
  } finally {
    await context?.close();
    if (server) await stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
