import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Path of the Nu Html Checker jar shipped by the npm package vnu-jar (run on the system's Java). */
export function vnuJarPath(): string {
  return path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
}

/**
 * Checks HTML documents with the Nu Html Checker in one Java run; returns its errors as readable lines
 * (`name: line:col message`), empty when every document is valid.
 */
export async function vnuErrors(pages: Record<string, string>): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-vnu-'));
  try {
    const files = Object.entries(pages).map(([name, html], i) => {
      const file = path.join(dir, `${i}-${name.replace(/[^a-z0-9]+/gi, '_')}.html`);
      fs.writeFileSync(file, html);
      return file;
    });
    const stderr = await new Promise<string>((resolve, reject) => {
      execFile('java', ['-jar', vnuJarPath(), '--errors-only', '--format', 'json', ...files], { maxBuffer: 16 * 1024 * 1024 }, (error, _out, err) => {
        // vnu exits 1 when it found errors; that is a result, not a failure to run.
        if (error && !err.trim().startsWith('{')) reject(error);
        else resolve(err);
      });
    });
    const report = JSON.parse(stderr || '{"messages":[]}') as {
      messages: { type: string; url?: string; lastLine?: number; firstColumn?: number; message: string }[];
    };
    return report.messages
      .filter((m) => m.type === 'error')
      .map((m) => `${path.basename(m.url ?? '')}: ${m.lastLine ?? '?'}:${m.firstColumn ?? '?'} ${m.message}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
