// 主动公开 at scale (issues 5 and 17): 1,000,000 generated documents of 50 agencies with realistic Chinese text; search
// latency of every query class (1–4 characters, 文号) with and without filters on SQLite and PostgreSQL side by side;
// requests/s of a document page and a list page beside a bare Fastify route returning the same bytes (load from this process, servers in child processes).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.ts';
import { openSqliteFile } from '../src/db/database.ts';
import { openRuntime } from '../src/runtime.ts';
import { loadPostgres } from './documents-pg-load.ts';
import { AGENCIES, type ClassTimings, createAgencies, fmt, loadSqlite, timeClasses } from './documents-search.ts';
import { type BenchResult, load, printResult, startBareServer, startGongkai } from './support.ts';

/** Generates `n` published documents of one agency straight into a SQLite file (also used by report-scale). */
export function generate(file: string, agencyId: number, n: number): { seconds: number; avgChars: number } {
  return loadSqlite(file, [agencyId], n);
}

/** SQLite beside PostgreSQL (or either alone), one line per query class and filter. */
function sideBySide(figures: Record<string, number | string>, sqlite: ClassTimings | null, pg?: ClassTimings): void {
  if (!sqlite) {
    figures['search p50 / p95 ms'] = 'PostgreSQL';
    for (const [key, t] of Object.entries(pg ?? {})) figures[`  ${key}`] = fmt(t);
    if (pg) figures['PostgreSQL worst p95 of any class (ms)'] = Math.max(...Object.values(pg).map((t) => t.p95)).toFixed(1);
    return;
  }
  figures['search p50 / p95 ms'] = pg ? 'SQLite | PostgreSQL' : 'SQLite';
  for (const [key, t] of Object.entries(sqlite)) figures[`  ${key}`] = pg ? `${fmt(t)} | ${fmt(pg[key])}` : fmt(t);
  if (!pg) return;
  const differ = Object.keys(sqlite).filter((k) => sqlite[k]?.totals.join() !== pg[k]?.totals.join());
  figures['classes whose totals differ between SQLite and PostgreSQL'] = differ.length ? differ.join('; ') : 'none';
  figures['PostgreSQL worst p95 of any class (ms)'] = Math.max(...Object.values(pg).map((t) => t.p95)).toFixed(1);
}

/** The PostgreSQL side: load (or reuse the kept corpus of this size), then every query class. */
export async function runPostgres(url: string, n: number, sqlite: ClassTimings | null, figures: Record<string, number | string>): Promise<void> {
  const loaded = await loadPostgres(url, n);
  try {
    figures['PostgreSQL documents'] = n;
    figures[loaded.reused ? `PostgreSQL corpus kept in schema ${loaded.schema}` : 'PostgreSQL load + index build (s)'] = loaded.reused
      ? 'reused'
      : loaded.seconds.toFixed(1);
    for (const [rel, mb] of Object.entries(loaded.sizes)) figures[`PostgreSQL ${rel} (MB, with indexes/TOAST)`] = mb;
    figures['machine load average (1 min) before the PostgreSQL queries'] = os.loadavg()[0]?.toFixed(1) ?? '';
    const pgTimes = await timeClasses(loaded.db, loaded.agencyIds, Number(process.env.BENCH_REPS ?? 6));
    sideBySide(figures, sqlite, pgTimes);
  } finally {
    await loaded.close();
  }
}

const scaled = (base: number) => Math.max(1000, Math.round(base * Number(process.env.BENCH_SCALE ?? 1)));
// Document i belongs to the agency b01…b50 that corpus() gives it (ids are created in code order).
const codeOf = (i: number) => `b${String(1 + (i % AGENCIES)).padStart(2, '0')}`;

/**
 * Runs the whole benchmark and returns its figures: search on SQLite (and PostgreSQL with BENCH_PG_URL, side by side),
 * then the pages (BENCH_PAGES=0 skips them).
 */
