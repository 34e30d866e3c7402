// Screenshots pages in headless Chromium at phone and desktop widths, for looking at what we build.
// Usage: node --import tsx scripts/screenshot.ts OUT_DIR URL [URL...]
//   SCREENSHOT_LOGIN=user:password signs in through /admin/login first; SCREENSHOT_COOKIE="name=value" sets a cookie.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../test/support/browser.ts';

const [outDir, ...urls] = process.argv.slice(2);
if (!outDir || urls.length === 0) {
  console.error('用法：node --import tsx scripts/screenshot.ts 输出目录 网址 [网址...]');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  for (const [label, width] of [
    ['phone', 390],
    ['desktop', 1366],
  ] as const) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    const cookie = process.env.SCREENSHOT_COOKIE;
    if (cookie) {
      const [name, value] = cookie.split('=');
      await context.addCookies([{ name: name ?? '', value: value ?? '', url: urls[0] as string }]);
    }
    const page = await context.newPage();
    const login = process.env.SCREENSHOT_LOGIN;
    if (login) {
      const [user, password] = login.split(':');
      await page.goto(new URL('/admin/login', urls[0]).href);
      await page.getByLabel('用户名').fill(user ?? '');
      await page.getByLabel('密码').fill(password ?? '');
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForLoadState();
    }
    for (const url of urls) {
      await page.goto(url);
      const u = new URL(url);
      const name = `${`${u.pathname}${u.search}`.replace(/[^a-zA-Z0-9]+/g, '_').slice(0, 80) || 'root'}-${label}.png`;
      await page.screenshot({ path: path.join(outDir, name), fullPage: true });
      console.log(path.join(outDir, name));
    }
    await context.close();
  }
} finally {
  await browser.close();
}
