import { expect, test } from '@playwright/test';
import { checkA11y, PASSWORD, perProject } from './helpers';

test('an eligible practitioner applies with the keyboard alone and sees the e-license', async ({ page }, info) => {
  const who = perProject(info, { username: 'zhangwei', system: '医师', name: '张伟' }, { username: 'lina', system: '护士', name: '李娜' });
  await page.goto('/sign-in');
  // The shell paints before the wasm loads: wait for the form the user sees.
  await expect(page.getByRole('radio', { name: '医师' })).toBeVisible();
  // Keyboard only: Tab through the form, arrows for the radio group, Enter to submit.
  await page.keyboard.press('Tab'); // skip link
  await page.keyboard.press('Tab'); // brand
  await page.keyboard.press('Tab'); // help
  await page.keyboard.press('Tab'); // language
  await page.keyboard.press('Tab'); // system radio (医师)
  await expect(page.getByRole('radio', { name: '医师' })).toBeFocused();
  if (who.system === '护士') {
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('radio', { name: '护士' })).toBeChecked();
  }
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('用户名')).toBeFocused();
  await page.keyboard.type(who.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: `您好，${who.name}` })).toBeVisible();

  const apply = page.getByRole('button', { name: '申领电子证照' });
  await expect(apply).toBeEnabled();
  await checkA11y(page);
  for (let i = 0; i < 40 && !(await apply.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(apply).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/license$/);
  const license = page.getByRole('region', { name: '电子证照' });
  await expect(license).toContainText('证照状态：有效');
  await expect(license).toContainText(who.name);
  await checkA11y(page);

  // Applying is idempotent and the home page now leads to the e-license.
  await page.goto('/');
  await expect(page.getByRole('link', { name: '查看电子证照' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: '申领进度' }).getByRole('listitem').last()).toContainText('已完成');
});
