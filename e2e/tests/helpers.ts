import { APIRequestContext, expect, Page, TestInfo } from '@playwright/test';
import jsQR from 'jsqr';
import { expectNoAxeViolations } from './a11y';

export const PASSWORD = 'Demo#2026pass';

/** Two browser projects share one server: each takes its own demo people. */
export function perProject<T>(info: TestInfo, mobile: T, desktop: T): T {
  return info.project.name === 'mobile' ? mobile : desktop;
}

export async function signIn(page: Page, username: string, system: '医师' | '护士' = '医师', password = PASSWORD) {
  await page.goto('/sign-in');
  await page.getByRole('radio', { name: system }).check();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^您好/ })).toBeVisible();
}

/** The newest 6-digit code the development outbox holds for a phone or email. */
export async function latestCode(request: APIRequestContext, to: string): Promise<string> {
  const resp = await request.get(`/api/dev/outbox?to=${encodeURIComponent(to)}`);
  expect(resp.ok()).toBeTruthy();
  const messages: { body: string }[] = await resp.json();
  expect(messages.length).toBeGreaterThan(0);
  const match = messages[0].body.match(/\b(\d{6})\b/);
  expect(match, messages[0].body).not.toBeNull();
  return match![1];
}

export async function checkA11y(page: Page) {
  await expectNoAxeViolations(page);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A `YYYY-MM-DD` day as the portal writes it in each language. */
export function writtenDate(iso: string): { zh: string; en: string } {
  const [y, m, d] = iso.split('-').map(Number);
  return { zh: `${y}年${m}月${d}日`, en: `${d} ${MONTHS[m - 1]} ${y}` };
}

/** The national campaign's last day in force, from the public API. */
export async function nationalDeadline(page: Page): Promise<{ iso: string; zh: string; en: string }> {
  const resp = await page.request.get('/api/v1/campaigns');
  expect(resp.status()).toBe(200);
  const table: { region_code: string; e_license_by: string }[] = await resp.json();
  const iso = table.find((c) => c.region_code === '')!.e_license_by;
  return { iso, ...writtenDate(iso) };
}

/** Rasterises the rendered QR code in the page and decodes it with jsQR. */
export async function readQr(page: Page): Promise<string> {
  const image = await page.getByRole('img', { name: '电子证照核验二维码' }).locator('svg').evaluate(async (svg) => {
    const xml = new XMLSerializer().serializeToString(svg);
    const img = new Image();
    img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(xml);
    await img.decode();
    const size = (svg as SVGSVGElement).viewBox.baseVal.width * 4;
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, size, size);
    ctx.drawImage(img, 0, 0, size, size);
    return { size, data: Array.from(ctx.getImageData(0, 0, size, size).data) };
  });
  const code = jsQR(Uint8ClampedArray.from(image.data), image.size, image.size);
  expect(code, 'the QR code decodes').not.toBeNull();
  return code!.data;
}
