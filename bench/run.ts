// `npm run bench [name...]`: runs every bench/*.bench.ts (or the one a word names, else those whose file name contains it) and prints figures.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BenchResult, printResult } from './support.ts';

const dir = path.dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const all = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts'));
// A word naming a bench exactly runs that one (`load` is not also `hostile-uploads`); any other word, every match.
const matches = (w: string) => (all.includes(`${w}.bench.ts`) ? [`${w}.bench.ts`] : all.filter((f) => f.includes(w)));
const files = (filters.length === 0 ? all : [...new Set(filters.flatMap(matches))]).sort();
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
