import { Browser, expect, Page, test } from '@playwright/test';
import { checkA11y, PASSWORD } from './helpers';

// The generated hospital (PORTAL_DEMO_STAFF in playwright.config.ts):
// 300 staff, 240 accounts, 80 photos waiting, administrator admin_big.

async function bigAdmin(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/institution/sign-in');
  await page.getByLabel('用户名').fill('admin_big');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: '申领概况' })).toBeVisible();
  return page;
}

test('the roster pages with a filter, and a refresh comes back to the same page', async ({ browser }) => {
  const admin = await bigAdmin(browser);
  await admin.goto('/institution/staff');
  const rows = admin.locator('ul.staff-list > li');
  await expect(rows.first()).toBeVisible();
  await admin.getByRole('combobox', { name: '未满足的条件' }).selectOption('photo');
  await expect(admin).toHaveURL(/unmet=photo/);
  const pager = admin.getByRole('navigation', { name: '分页' });
  await expect(pager).toContainText(/页码 1 \/ \d+/);
  await pager.getByRole('button', { name: '下一页' }).click();
  await expect(admin).toHaveURL(/unmet=photo.*page=2|page=2.*unmet=photo/);
  await expect(pager).toContainText(/页码 2 \/ \d+/);
  const first = await admin.getByRole('heading', { level: 3 }).first().textContent();
  // Never more than a page of people in the DOM.
  expect(await admin.getByRole('heading', { level: 3 }).count()).toBeLessThanOrEqual(50);
  await checkA11y(admin);

  await admin.reload();
  await expect(admin.getByRole('combobox', { name: '未满足的条件' })).toHaveValue('photo');
  await expect(pager).toContainText(/页码 2 \/ \d+/);
  await expect(admin.getByRole('heading', { level: 3 }).first()).toHaveText(first!);
  await pager.getByRole('button', { name: '上一页' }).click();
  await expect(pager).toContainText(/页码 1 \/ \d+/);
  await admin.context().close();
});

test('twenty photos are approved together and a common reason reaches the practitioner', async ({ browser }) => {
  const admin = await bigAdmin(browser);
  await admin.goto('/institution/reviews');
  const boxes = admin.getByRole('checkbox', { name: /^选择 / });
  await expect(boxes.first()).toBeVisible();
  expect(await boxes.count()).toBeGreaterThanOrEqual(21);
  const usernames: string[] = [];
  for (let i = 0; i < 20; i++) {
    const box = boxes.nth(i);
    const label = (await box.locator('xpath=following-sibling::span').textContent())!;
    usernames.push(label.match(/\((\w+)\)$/)![1]);
    await box.check();
  }
  await expect(admin.getByText('已选择：20')).toBeVisible();
  await checkA11y(admin);
  await admin.getByRole('button', { name: '通过所选', exact: true }).click();
  await expect(admin.getByRole('status').filter({ hasText: '已处理：20' })).toBeVisible();
  // Each one's checklist: the photo criterion holds now.
  for (const username of usernames) {
    const resp = await admin.request.get(`/api/v1/institution/staff?q=${username}`);
    const roster = await resp.json();
    const member = roster.staff.find((m: { username: string }) => m.username === username);
    expect(member.photo_state, username).toBe('approved');
    const photo = member.checklist.criteria.find((c: { code: string }) => c.code === 'photo');
    expect(photo.passed, username).toBe(true);
  }
  await expect(admin.getByRole('checkbox', { name: new RegExp(`\\(${usernames[0]}\\)$`) })).toHaveCount(0);

  // Reject one with a common reason.
  const box = boxes.first();
  const label = (await box.locator('xpath=following-sibling::span').textContent())!;
  const rejected = label.match(/\((\w+)\)$/)![1];
  await box.check();
  await admin.getByLabel('常见原因').selectOption('background_not_light');
  await admin.getByRole('button', { name: '不通过所选', exact: true }).click();
  await expect(admin.getByRole('status').filter({ hasText: '已处理：1' })).toBeVisible();
  const member = (await (await admin.request.get(`/api/v1/institution/staff?q=${rejected}`)).json()).staff[0];
  await admin.context().close();

  // The practitioner reads it.
  const page = await (await browser.newContext()).newPage();
  await page.goto('/sign-in');
  await page.getByRole('radio', { name: member.system === 'nurse' ? '护士' : '医师' }).check();
  await page.getByLabel('用户名').fill(rejected);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^您好/ })).toBeVisible();
  await page.goto('/photo');
  await expect(page.getByRole('status').filter({ hasText: '审核状态：' })).toContainText('背景不是浅色');
  await page.context().close();
});

test('one photo at a time: big buttons, keys, the next photo already loaded', async ({ browser }) => {
  const admin = await bigAdmin(browser);
  await admin.goto('/institution/reviews?view=one');
  const current = admin.getByRole('article');
  await expect(current).toBeVisible();
  const firstName = await current.getAttribute('aria-label');
  await expect(current.getByRole('img').first()).toBeVisible();
  // The next photo is requested before it is shown.
  const preloaded = admin.locator('img[aria-hidden="true"]');
  await expect(preloaded).toHaveCount(1);
  await expect.poll(() => preloaded.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
  await checkA11y(admin);
  // N skips to the next, A approves it.
  await admin.keyboard.press('n');
  await expect(current).not.toHaveAttribute('aria-label', firstName!);
  const second = await current.getAttribute('aria-label');
  await admin.keyboard.press('a');
  await expect(admin.getByRole('status').filter({ hasText: '已处理：1' })).toBeVisible();
  await expect(current).not.toHaveAttribute('aria-label', second!);
  // R without a reason asks for one.
  await admin.keyboard.press('r');
  await expect(admin.getByRole('alert').filter({ hasText: '请填写不通过的原因。' })).toBeVisible();
  await admin.reload();
  await expect(admin).toHaveURL(/view=one/);
  await expect(current).toBeVisible();
  await admin.context().close();
});
