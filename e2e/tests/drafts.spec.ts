import { expect, test } from '@playwright/test';

test('a refresh in the middle of a form restores the draft, but never the password', async ({ page }) => {
  await page.goto('/register');
  await page.getByLabel('身份证号').fill('110101199011112218');
  await page.getByLabel('用户名').fill('draftuser');
  await page.getByLabel('密码', { exact: true }).fill('Secret#2026x');
  await page.reload();
  await expect(page.getByLabel('身份证号')).toHaveValue('110101199011112218');
  await expect(page.getByLabel('用户名')).toHaveValue('draftuser');
  await expect(page.getByLabel('密码', { exact: true })).toHaveValue('');
  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  expect(stored).not.toContain('Secret#2026x');
});

test('a failed request keeps what was typed', async ({ page }) => {
  await page.goto('/recover');
  await page.getByRole('link', { name: '方式二：个人信息' }).click();
  await page.getByLabel('姓名').fill('张伟');
  await page.getByLabel('身份证号').fill('11010519850312403X');
  await page.getByLabel('执业证书编码').fill('110110105000101');
  await page.route('**/api/v1/recovery/personal', (route) => route.abort('internetdisconnected'));
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByRole('alert')).toHaveText('网络连接失败，请检查网络后重试。');
  await expect(page.getByLabel('姓名')).toHaveValue('张伟');
  await expect(page.getByLabel('身份证号')).toHaveValue('11010519850312403X');
});
