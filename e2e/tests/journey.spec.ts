import { expect, test } from '@playwright/test';
import { checkA11y, latestCode, PASSWORD, perProject, signIn } from './helpers';

// The practitioner's journey without dead ends (issue 18): what a walk
// through every flow on a phone found, one test per finding.

test('recovery: the full username once the code matched, the username rule checked live, the server\'s reason on the field', async ({ page }, info) => {
  const who = perProject(
    info,
    { username: 'wulei', phone: '13800138010', id: '370202198709195516' },
    { username: 'chenjie', phone: '13800138005', id: '510107197510184519' },
  );
  await page.goto('/recover');
  await page.getByRole('link', { name: '方式一：手机或邮箱验证码' }).click();
  await page.getByLabel('已验证的手机号或电子邮箱').fill(who.phone);
  await page.getByRole('button', { name: '发送验证码' }).click();
  await expect(page.getByText('验证码已发送至')).toBeVisible();
  await page.getByLabel('验证码').fill(await latestCode(page.request, who.phone));
  await page.getByRole('button', { name: '下一步' }).click();

  // Point 8: the username in full, not "w***i".
  await expect(page.getByRole('status').filter({ hasText: '已找到您的账户，用户名：' })).toHaveText(`已找到您的账户，用户名：${who.username}`);

  // Point 1: the live rule knows the username, so it never shows "met" for
  // a password the server refuses for containing it.
  const usernameRule = page.getByRole('listitem').filter({ hasText: '不包含用户名' });
  await page.getByLabel('新密码').fill(`${who.username[0].toUpperCase()}${who.username.slice(1)}#2026new`);
  await expect(usernameRule).toContainText('未满足');
  await page.getByRole('button', { name: '设置新密码' }).click();
  await expect(page.getByLabel('新密码')).toHaveAttribute('aria-invalid', 'true');

  // A rule only the server can check here (the ID number on file): its
  // reason is shown on the field, not only "check the form".
  await page.getByLabel('新密码').fill(`Pw#${who.id}`);
  await expect(usernameRule).toContainText('已满足');
  await page.getByRole('button', { name: '设置新密码' }).click();
  const field = page.getByLabel('新密码');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription('密码不能包含身份证号码。');
  await checkA11y(page);

  // Typing again clears the server's error; the good password goes through.
  await field.fill(PASSWORD);
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: '设置新密码' }).click();
  await expect(page.getByText('密码已重设')).toBeVisible();
  await expect(page.getByText(`已找到您的账户，用户名：${who.username}`)).toBeVisible();
});

test('profile: an unchanged title and a wrong current password are told on their fields', async ({ page }) => {
  await signIn(page, 'lina', '护士');
  await page.goto('/profile');
  // The title on record is preselected: asking for it again is refused.
  await page.getByRole('button', { name: '提交审核' }).click();
  const title = page.getByLabel('新职称');
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(title).toHaveAccessibleDescription('这已是您登记的职称');

  const contact = page.getByRole('region', { name: '更换手机号或邮箱' });
  await contact.getByLabel('新的手机号或电子邮箱').fill('13900001234');
  await contact.getByLabel('当前密码').fill('Not#thePassword1');
  await contact.getByRole('button', { name: '发送验证码' }).click();
  const password = contact.getByLabel('当前密码');
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await expect(password).toHaveAccessibleDescription('当前密码不正确');
  await checkA11y(page);
});

test('a photo waiting for review is shown as such, with its date, and replacing it is a deliberate choice', async ({ page }, info) => {
  // 周婷 is the only demo account whose photo waits for review, and the
  // reminder story (reminders.spec.ts, at 360×640) approves it: this runs
  // at 360×640 too, before it.
  test.skip(info.project.name !== 'mobile', 'one demo photo waits for review; the mobile run uses it first');
  await signIn(page, 'zhouting', '护士');
  const checklist = page.getByRole('region', { name: '电子证照申领条件' });
  const photo = checklist.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^已上传证件照/ }) });
  await expect(photo.getByRole('heading')).toHaveText('已上传证件照 (待审核)');
  await expect(photo).toContainText(/待审核 · 提交于 \d{4}年\d{1,2}月\d{1,2}日/);
  await expect(photo.getByRole('link', { name: '上传证件照' })).toHaveCount(0);
  await checkA11y(page);
  await photo.getByRole('link', { name: '更换证件照' }).click();

  await expect(page.getByRole('heading', { level: 1, name: '上传证件照' })).toBeVisible();
  await expect(page.getByText(/^提交于 \d{4}年\d{1,2}月\d{1,2}日。照片正在等待机构审核，无需重新上传/)).toBeVisible();
  // The file chooser appears only after choosing to replace the photo.
  const chooser = page.getByLabel('选择照片或拍照');
  await expect(chooser).toBeHidden();
  await page.getByRole('button', { name: '更换证件照' }).click();
  await expect(chooser).toBeVisible();
  await expect(chooser).toBeFocused();
  await checkA11y(page);

  // In English too.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.goto('/');
  const photoEn = page.getByRole('region', { name: 'E-license checklist' }).getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^ID photo on file/ }) });
  await expect(photoEn.getByRole('heading')).toHaveText('ID photo on file (pending review)');
  await expect(photoEn).toContainText(/pending review · submitted on \d{1,2} [A-Z][a-z]{2} \d{4}/);
  await expect(photoEn.getByRole('link', { name: 'Replace the photo' })).toBeVisible();
});

