import { expect, test } from '@playwright/test';
import { checkA11y, PASSWORD, readQr, signIn } from './helpers';

type Member = {
  username: string;
  name: string;
  system: string;
  activated: boolean;
  photo_state: string | null;
  eligible: boolean;
  applied: boolean;
  checklist: { criteria: { code: string; passed: boolean }[] };
};

test('an administrator sees the dashboard figures and the roster of their own institution', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('link', { name: '机构管理员入口' }).click();
  await expect(page.getByRole('heading', { name: '机构管理员登录' })).toBeVisible();
  await checkA11y(page);
  await page.getByLabel('用户名').fill('admin_a');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: '申领概况' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: '机构端' })).toContainText('北京市海淀区和平医院');

  // The figures, checked against the roster the API gives this administrator.
  const roster: { staff: Member[] } = await (await page.request.get('/api/v1/institution/staff')).json();
  const dashboard = await (await page.request.get('/api/v1/institution/dashboard')).json();
  const staff = roster.staff;
  expect(staff.length).toBeGreaterThan(0);
  for (const [system, heading] of [['physician', '医师'], ['nurse', '护士']] as const) {
    const mine = staff.filter((m) => m.system === system);
    const counts = dashboard.systems.find((c: { system: string }) => c.system === system);
    expect(counts.registered).toBe(mine.length);
    expect(counts.eligible).toBe(mine.filter((m) => m.eligible).length);
    expect(counts.applied).toBe(mine.filter((m) => m.applied).length);
    expect(counts.total).toBeGreaterThanOrEqual(counts.registered);
    const section = page.getByRole('region', { name: heading, exact: true });
    const figure = (name: string) => section.getByRole('term').filter({ hasText: new RegExp(`^${name}$`) }).locator('xpath=following-sibling::dd');
    await expect(figure('人员总数')).toHaveText(String(counts.total));
    await expect(figure('已注册')).toHaveText(String(mine.length));
    await expect(figure('符合条件')).toHaveText(String(mine.filter((m) => m.eligible).length));
    await expect(figure('已申领')).toHaveText(String(mine.filter((m) => m.applied).length));
  }
  const records = dashboard.systems.reduce((n: number, c: { total: number }) => n + c.total, 0);
  const rate = Math.floor((staff.filter((m) => m.applied).length * 100) / records);
  await expect(page.getByText(`申领率 ${rate}%`)).toBeVisible();
  // Institution B's staff never shows up.
  await expect(page.getByText('陈杰')).toHaveCount(0);
  // Who still lacks a photo: 王芳 has none in the seed.
  await expect(page.getByRole('region', { name: '待跟进人员' })).toContainText('王芳');
  await checkA11y(page);

  const nav = page.getByRole('navigation', { name: '机构端' });
  await expect(nav.getByRole('link', { name: '申领概况' })).toHaveAttribute('aria-current', 'page');
  await page.getByRole('link', { name: '人员名册' }).click();
  await expect(page.getByRole('heading', { name: '人员名册' })).toBeVisible();
  // The section's navigation marks the page being shown, and only it.
  await expect(nav.getByRole('link', { name: '人员名册' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.locator('[aria-current]')).toHaveCount(1);
  await page.getByLabel('执业状态').selectOption({ label: '备案' });
  await expect(page.getByRole('heading', { level: 3 })).toHaveText(['李强 (liqiang)']);
  await page.getByLabel('执业状态').selectOption({ label: '全部' });
  await page.getByLabel('类别').selectOption({ label: '护士' });
  const nurses = staff.filter((m) => m.system === 'nurse').map((m) => `${m.name} (${m.username})`);
  await expect(page.getByRole('heading', { level: 3 })).toHaveText(nurses);
  await checkA11y(page);
  // The filters are in the address: a refresh keeps them.
  await expect(page).toHaveURL(/\/institution\/staff\?system=nurse$/);
  await page.getByLabel('只看未申领').check();
  await page.reload();
  await expect(page.getByLabel('类别')).toHaveValue('nurse');
  await expect(page.getByLabel('只看未申领')).toBeChecked();
  const unapplied = staff.filter((m) => m.system === 'nurse' && !m.applied).map((m) => `${m.name} (${m.username})`);
  await expect(page.getByRole('heading', { level: 3 })).toHaveText(unapplied);
  await page.getByLabel('只看未申领').uncheck();
  await page.getByLabel('类别').selectOption({ label: '全部' });
  await expect(page).toHaveURL(/\/institution\/staff$/);

  // Search; each person shows a masked ID number, the criteria they do not
  // meet yet, and what a registration under a non-standard name requires.
  await page.getByLabel('搜索姓名或用户名').fill('孙');
  await expect(page.getByRole('heading', { level: 3 })).toHaveText(['孙浩 (sunhao)']);
  const sunhao = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: '孙浩 (sunhao)' }) });
  await expect(sunhao).toContainText('身份证号：110***********6113');
  await expect(sunhao).not.toContainText('110105199304156113');
  const unmet = sunhao.getByRole('list', { name: '尚未满足的条件' });
  await expect(unmet.getByRole('listitem')).toHaveCount(2);
  await expect(unmet).toContainText('账户已激活');
  await expect(unmet).toContainText('已上传证件照');
  const change = sunhao.getByRole('note');
  await expect(change).toContainText('需办理变更注册');
  await expect(change).toContainText('“海淀区和平医院”与医疗机构执业许可证上的名称“北京市海淀区和平医院”不一致');
  await checkA11y(page);
  await page.getByLabel('搜索姓名或用户名').fill('ZHANGWEI');
  await expect(page.getByRole('heading', { level: 3 })).toHaveText(['张伟 (zhangwei)']);
  await page.getByLabel('搜索姓名或用户名').fill('');

  await page.getByLabel('只看需变更注册的人员').check();
  await expect(page.getByRole('heading', { level: 3 })).toHaveText(['孙浩 (sunhao)']);
  await page.getByLabel('只看需变更注册的人员').uncheck();
  await page.getByLabel('未满足的条件', { exact: true }).selectOption({ label: '执业状态正常' });
  // The people listed are those whose checklist (from the API) fails that criterion.
  const blocked = roster.staff
    .filter((m) => m.checklist.criteria.some((c) => c.code === 'status_normal' && !c.passed))
    .map((m) => `${m.name} (${m.username})`);
  expect(blocked.length).toBeGreaterThanOrEqual(2);
  await expect(page.getByRole('heading', { level: 3 })).toHaveText(blocked);
  for (const heading of blocked) {
    const row = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: heading }) });
    await expect(row.getByRole('list', { name: '尚未满足的条件' })).toContainText('执业状态正常');
  }
});

