import { expect, test } from '@playwright/test';
import { checkA11y, PASSWORD } from './helpers';

type Member = { username: string; name: string; system: string; activated: boolean; photo_state: string | null; eligible: boolean; applied: boolean };

test('an administrator sees the dashboard figures and the roster of their own institution', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('link', { name: '机构管理员入口' }).click();
  await expect(page.getByRole('heading', { name: '机构管理员登录' })).toBeVisible();
  await checkA11y(page);
  await page.getByLabel('用户名').fill('admin_a');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: '申领概况' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: '机构端' })).toContainText('北京市海淀区和平医院');

  // Figures computed here from the roster the API returns for this session.
  const roster: { staff: Member[] } = await (await page.request.get('/api/v1/institution/staff')).json();
  const staff = roster.staff;
  expect(staff.length).toBeGreaterThan(0);
  const count = (f: (m: Member) => boolean) => String(staff.filter(f).length);
  const figure = (name: string) => page.getByRole('term').filter({ hasText: new RegExp(`^${name}$`) }).locator('xpath=following-sibling::dd');
  await expect(figure('人员总数')).toHaveText(String(staff.length));
  await expect(figure('医师')).toHaveText(count((m) => m.system === 'physician'));
  await expect(figure('护士')).toHaveText(count((m) => m.system === 'nurse'));
  await expect(figure('符合条件')).toHaveText(count((m) => m.eligible));
  await expect(figure('已申领')).toHaveText(count((m) => m.applied));
  await expect(figure('未满足条件')).toHaveText(count((m) => !m.eligible));
  const rate = Math.floor((staff.filter((m) => m.applied).length * 100) / staff.length);
  await expect(page.getByText(`申领率 ${rate}%`)).toBeVisible();
  // Institution B's staff never shows up.
  await expect(page.getByText('陈杰')).toHaveCount(0);
  // Who still lacks a photo: 王芳 has none in the seed.
  await expect(page.getByRole('region', { name: '待跟进人员' })).toContainText('王芳');
  await checkA11y(page);

  await page.getByRole('link', { name: '人员名册' }).click();
  await expect(page.getByRole('heading', { name: '人员名册' })).toBeVisible();
  await page.getByLabel('执业状态').selectOption({ label: '备案' });
  await expect(page.getByRole('heading', { level: 3 })).toHaveText(['李强 (liqiang)']);
  await page.getByLabel('执业状态').selectOption({ label: '全部' });
  await page.getByLabel('类别').selectOption({ label: '护士' });
  const nurses = staff.filter((m) => m.system === 'nurse').map((m) => `${m.name} (${m.username})`);
  await expect(page.getByRole('heading', { level: 3 })).toHaveText(nurses);
  await checkA11y(page);
});

test('the institution section needs an administrator session', async ({ page }) => {
  await page.goto('/institution/staff');
  await expect(page).toHaveURL(/\/institution\/sign-in\?next=%2Finstitution%2Fstaff$/);
  // A practitioner's session is not an administrator's.
  await page.getByLabel('用户名').fill('zhangwei');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toHaveText('用户名或密码错误');
});
