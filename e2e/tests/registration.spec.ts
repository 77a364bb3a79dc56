import { expect, Page, test } from '@playwright/test';
import { checkA11y, latestCode, PASSWORD, perProject, signIn } from './helpers';

// Registry records without an account (crates/server/DEMO.md), one per project.
const PEOPLE = {
  mobile: { name: '马超', system: '医师' as const, id: '110101199011112218', cert: '110110105000112', admin: 'admin_a', username: 'machao', phones: ['13900139001', '13900139011'] },
  desktop: { name: '黄丽', system: '护士' as const, id: '650102198505050122', cert: '202031000100113', admin: 'admin_b', username: 'huangli', phones: ['13900139002', '13900139012'] },
};
const NEW_PASSWORD = 'Xin#Mima2026';

/** What a Chinese input method in full-width mode types for ASCII digits. */
function toFullWidth(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
}

async function register(page: Page, person: (typeof PEOPLE)['mobile'], phone: string) {
  await page.goto('/sign-in');
  await page.getByRole('link', { name: '还没有账户？注册' }).click();
  await expect(page.getByRole('heading', { name: '注册账户' })).toBeVisible();
  await page.getByRole('radio', { name: person.system }).check();
  // Full-width digits typed by a Chinese input method and a lowercase x are accepted.
  await page.getByLabel('身份证号').fill(toFullWidth(person.id));
  await page.getByLabel('执业证书编码').fill(person.cert);
  await page.getByLabel('用户名').fill(person.username);
  await page.getByLabel('密码', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('手机号').fill(phone);
  await page.getByLabel('问题 1', { exact: true }).selectOption({ label: '您出生的城市是？' });
  await page.getByLabel('问题 1 的答案').fill('北京');
  await page.getByLabel('问题 2', { exact: true }).selectOption({ label: '您小学的校名是？' });
  await page.getByLabel('问题 2 的答案').fill('实验小学');
  await page.getByLabel('问题 3', { exact: true }).selectOption({ label: '您最喜欢的书是？' });
  await page.getByLabel('问题 3 的答案').fill('本草纲目');
  await checkA11y(page);
  await page.getByRole('button', { name: '注册并发送激活码' }).click();

  await expect(page.getByRole('heading', { name: '激活账户' })).toBeVisible();
  await expect(page.getByLabel('手机号')).toHaveValue(phone);
  // Registration sent the first code a moment ago: another waits its minute.
  await expect(page.getByRole('button', { name: /^\d+ 秒后可重新发送$/ })).toBeDisabled();
  const code = await latestCode(page.request, phone);
  await page.getByLabel('验证码').fill(code);
  await page.getByRole('button', { name: '激活账户' }).click();
  await expect(page.getByRole('status').filter({ hasText: '账户已激活，请登录。' })).toBeVisible();
  await checkA11y(page);
}

test('a new password says what it misses, under its field, and nothing counts as met before typing', async ({ page }) => {
  await page.goto('/register');
  const requirements = page.getByRole('list', { name: '密码要求' });
  await expect(requirements.getByRole('listitem')).toHaveCount(5);
  for (const item of await requirements.getByRole('listitem').all()) {
    await expect(item).toContainText('未满足');
  }
  const password = page.getByLabel('密码', { exact: true });
  await page.getByRole('button', { name: '注册并发送激活码' }).click();
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAccessibleDescription('请输入密码。');
  await password.fill('password');
  await expect(requirements.getByRole('listitem').filter({ hasText: '不是常见密码' })).toContainText('未满足');
  await page.getByRole('button', { name: '注册并发送激活码' }).click();
  await expect(password).toHaveAccessibleDescription(/^密码需包含/);
  await password.fill('Xin#Mima2026');
  await expect(password).not.toHaveAttribute('aria-invalid', 'true');
  await expect(requirements.getByRole('listitem').filter({ hasText: '未满足' })).toHaveCount(0);
  await checkA11y(page);
});

test('signing in to an account never activated leads to the activation, not to a dead end', async ({ page }) => {
  // 孙浩 registered but never activated (crates/server/DEMO.md); nothing here activates him.
  await page.goto('/sign-in');
  await page.getByLabel('用户名').fill('sunhao');
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/activate\?from=sign-in$/);
  await expect(page.getByRole('heading', { name: '激活账户' })).toBeVisible();
  await expect(page.getByText('您的账户尚未激活，激活后才能登录')).toBeVisible();
  await expect(page.getByLabel('手机号')).toBeVisible();
  await expect(page.getByRole('button', { name: '发送验证码' })).toBeEnabled();
  await checkA11y(page);
  // No session was opened.
  expect((await page.request.get('/api/v1/me')).status()).toBe(401);
});

