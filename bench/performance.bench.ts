// Performance figures at city scale (issue 7): 50 agencies with 100,000 applications in all, every one received in
// the measured year (the worst case: each case's answer is read and counted), figures for all 50 agencies at once,
// measured after the year (so the past year's overdue count runs too).
// BENCH_PG_URL also measures PostgreSQL (a schema of its own, dropped afterwards).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createAgency } from '../src/agencies/agencies.service.ts';
import { loadWorkCalendar } from '../src/calendar/calendar.service.ts';
import { importHandlers } from '../src/composition.ts';
import { type DatabaseHandle, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { importRecords, parseImportText } from '../src/interchange/importer.ts';
import { performanceFigures } from '../src/performance/performance.service.ts';
import { systemActor } from '../src/shared/actor.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { generateApplications } from './applications.data.ts';
import { type BenchResult, printResult } from './support.ts';

const AGENCIES = Number(process.env.BENCH_AGENCIES ?? 50);
const TOTAL = Number(process.env.BENCH_APPLICATIONS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const YEAR = 2024;
const clock = fixedClock('2025-02-20T02:00:00Z');

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** Loads the city and times the figures of all its agencies. */
async function measure(handle: DatabaseHandle, label: string): Promise<Record<string, string | number>> {
  const deps = { db: handle.db, clock };
  await migrateToLatest(handle.db);
  const calendar = await loadWorkCalendar(handle.db);
  const ids: number[] = [];
  let t0 = performance.now();
  for (let a = 0; a < AGENCIES; a++) {
    const code = `city${a}`;
    ids.push((await createAgency(deps, systemActor('基准测试'), { code, name: `基准测试局${a}`, kind: 'department' })).id);
    const records = generateApplications(calendar, code, Math.round(TOTAL / AGENCIES), [YEAR], a + 1);
    await importRecords(deps, systemActor('基准导入'), importHandlers, parseImportText(records.map((r) => JSON.stringify(r)).join('\n')), {
      replace: false,
    });
  }
  const figures: Record<string, string | number> = { [`${label}: load s`]: Number(((performance.now() - t0) / 1000).toFixed(1)) };
  if (handle.dialect === 'postgres') await handle.db.executeQuery({ sql: 'analyze', parameters: [], query: { kind: 'RawNode' } } as never);
  const times: number[] = [];
  let answered = 0;
  for (let i = 0; i < RUNS + 3; i++) {
    t0 = performance.now();
    const result = await performanceFigures(handle.db, calendar, ids, YEAR, clock.today());
    if (i >= 3) times.push(performance.now() - t0);
    answered = [...result.values()].reduce((s, f) => s + f.answered, 0);
  }
  times.sort((a, b) => a - b);
  figures[`${label}: answered cases counted`] = answered;
  figures[`${label}: figures of ${AGENCIES} agencies p50 / p95 ms`] = `${percentile(times, 50).toFixed(1)} / ${percentile(times, 95).toFixed(1)}`;
  return figures;
}

/** Runs the benchmark and returns its figures. */
export async function run(): Promise<BenchResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-perf-'));
  const figures: Record<string, string | number> = { agencies: AGENCIES, applications: TOTAL };
  try {
    const handle = openDatabase({ dataDir });
    try {
      Object.assign(figures, await measure(handle, 'SQLite'));
    } finally {
      await handle.destroy();
    }
    const url = process.env.BENCH_PG_URL;
    if (url) {
      const schema = `bench_${Date.now()}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      const pgHandle = openDatabase({ databaseUrl: url, dataDir: os.tmpdir(), pgOptions: `-c search_path=${schema}`, poolSize: 4 });
      try {
        Object.assign(figures, await measure(pgHandle, 'PostgreSQL'));
      } finally {
        await pgHandle.destroy();
        await admin.query(`drop schema ${schema} cascade`);
        await admin.end();
      }
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return { name: `Performance figures: ${AGENCIES} agencies, ${TOTAL.toLocaleString('en')} applications in ${YEAR}`, figures };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printResult(await run());
