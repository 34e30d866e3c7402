/**
 * The workbench at the city bench's scale: 50 agencies, 100,000 applications spread unevenly across them (the busiest
 * gets ~9,000; ~5 % of each agency's cases still open, the newest ones), 200 documents per agency with some in
 * 保密审查 / 审核 / sent back, rectification items, the year's report not published. The workbench's today is
 * 2 December 2024, so the open cases fall overdue, near and later, and the 2024 report is due (the records are
 * imported on a later day, as some of their events run into January). Measured for the busiest agency: the
 * workbench page through the whole HTTP stack (inject, signed in as its editor and as its leader; cold, then p50 /
 * p95 of 30), every source's items alone (collectTodos), each source alone, and one daily digest run over all agencies.
 *
 * Run: `npm run bench -- workbench`. BENCH_PG_URL=postgres://… also runs it on PostgreSQL (a schema of its own,
 * dropped afterwards); BENCH_WORKBENCH_APPLICATIONS changes the number of applications.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import pg from 'pg';
import { createAgency } from '../src/agencies/agencies.service.ts';
import { buildApp } from '../src/app.tsx';
import { loadWorkCalendar } from '../src/calendar/calendar.service.ts';
import { importHandlers, todoSources } from '../src/composition.ts';
import { loadConfig } from '../src/config.ts';
import { type Db, type Dialect, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Agency } from '../src/db/schema.ts';
import { seededRandom } from '../src/documents/sample-text.ts';
import { importRecords, parseImportText } from '../src/interchange/importer.ts';
import { systemActor } from '../src/shared/actor.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { createUser } from '../src/users/users.service.ts';
import { queueDailyDigests } from '../src/workbench/digest.service.ts';
import { collectTodos } from '../src/workbench/workbench.service.ts';
import { Agent } from '../test/support/app.ts';
import { generateApplications } from './applications.data.ts';
import { generateDocuments } from './city.bench.ts';
import type { BenchResult } from './support.ts';

const APPLICATIONS = Number(process.env.BENCH_WORKBENCH_APPLICATIONS ?? 100_000);
const AGENCIES = 50;
const RUNS = 30;
const PASSWORD = 'Bench-passw0rd';
const clock = fixedClock('2024-12-02T02:00:00Z');
/** The generated records run into January 2025 (answers of late-2024 cases); the importer refuses later dates. */
const importClock = fixedClock('2025-01-31T02:00:00Z');

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const ms = (n: number) => Math.round(n * 10) / 10;
async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
}
async function p50p95(fn: () => Promise<unknown>): Promise<string> {
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) xs.push((await time(fn))[0]);
  xs.sort((a, b) => a - b);
  return `${ms(percentile(xs, 50))} / ${ms(percentile(xs, 95))}`;
}

/** The city's agencies, cases, documents and records; returns the busiest agency. */
async function prepare(db: Db, figures: Record<string, number | string>, label: string): Promise<Agency> {
  const actor = systemActor('基准测试');
  const deps = { db, clock };
  const t0 = performance.now();
  const agencies: Agency[] = [];
  for (let i = 0; i < AGENCIES; i++) agencies.push(await createAgency(deps, actor, { code: `w${i + 1}`, name: `聊城市第${i + 1}局` }));
  const calendar = await loadWorkCalendar(db);
  const weights = agencies.map((_, i) => 1 / (i + 4));
  const total = weights.reduce((s, w) => s + w, 0);
  const counts = weights.map((w) => Math.floor((APPLICATIONS * w) / total));
  counts[0] = (counts[0] ?? 0) + APPLICATIONS - counts.reduce((s, n) => s + n, 0);
  const rng = seededRandom(11);
  const records: Record<string, unknown>[] = [];
  agencies.forEach((a, i) => {
    records.push(...generateApplications(calendar, a.code, counts[i] ?? 0, [2022, 2023, 2024], 200 + i), ...generateDocuments(a.code, a.name, rng));
  });
  await importRecords({ db, clock: importClock }, systemActor('基准导入'), importHandlers, parseImportText(records.map((r) => JSON.stringify(r)).join('\n')), {
    replace: false,
  });
  for (const a of agencies) {
    // Staff with e-mail (the digest), handlers of a share of the open cases, documents in review, rectification items.
    const editor = await createUser(deps, actor, {
      username: `${a.code}-editor`,
      displayName: '编辑',
      email: `${a.code}-editor@example.gov.cn`,
      password: PASSWORD,
      roles: [{ agencyId: a.id, role: 'editor' }],
    });
    await createUser(deps, actor, {
      username: `${a.code}-leader`,
      displayName: '领导',
      email: `${a.code}-leader@example.gov.cn`,
      password: PASSWORD,
      roles: [{ agencyId: a.id, role: 'leader' }],
    });
    await sql`update applications set handler_id = ${editor.id} where agency_id = ${a.id} and is_open = 1 and id % 2 = 0`.execute(db);
    await sql`update applications set answer_state = 'pending_signoff' where agency_id = ${a.id} and is_open = 1 and id % 7 = 0`.execute(db);
    const docs = await db
      .selectFrom('documents')
      .select('id')
      .where('agencyId', '=', a.id)
      .where('category', '=', 'news')
      .orderBy('id', 'desc')
      .limit(6)
      .execute();
    const states = ['secrecy_review', 'secrecy_review', 'approval', 'approval', 'draft', 'draft'] as const;
    for (const [j, d] of docs.entries())
      await db
        .updateTable('documents')
        .set({ status: states[j] ?? 'draft', publishedOn: null })
        .where('id', '=', d.id)
        .execute();
    for (let j = 0; j < 20; j++)
      await db
        .insertInto('rectificationItems')
        .values({
          agencyId: a.id,
          problem: `整改问题${j + 1}`,
          source: 'inspection',
          sourceDetail: null,
          foundOn: '2024-06-01',
          measure: '整改',
          owner: '办公室',
          dueOn: `2024-${String(7 + (j % 6)).padStart(2, '0')}-15`,
          closedOn: j % 3 === 0 ? '2024-07-01' : null,
          createdAt: clock.now().toISOString(),
          updatedAt: clock.now().toISOString(),
          findingKey: null,
          indicatorCode: null,
          checkYear: null,
        })
        .execute();
  }
  figures[`${label}: prepare s`] = ((performance.now() - t0) / 1000).toFixed(1);
  return agencies[0] as Agency;
}

