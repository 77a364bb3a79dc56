import { expect, test } from '@playwright/test';
import { checkA11y, latestCode, PASSWORD, perProject, signIn } from './helpers';

test('a new email: the password, a code to the new address (another only after the minute), confirmed', async ({ page }, info) => {
  const who = perProject(
    info,
    { username: 'liqiang', email: 'liqiang.new@example.com' },
    { username: 'chenjie', email: 'chenjie.new@example.com' },
  );
  await signIn(page, who.username);
  await page.goto('/profile');
  // What cannot be changed here says where it is changed.
  await expect(page.getByText(/不能在此修改。如有错误或已变化，请通过主要执业机构办理变更注册/)).toBeVisible();
  // The phone verified at activation; no email yet.
  await expect(page.getByText(/^138\*{4}\d{4} · 已验证$/)).toBeVisible();
  await expect(page.getByText('未填写')).toBeVisible();
  await page.getByLabel('新的手机号或电子邮箱').fill(who.email);
  await page.getByRole('region', { name: '更换手机号或邮箱' }).getByLabel('当前密码').fill(PASSWORD);
  await page.getByRole('button', { name: '发送验证码' }).click();
  await expect(page.getByText('验证码已发送至')).toBeVisible();
  await expect(page.getByLabel('验证码')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: /^\d+ 秒后可重新发送$/ })).toBeDisabled();
  await checkA11y(page);

  await page.getByLabel('验证码').fill(await latestCode(page.request, who.email));
  await page.getByRole('button', { name: '确认更换' }).click();
  await expect(page.getByRole('status').filter({ hasText: '联系方式已更换并验证。' })).toBeVisible();
  // The details show the new address at once, verified: it can now receive a recovery code.
  await expect(page.getByText(/^\w\*+@example\.com · 已验证$/)).toBeVisible();
  await expect(page.getByText('未填写')).toHaveCount(0);
});