test('an account without security questions is asked to set them, sets them in the profile, and way 3 then works', async ({ page }, info) => {
  const who = perProject(info, { username: 'liqiang' }, { username: 'zhaomin' });
  await signIn(page, who.username);
  const prompt = page.getByRole('region', { name: '密码保护问题' });
  await expect(prompt).toContainText('尚未设置密码保护问题');
  await checkA11y(page);
  await prompt.getByRole('link', { name: '设置密码保护问题' }).click();

  const section = page.getByRole('region', { name: '密码保护问题' });
  await expect(section.getByRole('status').first()).toContainText('尚未设置密码保护问题');
  await section.getByLabel('问题 2', { exact: true }).selectOption({ label: '您出生的城市是？' });
  await section.getByLabel('问题 3', { exact: true }).selectOption({ label: '您最喜欢的书是？' });
  await section.getByLabel('问题 1 的答案').fill('郑州');
  await section.getByLabel('问题 2 的答案').fill('杭州');
  await section.getByLabel('问题 3 的答案').fill('本草纲目');
  // Two places with the same question are refused before any request.
  await section.getByLabel('问题 1', { exact: true }).selectOption({ label: '您出生的城市是？' });
  await section.getByLabel('当前密码').fill(PASSWORD);
  await section.getByRole('button', { name: '保存密码保护问题' }).click();
  await expect(section).toContainText('请选择三个不同的问题');
  await section.getByLabel('问题 1', { exact: true }).selectOption({ label: '您母亲的姓名是？' });
  // The current password comes first.
  await section.getByLabel('当前密码').fill('Not#thePassword1');
  await section.getByRole('button', { name: '保存密码保护问题' }).click();
  await expect(section.getByLabel('当前密码')).toHaveAccessibleDescription('当前密码不正确');
  await section.getByLabel('当前密码').fill(PASSWORD);
  await section.getByRole('button', { name: '保存密码保护问题' }).click();
  await expect(section.getByRole('status').filter({ hasText: '密码保护问题已保存。' })).toBeVisible();
  await expect(section.getByRole('status').first()).toContainText('已设置密码保护问题');
  await checkA11y(page);
  await page.goto('/');
  await expect(page.getByRole('region', { name: '电子证照申领条件' })).toBeVisible();
  await expect(page.getByRole('region', { name: '密码保护问题' })).toHaveCount(0);

  // Recovery way 3 asks those questions and accepts those answers.
  await page.context().clearCookies();
  await page.goto('/recover');
  await page.getByRole('link', { name: '方式三：密码保护问题' }).click();
  await page.getByLabel('用户名').fill(who.username);
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('您母亲的姓名是？').fill('郑州');
  await page.getByLabel('您出生的城市是？').fill('杭州');
  await page.getByLabel('您最喜欢的书是？').fill('本草纲目');
  await page.getByRole('button', { name: '回答问题' }).click();
  await expect(page.getByText(`已找到您的账户，用户名：${who.username}`)).toBeVisible();
  await page.getByLabel('新密码').fill(PASSWORD);
  await page.getByRole('button', { name: '设置新密码' }).click();
  await expect(page.getByText('密码已重设')).toBeVisible();
});

test('recovery way 2 under the wrong system names the right one and selects it', async ({ page }) => {
  // lina is a nurse; her details are typed with 医师 left selected.
  await page.goto('/recover');
  await page.getByRole('link', { name: '方式二：个人信息' }).click();
  await expect(page.getByRole('radio', { name: '医师' })).toBeChecked();
  await page.getByLabel('姓名').fill('李娜');
  await page.getByLabel('身份证号').fill('110108199202145623');
  await page.getByLabel('执业证书编码').fill('201911000100106');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '该账户属于护士系统：请在上方选择“护士”后再找回密码。' })).toBeVisible();
  await expect(page.getByRole('radio', { name: '护士' })).toBeChecked();
  await checkA11y(page);
  // Under the right system the account is found (hers has a verified
  // phone, so the page sends her to way 1).
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '请用发送到该手机号码或邮箱的验证码找回密码' })).toBeVisible();
});
