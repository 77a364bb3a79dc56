import { expect, test } from '@playwright/test';
import { checkA11y, signIn } from './helpers';

function criterion(page: import('@playwright/test').Page, name: string) {
  return page.getByRole('heading', { name: new RegExp(`^${name} \\((已满足|未满足)\\)$`) });
}

test('a filed physician sees exactly the failed status criterion, with a working fix link', async ({ page }) => {
  await signIn(page, 'liqiang');
  const checklist = page.getByRole('region', { name: '电子证照申领条件' });
  await expect(checklist.getByRole('heading', { name: /\(未满足\)$/ })).toHaveCount(1);
  await expect(criterion(page, '执业状态正常')).toHaveText(/未满足/);
  await expect(checklist).toContainText('您的执业状态为“备案”');
  await expect(page.getByRole('button', { name: '申领电子证照' })).toBeDisabled();
  await checkA11y(page);
  await checklist.getByRole('link', { name: '联系主要执业机构' }).click();
  await expect(page.getByRole('heading', { name: '需要主要执业机构处理的事项' })).toBeVisible();
});

test('a nurse whose registration expired sees exactly that criterion fail', async ({ page }) => {
  await signIn(page, 'liuyang', '护士');
  const checklist = page.getByRole('region', { name: '电子证照申领条件' });
  await expect(checklist.getByRole('heading', { name: /\(未满足\)$/ })).toHaveCount(1);
  await expect(criterion(page, '执业注册在有效期内')).toHaveText(/未满足/);
  await expect(checklist).toContainText('执业注册已于');
  // The greeting says it expired, not "valid until" a past date.
  await expect(page.getByText(/^执业注册已于以下日期到期：/)).toBeVisible();
  await expect(page.getByText(/^执业注册有效期至/)).toHaveCount(0);
  await expect(page.getByRole('button', { name: '申领电子证照' })).toBeDisabled();
  await checklist.getByRole('link', { name: '联系主要执业机构' }).click();
  await expect(page).toHaveURL(/\/help#institution$/);
});

test('a nurse inside the 30-day window sees the renewal hint', async ({ page }) => {
  await signIn(page, 'zhouting', '护士');
  await expect(page.getByRole('note')).toContainText('30 天内到期');
});
