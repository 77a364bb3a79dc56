import { Browser, expect, Page, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { checkA11y, perProject, readQr, signIn } from './helpers';

const VALID = '有效：电子签名真实，证照当前有效。';
const OFFLINE = '电子签名真实。暂时无法连接核验服务，证照当前状态未知（离线核验）。';
const FORGED = '伪造或被篡改：电子签名不符，请勿采信此证照。';
const NO_KEY = '无法核验：连接不上核验服务，本设备也没有保存签名公钥。请联网后重试。';

/** A stranger's browser: no session, nothing cached. */
async function strangerPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  return context.newPage();
}

function tamper(url: string, edit: (canonical: string) => string): string {
  const u = new URL(url);
  const [fields, signature] = u.searchParams.get('d')!.split('.');
  const canonical = Buffer.from(fields, 'base64url').toString('utf8');
  u.searchParams.set('d', `${Buffer.from(edit(canonical), 'utf8').toString('base64url')}.${signature}`);
  return u.toString();
}

test('the e-license carries a QR code that verifies online, offline, and catches forgeries', async ({ page, browser }, info) => {
  const who = perProject(
    info,
    { username: 'zhangwei', system: '医师' as const, name: '张伟' },
    { username: 'lina', system: '护士' as const, name: '李娜' },
  );
  await signIn(page, who.username, who.system);

  // Apply unless apply.spec.ts (or an earlier run) already did: idempotent either way.
  const apply = page.getByRole('button', { name: '申领电子证照' });
  const view = page.getByRole('link', { name: '查看电子证照' });
  await expect(apply.or(view).first()).toBeVisible();
  if (await apply.isVisible()) {
    await apply.click();
    await expect(page).toHaveURL(/\/license$/);
  } else {
    await page.goto('/license');
  }

  const license = page.getByRole('region', { name: '电子证照' });
  await expect(license).toContainText('证照状态：有效');
  await expect(license).toContainText(who.name);
  await expect(license).toContainText('国家卫生健康委员会');
  const identifier = (await license.locator('.license-id').textContent())!;
  expect(identifier).toMatch(/^1\.2\.156\.3005\.2\.11100000000013338W01[12]\.11100000000013338W\.\d{11}\.001\.[0-9A-Z]$/);
  await expect(license.getByRole('img', { name: '电子证照核验二维码' })).toBeVisible();
  await checkA11y(page);

  const url = await readQr(page);
  expect(url.startsWith(`${new URL(page.url()).origin}/verify?d=`)).toBeTruthy();
  await expect(license.getByRole('link', { name: '核验链接' })).toHaveAttribute('href', url);

  // A stranger scans it: genuine and currently valid, with the holder's details.
  const stranger = await strangerPage(browser);
  await stranger.goto(url);
  const verdict = stranger.getByRole('status').filter({ hasText: '电子签名' }).first();
  await expect(stranger.getByRole('heading', { level: 1, name: '电子证照核验' })).toBeVisible();
  await expect(stranger.getByText(VALID)).toBeVisible();
  await expect(stranger.getByRole('region', { name: '电子证照核验' })).toContainText(who.name);
  await expect(stranger.getByRole('region', { name: '电子证照核验' })).toContainText(identifier);
  await checkA11y(stranger);

  // Offline: the API cannot be reached, the key cached on the first visit still checks the signature.
  await stranger.route('**/api/**', (route) => route.abort());
  await stranger.reload();
  await expect(stranger.getByText(OFFLINE)).toBeVisible();
  await expect(verdict).toBeVisible();
  await expect(stranger.getByRole('region', { name: '电子证照核验' })).toContainText('未知（离线）');

  // A tampered payload (another name, same signature) is forged, offline too.
  await stranger.goto(tamper(url, (c) => c.replace(`name=${who.name}`, 'name=王五')));
  await expect(stranger.getByText(FORGED)).toBeVisible();
  await expect(stranger.getByRole('region', { name: '电子证照核验' })).not.toContainText('王五');
  await stranger.unroute('**/api/**');
  await stranger.goto(tamper(url, (c) => c.replace(/issued=\d{4}/, 'issued=2099')));
  await expect(stranger.getByText(FORGED)).toBeVisible();
  await stranger.goto(url.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')));
  await expect(stranger.getByText(FORGED)).toBeVisible();
  await checkA11y(stranger);

  // Nothing cached and no API: the page says it cannot verify.
  const offline = await strangerPage(browser);
  await offline.route('**/api/**', (route) => route.abort());
  await offline.goto(url);
  await expect(offline.getByText(NO_KEY)).toBeVisible();

  // In English.
  await stranger.goto(url);
  await stranger.getByRole('button', { name: 'Switch to English' }).click();
  await stranger.reload();
  await expect(stranger.getByText('Valid: the signature is genuine and the license is currently valid.')).toBeVisible();
  await stranger.context().close();
  await offline.context().close();
});

test('a licence signed before a key rotation still verifies after it', async ({ page, browser }, info) => {
  const who = perProject(
    info,
    { username: 'zhangwei', system: '医师' as const, name: '张伟' },
    { username: 'lina', system: '护士' as const, name: '李娜' },
  );
  await signIn(page, who.username, who.system);
  const apply = page.getByRole('button', { name: '申领电子证照' });
  const view = page.getByRole('link', { name: '查看电子证照' });
  await expect(apply.or(view).first()).toBeVisible();
  if (await apply.isVisible()) {
    await apply.click();
    await expect(page).toHaveURL(/\/license$/);
  } else {
    await page.goto('/license');
  }
  const url = await readQr(page);
  const before = await (await page.request.get('/api/v1/license/public-key')).json();

  // The operator's rotation (README: "Rotating the signing key"), on the
  // server's own database: the demo key is replaced.
  const dataDir = process.env.E2E_DATA_DIR!;
  const out = execFileSync(process.env.E2E_SERVER!, ['rotate-signing-key'], {
    env: {
      ...process.env,
      PORTAL_DB: process.env.E2E_DB ?? path.join(dataDir, 'portal.db'),
      PORTAL_UPLOADS: path.join(dataDir, 'uploads'),
      PORTAL_DEMO: '1',
    },
  }).toString();
  expect(out).toContain('the demo signing key is now');
  const after = await (await page.request.get('/api/v1/license/public-key')).json();
  expect(after.key_id).not.toBe(before.key_id);
  expect(after.keys.map((k: { key_id: string }) => k.key_id)).toContain(before.key_id);

  // A stranger with no key cached verifies the old licence with the key it names.
  const stranger = await strangerPage(browser);
  await stranger.goto(url);
  await expect(stranger.getByText(VALID)).toBeVisible();
  await expect(stranger.getByRole('region', { name: '电子证照核验' })).toContainText(who.name);
  await checkA11y(stranger);
  await stranger.context().close();
});
