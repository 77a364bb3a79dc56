import { Browser, expect, Page, test } from '@playwright/test';
import { checkA11y, PASSWORD } from './helpers';

// Issue 18 point 11 (the institution side) and issue 23's zombie paging and
// bulk title reviews, on the generated hospital (admin_big, 300 staff;
// PORTAL_DEMO_STAFF in playwright.config.ts).

async function bigAdmin(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/institution/sign-in');
  await page.getByLabel('用户名').fill('admin_big');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: '申领概况' })).toBeVisible();
  return page;
}

type Member = {
  account_id: number;
  username: string;
  name: string;
  system: string;
  activated: boolean;
  applied: boolean;
};

test('the roster words each unmet criterion for the administrator', async ({ browser }) => {
  const admin = await bigAdmin(browser);
  await admin.goto('/institution/staff?unmet=photo');
  const rows = admin.locator('ul.staff-list > li');
  await expect(rows.first()).toBeVisible();
  const unmet = admin.getByRole('list', { name: '未满足的条件' }).first();
  await expect(unmet).toContainText(/请提醒本人|等待本机构审核/);
  // Nothing tells the administrator to contact the main institution: they are it.
  const lists = admin.getByRole('list', { name: '未满足的条件' });
  expect(await lists.count()).toBeGreaterThan(1);
  await expect(lists.filter({ hasText: /主要执业机构|您|请联系/ })).toHaveCount(0);
  await checkA11y(admin);
  // In English too: the administrator is asked to act, not sent elsewhere.
  await admin.getByRole('button', { name: 'Switch to English' }).click();
  const english = admin.getByRole('list', { name: 'Criteria not met yet' });
  await expect(english.first()).toContainText(/Ask the person|waits for your review/);
  await expect(english.filter({ hasText: /main institution|Your / })).toHaveCount(0);
  await checkA11y(admin);
  await admin.context().close();
});

test('a deleted account stays on the roster as deleted, with the date and the next step', async ({ browser }) => {
  const admin = await bigAdmin(browser);
  const roster: { staff: Member[] } = await (await admin.request.get('/api/v1/institution/staff?per_page=5&sort=-name')).json();
  const who = roster.staff[0];
  await admin.goto(`/institution/staff?q=${who.username}`);
  const row = admin.getByRole('listitem').filter({ has: admin.getByRole('heading', { name: `${who.name} (${who.username})` }) });
  await row.getByRole('button', { name: '删除账户' }).click();
  await row.getByRole('button', { name: '确认删除' }).click();
  await expect(admin.getByRole('status').filter({ hasText: `已删除账户：${who.name}` })).toBeVisible();

  await admin.getByLabel('搜索姓名或用户名').fill('');
  await admin.getByLabel('只看已删除的账户').check();
  await expect(admin).toHaveURL(/deleted=true/);
  const record = admin.getByRole('listitem').filter({ has: admin.getByRole('heading', { name: who.name, exact: true }) });
  await expect(record).toContainText(/账户已删除（\d{4}年\d{1,2}月\d{1,2}日）/);
  await expect(record).toContainText('请本人用身份证号和执业证书编码重新注册并激活账户');
  await checkA11y(admin);
  // The filter is in the address: a refresh keeps it.
  await admin.reload();
  await expect(admin.getByLabel('只看已删除的账户')).toBeChecked();
  await expect(record).toContainText('账户已删除');
  await admin.context().close();
});