export async function run(n = Number(process.env.BENCH_DOCS ?? scaled(1_000_000)), seconds = Number(process.env.BENCH_SECONDS ?? 8)): Promise<BenchResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-docs-'));
  const config = loadConfig({ GONGKAI_DATA_DIR: dataDir, GONGKAI_LOG_LEVEL: 'silent' });
  const handle = await openRuntime(config);
  const agencyIds = await createAgencies(handle.db);
  await handle.destroy();
  const file = path.join(dataDir, 'gongkai.sqlite');
  try {
    const gen = loadSqlite(file, agencyIds, n);
    const search = openSqliteFile(file);
    const t = await timeClasses(search.db, agencyIds, Number(process.env.BENCH_REPS ?? 6));
    await search.destroy();
    const figures: Record<string, number | string> = {
      documents: n,
      agencies: AGENCIES,
      'machine load average (1 min) at start': os.loadavg()[0]?.toFixed(1) ?? '',
      'SQLite generate + index (s)': gen.seconds.toFixed(1),
      'avg title+body chars': gen.avgChars,
      'SQLite database size (MB)': Math.round(fs.statSync(file).size / 1024 / 1024),
    };
    const pgUrl = process.env.BENCH_PG_URL;
    if (pgUrl) await runPostgres(pgUrl, n, t, figures);
    else sideBySide(figures, t);
    if (process.env.BENCH_PAGES !== '0') await pages(dataDir, n, seconds, figures);
    return { name: `主动公开: ${n.toLocaleString('en')} documents, ${AGENCIES} agencies — search, and pages vs a bare Fastify route`, figures };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Pages: the server in a child process; the same bytes from a bare Fastify route in another. */
async function pages(dataDir: string, n: number, seconds: number, figures: Record<string, number | string>): Promise<void> {
  const app = await startGongkai({ GONGKAI_DATA_DIR: dataDir });
  const mid = Math.floor(n / 2);
  try {
    for (const [label, url] of [
      ['document page', `${app.url}/gk/${codeOf(mid)}/d/${mid}`],
      ['list page', `${app.url}/gk/b01/list?page=2`],
    ] as const) {
      const res = await fetch(url);
      const bytes = Buffer.from(await res.arrayBuffer());
      const bare = await startBareServer(bytes, res.headers.get('content-type') ?? 'text/html');
      try {
        await load(url, 2);
        await load(bare.url, 2);
        // Alternate the two, three times each. The machine is shared (two cores), so each side is reported by its
        // median run, and the ratio of the medians is the figure.
        type Run = Awaited<ReturnType<typeof load>>;
        const runs = { ours: [] as Run[], plain: [] as Run[] };
        for (let round = 0; round < 3; round++) {
          runs.ours.push(await load(url, seconds));
          runs.plain.push(await load(bare.url, seconds));
        }
        const median = (xs: Run[]) => [...xs].sort((a, b) => a.rps - b.rps)[Math.floor(xs.length / 2)] as Run;
        const ours = { ...median(runs.ours), errors: runs.ours.reduce((a, x) => a + x.errors, 0) };
        const plain = median(runs.plain);
        figures[`${label} runs req/s`] = runs.ours.map((r) => r.rps).join(' / ');
        figures[`${label}: bare runs req/s`] = runs.plain.map((r) => r.rps).join(' / ');
        figures[`${label} bytes`] = bytes.length;
        figures[`${label} req/s (p99 ms)`] = `${ours.rps} (${ours.p99})`;
        figures[`${label}: bare route req/s (p99 ms)`] = `${plain.rps} (${plain.p99})`;
        figures[`${label} / bare ratio`] = (ours.rps / plain.rps).toFixed(2);
        figures[`${label} errors`] = ours.errors;
      } finally {
        bare.stop();
      }
    }
    // Every request a different document: no page-cache hits, so this is the cost of rendering from the database.
    const random = await autocannon({
      url: app.url,
      duration: seconds,
      connections: 10,
      requests: [
        {
          method: 'GET',
          setupRequest: (req) => {
            const id = 1 + Math.floor(Math.random() * n);
            return { ...req, path: `/gk/${codeOf(id)}/d/${id}` };
          },
        },
      ],
    });
    figures['document page, random ids (uncached) req/s (p99 ms)'] = `${Math.round(random.requests.average)} (${random.latency.p99})`;
  } finally {
    await app.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // BENCH_ONLY=pg with BENCH_PG_URL: only the PostgreSQL search figures (BENCH_DOCS documents).
  const pgUrl = process.env.BENCH_PG_URL;
  if (process.env.BENCH_ONLY === 'pg' && pgUrl) {
    const figures: Record<string, number | string> = {};
    await runPostgres(pgUrl, Number(process.env.BENCH_DOCS ?? scaled(1_000_000)), null, figures);
    printResult({ name: '主动公开 search on PostgreSQL', figures });
  } else printResult(await run());
}
