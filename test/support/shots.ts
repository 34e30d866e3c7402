import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

/**
 * Screenshots for a person to look at, taken only when SHOTS_DIR names where they go: full-page shots of long pages
 * at two widths cost minutes of a CI run in which nobody looks.
 */
export async function shot(target: Page | Locator, name: string, fullPage = false): Promise<void> {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  const file = path.join(dir, `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if ('goto' in target) await target.screenshot({ path: file, fullPage });
  else await target.screenshot({ path: file });
}
