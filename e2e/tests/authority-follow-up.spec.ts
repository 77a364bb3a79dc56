import { expect, test } from '@playwright/test';
import { checkA11y, PASSWORD } from './helpers';

type Member = { username: string; system: string; eligible: boolean; applied: boolean };

test("a region's follow-up shows an institution's rate rising after one of its staff applies", async ({ page, playwright }, info) => {
  const baseURL = info.project.use.baseURL!;
  // Someone of 北京市海淀区和平医院 who may apply and has not, from its
  // administrator's roster (other tests of the run may have applied some).
  const admin = await playwright.request.newContext({ baseURL });
  expect((await admin.post('/api/v1/institution/session', { data: { username: 'admin_a', password: PASSWORD } })).ok()).toBeTruthy();
  const roster: { staff: Member[] } = await (await admin.get('/api/v1/institution/staff')).json();
  const member = roster.staff.find((m) => m.eligible && !m.applied);
  test.skip(!member, 'every eligible person of the demo institution has applied already');

  // The national authority's follow-up.
  await page.goto('/authority');
  await expect(page.getByRole('heading', { name: '主管部门登录' })).toBeVisible();
  await page.getByLabel('用户名').fill('nhc_admin');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: '辖区申领进度' })).toBeVisible();
  const row = page.getByRole('row', { name: /北京市海淀区和平医院/ });
  const applied = row.getByRole('cell').nth(2);
  await expect(applied).toHaveText(/^\d+ \/ \d+$/);
  const [before, staff] = (await applied.textContent())!.split(' / ').map(Number);
  // The provinces of the national authority.
  await expect(page.getByRole('table', { name: '下级行政区' })).toContainText('31');
  await checkA11y(page);

  // One of its staff applies.
  const person = await playwright.request.newContext({ baseURL });
  const signedIn = await person.post('/api/v1/session', {
    data: { system: member!.system, username: member!.username, password: PASSWORD },
  });
  expect(signedIn.ok()).toBeTruthy();
  expect((await person.post('/api/v1/applications', { data: {} })).status()).toBe(201);

  await page.reload();
  await expect(applied).toHaveText(`${before + 1} / ${staff}`);
  const rate = row.getByRole('cell').nth(1);
  await expect(rate).toHaveText(`${(((before + 1) / staff) * 100).toFixed(1)}%`);
});

test("Shenzhen's authority follows only its region's institutions, the most endangered first", async ({ page }) => {
  await page.goto('/authority');
  await page.getByLabel('用户名').fill('sz_admin');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: '辖区申领进度' })).toBeVisible();
  // The demo's three generated institutions inside 4403, at varied rates,
  // lowest first; nothing of Beijing or Shanghai.
  const names = ['深圳市宝安区社区健康服务中心（演示）', '深圳市南山区妇幼保健院（演示）', '深圳市福田区人民医院（演示）'];
  const rates: number[] = [];
  for (const name of names) {
    const rate = page.getByRole('row', { name: new RegExp(name) }).getByRole('cell').nth(1);
    await expect(rate).toHaveText(/^\d+(\.\d)?%$/);
    rates.push(parseFloat((await rate.textContent())!));
  }
  expect(rates[0]).toBeLessThan(rates[1]);
  expect(rates[1]).toBeLessThan(rates[2]);
  await expect(page.getByRole('row', { name: /北京市海淀区和平医院|上海市徐汇区仁心医院/ })).toHaveCount(0);
  const order = await page.getByRole('rowheader').allTextContents();
  expect(order.filter((n) => names.includes(n))).toEqual(names);
  await checkA11y(page);
});