test('the institution section needs an administrator session', async ({ page }) => {
  await page.goto('/institution/staff');
  await expect(page).toHaveURL(/\/institution\/sign-in\?next=%2Finstitution%2Fstaff$/);
  // A practitioner's session is not an administrator's.
  await page.getByLabel('用户名').fill('zhangwei');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toHaveText('用户名或密码错误');
});

test('a zombie case filed by the institution changes the status and the checklist once the authority confirms it', async ({ page, browser }, info) => {
  // Playwright runs every mobile test before the desktop ones: the expired nurse is deregistered last (desktop,
  // after its own checklist test), so the checklist tests of both projects see her as the seed left her.
  const who = info.project.name === 'desktop'
    ? { username: 'liuyang', name: '刘洋', system: '护士' as const, admin: 'admin_a', reason: '执业证书有效期届满未延续注册', outcome: '注销' }
    : { username: 'zhengjie', name: '郑洁', system: '医师' as const, admin: 'admin_b', reason: '失联', outcome: '备案' };
  const admin = await (await browser.newContext()).newPage();
  await admin.goto('/institution/sign-in');
  await admin.getByLabel('用户名').fill(who.admin);
  await admin.getByLabel('密码').fill(PASSWORD);
  await admin.getByRole('button', { name: '登录' }).click();
  await admin.getByRole('link', { name: '僵尸户清理' }).click();
  const row = admin.getByRole('listitem').filter({ has: admin.getByRole('heading', { name: who.name, exact: true }) });
  await expect(row).toContainText('建议原因');
  await row.getByLabel('原因').selectOption({ label: who.reason });
  await row.getByLabel('备注（核实情况、日期）').fill('电话三次未接通，短信无回复');
  await row.getByRole('button', { name: '办理' }).click();
  await expect(row.getByRole('group', { name: '办理' })).toContainText(`${who.reason} → ${who.outcome}`);
  await checkA11y(admin);
  await row.getByRole('button', { name: '确认', exact: true }).click();
  await expect(admin.getByRole('status').filter({ hasText: `已提交，待主管部门确认：${who.name} → ${who.outcome}` })).toBeVisible();
  const cases = admin.getByRole('region', { name: '已办理记录' });
  const filed = cases.getByRole('listitem').filter({ has: admin.getByRole('heading', { name: who.name }) }).first();
  await expect(filed).toContainText(`${who.reason} → ${who.outcome} · ${who.admin}`);
  await expect(filed).toContainText('状态：待主管部门确认');
  const pendingCsv = await (await admin.request.get('/api/v1/institution/deregistrations.csv')).text();
  expect(pendingCsv).toContain(who.name);
  expect(pendingCsv).toContain('待主管部门确认');

  // Filed, not confirmed: the person's registry status has not changed.
  const person = await (await browser.newContext()).request;
  expect((await person.post('/api/v1/session', { data: { system: who.system === '护士' ? 'nurse' : 'physician', username: who.username, password: PASSWORD } })).ok()).toBeTruthy();
  expect((await (await person.get('/api/v1/me')).json()).facts.status).toBe('normal');

  // Shenzhen's authority (4403) sees nothing of Beijing's or Shanghai's institutions.
  const shenzhen = await (await browser.newContext()).request;
  expect((await shenzhen.post('/api/v1/authority/session', { data: { username: 'sz_admin', password: PASSWORD } })).ok()).toBeTruthy();
  expect(await (await shenzhen.get('/api/v1/authority/deregistrations')).json()).toEqual([]);

  // The national authority, acting for the association, confirms the case.
  const authority = await (await browser.newContext()).newPage();
  await authority.goto('/authority');
  await authority.getByLabel('用户名').fill('nhc_admin');
  await authority.getByLabel('密码').fill(PASSWORD);
  await authority.getByRole('button', { name: '登录' }).click();
  await authority.getByRole('link', { name: '注销注册确认' }).click();
  await expect(authority.getByRole('heading', { name: '注销注册确认', level: 1 })).toBeVisible();
  const item = authority.getByRole('listitem').filter({ has: authority.getByRole('heading', { name: who.name, exact: true }) });
  await expect(item).toContainText(`申请机构：${who.admin === 'admin_a' ? '北京市海淀区和平医院' : '上海市徐汇区仁心医院'}`);
  await expect(item).toContainText(`${who.reason} · 登记状态：正常 → ${who.outcome}`);
  await expect(item).toContainText('电话三次未接通，短信无回复');
  await checkA11y(authority);
  await item.getByRole('button', { name: '确认', exact: true }).click();
  await expect(item.getByRole('group', { name: '确认' })).toContainText(`确认后登记状态将变更为：${who.outcome}`);
  await item.getByRole('button', { name: '确认变更' }).click();
  await expect(authority.getByRole('status').filter({ hasText: `已确认：${who.name} → ${who.outcome}` })).toBeVisible();
  await expect(authority.getByRole('heading', { name: who.name, exact: true })).toHaveCount(0);
  await authority.context().close();

  // The institution sees the decision.
  await admin.reload();
  await expect(filed).toContainText('状态：已确认');
  await admin.context().close();

  await signIn(page, who.username, who.system);
  const checklist = page.getByRole('region', { name: '电子证照申领条件' });
  await expect(checklist).toContainText(`您的执业状态为“${who.outcome}”`);
  await expect(page.getByRole('button', { name: '申领电子证照' })).toBeDisabled();
  // The server refuses too, with its own checklist.
  const refused = await page.request.post('/api/v1/applications');
  expect(refused.status()).toBe(422);
});

