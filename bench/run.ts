// `npm run bench [name...]`: runs every bench/*.bench.ts (or those whose file name contains a given word) and prints figures.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BenchResult, printResult } from './support.ts';

const dir = path.dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (filters.length === 0 || filters.some((w) => f.includes(w))))
  .sort();
if (files.length === 0) {
  console.error(`没有匹配的基准测试：${filters.join(' ')}`);
  process.exit(2);
}
for (const file of files) {
  console.log(`running ${file} …`);
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { run?: () => Promise<BenchResult> };
  if (typeof mod.run !== 'function') continue;
  printResult(await mod.run());
}
