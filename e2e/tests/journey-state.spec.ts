import { expect, test } from '@playwright/test';
import { checkA11y, latestCode, PASSWORD, perProject, signIn } from './helpers';

// Issue 18, points 6 and 11: the steps of recovery and of the contact change
// live in the address (a refresh or Back keeps the place), the proof never
// does; a hint towards way 2 when no code comes; focus on the new page's
// heading after a link.

test('recovery: the address holds the way and the step; refresh and Back keep the place; the proof survives a refresh without the page holding it', async ({ page }, info) => {
  const who = perProject(info, { username: 'zhangwei', phone: '13800138001' }, { username: 'liqiang', phone: '13800138003' });
  await page.goto('/recover');
  await page.getByRole('link', { name: '方式一：手机或邮箱验证码' }).click();
  await expect(page).toHaveURL(/\/recover\?way=code$/);
  await page.getByLabel('已验证的手机号或电子邮箱').fill(who.phone);
  await page.getByRole('button', { name: '发送验证码' }).click();
  await expect(page).toHaveURL(/\/recover\?way=code&step=code$/);
  await expect(page.getByText('验证码已发送至')).toBeVisible();

  // A refresh keeps the code step, and says only where the code went.
  await page.reload();
  await expect(page.getByRole('heading', { name: '方式一：手机或邮箱验证码' })).toBeVisible();
  await expect(page.getByText('验证码已发送至')).toBeVisible();
  await expect(page.getByLabel('验证码')).toBeVisible();
  await expect(page.getByText('验证码刚刚发送过')).toHaveCount(0);
  // Point 11: said to everyone, no code means way 2.
  await expect(page.getByText('几分钟内没有收到验证码？')).toBeVisible();
  await expect(page.getByRole('link', { name: '改用方式二：个人信息' })).toHaveAttribute('href', '/recover?way=personal');
  await checkA11y(page);

  // Back: the contact step; Forward: the code step again.
  await page.goBack();
  await expect(page).toHaveURL(/\/recover\?way=code$/);
  await expect(page.getByLabel('已验证的手机号或电子邮箱')).toHaveValue(who.phone);
  await expect(page.getByLabel('验证码')).toHaveCount(0);
  await page.goForward();
  await expect(page.getByLabel('验证码')).toBeVisible();

  await page.getByLabel('验证码').fill(await latestCode(page.request, who.phone));
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page).toHaveURL(/\/recover\?way=code&step=reset$/);
  await expect(page.getByText(`已找到您的账户，用户名：${who.username}`)).toBeVisible();
  // Neither the address nor the page's storage holds the proof.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href + document.cookie);
  const proofCookie = (await page.context().cookies()).find((c) => c.name === 'recovery_proof');
  expect(proofCookie?.httpOnly).toBe(true);
  expect(proofCookie?.sameSite).toBe('Strict');
  expect(proofCookie?.path).toBe('/api/v1/recovery');
  expect(stored).not.toContain(proofCookie!.value);

  // A refresh at the reset step: still the reset step, for the same account.
  await page.reload();
  await expect(page.getByText(`已找到您的账户，用户名：${who.username}`)).toBeVisible();
  await page.getByLabel('新密码').fill(PASSWORD);
  await page.getByRole('button', { name: '设置新密码' }).click();
  await expect(page).toHaveURL(/\/recover\?step=done$/);
  await expect(page.getByText('密码已重设')).toBeVisible();
  await checkA11y(page);

  // Back to the reset step once its proof is spent: the way's first step,
  // saying why, never a broken page.
  await page.goBack();
  await expect(page).toHaveURL(/\/recover\?way=code$/);
  await expect(page.getByRole('alert').filter({ hasText: '这次验证已失效或已使用，请重新验证。' })).toBeVisible();
  await expect(page.getByLabel('已验证的手机号或电子邮箱')).toBeVisible();
  await checkA11y(page);
});

test('recovery: Back from a way returns to the list of ways, and a way opened by its address works', async ({ page }) => {
  await page.goto('/recover');
  await page.getByRole('link', { name: '方式二：个人信息' }).click();
  await expect(page.getByRole('heading', { name: '方式二：个人信息' })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/recover$/);
  await expect(page.getByRole('link', { name: '方式一：手机或邮箱验证码' })).toBeVisible();
  // The reset step without a proof (another browser, a bookmark): the way's
  // first step and the reason.
  await page.goto('/recover?way=personal&step=reset');
  await expect(page).toHaveURL(/\/recover\?way=personal$/);
  await expect(page.getByRole('alert').filter({ hasText: '这次验证已失效或已使用，请重新验证。' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '方式二：个人信息' })).toBeVisible();
  await checkA11y(page);
  // In English.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.goto('/recover?way=code&step=reset');
  await expect(page.getByRole('alert').filter({ hasText: 'This verification has expired or was already used. Please verify again.' })).toBeVisible();
});

