import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { t, zhCN } from './zh-CN.ts';

// Every file under zh-CN/ and what it exports. An export named like a section of `t` (`documents`) is that section;
// one named section + Part (`applicationsConsole`) is part of a section, spread into it in zh-CN.ts.
const dir = new URL('./zh-CN/', import.meta.url);
const files = readdirSync(fileURLToPath(dir)).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
const exported: { file: string; name: string; value: Record<string, unknown> }[] = [];
for (const file of files) {
  const mod = (await import(new URL(file, dir).href)) as Record<string, Record<string, unknown>>;
  for (const [name, value] of Object.entries(mod)) exported.push({ file, name, value });
}
const sectionOf = (name: string) => Object.keys(zhCN).find((k) => name === k || (name.startsWith(k) && /^[A-Z]/.test(name.slice(k.length))));
const sections = zhCN as unknown as Record<string, Record<string, unknown>>;

describe('zh-CN strings', () => {
  it('t is the merged zh-CN object', () => {
    expect(t).toBe(zhCN);
    expect(files.length).toBeGreaterThan(10);
  });

  it('every export of zh-CN/ lands in exactly one section of t, and every section comes from zh-CN/', () => {
    expect(exported.filter((e) => sectionOf(e.name) === undefined).map((e) => `${e.file}: ${e.name}`)).toEqual([]);
    const names = exported.map((e) => e.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    const covered = new Set(exported.map((e) => sectionOf(e.name)));
    expect(Object.keys(zhCN).filter((k) => !covered.has(k))).toEqual([]);
  });

  it('no key is defined in two files (a second definition would silently override the first)', () => {
    for (const [section, merged] of Object.entries(sections)) {
      const parts = exported.filter((e) => sectionOf(e.name) === section);
      if (parts.length === 1 && parts[0]?.name === section) {
        expect(merged, section).toBe(parts[0].value);
        continue;
      }
      const definedIn = new Map<string, string[]>();
      for (const p of parts) for (const key of Object.keys(p.value)) definedIn.set(key, [...(definedIn.get(key) ?? []), p.file]);
      const twice = [...definedIn].filter(([, where]) => where.length > 1).map(([key, where]) => `${section}.${key}: ${where.join(', ')}`);
      expect(twice).toEqual([]);
      expect(Object.keys(merged).sort(), section).toEqual([...definedIn.keys()].sort());
      for (const p of parts) for (const [key, value] of Object.entries(p.value)) expect(merged[key], `${section}.${key}`).toBe(value);
    }
  });

  it('every value is a string, a function or a nested object (or list) of those', () => {
    const bad: string[] = [];
    const walk = (value: unknown, path: string): void => {
      if (typeof value === 'string' || typeof value === 'function') return;
      if (value !== null && typeof value === 'object' && Object.keys(value).length > 0) {
        for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
        return;
      }
      bad.push(`${path}: ${JSON.stringify(value)}`);
    };
    walk(zhCN, 't');
    expect(bad).toEqual([]);
  });
});
