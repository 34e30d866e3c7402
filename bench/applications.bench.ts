// 依申请公开 at scale (issue 4): import 100,000 generated applications, export them with computed due dates, and the
// console queue page at that size (p50/p95 of the first page and of filtered pages).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createAgency } from '../src/agencies/agencies.service.ts';
import { loadWorkCalendar } from '../src/calendar/calendar.service.ts';
import { exportHandlers, importHandlers } from '../src/composition.ts';
import { loadConfig } from '../src/config.ts';
import { importRecords, parseImportText } from '../src/interchange/importer.ts';
import { openRuntime } from '../src/runtime.ts';
import { systemActor } from '../src/shared/actor.ts';
import { systemClock } from '../src/shared/clock.ts';
import { createUser } from '../src/users/users.service.ts';
import { generateApplications } from './applications.data.ts';
import { type BenchResult, printResult, startGongkai } from './support.ts';

const COUNT = Number(process.env.BENCH_APPLICATIONS ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const PASSWORD = 'Bench-passw0rd';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Signs in through the login form; returns the session cookie. */
async function signIn(url: string): Promise<string> {
  const page = await fetch(`${url}/admin/login`);
  const csrfCookie = (page.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(`${url}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ _csrf: token, username: 'bench', password: PASSWORD, next: '/admin' }).toString(),
  });
  const session = (res.headers.getSetCookie() ?? []).find((c) => c.startsWith('gk_session='));
  if (!session) throw new Error(`login failed: ${res.status}`);
  return session.split(';')[0] as string;
}

/** Latency percentiles of `n` sequential GETs of one page. */
async function timePage(url: string, cookie: string, n: number): Promise<{ p50: number; p95: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n + 5; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    if (i >= 5) times.push(performance.now() - t0); // the first few warm up
    bytes = body.length;
  }
  times.sort((a, b) => a - b);
  return { p50: Number(percentile(times, 50).toFixed(1)), p95: Number(percentile(times, 95).toFixed(1)), bytes };
}

/** Runs the benchmark and returns its figures. */
export async function run(): Promise<BenchResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-apps-'));
  const config = loadConfig({ GONGKAI_DATA_DIR: dataDir, GONGKAI_LOG_LEVEL: 'silent' });
  const figures: Record<string, number | string> = { applications: COUNT };
  try {
    const handle = await openRuntime(config);
    try {
      const deps = { db: handle.db, clock: systemClock };
      const agency = await createAgency(deps, systemActor('基准测试'), { code: 'bench', name: '基准测试局', kind: 'department' });
      await createUser(deps, systemActor('基准测试'), {
        username: 'bench',
        displayName: '基准',
        password: PASSWORD,
        roles: [{ agencyId: agency.id, role: 'editor' }],
      });
      const calendar = await loadWorkCalendar(handle.db);

      let t0 = performance.now();
      const text = generateApplications(calendar, 'bench', COUNT, [2023, 2024, 2025])
        .map((r) => JSON.stringify(r))
        .join('\n');
      figures['generate ms'] = Math.round(performance.now() - t0);
      figures['file MB'] = Number((Buffer.byteLength(text) / 1e6).toFixed(1));

      t0 = performance.now();
      const parsed = parseImportText(text);
      const counts = await importRecords(deps, systemActor('基准导入'), importHandlers, parsed, { replace: false });
      const importMs = performance.now() - t0;
      if (counts.application !== COUNT) throw new Error(`imported ${counts.application}`);
      const events = await handle.db
        .selectFrom('applicationEvents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      figures.events = Number(events.n);
      figures['import s (parse + validate + write)'] = Number((importMs / 1000).toFixed(2));
      figures['import records/s'] = Math.round(COUNT / (importMs / 1000));

      const handler = exportHandlers.find((h) => h.kind === 'application');
      if (!handler) throw new Error('no export handler');
      t0 = performance.now();
      let exported = 0;
      let bytes = 0;
      for await (const record of handler.exportRecords(handle.db, 'bench', { today: systemClock.today() })) {
        bytes += JSON.stringify(record).length + 1;
        exported++;
      }
      const exportMs = performance.now() - t0;
      figures['export records'] = exported;
      figures['export s (with dueOn etc.)'] = Number((exportMs / 1000).toFixed(2));
      figures['export records/s'] = Math.round(exported / (exportMs / 1000));
      figures['export MB'] = Number((bytes / 1e6).toFixed(1));
    } finally {
      await handle.destroy();
    }

    const server = await startGongkai({ GONGKAI_DATA_DIR: dataDir, GONGKAI_PAGE_CACHE_MS: '0' });
    try {
      const cookie = await signIn(server.url);
      const pages: [string, string][] = [
        ['queue: first page (open, by due date)', '/admin/bench/applications'],
        ['queue: page 50 of open cases', '/admin/bench/applications?page=50'],
        ['queue: overdue', '/admin/bench/applications?overdue=1'],
        ['queue: all of 2024, granted', '/admin/bench/applications?status=all&year=2024&outcome=granted'],
        ['queue: all (100k), newest first', '/admin/bench/applications?status=all'],
      ];
      for (const [label, p] of pages) {
        const r = await timePage(`${server.url}${p}`, cookie, REQUESTS);
        figures[`${label} p50 / p95 ms`] = `${r.p50} / ${r.p95}`;
      }
      const one = await timePage(`${server.url}/admin/bench/applications/1`, cookie, 50);
      figures['case page p50 / p95 ms'] = `${one.p50} / ${one.p95}`;
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return { name: `依申请公开 at ${COUNT} applications (SQLite)`, figures };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printResult(await run());
