import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './a11y';

// The demo physician who meets every criterion (see crates/server/DEMO.md).
const PHYSICIAN = { username: 'zhangwei', password: 'Demo#2026pass' };

test('a physician signs in, sees the checklist computed in the browser, and signs out', async ({ page }) => {
  await page.goto('/');
  // No session yet: the portal sends the visitor to sign in.
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('radio', { name: '医师' }).check();
  await page.getByLabel('用户名').fill(PHYSICIAN.username);
  await page.getByLabel('密码').fill(PHYSICIAN.password);
  const meLoaded = page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.status() === 200);
  await page.getByRole('button', { name: '登录' }).click();
  await meLoaded;

  await expect(page).toHaveURL(/\/$/);
  const checklist = page.getByRole('region', { name: '电子证照申领条件' });
  await expect(checklist).toBeVisible();
  await expect(checklist.getByText('您已满足全部申领条件')).toBeVisible();
  for (const criterion of ['具有医师资格', '账户已激活', '执业状态正常', '已上传证件照']) {
    await expect(checklist.getByRole('heading', { name: new RegExp(`^${criterion} \\(已满足\\)`) })).toBeVisible();
  }
  await expectNoAxeViolations(page);

  // The session is a real, HttpOnly cookie.
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'portal_session');
  expect(session?.httpOnly).toBe(true);

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  // Signed out for real: the home page no longer opens.
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in\?next=/);
});

test('the right password in the wrong system names the right one and selects it', async ({ page }) => {
  // 李娜 is a nurse; 医师 stays selected by default.
  await page.goto('/sign-in');
  await expect(page.getByRole('radio', { name: '医师' })).toBeChecked();
  await page.getByLabel('用户名').fill('lina');
  await page.getByLabel('密码').fill(PHYSICIAN.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toHaveText('该账户属于护士系统：请在上方选择“护士”后再登录。');
  await expect(page.getByRole('radio', { name: '护士' })).toBeChecked();
  await expectNoAxeViolations(page);
  // The password was kept: one more click signs in.
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^您好/ })).toBeVisible();
});

test('a wrong password gets a clear error in Chinese', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('用户名').fill(PHYSICIAN.username);
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toHaveText('用户名或密码错误');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('after repeated failures the sign-in button says how long to wait, across a refresh too', async ({ page }, info) => {
  // An unknown username is throttled like a real one: five attempts, then a
  // wait. These are five failures from this address, of the 30 the server
  // tolerates per address.
  const username = info.project.name === 'mobile' ? 'nobody-mobile' : 'nobody-desktop';
  await page.goto('/sign-in');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('not-the-password');
  const submit = page.getByRole('button', { name: '登录' });
  for (let failure = 1; failure <= 5; failure++) {
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/session')), submit.click()]);
    await expect(page.getByRole('alert')).toHaveText('用户名或密码错误');
  }
  await submit.click();
  await expect(page.getByRole('alert')).toHaveText('尝试次数过多，请稍后再试');
  const waiting = page.getByRole('button', { name: /^\d+ 秒后可再试$/ });
  await expect(waiting).toBeDisabled();
  await expectNoAxeViolations(page);
  await page.reload();
  await expect(waiting).toBeDisabled();
});

test('the language switch shows the portal in English', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectNoAxeViolations(page);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});
