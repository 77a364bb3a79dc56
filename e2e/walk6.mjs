import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, baseURL: 'http://127.0.0.1:18090', locale: 'en-US' });
const page = await ctx.newPage();
page.on('pageerror', e => console.log('pageerror', e.message));
let n = 0;
const shot = async (name) => { await page.waitForTimeout(600); await page.screenshot({ path: `/tmp/walk/shots/e${String(++n).padStart(2,'0')}-${name}.png`, fullPage: true }); };
for (const p of ['sign-in','register','help']) { await page.goto('/' + p); await shot(p); }
await page.goto('/sign-in'); await page.getByRole('radio', { name: /Physician/ }).check();
await page.getByLabel('Username').fill('wangfang'); await page.getByLabel('Password', { exact: true }).fill('Demo#2026pass');
await page.getByRole('button', { name: 'Sign in' }).click(); await page.waitForTimeout(1500); await shot('home');
for (const p of ['profile','photo']) { await page.goto('/' + p); await shot(p); }
await browser.close();
