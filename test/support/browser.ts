import fs from 'node:fs';
import type { LaunchOptions } from 'playwright-core';

/** Path of the system's Chromium (Debian's package); tests never download a browser. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Launch options for Debian's Chromium in a closed network: headless, no background traffic. */
export function chromiumLaunchOptions(): LaunchOptions {
  const executablePath = chromiumPath();
  if (!fs.existsSync(executablePath)) {
    throw new Error(`找不到 Chromium（${executablePath}）。请安装：sudo apt-get install chromium，或设置 CHROMIUM_PATH。`);
  }
  return {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  };
}