test.describe.serial('registration, security questions and deletion by the institution', () => {
  test('a practitioner registers, activates with the SMS code and signs in', async ({ page }, info) => {
    const person = perProject(info, PEOPLE.mobile, PEOPLE.desktop);
    await register(page, person, person.phones[0]);
    await page.getByRole('link', { name: '去登录' }).click();
    await signIn(page, person.username, person.system, NEW_PASSWORD);
  });

  test('recovery path 3: the security questions set at registration', async ({ page }, info) => {
    const person = perProject(info, PEOPLE.mobile, PEOPLE.desktop);
    await page.goto('/sign-in');
    await page.getByRole('link', { name: '忘记密码或用户名？' }).click();
    await page.getByRole('link', { name: '方式三：密码保护问题' }).click();
    await page.getByLabel('用户名').fill(person.username);
    await page.getByRole('button', { name: '下一步' }).click();
    // The answer fields are new: not marked wrong before the user types.
    await expect(page.getByLabel('您出生的城市是？')).not.toHaveAttribute('aria-invalid', 'true');
    // Answers are normalised: spaces and full-width forms do not matter.
    await page.getByLabel('您出生的城市是？').fill(' 北京 ');
    await page.getByLabel('您小学的校名是？').fill('实验小学');
    await page.getByLabel('您最喜欢的书是？').fill('本草纲目');
    await page.getByRole('button', { name: '回答问题' }).click();
    await expect(page.getByText('已找到您的账户，用户名：')).toBeVisible();
    await page.getByLabel('新密码').fill('Gai#Mima2027');
    await checkA11y(page);
    await page.getByRole('button', { name: '设置新密码' }).click();
    await expect(page.getByText('密码已重设')).toBeVisible();
    await page.getByRole('link', { name: '去登录' }).click();
    await signIn(page, person.username, person.system, 'Gai#Mima2027');
  });

  test('recovery path 4: the institution deletes the account, the owner registers and activates again', async ({ page, browser }, info) => {
    const person = perProject(info, PEOPLE.mobile, PEOPLE.desktop);
    await page.goto('/recover');
    await page.getByRole('link', { name: '方式四：由主要执业机构删除账户后重新注册' }).click();
    await expect(page.getByText('请联系主要执业机构的电子化注册管理员')).toBeVisible();

    // The administrator deletes the account in the institution portal.
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await admin.goto('/institution/sign-in');
    await admin.getByLabel('用户名').fill(person.admin);
    await admin.getByLabel('密码').fill(PASSWORD);
    await admin.getByRole('button', { name: '登录' }).click();
    await admin.getByRole('link', { name: '人员名册' }).click();
    const row = admin.getByRole('listitem').filter({ has: admin.getByRole('heading', { name: `${person.name} (${person.username})` }) });
    await row.getByRole('button', { name: '删除账户' }).click();
    const confirm = row.getByRole('group', { name: '删除账户' });
    await expect(confirm).toContainText('删除后此人需重新注册并激活');
    await checkA11y(admin);
    await confirm.getByRole('button', { name: '确认删除' }).click();
    await expect(admin.getByRole('status').filter({ hasText: `已删除账户：${person.name}` })).toBeVisible();
    await expect(admin.getByRole('heading', { name: `${person.name} (${person.username})` })).toHaveCount(0);
    await adminContext.close();

    // The old account is gone: its password no longer signs in.
    await page.goto('/sign-in');
    await page.getByRole('radio', { name: person.system }).check();
    await page.getByLabel('用户名').fill(person.username);
    await page.getByLabel('密码', { exact: true }).fill('Gai#Mima2027');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert')).toHaveText('用户名或密码错误');

    await register(page, person, person.phones[1]);
    await page.getByRole('link', { name: '去登录' }).click();
    await signIn(page, person.username, person.system, NEW_PASSWORD);
  });
});
