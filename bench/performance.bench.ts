// Performance figures at city scale (issue 7): 50 agencies with 100,000 applications in all, every one received in
// the measured year (the worst case: each case's answer is read and counted), figures for all 50 agencies at once,
// measured after the year (so the past year's overdue count runs too).
// BENCH_PG_URL also measures PostgreSQL (a schema of its own, dropped afterwards).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
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

/** Loads the city: 50 agencies and their generated applications; returns the agencies' ids and the load time. */
async function load(handle: DatabaseHandle): Promise<{ ids: number[]; seconds: number }> {
  const deps = { db: handle.db, clock };
  await migrateToLatest(handle.db);
  const calendar = await loadWorkCalendar(handle.db);
  const ids: number[] = [];
  const t0 = performance.now();
  for (let a = 0; a < AGENCIES; a++) {
    const code = `city${a}`;
    ids.push((await createAgency(deps, systemActor('基准测试'), { code, name: `基准测试局${a}`, kind: 'department' })).id);
    const records = generateApplications(calendar, code, Math.round(TOTAL / AGENCIES), [YEAR], a + 1);
    await importRecords(deps, systemActor('基准导入'), importHandlers, parseImportText(records.map((r) => JSON.stringify(r)).join('\n')), {
      replace: false,
    });
  }
  if (handle.dialect === 'postgres') await sql`analyze`.execute(handle.db);
  return { ids, seconds: Number(((performance.now() - t0) / 1000).toFixed(1)) };
}

/** Times the figures of all the agencies on a fresh handle (as a server process would have). */
async function measure(open: () => DatabaseHandle, ids: number[], label: string): Promise<Record<string, string | number>> {
  const handle = open();
  try {
    const calendar = await loadWorkCalendar(handle.db);
    const times: number[] = [];
    let answered = 0;
    for (let i = 0; i < RUNS + 3; i++) {
      const t0 = performance.now();
      const result = await performanceFigures(handle.db, calendar, ids, YEAR, clock.today());
      if (i >= 3) times.push(performance.now() - t0);
      answered = [...result.values()].reduce((s, f) => s + f.answered, 0);
    }
    times.sort((a, b) => a - b);
    return {
      [`${label}: answered cases counted`]: answered,
      [`${label}: figures of ${AGENCIES} agencies p50 / p95 ms`]: `${percentile(times, 50).toFixed(1)} / ${percentile(times, 95).toFixed(1)}`,
    };
  } finally {
    await handle.destroy();
  }
}

/** Runs the benchmark and returns its figures. */
export async function run(): Promise<BenchResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-perf-'));
  const figures: Record<string, string | number> = { agencies: AGENCIES, applications: TOTAL };
  try {
    const handle = openDatabase({ dataDir });
    let city: { ids: number[]; seconds: number };
    try {
      city = await load(handle);
    } finally {
      await handle.destroy();
    }
    figures['SQLite: load s'] = city.seconds;
    Object.assign(figures, await measure(() => openDatabase({ dataDir }), city.ids, 'SQLite'));
    const url = process.env.BENCH_PG_URL;
    if (url) {
      const schema = `bench_${Date.now()}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      const open = () => openDatabase({ databaseUrl: url, dataDir: os.tmpdir(), pgOptions: `-c search_path=${schema}`, poolSize: 4 });
      try {
        const pgHandle = open();
        let pgCity: { ids: number[]; seconds: number };
        try {
          pgCity = await load(pgHandle);
        } finally {
          await pgHandle.destroy();
        }
        figures['PostgreSQL: load s'] = pgCity.seconds;
        Object.assign(figures, await measure(open, pgCity.ids, 'PostgreSQL'));
      } finally {
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
