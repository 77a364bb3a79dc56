import { Browser, expect, Page, test } from '@playwright/test';
import { checkA11y, PASSWORD, perProject, signIn } from './helpers';

// Each project has its own physician and the administrator of their main
// institution: wangfang on the phone, xuming on the desktop. Both meet every
// criterion but the photo in the seed, so an approval lets them apply.
const who = (info: Parameters<typeof perProject>[0]) =>
  perProject(
    info,
    { username: 'wangfang', name: '王芳', admin: 'admin_a' },
    { username: 'xuming', name: '徐明', admin: 'admin_b' },
  );

type Picture = { width: number; height: number; type: 'image/jpeg' | 'image/png'; pattern: 'halves' | 'noise' | 'cutout' };

/**
 * An image drawn in the page's canvas (no binary is committed): noise, so it
 * does not compress to nothing; 'halves' is red noise on top and blue noise
 * below; 'cutout' is noise inside an oval, transparent around it.
 */
async function picture(page: Page, p: Picture): Promise<Buffer> {
  const base64 = await page.evaluate(async ({ width, height, type, pattern }) => {
    const c = document.createElement('canvas');
    c.width = width;
    c.height = height;
    const ctx = c.getContext('2d')!;
    const img = ctx.createImageData(width, height);
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16) & 0xff;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        const n = rnd() / 4;
        let rgba = [128 + n, 128 + n, 128 + n, 255];
        if (pattern === 'halves') rgba = y < height / 2 ? [200 + n / 1.3, n, n, 255] : [n, n, 200 + n / 1.3, 255];
        if (pattern === 'noise') rgba = [rnd(), rnd(), rnd(), 255];
        if (pattern === 'cutout') {
          const dx = (x - width / 2) / (width * 0.35);
          const dy = (y - height / 2) / (height * 0.35);
          rgba = dx * dx + dy * dy < 1 ? [rnd(), rnd(), rnd(), 255] : [0, 0, 0, 0];
        }
        img.data.set(rgba, i);
      }
    }
    ctx.putImageData(img, 0, 0);
    const blob: Blob = await new Promise((resolve) => c.toBlob((b) => resolve(b!), type, 0.92));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }, p);
  return Buffer.from(base64, 'base64');
}

/** An APP1 Exif segment: orientation 6 (rotate 90° clockwise) and a GPS position. */
function exifSegment(): Buffer {
  const t = Buffer.alloc(104);
  t.write('MM', 0, 'ascii');
  t.writeUInt16BE(42, 2);
  t.writeUInt32BE(8, 4);
  let o = 8;
  const entry = (tag: number, type: number, count: number, write: (at: number) => void) => {
    t.writeUInt16BE(tag, o);
    t.writeUInt16BE(type, o + 2);
    t.writeUInt32BE(count, o + 4);
    write(o + 8);
    o += 12;
  };
  t.writeUInt16BE(2, o); // IFD0: 2 entries
  o += 2;
  entry(0x0112, 3, 1, (at) => t.writeUInt16BE(6, at)); // Orientation = 6
  entry(0x8825, 4, 1, (at) => t.writeUInt32BE(38, at)); // GPS IFD at 38
  t.writeUInt32BE(0, o);
  o += 4;
  t.writeUInt16BE(3, o); // GPS IFD: 3 entries
  o += 2;
  entry(0x0000, 1, 4, (at) => t.set([2, 3, 0, 0], at)); // GPSVersionID
  entry(0x0001, 2, 2, (at) => t.write('N', at, 'ascii')); // GPSLatitudeRef
  entry(0x0002, 5, 3, (at) => t.writeUInt32BE(80, at)); // GPSLatitude at 80
  t.writeUInt32BE(0, o);
  o += 4;
  for (const [n, d] of [[39, 1], [54, 1], [2700, 100]]) {
    t.writeUInt32BE(n, o);
    t.writeUInt32BE(d, o + 4);
    o += 8;
  }
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), t]);
  const head = Buffer.alloc(4);
  head.writeUInt16BE(0xffe1, 0);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

async function openPhotoPage(page: Page, username: string) {
  await signIn(page, username);
  // The guided path: the progress's photo step leads to the photo page.
  await page.getByRole('navigation', { name: '申领进度' }).getByRole('link', { name: '证件照' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '上传证件照' })).toBeVisible();
}

