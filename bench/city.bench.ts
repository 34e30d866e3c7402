/**
 * The city view at the size issue 7 names (Done-when: < 500 ms): one people's government with 50 child agencies
 * (42 departments and 8 county governments), 100,000 applications in all across them (unevenly, as real agencies get
 * them) with their events, ~1,000 appeals, 200 documents per agency with interpretations, the 2024 annual reports
 * (most on time, some late, some missing) and self-check runs. Then the page /admin/city/city?year=2024 is requested
 * through the whole HTTP stack (inject, signed in as the city office) in a new process, as a server started on the
 * database would: cold (its first request) and warm (p50 / p95 of 30), its CSV, and each of the page's queries alone.
 *
 * Run: `npm run bench -- city`. BENCH_PG_URL=postgres://… also runs it on PostgreSQL (a schema of its own, dropped
 * afterwards); BENCH_CITY_APPLICATIONS changes the number of applications; BENCH_KEEP_DATA=1 keeps the SQLite city
 * and BENCH_CITY_DATA_DIR=… measures a kept one again (migrated to the latest schema first).
 */

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { createAgency, getAgencyByCode } from '../src/agencies/agencies.service.ts';
import { buildApp } from '../src/app.tsx';
import { computeTable3ForAgencies, computeTable3ForAgency, computeTable4ForAgencies, computeTable4ForAgency } from '../src/applications/statistics.ts';
import { loadWorkCalendar } from '../src/calendar/calendar.service.ts';
import { cityAgencies, cityOverview } from '../src/city/city.service.ts';
import { countedRunsOf, runSelfCheck } from '../src/compliance/compliance.service.ts';
import { importHandlers, indicators } from '../src/composition.ts';
import { loadConfig } from '../src/config.ts';
import { type Db, type Dialect, openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Agency } from '../src/db/schema.ts';
import { bodyText, seededRandom, titleFor } from '../src/documents/sample-text.ts';
import { importRecords, parseImportText } from '../src/interchange/importer.ts';
import { performanceFigures } from '../src/performance/performance.service.ts';
import { emptyTable2 } from '../src/reports/report-tables.ts';
import { reportStatusesOf } from '../src/reports/reports.service.ts';
import { systemActor } from '../src/shared/actor.ts';
import { type Clock, fixedClock } from '../src/shared/clock.ts';
import { createUser } from '../src/users/users.service.ts';
import { Agent } from '../test/support/app.ts';
import { type GeneratedApplication, generateApplications } from './applications.data.ts';
import { type BenchResult, printResult } from './support.ts';

const APPLICATIONS = Number(process.env.BENCH_CITY_APPLICATIONS ?? 100_000);
const DOCUMENTS_PER_AGENCY = 200;
const YEAR = 2024;
const WARM_RUNS = 30;
const PASSWORD = 'Bench-passw0rd';
/** Mid-2025: the 2024 reports' deadlines (31 January / 31 March) have passed, so some are late. */
const TODAY = '2025-06-30T02:00:00Z';

const DEPARTMENTS = [
  '发展和改革委员会',
  '教育和体育局',
  '科学技术局',
  '工业和信息化局',
  '民族宗教事务局',
  '公安局',
  '民政局',
  '司法局',
  '财政局',
  '人力资源和社会保障局',
  '自然资源和规划局',
  '生态环境局',
  '住房和城乡建设局',
  '交通运输局',
  '水利局',
  '农业农村局',
  '商务局',
  '文化和旅游局',
  '卫生健康委员会',
  '退役军人事务局',
  '应急管理局',
  '审计局',
  '国有资产监督管理委员会',
  '市场监督管理局',
  '统计局',
  '医疗保障局',
  '城市管理局',
  '行政审批服务局',
  '地方金融监督管理局',
  '大数据局',
  '信访局',
  '机关事务服务中心',
  '粮食和物资储备局',
  '林业局',
  '人民防空办公室',
  '外事办公室',
  '住房公积金管理中心',
  '畜牧兽医事务中心',
  '投资促进局',
  '乡村振兴局',
  '综合行政执法局',
  '民营经济发展局',
];
const COUNTIES = ['东昌府区', '茌平区', '临清市', '阳谷县', '莘县', '东阿县', '冠县', '高唐县'];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const ms = (n: number) => Math.round(n * 10) / 10;

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
}