test("the institution's own e-license: checklist, application, the signed card and its QR verification", async ({ page, browser }) => {
  await page.goto('/institution/sign-in');
  await page.getByLabel('用户名').fill('admin_a');
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('link', { name: '机构电子证照' }).click();
  await expect(page.getByRole('heading', { name: '机构电子证照' })).toBeVisible();
  // Both browser projects share one server: the first sees the checklist
  // and applies, the second finds the licence issued already.
  const apply = page.getByRole('button', { name: '申领电子证照' });
  const card = page.getByRole('region', { name: '机构电子证照' });
  await expect(apply.or(card.getByText('证照状态：有效'))).toBeVisible();
  if (await apply.isVisible()) {
    const checklist = page.getByRole('region', { name: '电子证照申领条件' });
    await expect(checklist.getByRole('heading', { name: /^执业许可证在有效期内 \(已满足\)$/ })).toBeVisible();
    await expect(checklist.getByRole('heading', { name: /^机构状态正常 \(已满足\)$/ })).toBeVisible();
    await checkA11y(page);
    await apply.click();
  }
  // The checklist gives way to the licence.
  await expect(page.getByRole('region', { name: '电子证照申领条件' })).toHaveCount(0);
  // Issued at once: the card with the institution's signed fields and the QR code.
  await expect(card).toContainText('证照状态：有效');
  await expect(card).toContainText('北京市海淀区和平医院');
  await expect(card).toContainText('统一社会信用代码');
  await expect(card).toContainText('执业许可证登记号');
  await expect(card).toContainText('发证日期');
  const identifier = (await card.getByRole('definition').filter({ hasText: /^1\.2\.156\.3005\.2\./ }).textContent())!;
  expect(identifier).toMatch(/^1\.2\.156\.3005\.2\.11100000000013338W013\.11100000000013338W\.\d{11}\.001\.[0-9A-Z]$/);
  await expect(card.getByRole('img', { name: '电子证照核验二维码' })).toBeVisible();
  await checkA11y(page);

  // The QR code decodes to the verification link, which a stranger opens: valid.
  const url = await readQr(page);
  expect(url.startsWith(`${new URL(page.url()).origin}/verify?d=`)).toBeTruthy();
  await expect(card.getByRole('link', { name: '核验链接' })).toHaveAttribute('href', url);
  const stranger = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  await stranger.goto(url);
  await expect(stranger.getByText('有效：电子签名真实，证照当前有效。')).toBeVisible();
  const verified = stranger.getByRole('region', { name: '电子证照核验' });
  await expect(verified).toContainText('医疗机构电子证照');
  await expect(verified).toContainText('北京市海淀区和平医院');
  await expect(verified).toContainText(identifier);
  await checkA11y(stranger);
  await stranger.context().close();

  // In English too: the card's labels, status and QR code follow the switch.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  const cardEn = page.getByRole('region', { name: 'Institution e-license' });
  await expect(cardEn).toContainText('License status: Valid');
  await expect(cardEn).toContainText('Valid until');
  await expect(cardEn.getByRole('img', { name: 'E-license verification QR code' })).toBeVisible();
  await checkA11y(page);
});
