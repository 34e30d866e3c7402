import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every source file under src/ (tests and migrations aside). */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'migrations' ? [] : sources(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('dates people read go through shared/clock.ts', () => {
  it('no other file formats an instant with toLocale…String or slices a timestamp into a date', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const offenders: string[] = [];
    for (const file of sources(root)) {
      if (file.endsWith(path.join('shared', 'clock.ts'))) continue;
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // A timestamp column ends in At (submittedAt, updatedAt …); its first ten characters are a UTC date.
          if (/toLocale(Date|Time)?String\(|At\??\.slice\(0, 10\)|At\??\.substring\(0, 10\)/.test(line))
            offenders.push(`${path.relative(root, file)}:${i + 1}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});