/** Appeals of ~1 % of the answered applications that were not granted: mostly 复议, upheld, some still pending. */
function generateAppeals(apps: GeneratedApplication[], agency: string, rng: () => number, today: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  for (const a of apps) {
    const closed = (a.events as { type: string; on: string; outcome?: string }[]).find((e) => e.type === 'closed');
    if (!closed || closed.outcome === 'granted' || rng() > 0.025) continue;
    const r = rng();
    const type = r < 0.7 ? 'reconsideration' : r < 0.9 ? 'litigation_direct' : 'litigation_after_reconsideration';
    const filedOn = addDays(closed.on, 10 + Math.floor(rng() * 50));
    if (filedOn > today) continue;
    const decidedOn = addDays(filedOn, 40 + Math.floor(rng() * 100));
    const q = rng();
    const result = decidedOn > today || q < 0.08 ? 'pending' : q < 0.7 ? 'upheld' : q < 0.85 ? 'corrected' : 'other';
    out.push({
      kind: 'appeal',
      agency,
      ref: `FY-${a.ref as string}`,
      type,
      filedOn,
      application: a.ref,
      result,
      ...(result === 'pending' ? {} : { decidedOn }),
    });
  }
  return out;
}

/** 200 published documents of an agency over 2023–2024: mostly news and policy, some normative documents, most interpreted. */
export function generateDocuments(agency: string, name: string, rng: () => number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const day0 = Date.parse('2023-01-03T00:00:00Z');
  const span = Date.parse('2024-12-27T00:00:00Z') - day0;
  for (let i = 0; i < DOCUMENTS_PER_AGENCY; i++) {
    const r = rng();
    const category =
      r < 0.4 ? 'news' : r < 0.6 ? 'policy' : r < 0.7 ? 'meeting' : r < 0.8 ? 'statistics' : r < 0.9 ? 'enforcement' : r < 0.95 ? 'plan' : 'normative';
    const issued = new Date(day0 + Math.floor((span * i) / DOCUMENTS_PER_AGENCY / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
    const published = new Date(Date.parse(`${issued}T00:00:00Z`) + Math.floor(rng() * 10) * 86_400_000).toISOString().slice(0, 10);
    const year = Number(issued.slice(0, 4));
    const ref = `D-${i}`;
    out.push({
      kind: 'document',
      agency,
      ref,
      title: titleFor(rng, category, year, i),
      category,
      topic: name,
      issuedOn: issued,
      publishedOn: published,
      body: bodyText(rng, 1),
      ...(category === 'normative' ? { docNo: `${name.slice(0, 2)}发〔${year}〕${i + 1}号`, validity: 'in_force' } : {}),
    });
    if (category === 'normative' && rng() < 0.8) {
      const lag = rng() < 0.85 ? 1 : 8;
      out.push({
        kind: 'document',
        agency,
        ref: `${ref}-J`,
        title: `《${titleFor(rng, 'normative', year, i)}》政策解读`,
        category: 'interpretation',
        topic: name,
        issuedOn: published,
        publishedOn: new Date(Date.parse(`${published}T00:00:00Z`) + lag * 86_400_000).toISOString().slice(0, 10),
        body: bodyText(rng, 1),
        interprets: ref,
        interpretationForm: 'text',
      });
    }
  }
  return out;
}

/** Fills a migrated database with the city (the government's code: `city`). */
async function prepare(db: Db, figures: Record<string, number | string>, label: string): Promise<void> {
  const clock = fixedClock(TODAY);
  const actor = systemActor('基准测试');
  const deps = { db, clock };
  const rng = seededRandom(7);
  let t0 = performance.now();
  const city = await createAgency(deps, actor, { code: 'city', name: '聊城市人民政府', kind: 'government' });
  const children: Agency[] = [];
  for (const [i, name] of DEPARTMENTS.entries())
    children.push(await createAgency(deps, actor, { code: `d${i + 1}`, name: `聊城市${name}`, parentCode: 'city' }));
  for (const [i, name] of COUNTIES.entries())
    children.push(await createAgency(deps, actor, { code: `g${i + 1}`, name: `${name}人民政府`, kind: 'government', parentCode: 'city' }));
  await createUser(deps, actor, { username: 'bench', displayName: '市政务公开办', password: PASSWORD, roles: [{ agencyId: city.id, role: 'editor' }] });

  // Applications: unevenly spread (a few agencies get most, as 自然资源 and 住建 do), received 2022–2024.
  const calendar = await loadWorkCalendar(db);
  const weights = children.map((_, i) => 1 / (i + 4));
  const total = weights.reduce((s, w) => s + w, 0);
  const counts = weights.map((w) => Math.floor((APPLICATIONS * w) / total));
  counts[0] = (counts[0] ?? 0) + APPLICATIONS - counts.reduce((s, n) => s + n, 0);
  const records: Record<string, unknown>[] = [];
  let appeals = 0;
  children.forEach((agency, i) => {
    const apps = generateApplications(calendar, agency.code, counts[i] ?? 0, [2022, 2023, 2024], 100 + i);
    const agencyAppeals = generateAppeals(apps, agency.code, rng, clock.today());
    appeals += agencyAppeals.length;
    records.push(...apps, ...agencyAppeals, ...generateDocuments(agency.code, agency.name, rng));
  });
  records.push(...generateDocuments(city.code, city.name, rng));
  const text = records.map((r) => JSON.stringify(r)).join('\n');
  figures[`${label}: generate s`] = ((performance.now() - t0) / 1000).toFixed(1);
  t0 = performance.now();
  const imported = await importRecords(deps, systemActor('基准导入'), importHandlers, parseImportText(text), { replace: false });
  figures[`${label}: import s (apps + appeals + docs)`] = ((performance.now() - t0) / 1000).toFixed(1);
  figures.applications = imported.application ?? 0;
  figures.appeals = imported.appeal ?? appeals;
  figures.documents = imported.document ?? 0;

  // Self-checks of 2024, run in 2025 by the real indicators: 44 agencies, a few twice (the later run counts), 7 never.
  t0 = performance.now();
  const perRun: number[] = [];
  for (const [i, agency] of [city, ...children].entries()) {
    if (i % 7 === 3) continue;
    const times = i % 5 === 0 ? ['2025-02-10T02:00:00Z', '2025-05-20T02:00:00Z'] : ['2025-03-15T02:00:00Z'];
    for (const at of times) {
      perRun.push((await time(() => runSelfCheck({ db, clock: fixedClock(at), indicators }, actor, agency, YEAR)))[0]);
    }
  }
  perRun.sort((a, b) => a - b);
  figures['self-check runs'] = perRun.length;
  figures[`${label}: self-checks s`] = ((performance.now() - t0) / 1000).toFixed(1);
  figures[`${label}: self-check per agency p50 ms`] = ms(percentile(perRun, 50));

  // The 2024 reports, imported as published with their tables: most on time, some late; some agencies have none.
  t0 = performance.now();
  const reports: Record<string, unknown>[] = [];
  for (const [i, agency] of [city, ...children].entries()) {
    if (i % 9 === 5) continue;
    const late = i % 6 === 2;
    const due = agency.kind === 'government' ? '03-31' : '01-31';
    const publishedOn = late
      ? `2025-${due === '01-31' ? '02' : '04'}-${String(3 + (i % 20)).padStart(2, '0')}`
      : `2025-${due.slice(0, 2)}-${String(10 + (i % 18)).padStart(2, '0')}`;
    reports.push({
      kind: 'report',
      agency: agency.code,
      year: YEAR,
      format: '2021',
      publishedOn,
      tables: {
        proactive: emptyTable2(),
        applications: await computeTable3ForAgency(db, agency.id, YEAR),
        appeals: await computeTable4ForAgency(db, agency.id, YEAR),
      },
    });
  }
  await importRecords(deps, systemActor('基准导入'), importHandlers, parseImportText(reports.map((r) => JSON.stringify(r)).join('\n')), { replace: false });
  figures['published 2024 reports'] = reports.length;
  figures[`${label}: reports s`] = ((performance.now() - t0) / 1000).toFixed(1);
}

/** Times the page through the HTTP stack (cold, then warm), its CSV, and each query on its own. */
async function measure(db: Db, dialect: Dialect, dataDir: string, figures: Record<string, number | string>, label: string): Promise<void> {
  const clock: Clock = fixedClock(TODAY);
  const city = await getAgencyByCode(db, 'city');
  const config = loadConfig({ GONGKAI_DATA_DIR: dataDir, GONGKAI_LOG_LEVEL: 'silent', GONGKAI_PAGE_CACHE_MS: '0' });
  const app = await buildApp({ db, dialect, clock, config });
  await app.ready();
  try {
    const agent = new Agent(app);
    const login = await agent.login('bench', PASSWORD);
    if (login.statusCode !== 303) throw new Error(`login failed: ${login.statusCode}`);
    const url = `/admin/city/city?year=${YEAR}`;
    const [cold, first] = await time(() => agent.get(url));
    if (first.statusCode !== 200) throw new Error(`${url}: ${first.statusCode}`);
    const warm: number[] = [];
    for (let i = 0; i < WARM_RUNS; i++) {
      const [ms, res] = await time(() => agent.get(url));
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
      warm.push(ms);
    }
    warm.sort((a, b) => a - b);
    const csv: number[] = [];
    for (let i = 0; i < 10; i++) csv.push((await time(() => agent.get(`/admin/city/city/figures.csv?year=${YEAR}`)))[0]);
    csv.sort((a, b) => a - b);
    figures[`${label}: page bytes`] = first.body.length;
    figures[`${label}: page cold ms`] = ms(cold);
    figures[`${label}: page warm p50 / p95 ms`] = `${ms(percentile(warm, 50))} / ${ms(percentile(warm, 95))}`;
    figures[`${label}: CSV warm p50 ms`] = ms(percentile(csv, 50));

    // Where the time goes: the service, and each of its queries alone (warm medians of 10).
    const agencies = await cityAgencies(db, city);
    const ids = agencies.map((a) => a.id);
    const calendar = await loadWorkCalendar(db);
    const parts: [string, () => Promise<unknown>][] = [
      ['service cityOverview', () => cityOverview({ db, clock }, systemActor(), city, YEAR)],
      ['query counted self-checks', () => countedRunsOf(db, new Map(ids.map((id) => [id, `${YEAR + 1}-01-31`])), YEAR)],
      ['query reports', () => reportStatusesOf(db, agencies, YEAR)],
      ['query table 3 (all agencies)', () => computeTable3ForAgencies(db, ids, YEAR)],
      ['query table 4 (all agencies)', () => computeTable4ForAgencies(db, ids, YEAR)],
      ['performance figures', () => performanceFigures(db, calendar, ids, YEAR, clock.today())],
    ];
    for (const [name, fn] of parts) {
      const xs: number[] = [];
      for (let i = 0; i < 10; i++) xs.push((await time(fn))[0]);
      xs.sort((a, b) => a - b);
      figures[`${label}: ${name} p50 ms`] = ms(percentile(xs, 50));
    }
  } finally {
    await app.close();
  }
}

type Target = { dialect: Dialect; dataDir: string; url?: string; schema?: string };
const openTarget = (t: Target) =>
  t.dialect === 'sqlite'
    ? openDatabase({ dataDir: t.dataDir })
    : openDatabase({ databaseUrl: t.url, dataDir: t.dataDir, pgOptions: `-c search_path=${t.schema}`, poolSize: 10 });

/**
 * Measures in a new process, as a server starting on an existing database would: nothing of the preparation (its
 * caches, its hundreds of megabytes of garbage) is left to distort the cold request or the warm percentiles.
 */
async function measureInChild(target: Target, label: string): Promise<Record<string, number | string>> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--measure', JSON.stringify(target), label], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const line = out.split('\n').find((l) => l.startsWith('FIGURES '));
  if (code !== 0 || !line) throw new Error(`measurement failed (${code}): ${out}`);
  return JSON.parse(line.slice('FIGURES '.length)) as Record<string, number | string>;
}

async function runSqlite(figures: Record<string, number | string>): Promise<void> {
  // BENCH_CITY_DATA_DIR: measure a city prepared by an earlier run (BENCH_KEEP_DATA=1), migrated to the latest schema.
  const reuse = process.env.BENCH_CITY_DATA_DIR;
  const dataDir = reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-city-'));
  try {
    const handle = openDatabase({ dataDir });
    try {
      await migrateToLatest(handle.db);
      if (!reuse) await prepare(handle.db, figures, 'SQLite');
    } finally {
      await handle.destroy();
    }
    Object.assign(figures, await measureInChild({ dialect: 'sqlite', dataDir }, 'SQLite'));
  } finally {
    if (process.env.BENCH_KEEP_DATA === '1' || reuse) console.log(`data kept in ${dataDir}`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runPostgres(url: string, figures: Record<string, number | string>): Promise<void> {
  const schema = `bench_city_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const target: Target = { dialect: 'postgres', dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-city-pg-')), url, schema };
  try {
    const handle = openTarget(target);
    try {
      await migrateToLatest(handle.db, { pgSchema: schema });
      await prepare(handle.db, figures, 'PostgreSQL');
      // What autovacuum would have done by the time anyone looks: planner statistics for the new rows.
      await sql`analyze`.execute(handle.db);
    } finally {
      await handle.destroy();
    }
    Object.assign(figures, await measureInChild(target, 'PostgreSQL'));
  } finally {
    if (!process.env.BENCH_PG_KEEP) await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
    fs.rmSync(target.dataDir, { recursive: true, force: true });
  }
}

/** Runs the benchmark on SQLite and, with BENCH_PG_URL, on PostgreSQL. */
export async function run(): Promise<BenchResult> {
  const figures: Record<string, number | string> = { 'agencies (government + children)': `1 + ${DEPARTMENTS.length + COUNTIES.length}`, target: '< 500 ms' };
  await runSqlite(figures);
  const pgUrl = process.env.BENCH_PG_URL;
  if (pgUrl) await runPostgres(pgUrl, figures);
  return { name: `city view of ${YEAR}: 50 child agencies, ${APPLICATIONS} applications`, figures };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv[2] === '--measure') {
    const target = JSON.parse(process.argv[3] as string) as Target;
    const handle = openTarget(target);
    const figures: Record<string, number | string> = {};
    try {
      await measure(handle.db, target.dialect, target.dataDir, figures, process.argv[4] ?? target.dialect);
    } finally {
      await handle.destroy();
    }
    console.log(`FIGURES ${JSON.stringify(figures)}`);
  } else printResult(await run());
}
