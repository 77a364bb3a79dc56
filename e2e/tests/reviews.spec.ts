import { Browser, expect, Page, test } from '@playwright/test';
import { checkA11y, PASSWORD, perProject, signIn } from './helpers';

async function adminPage(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/institution/sign-in');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: '申领概况' })).toBeVisible();
  return page;
}

test('a title change reaches the review queue; a rejection shows its reason to the practitioner', async ({ page, browser }, info) => {
  const who = perProject(
    info,
    { username: 'wulei', name: '吴磊', admin: 'admin_a' },
    { username: 'zhengjie', name: '郑洁', admin: 'admin_b' },
  );
  await signIn(page, who.username);
  await page.getByRole('link', { name: '个人信息' }).click();
  await page.getByLabel('新职称').selectOption({ label: '主任医师' });
  await page.getByRole('button', { name: '提交审核' }).click();
  await expect(page.getByRole('status').filter({ hasText: '职称变更审核中：主任医师' })).toBeVisible();
  await checkA11y(page);

  const admin = await adminPage(browser, who.admin);
  await admin.getByRole('link', { name: '审核' }).click();
  const item = admin.getByRole('listitem').filter({ has: admin.getByRole('heading', { name: `职称变更 · ${who.name} (${who.username})` }) });
  await expect(item.getByRole('definition').last()).toHaveText('主任医师');
  await checkA11y(admin);
  // A rejection needs a reason.
  await item.getByRole('button', { name: '不通过' }).click();
  await expect(item.getByRole('alert')).toHaveText('请填写不通过的原因。');
  await item.getByLabel('不通过的原因（本人可见）').fill('未见聘任文件');
  await item.getByRole('button', { name: '不通过' }).click();
  await expect(admin.getByRole('status').filter({ hasText: `已处理：${who.name}` })).toBeVisible();
  await admin.context().close();

  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: '职称变更未通过：主任医师' })).toContainText('原因：未见聘任文件');
});

test('an approved title change becomes the title on record', async ({ page, browser }, info) => {
  const who = perProject(
    info,
    { username: 'wangfang', name: '王芳', admin: 'admin_a', title: '主治医师' },
    { username: 'chenjie', name: '陈杰', admin: 'admin_b', title: '副主任医师' },
  );
  await signIn(page, who.username);
  await page.goto('/profile');
  await page.getByLabel('新职称').selectOption({ label: who.title });
  await page.getByRole('button', { name: '提交审核' }).click();
  await expect(page.getByRole('status').filter({ hasText: `职称变更审核中：${who.title}` })).toBeVisible();

  const admin = await adminPage(browser, who.admin);
  await admin.goto('/institution/reviews');
  const item = admin.getByRole('listitem').filter({ has: admin.getByRole('heading', { name: `职称变更 · ${who.name} (${who.username})` }) });
  await item.getByRole('button', { name: '通过', exact: true }).click();
  await expect(admin.getByRole('status').filter({ hasText: `已处理：${who.name}` })).toBeVisible();
  await admin.context().close();

  await page.reload();
  const title = page.getByRole('term').filter({ hasText: /^职称$/ }).locator('xpath=following-sibling::dd');
  await expect(title).toHaveText(who.title);
});
