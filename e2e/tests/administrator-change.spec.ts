import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, expect, Page, test, TestInfo } from '@playwright/test';
import { checkA11y, PASSWORD } from './helpers';

// The administrator-change procedure (issue 21) end to end: the institution
// files the request with the receipt stamped with the unit's seal, the
// national authority approves it (the old administrator's session ends, the
// new one signs in with the one-time password from the outbox and must
// replace it) or rejects the seeded one with a reason the institution sees.
// Each test runs its own demo server on a fresh database: an approval
// disables a demo administrator the other specs use.

const root = path.resolve(__dirname, '..', '..');
const serverBin = process.env.E2E_SERVER ?? path.join(root, 'target', 'debug', 'server');
const NEW_PASSWORD = 'Shanghai#2026ok';
const RECEIPT = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

let server: ChildProcess | undefined;
let base = '';
let dir = '';

test.beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-e2e-admin-change-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(serverBin, [], {
    env: {
      ...process.env,
      PORTAL_ADDR: `127.0.0.1:${port}`,
      PORTAL_DB: path.join(dir, 'portal.db'),
      PORTAL_UPLOADS: path.join(dir, 'uploads'),
      PORTAL_DIST: path.join(root, 'dist'),
      PORTAL_DEMO: '1',
    },
    stdio: 'ignore',
  });
  await expect
    .poll(async () => (await fetch(`${base}/api/v1/health`).catch(() => null))?.status ?? 0, { timeout: 30_000 })
    .toBe(200);
});

test.afterEach(() => {
  server?.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function open(browser: Browser, info: TestInfo): Promise<Page> {
  const { viewport, isMobile, hasTouch } = info.project.use;
  return (await browser.newContext({ baseURL: base, locale: 'zh-CN', viewport, isMobile, hasTouch })).newPage();
}

async function adminSignIn(page: Page, username: string, password: string) {
  await page.goto('/institution/sign-in');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

async function authoritySignIn(page: Page) {
  await page.goto('/authority');
  await page.getByLabel('用户名').fill('nhc_admin');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: '待审核的管理员变更' })).toBeVisible();
}

test('the administrator change with a stamped receipt, approved', async ({ browser }, info) => {
  // 1. Beijing's administrator files the request with the receipt.
  const admin = await open(browser, info);
  await adminSignIn(admin, 'admin_a', PASSWORD);
  await expect(admin.getByRole('heading', { name: '申领概况' })).toBeVisible();
  await admin.getByRole('link', { name: '管理员变更' }).click();
  await expect(admin.getByRole('heading', { name: '管理员变更', level: 1 })).toBeVisible();
  await checkA11y(admin);
  // Without the receipt: refused on its field.
  await admin.getByLabel('新管理员姓名').fill('王芳');
  await admin.getByLabel('新管理员用户名').fill('admin_a2');
  await admin.getByLabel('新管理员手机号').fill('13900000456');
  await admin.getByRole('button', { name: '提交变更申请' }).click();
  await expect(admin.getByText('请选择盖章回执文件')).toBeVisible();
  await admin.getByLabel(/盖章回执/).setInputFiles({ name: '回执.pdf', mimeType: 'application/pdf', buffer: RECEIPT });
  await admin.getByRole('button', { name: '提交变更申请' }).click();
  await expect(admin.getByText('待主管部门审核')).toBeVisible();
  await expect(admin.getByRole('button', { name: '提交变更申请' })).toHaveCount(0);

  // 2. The national authority sees it, downloads the receipt, approves.
  const authority = await open(browser, info);
  await authoritySignIn(authority);
  const changes = authority.getByRole('region', { name: '待审核的管理员变更' });
  const request = changes.getByRole('region', { name: '北京市海淀区和平医院' });
  await expect(request).toContainText('王芳');
  await expect(request).toContainText('admin_a');
  await checkA11y(authority);
  const href = await request.getByRole('link', { name: /下载盖章回执/ }).getAttribute('href');
  const download = await authority.request.get(href!);
  expect(download.status()).toBe(200);
  expect(download.headers()['content-disposition']).toMatch(/^attachment/);
  expect(download.headers()['x-content-type-options']).toBe('nosniff');
  expect(Buffer.from(await download.body()).equals(RECEIPT)).toBeTruthy();
  await request.getByRole('button', { name: '批准 北京市海淀区和平医院' }).click();
  await expect(changes.getByText('已批准：原管理员账户已停用，新账户已发放')).toBeVisible();
  await expect(changes.getByRole('region', { name: '北京市海淀区和平医院' })).toHaveCount(0);

  // 3. The old administrator's session is gone.
  await admin.reload();
  await expect(admin.getByRole('heading', { name: '机构管理员登录' })).toBeVisible();

  // 4. The new administrator signs in with the one-time password sent to
  //    the new phone, and must replace it.
  const outbox = await (await fetch(`${base}/api/dev/outbox?to=13900000456`)).json();
  const initial = (outbox[0].body as string).match(/初始密码 ([A-Za-z0-9]+)/)![1];
  const newAdmin = await open(browser, info);
  await adminSignIn(newAdmin, 'admin_a2', initial);
  await expect(newAdmin.getByRole('heading', { name: '修改初始密码' })).toBeVisible();
  await newAdmin.getByLabel('当前（初始）密码').fill(initial);
  await newAdmin.getByLabel('新密码').fill(NEW_PASSWORD);
  await newAdmin.getByRole('button', { name: '保存新密码' }).click();
  await expect(newAdmin.getByRole('heading', { name: '申领概况' })).toBeVisible();
  await expect(newAdmin.getByRole('navigation', { name: '机构端' })).toContainText('北京市海淀区和平医院');
  await newAdmin.getByRole('link', { name: '管理员变更' }).click();
  await expect(newAdmin.getByText('已批准，新管理员账户已发放')).toBeVisible();
});

test('the administrator change rejected with a reason the institution sees', async ({ browser }, info) => {
  // The demo's pending request of Shanghai's institution.
  const authority = await open(browser, info);
  await authoritySignIn(authority);
  const changes = authority.getByRole('region', { name: '待审核的管理员变更' });
  const request = changes.getByRole('region', { name: '上海市徐汇区仁心医院' });
  await expect(request).toContainText('周敏');
  await request.getByRole('button', { name: '驳回 上海市徐汇区仁心医院' }).click();
  await expect(request.getByRole('alert')).toContainText('驳回理由');
  await request.getByLabel('驳回理由').fill('回执未加盖单位公章');
  await request.getByRole('button', { name: '驳回 上海市徐汇区仁心医院' }).click();
  await expect(changes.getByText('已驳回，机构将看到驳回理由。')).toBeVisible();
  await expect(changes).toContainText('没有待审核的管理员变更申请。');

  const admin = await open(browser, info);
  await adminSignIn(admin, 'admin_b', PASSWORD);
  await expect(admin.getByRole('heading', { name: '申领概况' })).toBeVisible();
  await admin.getByRole('link', { name: '管理员变更' }).click();
  await expect(admin.getByText('已驳回', { exact: true })).toBeVisible();
  await expect(admin.getByText('回执未加盖单位公章')).toBeVisible();
  // The administrator may file again.
  await expect(admin.getByRole('button', { name: '提交变更申请' })).toBeVisible();
  await checkA11y(admin);
});
