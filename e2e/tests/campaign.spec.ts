import { expect, Page, test } from '@playwright/test';
import { checkA11y, nationalDeadline, PASSWORD, signIn, writtenDate } from './helpers';

/** `n` days from today in China (UTC+8, the portal's day), `YYYY-MM-DD`. */
function inDays(n: number): string {
  const d = new Date(Date.now() + 8 * 3600 * 1000 + n * 24 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
}

async function signInAuthority(page: Page, username: string) {
  await page.goto('/authority');
  await expect(page.getByRole('heading', { name: '主管部门登录' })).toBeVisible();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: '申领工作安排' })).toBeVisible();
}

test("Shenzhen's authority sets its campaign within the national one, and reminds its region", async ({ page }) => {
  const national = await nationalDeadline(page);
  await signInAuthority(page, 'sz_admin');
  const section = page.getByRole('region', { name: '申领工作安排' });
  await expect(section.getByText(/^本辖区的安排：深圳市 · 电子证照申领截止：\d+年/)).toBeVisible();
  await expect(section.getByText(`各日期不得晚于上级安排：全国 · 电子证照申领截止：${national.zh}`)).toBeVisible();

  // Later than the national campaign: refused on its field, naming the date.
  await section.getByLabel('电子证照申领截止日期').fill(inDays(60));
  await section.getByRole('button', { name: '保存安排' }).click();
  const licences = section.getByLabel('电子证照申领截止日期');
  await expect(licences).toHaveAccessibleDescription(new RegExp(`不能晚于上级确定的日期（${national.zh}）`));

  // Within it: saved, and the summary counts down to it.
  await licences.fill(inDays(12));
  await section.getByLabel('机构管理员账户开通截止日期（可不填）').fill(inDays(3));
  await section.getByLabel('逾期处理').selectOption({ label: '逾期未申领电子证照者作离岗处理。' });
  await section.getByRole('button', { name: '保存安排' }).click();
  await expect(section.getByRole('status')).toHaveText('已保存，辖区内的机构和人员将看到新的截止日期。');
  await expect(section.getByText(`本辖区的安排：深圳市 · 电子证照申领截止：${writtenDate(inDays(12)).zh}`, { exact: false })).toBeVisible();
  await expect(section.getByText('逾期未申领电子证照者作离岗处理。', { exact: false }).first()).toBeVisible();
  // Read back from the API (behind a load balancer the other server's copy
  // of the campaigns may be up to 10 s old: see the national test below).
  const shenzhen = async () =>
    ((await (await page.request.get('/api/v1/campaigns')).json()) as { region_code: string }[]).find(
      (c) => c.region_code === '4403',
    );
  await expect
    .poll(shenzhen, { timeout: 15_000 })
    .toMatchObject({ e_license_by: inDays(12), institution_accounts_by: inDays(3), after_deadline: 'off_duty' });

  // Its reminders reach the staff of the region's three generated demo
  // institutions (once a day: a second run of the same day finds them
  // reminded), and the region's figures are shown.
  const reminders = page.getByRole('region', { name: '提醒' });
  await reminders.getByRole('button', { name: '提醒全部尚未申领的人员' }).click();
  const status = reminders.getByRole('status');
  await expect(status).toHaveText(/^已发送提醒：\d+；今天已提醒过：\d+；无联系方式：0$/);
  const [sent, already] = (await status.textContent())!.match(/\d+/g)!.map(Number);
  expect(sent + already).toBeGreaterThan(0);
  await expect(page.getByRole('region', { name: '辖区提醒情况（近 90 天）' }).getByText('已提醒人数')).toBeVisible();
  await checkA11y(page);
});

test('the national authority moves the national deadline: the sign-in page and the home page show it', async ({ page }) => {
  await signInAuthority(page, 'nhc_admin');
  const section = page.getByRole('region', { name: '申领工作安排' });
  // The national campaign has no region name to edit.
  await expect(section.getByLabel('地区名称（中文）')).toHaveCount(0);
  await section.getByLabel('电子证照申领截止日期').fill(inDays(40));
  await section.getByRole('button', { name: '保存安排' }).click();
  await expect(section.getByRole('status')).toHaveText('已保存，辖区内的机构和人员将看到新的截止日期。');
  const day = writtenDate(inDays(40));

  // Before sign-in: the HTML the server writes, then the portal's banner.
  // Each server reads the campaigns through a copy at most 10 s old
  // (crates/server/src/campaigns.rs), so behind a load balancer the other
  // server shows the change within that; two requests in a row reach both.
  const written = `全国 · 电子证照申领截止日期：${day.zh}`;
  const shell = async () => (await page.request.get('/sign-in')).text();
  await expect
    .poll(async () => (await shell()).includes(written) && (await shell()).includes(written), { timeout: 15_000 })
    .toBe(true);
  await page.goto('/sign-in');
  await expect(page.getByRole('complementary', { name: '申领截止' })).toHaveText(
    `全国 · 距离电子证照申领截止还有 40 天 (${day.zh}) 逾期未申领电子证照者不得执业。`,
  );
  // Signed in: the campaign of the practitioner's region (national here).
  await signIn(page, 'zhangwei');
  await expect(page.getByRole('complementary', { name: '申领截止' })).toContainText(`还有 40 天 (${day.zh})`);
  await checkA11y(page);
});
