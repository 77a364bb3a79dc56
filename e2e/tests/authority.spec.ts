import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect, test } from '@playwright/test';
import { checkA11y } from './helpers';

// The README's recipe from an empty database, without demo data: the first
// health authority administrator is created by the command, registers an
// institution and issues its administrator account; the registry's staff are
// imported by the command; the institution administrator signs in with the
// one-time password, replaces it, and sees the imported staff. This test runs
// its own server (no PORTAL_DEMO) on a fresh SQLite file, besides the demo
// server of the configuration.

const root = path.resolve(__dirname, '..', '..');
const serverBin = process.env.E2E_SERVER ?? path.join(root, 'target', 'debug', 'server');
const NEW_PASSWORD = 'Shenzhen#2026ok';

/** GB 32100 check character of a 17-character body. */
function creditCode(body: string): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += charset.indexOf(body[i]) * weights[i];
  return body + charset[(31 - (sum % 31)) % 31];
}

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
let env: NodeJS.ProcessEnv = {};
let dir = '';

test.beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-e2e-empty-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  env = {
    ...process.env,
    PORTAL_ADDR: `127.0.0.1:${port}`,
    PORTAL_DB: path.join(dir, 'portal.db'),
    PORTAL_UPLOADS: path.join(dir, 'uploads'),
    PORTAL_DIST: path.join(root, 'dist'),
    PORTAL_DEMO: '0',
  };
  server = spawn(serverBin, [], { env, stdio: 'ignore' });
  await expect
    .poll(async () => (await fetch(`${base}/api/v1/health`).catch(() => null))?.status ?? 0, { timeout: 30_000 })
    .toBe(200);
});

test.afterEach(() => {
  server?.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('from an empty database: authority → institution administrator → imported staff', async ({ browser }, info) => {
  // Each party in its own browser context, at the project's size.
  const { viewport, isMobile, hasTouch } = info.project.use;
  const open = async () =>
    (await browser.newContext({ baseURL: base, locale: 'zh-CN', viewport, isMobile, hasTouch })).newPage();

  // 1. The first authority administrator, from the command line.
  const out = execFileSync(serverBin, ['create-authority-admin', '4403', 'szwjw_admin'], { env }).toString();
  const initial = out.match(/one-time password: (\S+)/)![1];

  // 2. The authority signs in, replaces the one-time password.
  const authority = await open();
  await authority.goto('/authority');
  await expect(authority.getByRole('heading', { name: '主管部门登录' })).toBeVisible();
  await checkA11y(authority);
  await authority.getByLabel('用户名').fill('szwjw_admin');
  await authority.getByLabel('密码').fill(initial);
  await authority.getByRole('button', { name: '登录' }).click();
  await expect(authority.getByRole('heading', { name: '修改初始密码' })).toBeVisible();
  await checkA11y(authority);
  await authority.getByLabel('当前（初始）密码').fill(initial);
  await authority.getByLabel('新密码').fill(NEW_PASSWORD);
  await authority.getByRole('button', { name: '保存新密码' }).click();
  await expect(authority.getByRole('navigation', { name: '主管部门端' })).toContainText('4403');
  await expect(authority.getByText('辖区内还没有登记的医疗机构。')).toBeVisible();

  // 3. It registers an institution of the region; a division outside it is
  //    refused on its field.
  const code = creditCode('12440300455000017');
  await authority.getByLabel('机构标准名称').fill('深圳市南山区人民医院');
  await authority.getByLabel('统一社会信用代码').fill(code);
  await authority.getByLabel('执业许可证登记号').fill('PDY00001X44030517A1001');
  await authority.getByLabel('许可证有效期至（YYYY-MM-DD）').fill('2030-12-31');
  await authority.getByLabel('行政区划代码').fill('1401');
  await authority.getByRole('button', { name: '登记', exact: true }).click();
  await expect(authority.getByText('该行政区划不在本主管部门的管辖范围内。').first()).toBeVisible();
  await authority.getByLabel('行政区划代码').fill('440305');
  await authority.getByRole('button', { name: '登记', exact: true }).click();
  const institution = authority.getByRole('region', { name: '深圳市南山区人民医院' });
  await expect(institution).toContainText('尚未发放管理员账户');
  await checkA11y(authority);

  // 4. It issues the administrator account; the one-time password is shown once.
  await institution.getByLabel('管理员用户名').fill('nanshan_admin');
  await institution.getByLabel('管理员手机号').fill('13900000099');
  await institution.getByRole('button', { name: '发放管理员账户' }).click();
  await expect(institution).toContainText('已发放，待首次登录');
  const adminInitial = (await institution.locator('code').textContent())!.trim();
  expect(adminInitial).toHaveLength(12);

  // 5. The registry's staff of the institution, imported by the command.
  const csv = path.join(dir, 'registry.csv');
  fs.writeFileSync(
    csv,
    'kind,level,name,id_number,certificate_number,qualification_number,has_valid_qualification,status,registration_valid_from,registration_valid_until,title,category,institution_credit_code,phone_on_record\n' +
      `physician,practising,赵刚,110108198805161230,110110105000201,,true,normal,,,attending,clinical,${code},13800001111\n`,
  );
  execFileSync(serverBin, ['import-registry', csv], { env });

  // 6. The institution administrator signs in, replaces the password and
  //    sees the imported physician.
  const admin = await open();
  await admin.goto('/institution/sign-in');
  await admin.getByLabel('用户名').fill('nanshan_admin');
  await admin.getByLabel('密码').fill(adminInitial);
  await admin.getByRole('button', { name: '登录' }).click();
  await expect(admin.getByRole('heading', { name: '修改初始密码' })).toBeVisible();
  await admin.getByLabel('当前（初始）密码').fill(adminInitial);
  await admin.getByLabel('新密码').fill(NEW_PASSWORD);
  await admin.getByRole('button', { name: '保存新密码' }).click();
  await expect(admin.getByRole('heading', { name: '申领概况' })).toBeVisible();
  await expect(admin.getByRole('navigation', { name: '机构端' })).toContainText('深圳市南山区人民医院');
  await expect(admin.getByRole('main')).toContainText('赵刚');
  await checkA11y(admin);

  // 7. The authority sees the account in use; disabling it ends its session.
  await authority.reload();
  await expect(institution).toContainText('使用中');
  await institution.getByRole('button', { name: '停用 nanshan_admin' }).click();
  await expect(institution).toContainText('已停用');
  await admin.reload();
  await expect(admin.getByRole('heading', { name: '机构管理员登录' })).toBeVisible();
});
