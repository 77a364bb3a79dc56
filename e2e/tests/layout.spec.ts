import { expect, Page, test } from '@playwright/test';
import { checkA11y, nationalDeadline, PASSWORD, signIn } from './helpers';

/** Every page of the practitioner portal that a visitor can reach. */
const PUBLIC_PAGES = ['/sign-in', '/register', '/activate', '/recover', '/help', '/institution/sign-in', '/no-such-page'];
const SIGNED_IN_PAGES = ['/', '/profile', '/license', '/photo'];
const INSTITUTION_PAGES = ['/institution', '/institution/reviews', '/institution/staff', '/institution/zombies', '/institution/licence'];

async function expectMobileFriendly(page: Page) {
  // No sideways scroll.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'horizontal overflow in px').toBeLessThanOrEqual(0);
  // Tap targets of at least 44 px: buttons, links, fields, and the labels of radio buttons.
  const small = await page.evaluate(() => {
    const targets = Array.from(document.querySelectorAll('a[href], button, input, select')).map((el) =>
      el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox') ? el.closest('label') ?? el : el,
    );
    return targets
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        const visible = r.width > 0 && r.height > 0 && style.visibility !== 'hidden';
        return visible && r.height < 44 && el.getAttribute('class') !== 'skip-link';
      })
      .map((el) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(el.getBoundingClientRect().height)}px`);
  });
  expect(small, 'tap targets under 44 px').toEqual([]);
}

for (const lang of ['zh-CN', 'en'] as const) {
  test(`every page is accessible and mobile friendly (${lang})`, async ({ page }) => {
    await page.addInitScript((l) => localStorage.setItem('portal.lang', l), lang);
    const visit = async (paths: string[]) => {
      for (const path of paths) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await checkA11y(page);
        await expectMobileFriendly(page);
      }
    };
    await visit(PUBLIC_PAGES);
    // Sessions through the API: the browser context shares the cookie.
    const practitioner = await page.request.post('/api/v1/session', {
      data: { system: 'physician', username: 'wangfang', password: PASSWORD },
    });
    expect(practitioner.status()).toBe(200);
    await visit(SIGNED_IN_PAGES);
    const admin = await page.request.post('/api/v1/institution/session', { data: { username: 'admin_b', password: PASSWORD } });
    expect(admin.status()).toBe(200);
    await visit(INSTITUTION_PAGES);
  });
}

test('an expired session sends the user to sign in and back to where they were', async ({ page, context }) => {
  await signIn(page, 'wangfang');
  await context.clearCookies();
  await page.goto('/profile');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fprofile$/);
  await page.getByLabel('用户名').fill('wangfang');
  await page.getByLabel('密码', { exact: true }).fill('Demo#2026pass');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole('heading', { name: '个人信息' })).toBeVisible();
});

test('the help page gives the hotline, the WeChat account and the lost-account advice', async ({ page }) => {
  await page.goto('/help');
  await expect(page.getByRole('link', { name: '010-62197928' })).toHaveAttribute('href', 'tel:010-62197928');
  await expect(page.getByText('民科微服务')).toBeVisible();
  await expect(page.getByRole('heading', { name: '找回密码' })).toBeVisible();
});

test('before the wasm runs, the page already shows the title, the national deadline and a skeleton', async ({ page }) => {
  // Block the wasm: what remains is what a slow phone shows first.
  let blocked = 0;
  await page.route('**/*.wasm', (route) => {
    blocked += 1;
    return route.abort();
  });
  // The deadline in force (demo mode: a month from the day it seeded), as
  // the server writes it into the HTML, not the date the app was built with.
  const national = await nationalDeadline(page);
  await page.goto('/sign-in');
  await expect(page.getByRole('complementary', { name: '申领截止 Deadline' })).toHaveText(
    new RegExp(`全国 · 电子证照申领截止日期：${national.zh}\\s*Nationwide · Last day to claim the e-license: ${national.en}`),
  );
  await expect(page.getByRole('status')).toHaveText('正在加载… Loading…');
  await expect(page.getByText('医护电子证照自助服务')).toBeVisible();
  await expect.poll(() => blocked).toBeGreaterThan(0);
  await expectMobileFriendly(page);
  await checkA11y(page);
});

test('the sign-in page keeps the national deadline once the portal has loaded', async ({ page }) => {
  const national = await nationalDeadline(page);
  await page.goto('/sign-in');
  await expect(page.getByRole('radio', { name: '医师' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: '申领截止' })).toHaveText(
    new RegExp(`^全国 · 距离电子证照申领截止还有 \\d+ 天 \\(${national.zh}\\) 逾期未申领电子证照者`),
  );
});

test('each audience downloads only its own app, and links between the apps work', async ({ page }) => {
  const wasm: string[] = [];
  page.on('request', (request) => {
    const file = new URL(request.url()).pathname.slice(1);
    if (file.endsWith('.wasm')) wasm.push(file.replace(/-[0-9a-f]+_bg\.wasm$/, ''));
  });

  await page.goto('/institution/sign-in');
  await expect(page.getByRole('heading', { name: '机构管理员登录' })).toBeVisible();
  expect(wasm).toEqual(['institution']);

  // Institution -> practitioner portal: the sign-in entry and the header's help link.
  await page.getByRole('link', { name: '医师、护士登录入口' }).click();
  await expect(page.getByRole('heading', { name: '登录', level: 1 })).toBeVisible();
  expect(wasm).toEqual(['institution', 'portal']);
  await page.goto('/institution/sign-in');
  await page.getByRole('banner').getByRole('link', { name: '帮助' }).click();
  await expect(page.getByRole('heading', { name: '帮助与技术支持' })).toBeVisible();

  // The public check is an app of its own; its brand link leads to the portal.
  wasm.length = 0;
  await page.goto('/verify');
  await expect(page.getByRole('heading', { name: '电子证照核验' })).toBeVisible();
  expect(wasm).toEqual(['verify']);
  await page.getByRole('banner').getByRole('link', { name: '医护电子证照自助服务' }).click();
  await expect(page.getByRole('heading', { name: '登录', level: 1 })).toBeVisible();
  expect(wasm).toEqual(['verify', 'portal']);
});