async function choose(page: Page, name: string, mimeType: string, buffer: Buffer) {
  await page.getByLabel('选择照片或拍照').setInputFiles({ name, mimeType, buffer });
}

const preview = (page: Page) => page.getByRole('img', { name: '证件照预览（实际尺寸 358×441）' });

async function uploadAndWait(page: Page) {
  await expect(preview(page)).toBeVisible();
  await page.getByRole('button', { name: '上传照片' }).click();
  const progress = page.getByRole('progressbar', { name: '上传进度' });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('value', '1');
  await expect(page.getByRole('status').filter({ hasText: '上传成功' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '审核状态：' })).toHaveText('审核状态：待审核');
}

/** The stored photo as the owner gets it, decoded in the browser. */
async function storedPhoto(page: Page) {
  return page.evaluate(async () => {
    const resp = await fetch('/api/v1/me/photo');
    const bytes = new Uint8Array(await resp.clone().arrayBuffer());
    const bmp = await createImageBitmap(await resp.blob());
    const c = document.createElement('canvas');
    c.width = bmp.width;
    c.height = bmp.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(bmp, 0, 0);
    const px = (x: number, y: number) => Array.from(ctx.getImageData(x, y, 1, 1).data);
    const latin1 = Array.from(bytes.subarray(0, 4096), (b) => String.fromCharCode(b)).join('');
    return {
      type: resp.headers.get('content-type'),
      size: bytes.length,
      soi: bytes[0] === 0xff && bytes[1] === 0xd8,
      exif: latin1.includes('Exif'),
      width: bmp.width,
      height: bmp.height,
      left: px(60, 220),
      right: px(300, 220),
      corner: px(2, 2),
    };
  });
}

async function adminPage(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/institution/sign-in');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: '申领概况' })).toBeVisible();
  await page.goto('/institution/reviews');
  return page;
}

test('files that are not a usable photo get a clear error', async ({ page }, info) => {
  await openPhotoPage(page, who(info).username);
  await checkA11y(page);
  const alert = page.getByRole('alert').filter({ hasText: /\S/ });
  // A text file renamed .jpg.
  await choose(page, 'photo.jpg', 'image/jpeg', Buffer.from('这不是照片 / not a photo\n'));
  await expect(alert).toContainText('无法识别该图片');
  await expect(alert).toContainText('将照片分享或导出为 JPG');
  // HEIC (an ftyp box), which Chromium does not decode.
  await choose(page, 'IMG_0001.HEIC', 'image/heic', Buffer.concat([Buffer.from('\0\0\0\x18ftypheic\0\0\0\0mif1heic', 'binary'), Buffer.alloc(64)]));
  await expect(alert).toContainText('无法识别该图片');
  // Too small to crop 295 px wide.
  await choose(page, 'small.jpg', 'image/jpeg', await picture(page, { width: 200, height: 250, type: 'image/jpeg', pattern: 'noise' }));
  await expect(alert).toContainText('至少需要 295×364 像素');
  await expect(preview(page)).toBeHidden();
});

test('a phone photo with EXIF orientation and GPS is previewed and stored upright, without EXIF', async ({ page }, info) => {
  await openPhotoPage(page, who(info).username);
  // Landscape pixels, red on top; the tag says "rotate 90° clockwise", so
  // upright the red is on the right.
  const jpeg = await picture(page, { width: 800, height: 600, type: 'image/jpeg', pattern: 'halves' });
  const withExif = Buffer.concat([jpeg.subarray(0, 2), exifSegment(), jpeg.subarray(2)]);
  expect(withExif.includes(Buffer.from('Exif\0\0', 'binary'))).toBe(true);
  await choose(page, 'IMG_20261126.jpg', 'image/jpeg', withExif);
  await expect(preview(page)).toBeVisible();
  await expect(page.getByText(/JPG，质量 \d+ · \d+\.\d KB · 358×441/)).toBeVisible();
  const shown = await preview(page).evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d')!;
    const px = (x: number, y: number) => Array.from(ctx.getImageData(x, y, 1, 1).data);
    // CSS pixels inside the dashed border.
    return { width: c.width, height: c.height, cssWidth: c.clientWidth, cssHeight: c.clientHeight, left: px(60, 220), right: px(300, 220) };
  });
  expect(shown).toMatchObject({ width: 358, height: 441, cssWidth: 358, cssHeight: 441 });
  expect(shown.right[0]).toBeGreaterThan(shown.right[2] + 100); // red on the right
  expect(shown.left[2]).toBeGreaterThan(shown.left[0] + 100); // blue on the left

  // The crop frame is keyboard operable.
  const frame = page.getByRole('group', { name: '裁剪框' });
  await frame.focus();
  await page.keyboard.press('+');
  await page.keyboard.press('-');
  await checkA11y(page);

  await uploadAndWait(page);
  const stored = await storedPhoto(page);
  expect(stored).toMatchObject({ type: 'image/jpeg', soi: true, exif: false, width: 358, height: 441 });
  expect(stored.size).toBeGreaterThanOrEqual(20 * 1024);
  expect(stored.size).toBeLessThanOrEqual(100 * 1024);
  expect(stored.right[0]).toBeGreaterThan(stored.right[2] + 100);
  expect(stored.left[2]).toBeGreaterThan(stored.left[0] + 100);
});

