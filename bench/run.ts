// `npm run bench [name...] [--scale F]`: runs every bench/*.bench.ts (or the one a word names, else those whose file name
// contains it) and prints figures; `--scale 0.1` runs the benchmarks that honour BENCH_SCALE (documents, import) at a
// tenth of their size.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BenchResult, printResult } from './support.ts';

const dir = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const scaleAt = args.findIndex((a) => a === '--scale' || a.startsWith('--scale='));
if (scaleAt >= 0) {
  const [flag] = args.splice(scaleAt, 1) as [string];
  const value = flag.includes('=') ? flag.slice(flag.indexOf('=') + 1) : args.splice(scaleAt, 1)[0];
  if (!(Number(value) > 0)) {
    console.error('--scale 需要一个正数，例如 --scale 0.1');
    process.exit(2);
  }
  process.env.BENCH_SCALE = String(value);
}
const filters = args;
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