test('profile: the contact change keeps its code step across a refresh and never shows "sent" and "sent a moment ago" together', async ({ page }, info) => {
  const who = perProject(info, { username: 'zhangwei', email: 'zhangwei.h18@example.com' }, { username: 'liqiang', email: 'liqiang.h18@example.com' });
  await signIn(page, who.username);
  await page.goto('/profile');
  const contact = page.getByRole('region', { name: '更换手机号或邮箱' });
  await contact.getByLabel('新的手机号或电子邮箱').fill(who.email);
  await contact.getByLabel('当前密码').fill(PASSWORD);
  await contact.getByRole('button', { name: '发送验证码' }).click();
  await expect(contact.getByText('验证码已发送至')).toBeVisible();
  await expect(page).toHaveURL(/\/profile\?contact=code$/);

  await page.reload();
  await expect(contact.getByText('验证码已发送至')).toBeVisible();
  await expect(contact.getByLabel('验证码')).toBeVisible();
  await expect(contact.getByText('验证码刚刚发送过')).toHaveCount(0);
  await checkA11y(page);

  // Back: the first step again, the contact kept, the password asked.
  await page.goBack();
  await expect(contact.getByLabel('当前密码')).toBeVisible();
  await expect(contact.getByLabel('新的手机号或电子邮箱')).toHaveValue(who.email);
  // Sending again within the minute: the code step for the code already
  // sent, without the refusal beside it.
  await contact.getByLabel('当前密码').fill(PASSWORD);
  await contact.getByRole('button', { name: '发送验证码' }).click();
  await expect(contact.getByLabel('验证码')).toBeVisible();
  await expect(contact.getByText('验证码已发送至')).toBeVisible();
  await expect(contact.getByText('验证码刚刚发送过')).toHaveCount(0);

  await contact.getByLabel('验证码').fill(await latestCode(page.request, who.email));
  await contact.getByRole('button', { name: '确认更换' }).click();
  await expect(page.getByRole('status').filter({ hasText: '联系方式已更换并验证。' })).toBeVisible();
  await expect(page).toHaveURL(/\/profile$/);
});

test('after a link, focus is on the new page\'s main heading, in both languages', async ({ page }) => {
  await page.goto('/recover');
  // Not on the first load.
  await expect(page.getByRole('heading', { level: 1, name: '找回密码' })).not.toBeFocused();
  await page.getByRole('banner').getByRole('link', { name: '帮助' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '帮助与技术支持' })).toBeFocused();
  await checkA11y(page);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.goto('/sign-in');
  await page.getByRole('banner').getByRole('link', { name: 'Help' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Help and technical support' })).toBeFocused();
});

test('after a language switch, the messages already shown read in the new language', async ({ page }, info) => {
  // A server refusal (sign-in) and a page's own message (recovery way 2).
  const who = perProject(info, 'wulei', 'chenjie');
  await page.goto('/sign-in');
  await page.getByLabel('用户名').fill(who);
  await page.getByLabel('密码', { exact: true }).fill('Not#thePassword1');
  await page.getByRole('button', { name: '登录' }).click();
  const alert = page.getByRole('alert').filter({ hasText: /\S/ });
  await expect(alert).toHaveText('用户名或密码错误');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(alert).toHaveText('Wrong username or password');
  await checkA11y(page);

  await page.goto('/recover?way=personal');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(alert).toHaveText('Please correct the marked fields.');
  await page.getByRole('button', { name: '切换到中文' }).click();
  await expect(alert).toHaveText('请按提示修改标出的项目。');
});

test('registration: a taken username is told on the username field, and a language switch re-renders it', async ({ page }, info) => {
  // A registry record without an account (as registration.spec.ts), with a
  // username another account holds: nothing is created.
  const person = perProject(
    info,
    { system: '医师', id: '110101199011112218', cert: '110110105000112', phone: '13900139091' },
    { system: '护士', id: '650102198505050122', cert: '202031000100113', phone: '13900139092' },
  );
  await page.goto('/register');
  await page.getByRole('radio', { name: person.system }).check();
  await page.getByLabel('身份证号').fill(person.id);
  await page.getByLabel('执业证书编码').fill(person.cert);
  await page.getByLabel('用户名').fill('zhangwei');
  await page.getByLabel('密码', { exact: true }).fill('Xin#Mima2026');
  await page.getByLabel('手机号').fill(person.phone);
  await page.getByLabel('问题 1', { exact: true }).selectOption({ label: '您出生的城市是？' });
  await page.getByLabel('问题 1 的答案').fill('北京');
  await page.getByLabel('问题 2', { exact: true }).selectOption({ label: '您小学的校名是？' });
  await page.getByLabel('问题 2 的答案').fill('实验小学');
  await page.getByLabel('问题 3', { exact: true }).selectOption({ label: '您最喜欢的书是？' });
  await page.getByLabel('问题 3 的答案').fill('本草纲目');
  await page.getByRole('button', { name: '注册并发送激活码' }).click();
  const username = page.getByLabel('用户名');
  await expect(username).toHaveAttribute('aria-invalid', 'true');
  await expect(username).toHaveAccessibleDescription('该用户名已被使用');
  await checkA11y(page);

  // A language switch re-renders the field's message and the form's, with
  // no new request.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByLabel('Username')).toHaveAccessibleDescription('This username is taken');
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveText('This username is taken');
  await page.getByRole('button', { name: '切换到中文' }).click();
  await expect(page.getByLabel('用户名')).toHaveAccessibleDescription('该用户名已被使用');
});
