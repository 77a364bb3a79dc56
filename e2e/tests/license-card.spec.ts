import { expect, Page, test } from '@playwright/test';
import { checkA11y, perProject, signIn } from './helpers';

// Issue 18, point 9: the e-license is a card with the holder's photo, the
// essential fields, the QR code and the verification state; the other
// fields once, under "details"; punctuation per language.
const who = (info: Parameters<typeof perProject>[0]) =>
  perProject(
    info,
    { username: 'zhangwei', system: '医师' as const, name: '张伟' },
    { username: 'lina', system: '护士' as const, name: '李娜' },
  );

async function openLicense(page: Page, username: string, system: '医师' | '护士') {
  await signIn(page, username, system);
  // Apply unless an earlier story (or run) already did.
  const apply = page.getByRole('button', { name: '申领电子证照' });
  const view = page.getByRole('link', { name: '查看电子证照' });
  await expect(apply.or(view).first()).toBeVisible();
  if (await apply.isVisible()) {
    await apply.click();
    await expect(page).toHaveURL(/\/license$/);
  } else {
    await page.goto('/license');
  }
}

test('the e-license card shows the photo, the essentials, the QR code and the state, each field once', async ({ page, browser }, info) => {
  const { username, system, name } = who(info);
  await openLicense(page, username, system);
  const card = page.getByRole('region', { name: '电子证照' });

  // The state, with the Chinese full-width colon.
  await expect(card.getByText(/^证照状态/)).toHaveText('证照状态：有效');
  // The holder's photo, really loaded (the licence's own, private copy).
  const photo = card.getByRole('img', { name: '持证人证件照' });
  await expect(photo).toBeVisible();
  await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(358);
  expect(await photo.evaluate((img: HTMLImageElement) => img.naturalHeight)).toBe(441);
  await expect(card.getByRole('img', { name: '电子证照核验二维码' })).toBeVisible();
  // The essentials are visible without opening anything, at 360×640 too.
  for (const label of ['姓名', '类别', '证照标识', '主要执业机构', '有效期至']) {
    await expect(card.getByText(label, { exact: true }), label).toBeVisible();
  }
  await expect(card.getByText(name, { exact: true })).toBeVisible();

  // No field twice (the application's data was listed again under the
  // licence's), and no photo "fingerprint".
  for (const label of ['姓名', '身份证号', '类别', '主要执业机构', '执业证书编码', '申领编号']) {
    await expect(card.getByText(label, { exact: true }), label).toHaveCount(1);
  }
  await expect(card).not.toContainText('证件照指纹');

  // The other fields are under "details".
  const details = card.getByText('证照详细信息');
  await expect(card.getByText('发证机关', { exact: true })).toBeHidden();
  await details.click();
  await expect(card.getByText('发证机关', { exact: true })).toBeVisible();
  await expect(card.getByText('国家卫生健康委员会')).toBeVisible();
  await checkA11y(page);

  // The photo is private: not cached, and nobody else's session gets it.
  const own = await page.request.get('/api/v1/license/photo');
  expect(own.status()).toBe(200);
  expect(own.headers()['cache-control']).toBe('private, no-store');
  const stranger = await (await browser.newContext()).request.get(new URL('/api/v1/license/photo', page.url()).toString());
  expect(stranger.status()).toBe(401);

  // In English: a half-width colon and a space.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  const english = page.getByRole('region', { name: 'E-license' });
  await expect(english.getByText(/^License status/)).toHaveText('License status: Valid');
  await expect(english.getByRole('img', { name: "The holder's ID photo" })).toBeVisible();
  await expect(english.getByText('License details')).toBeVisible();
  await checkA11y(page);
});