test('a transparent PNG is stored on white', async ({ page }, info) => {
  await openPhotoPage(page, who(info).username);
  await choose(page, 'cutout.png', 'image/png', await picture(page, { width: 600, height: 740, type: 'image/png', pattern: 'cutout' }));
  await uploadAndWait(page);
  const stored = await storedPhoto(page);
  for (const channel of stored.corner.slice(0, 3)) expect(channel).toBeGreaterThanOrEqual(245);
});

test('the institution approves the photo, the checklist turns green and the physician applies; a new photo is compared with the approved one and a rejection shows its reason', async ({ page, browser }, info) => {
  const me = who(info);
  await openPhotoPage(page, me.username);
  await choose(page, 'me.jpg', 'image/jpeg', await picture(page, { width: 900, height: 1200, type: 'image/jpeg', pattern: 'halves' }));
  await uploadAndWait(page);

  const admin = await adminPage(browser, me.admin);
  const row = admin.getByRole('listitem').filter({ has: admin.getByRole('heading', { name: `证件照 · ${me.name} (${me.username})` }) });
  // Photos are decided by selection (one here, many at once elsewhere).
  await row.getByRole('checkbox', { name: `选择 ${me.name} (${me.username})` }).check();
  await admin.getByRole('button', { name: '通过所选', exact: true }).click();
  await expect(admin.getByRole('status').filter({ hasText: '已处理：1' })).toBeVisible();

  await page.goto('/');
  const checklist = page.getByRole('region', { name: '电子证照申领条件' });
  await expect(checklist.getByRole('heading', { name: '已上传证件照 (已满足)' })).toBeVisible();
  // Every criterion holds now: the checklist is green and the physician applies.
  await expect(checklist.getByRole('heading', { name: /未满足/ })).toHaveCount(0);
  await expect(checklist).toContainText('您已满足全部申领条件');
  await page.getByRole('button', { name: '申领电子证照' }).click();
  await expect(page.getByRole('region', { name: '电子证照' })).toContainText('证照状态：有效');
  await page.goto('/photo');
  await expect(page.getByRole('status').filter({ hasText: '审核状态：' })).toHaveText('审核状态：已通过');

  // A new photo goes back to review, beside the approved one; a rejection
  // reaches the practitioner.
  await choose(page, 'dark.jpg', 'image/jpeg', await picture(page, { width: 900, height: 1200, type: 'image/jpeg', pattern: 'noise' }));
  await expect(page.getByRole('note').filter({ hasText: '背景' })).toBeVisible();
  await uploadAndWait(page);
  await admin.reload();
  for (const name of ['原证件照（已通过）', '新上传的证件照']) {
    const img = row.getByRole('img', { name });
    await expect(img).toBeVisible();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(358);
  }
  await checkA11y(admin);
  await row.getByRole('checkbox', { name: `选择 ${me.name} (${me.username})` }).check();
  // No common reason fits: the reason is typed.
  const bulk = admin.getByRole('group', { name: '通过所选' });
  await bulk.getByLabel('常见原因').selectOption('other');
  await bulk.getByLabel('不通过的原因（本人可见）').fill('背景杂乱');
  await admin.getByRole('button', { name: '不通过所选', exact: true }).click();
  await expect(admin.getByRole('status').filter({ hasText: '已处理：1' })).toBeVisible();
  await admin.context().close();
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: '审核状态：' })).toHaveText('审核状态：未通过，原因：背景杂乱');
});