test('the dashboard shows the first people not activated, the total, and a link to all of them, paged', async ({ browser }) => {
  const admin = await bigAdmin(browser);
  const dashboard = await (await admin.request.get('/api/v1/institution/dashboard')).json();
  const total: number = dashboard.not_activated_total;
  expect(total).toBeGreaterThan(50);
  const lacking = admin.getByRole('region', { name: '待跟进人员' });
  await expect(lacking.getByRole('heading', { name: `账户尚未激活（${total}）` })).toBeVisible();
  await expect(lacking).toContainText(dashboard.not_activated[0].name);
  await checkA11y(admin);
  await lacking.getByRole('link', { name: `查看全部：账户尚未激活（${total}）` }).click();
  await expect(admin.getByRole('heading', { level: 1, name: '账户尚未激活' })).toBeVisible();
  await expect(admin.getByText(`符合条件的人员：${total}`)).toBeVisible();
  const pager = admin.getByRole('navigation', { name: '分页' });
  await expect(pager).toContainText(`页码 1 / ${Math.ceil(total / 50)}`);
  await pager.getByRole('button', { name: '下一页' }).click();
  await expect(admin).toHaveURL(/list=not_activated&page=2/);
  await admin.reload();
  await expect(pager).toContainText('页码 2 /');
  await checkA11y(admin);
  await admin.context().close();
});

test('the institution licence page shows the licence issued on the application', async ({ browser }) => {
  const admin = await bigAdmin(browser);
  await admin.goto('/institution/licence');
  await expect(admin.getByRole('heading', { name: '机构电子证照', level: 1 })).toBeVisible();
  const apply = admin.getByRole('button', { name: '申领电子证照' });
  await expect(apply.or(admin.getByText('证照状态：有效'))).toBeVisible();
  if (await apply.isVisible()) {
    await apply.click();
  }
  await expect(admin.getByText('证照状态：有效')).toBeVisible();
  await expect(admin.getByRole('img', { name: '电子证照核验二维码' })).toBeVisible();
  await expect(admin.getByText(/申领编号：\d+/)).toBeVisible();
  await checkA11y(admin);
  await admin.context().close();
});

test('zombie candidates are paged on the server; page and filters stay in the address', async ({ browser }) => {
  const admin = await bigAdmin(browser);
  const all = await (await admin.request.get('/api/v1/institution/zombies?per_page=1')).json();
  expect(all.total).toBeGreaterThan(20);
  await admin.goto('/institution/zombies');
  const pager = admin.getByRole('navigation', { name: '分页' });
  await expect(pager).toContainText(`页码 1 / ${Math.ceil(all.total / 20)}`);
  await expect(admin.getByText(`待核实人员：${all.total}`)).toBeVisible();
  const names = admin.locator('#zombies-heading ~ ul.staff-list > li h3');
  expect(await names.count()).toBeLessThanOrEqual(20);
  const pageOneFirst = await names.first().textContent();
  await pager.getByRole('button', { name: '下一页' }).click();
  await expect(admin).toHaveURL(/\/institution\/zombies\?page=2$/);
  // The second page has arrived when its first name is another.
  await expect(names.first()).not.toHaveText(pageOneFirst!);
  const first = await names.first().textContent();
  await admin.reload();
  await expect(pager).toContainText('页码 2 /');
  await expect(names.first()).toHaveText(first!);
  await checkA11y(admin);

  // A filter is another list: its first page, in the address.
  await admin.getByLabel('类别').selectOption({ label: '护士' });
  await expect(admin).toHaveURL(/\/institution\/zombies\?system=nurse$/);
  const nurses = await (await admin.request.get('/api/v1/institution/zombies?system=nurse&per_page=1')).json();
  await expect(admin.getByText(`待核实人员：${nurses.total}`)).toBeVisible();
  await admin.reload();
  await expect(admin.getByLabel('类别')).toHaveValue('nurse');
  await admin.context().close();
});

