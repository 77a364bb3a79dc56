import { expect, Page, test } from '@playwright/test';
import { checkA11y, perProject, signIn } from './helpers';

// Issue 18, point 10: the photo page takes every image the browser can
// decode and converts it; a clean portrait is not refused for being simple.
// Nothing is uploaded here (the review queues stay as other stories expect);
// the server's side (any portrait of at least 295×364, a clean photo kept
// and padded to the minimum, a blank one refused) is in the API tests
// (crates/server/tests/api/photo.rs).
const who = (info: Parameters<typeof perProject>[0]) => perProject(info, 'liuyang', 'chenjie');
const system = (info: Parameters<typeof perProject>[0]) => perProject(info, '护士' as const, '医师' as const);

async function openPhotoPage(page: Page, username: string, kind: '医师' | '护士') {
  await signIn(page, username, kind);
  await page.goto('/photo');
  await expect(page.getByRole('heading', { level: 1, name: '上传证件照' })).toBeVisible();
}

const preview = (page: Page) => page.getByRole('img', { name: '证件照预览（实际尺寸 358×441）' });
const alert = (page: Page) => page.getByRole('alert').filter({ hasText: /\S/ });

/** Noise drawn in the page's canvas, encoded by the browser as `type`. */
async function canvasImage(page: Page, type: string, width = 400, height = 500): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ({ type, width, height }) => {
      const c = document.createElement('canvas');
      c.width = width;
      c.height = height;
      const ctx = c.getContext('2d')!;
      const img = ctx.createImageData(width, height);
      let seed = 11;
      const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16) & 0xff;
      for (let i = 0; i < img.data.length; i += 4) img.data.set([rnd(), 120 + rnd() / 4, rnd(), 255], i);
      ctx.putImageData(img, 0, 0);
      const blob: Blob = await new Promise((resolve) => c.toBlob((b) => resolve(b!), type, 0.9));
      if (blob.type !== type) throw new Error(`this browser encodes ${blob.type}, not ${type}`);
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    },
    { type, width, height },
  );
  return Buffer.from(base64, 'base64');
}

/** A 24-bit BMP of noise (bottom-up rows, padded to 4 bytes). */
function bmp(width: number, height: number): Buffer {
  const row = Math.ceil((width * 3) / 4) * 4;
  const out = Buffer.alloc(54 + row * height);
  out.write('BM', 0, 'ascii');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  out.writeUInt32LE(row * height, 34);
  let seed = 5;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const at = 54 + y * row + x * 3;
      out[at] = (seed >> 16) & 0xff;
      out[at + 1] = 100 + ((seed >> 8) & 0x3f);
      out[at + 2] = x % 256;
    }
  }
  return out;
}

/**
 * A GIF (256 grey levels, noise) with a second frame: the first frame is
 * the photo. LZW without compression: a clear code every 254 literals keeps
 * the codes 9 bits wide.
 */
function gif(width: number, height: number): Buffer {
  const frame = (seed: number) => {
    const bits: number[] = [];
    const put = (code: number) => {
      for (let i = 0; i < 9; i++) bits.push((code >> i) & 1);
    };
    let n = 0;
    for (let i = 0; i < width * height; i++) {
      if (n % 254 === 0) put(256);
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      put((seed >> 16) & 0xff);
      n++;
    }
    put(257);
    const bytes = Buffer.alloc(Math.ceil(bits.length / 8));
    bits.forEach((b, i) => (bytes[i >> 3] |= b << (i & 7)));
    const blocks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 255) {
      const chunk = bytes.subarray(i, i + 255);
      blocks.push(Buffer.from([chunk.length]), chunk);
    }
    const descriptor = Buffer.alloc(10);
    descriptor[0] = 0x2c;
    descriptor.writeUInt16LE(width, 5);
    descriptor.writeUInt16LE(height, 7);
    // Graphic control: 0.5 s delay, so the GIF is really animated.
    const control = Buffer.from([0x21, 0xf9, 4, 0, 50, 0, 0, 0]);
    return Buffer.concat([control, descriptor, Buffer.from([8]), ...blocks, Buffer.from([0])]);
  };
  const screen = Buffer.alloc(13);
  screen.write('GIF89a', 0, 'ascii');
  screen.writeUInt16LE(width, 6);
  screen.writeUInt16LE(height, 8);
  screen[10] = 0xf7;
  const palette = Buffer.alloc(768);
  for (let i = 0; i < 256; i++) palette.fill(i, i * 3, i * 3 + 3);
  return Buffer.concat([screen, palette, frame(3), frame(4), Buffer.from([0x3b])]);
}