async function measure(db: Db, dialect: Dialect, dataDir: string, busiest: Agency, figures: Record<string, number | string>, label: string): Promise<void> {
  const open = await db
    .selectFrom('applications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('agencyId', '=', busiest.id)
    .where('isOpen', '=', 1)
    .executeTakeFirst();
  figures[`${label}: busiest agency's open cases`] = Number(open?.n ?? 0);
  const items = await collectTodos(db, todoSources, busiest, clock.today());
  figures[`${label}: busiest agency's to-do items`] = items.length;
  const config = loadConfig({ GONGKAI_DATA_DIR: dataDir, GONGKAI_LOG_LEVEL: 'silent', GONGKAI_PAGE_CACHE_MS: '0' });
  const app = await buildApp({ db, dialect, clock, config });
  await app.ready();
  try {
    for (const who of ['editor', 'leader']) {
      const agent = new Agent(app);
      if ((await agent.login(`${busiest.code}-${who}`, PASSWORD)).statusCode !== 303) throw new Error('login failed');
      const url = `/admin/${busiest.code}?view=office`;
      const [cold, first] = await time(() => agent.get(url));
      if (first.statusCode !== 200) throw new Error(`${url}: ${first.statusCode}`);
      figures[`${label}: page (${who}, 本机关) cold ms`] = ms(cold);
      figures[`${label}: page (${who}, 本机关) warm p50 / p95 ms`] = await p50p95(() => agent.get(url));
    }
    figures[`${label}: collectTodos p50 / p95 ms`] = await p50p95(() => collectTodos(db, todoSources, busiest, clock.today()));
    const calendar = await loadWorkCalendar(db);
    for (const s of todoSources)
      figures[`${label}: source ${s.id} p50 / p95 ms`] = await p50p95(() => s.list({ db, agency: busiest, today: clock.today(), calendar }));
    const [digest, result] = await time(() => queueDailyDigests({ db, clock }, todoSources));
    figures[`${label}: daily digest, all ${AGENCIES} agencies s (queued)`] = `${(digest / 1000).toFixed(1)} (${result.queued})`;
  } finally {
    await app.close();
  }
}

async function runSqlite(figures: Record<string, number | string>): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-workbench-'));
  try {
    const handle = openDatabase({ dataDir });
    try {
      await migrateToLatest(handle.db);
      const busiest = await prepare(handle.db, figures, 'SQLite');
      await measure(handle.db, 'sqlite', dataDir, busiest, figures, 'SQLite');
    } finally {
      await handle.destroy();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runPostgres(url: string, figures: Record<string, number | string>): Promise<void> {
  const schema = `bench_workbench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-workbench-pg-'));
  try {
    const handle = openDatabase({ databaseUrl: url, dataDir, pgOptions: `-c search_path=${schema}`, poolSize: 10 });
    try {
      await migrateToLatest(handle.db, { pgSchema: schema });
      const busiest = await prepare(handle.db, figures, 'PostgreSQL');
      await sql`analyze`.execute(handle.db);
      await measure(handle.db, 'postgres', dataDir, busiest, figures, 'PostgreSQL');
    } finally {
      await handle.destroy();
    }
  } finally {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs the benchmark on SQLite and, with BENCH_PG_URL, on PostgreSQL. */
export async function run(): Promise<BenchResult> {
  const figures: Record<string, number | string> = {};
  await runSqlite(figures);
  const pgUrl = process.env.BENCH_PG_URL;
  if (pgUrl) await runPostgres(pgUrl, figures);
  return { name: `workbench: ${AGENCIES} agencies, ${APPLICATIONS} applications`, figures };
}