test('title changes are selected and approved together; each title becomes the one on record', async ({ browser, playwright, baseURL }, info) => {
  const admin = await bigAdmin(browser);
  const roster: { staff: Member[] } = await (
    await admin.request.get('/api/v1/institution/staff?system=physician&per_page=200&sort=username')
  ).json();
  // Each project takes its own three activated physicians.
  const offset = info.project.name === 'mobile' ? 0 : 3;
  const people = roster.staff.filter((m) => m.activated).slice(offset, offset + 3);
  expect(people.length).toBe(3);
  const asked: Record<string, string> = {};
  for (const p of people) {
    const person = await playwright.request.newContext({ baseURL });
    const signIn = await person.post('/api/v1/session', { data: { system: 'physician', username: p.username, password: PASSWORD } });
    expect(signIn.status()).toBe(200);
    const me = await (await person.get('/api/v1/me')).json();
    const title = me.title === 'chief_physician' ? 'associate_chief_physician' : 'chief_physician';
    asked[p.username] = title;
    expect((await person.put('/api/v1/me/title', { data: { title } })).status()).toBe(202);
    await person.dispose();
  }
  // The title changes are the newest items: the queue's last page.
  const queue = await (await admin.request.get('/api/v1/institution/reviews?per_page=50')).json();
  const last = Math.max(1, Math.ceil(queue.total / 50));
  await admin.goto(last > 1 ? `/institution/reviews?page=${last}` : '/institution/reviews');
  const bar = admin.getByRole('group', { name: '通过所选职称变更' });
  await expect(bar).toBeVisible();
  for (const p of people) {
    await admin.getByLabel(`选择职称变更 ${p.name} (${p.username})`).check();
  }
  await expect(bar).toContainText('已选择：3');
  await checkA11y(admin);
  // A refusal needs a reason; nothing is sent without one.
  await bar.getByRole('button', { name: '不通过所选职称变更', exact: true }).click();
  await expect(bar.getByRole('alert')).toHaveText('请填写不通过的原因。');
  await bar.getByRole('button', { name: '通过所选职称变更', exact: true }).click();
  await expect(admin.getByRole('status').filter({ hasText: '已处理：3' })).toBeVisible();
  for (const p of people) {
    await expect(admin.getByRole('heading', { name: `职称变更 · ${p.name} (${p.username})` })).toHaveCount(0);
  }
  await admin.context().close();
  for (const p of people) {
    const person = await playwright.request.newContext({ baseURL });
    await person.post('/api/v1/session', { data: { system: 'physician', username: p.username, password: PASSWORD } });
    const me = await (await person.get('/api/v1/me')).json();
    expect(me.title).toBe(asked[p.username]);
    expect(me.title_review?.state).not.toBe('pending');
    await person.dispose();
  }
});

test('moving between pages asks for the profile no more; a session ended in another tab leads to sign-in and back', async ({ browser }) => {
  const admin = await bigAdmin(browser);
  // The sign-in's answer is the profile: the pages after it do not ask again.
  const asked: string[] = [];
  admin.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/v1/institution/me') asked.push(r.url());
  });
  const nav = admin.getByRole('navigation', { name: '机构端' });
  await nav.getByRole('link', { name: '人员名册' }).click();
  await expect(admin.getByRole('heading', { name: '人员名册' })).toBeVisible();
  await expect(admin.getByRole('listitem').filter({ has: admin.getByRole('heading', { level: 3 }) }).first()).toBeVisible();
  await nav.getByRole('link', { name: '审核' }).click();
  await expect(admin.getByRole('heading', { name: '待审核事项' })).toBeVisible();
  await nav.getByRole('link', { name: '申领概况' }).click();
  await expect(admin.getByRole('heading', { name: '申领概况' })).toBeVisible();
  expect(asked).toHaveLength(0);

  // Signed out in another tab of the same browser: the next page's own
  // request finds no session, and the administrator signs in and is back.
  const other = await admin.context().newPage();
  await other.goto('/institution');
  await other.getByRole('navigation', { name: '机构端' }).getByRole('button', { name: '退出登录' }).click();
  await expect(other).toHaveURL(/\/institution\/sign-in/);
  await other.close();
  await nav.getByRole('link', { name: '人员名册' }).click();
  await expect(admin).toHaveURL(/\/institution\/sign-in\?next=%2Finstitution%2Fstaff/);
  await admin.getByLabel('用户名').fill('admin_big');
  await admin.getByLabel('密码').fill(PASSWORD);
  await admin.getByRole('button', { name: '登录' }).click();
  await expect(admin).toHaveURL(/\/institution\/staff$/);
  await expect(admin.getByRole('heading', { name: '人员名册' })).toBeVisible();
  await admin.context().close();
});