/**
 * A clean portrait as a good phone or studio photo is: a white background,
 * soft light, a light shirt. Small as a JPEG even at the best quality (about
 * 16 KB at 358×441), which the old rule refused as "nearly blank".
 */
async function cleanPortrait(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const [W, H, s] = [900, 1200, 0.8];
    const c = document.createElement('canvas');
    c.width = W;
    c.height = H;
    const ctx = c.getContext('2d')!;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, W, H);
    ctx.filter = 'blur(3px)';
    ctx.fillStyle = '#e9edf2';
    ctx.beginPath();
    ctx.ellipse(W / 2, H * 1.05, W * 0.45 * s, H * 0.28 * s, 0, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#e8c2a6';
    ctx.fillRect(W * (0.5 - 0.07 * s), H * 0.55, W * 0.14 * s, H * 0.2);
    const face = ctx.createRadialGradient(W / 2, H * 0.4, W * 0.05, W / 2, H * 0.42, W * 0.3 * s);
    face.addColorStop(0, '#f3d2b8');
    face.addColorStop(1, '#e0b496');
    ctx.fillStyle = face;
    ctx.beginPath();
    ctx.ellipse(W / 2, H * 0.42, W * 0.19 * s, H * 0.19 * s, 0, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#1b1410';
    ctx.beginPath();
    ctx.ellipse(W / 2, H * 0.42 - H * 0.12 * s, W * 0.21 * s, H * 0.11 * s, 0, Math.PI, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#222';
    for (const x of [-0.07, 0.07]) {
      ctx.beginPath();
      ctx.ellipse(W * (0.5 + x * s), H * 0.4, W * 0.02 * s, H * 0.01 * s, 0, 0, Math.PI * 2);
      ctx.fill();
    }
    const blob: Blob = await new Promise((resolve) => c.toBlob((b) => resolve(b!), 'image/jpeg', 0.9));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s2 = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s2 += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s2);
  });
  return Buffer.from(base64, 'base64');
}

test('WebP, BMP and an animated GIF are decoded by the browser and converted to the ID photo', async ({ page }, info) => {
  await openPhotoPage(page, who(info), system(info));
  const chooser = page.getByLabel('选择照片或拍照');
  await expect(chooser).toHaveAttribute('accept', 'image/*');
  const files = [
    { name: 'portrait.webp', mimeType: 'image/webp', buffer: await canvasImage(page, 'image/webp') },
    { name: 'portrait.bmp', mimeType: 'image/bmp', buffer: bmp(400, 500) },
    { name: 'portrait.gif', mimeType: 'image/gif', buffer: gif(320, 400) },
  ];
  for (const file of files) {
    await chooser.setInputFiles(file);
    await expect(preview(page), file.name).toBeVisible();
    await expect(page.getByText(/JPG，质量 \d+ · \d+\.\d KB · 358×441/), file.name).toBeVisible();
    await expect(alert(page), file.name).toHaveCount(0);
    await expect(page.getByRole('button', { name: '上传照片' }), file.name).toBeEnabled();
  }
  await checkA11y(page);

  // What the browser cannot decode is named, with what to do, in both languages.
  await chooser.setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('这不是照片 / not a photo\n') });
  await expect(alert(page)).toContainText('无法识别该图片');
  await expect(alert(page)).toContainText('将照片分享或导出为 JPG，或直接拍照');
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(alert(page)).toContainText('This image cannot be read');
  await expect(alert(page)).toContainText('Share or export the photo as JPG from your gallery, or take a photo.');
  await expect(page.getByLabel('Choose a photo or take one')).toBeVisible();
});

test('a clean portrait on a plain background is not refused for being simple', async ({ page }, info) => {
  await openPhotoPage(page, who(info), system(info));
  await page.getByLabel('选择照片或拍照').setInputFiles({ name: 'good.jpg', mimeType: 'image/jpeg', buffer: await cleanPortrait(page) });
  await expect(preview(page)).toBeVisible();
  // The best quality, under 20 KB: kept (the server pads its stored copy).
  await expect(page.getByText(/JPG，质量 100 · 1\d\.\d KB · 358×441/)).toBeVisible();
  await expect(alert(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: '上传照片' })).toBeEnabled();
  await checkA11y(page);
});
