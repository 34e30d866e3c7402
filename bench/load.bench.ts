/**
 * The city case under load (issue 17): one PostgreSQL database holding a city (a government and 50 child agencies,
 * BENCH_LOAD_DOCS published documents, 20,000 by default), two `gongkai serve` processes on it with `npm start`'s
 * defaults (access log on), and 200 connections (BENCH_LOAD_CONNECTIONS) for BENCH_SECONDS (30) of mixed traffic:
 * column pages, document pages, search, the JSON API, applications filed through the public form and documents
 * published through the console (draft → 保密审查 → 审核). Prints throughput, p50/p99, errors (any answer other
 * than 2xx/3xx, or a failed connection) and each process's resident memory at start and end.
 *
 * Run: `BENCH_PG_URL=postgres://… npm run bench -- load` (a schema of its own, dropped afterwards). The intake
 * throttles (10 applications per address per hour …) would refuse one load generator on 127.0.0.1, so this bench
 * lifts them (GONGKAI_APPLY_LIMIT_*=0, the question after 1,000,000).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { createAgency } from '../src/agencies/agencies.service.ts';
import { importHandlers } from '../src/composition.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { Agency } from '../src/db/schema.ts';
import { bodyText, seededRandom, titleFor } from '../src/documents/sample-text.ts';
import { importRecords, parseImportText } from '../src/interchange/importer.ts';
import { systemActor } from '../src/shared/actor.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { t } from '../src/shared/i18n/zh-CN.ts';
import { createUser } from '../src/users/users.service.ts';
import { FetchAgent, rssMiB } from '../test/support/fetch-agent.ts';
import { type BenchResult, printResult, startGongkai } from './support.ts';

const DOCS = Number(process.env.BENCH_LOAD_DOCS ?? 20_000);
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const AGENCIES = 50;
const PASSWORD = 'Bench-passw0rd';
const WORDS = ['企业', '工业经济', '数字', '安全生产', '营商环境', '专精特新', '通知', '技术改造'];
const CATEGORIES = ['news', 'policy', 'meeting', 'statistics', 'enforcement', 'plan'] as const;

type Target = { url: string; schema: string };
type Sample = { kind: string; ms: number; ok: boolean; status: number | 'failed' };

/** Fills the schema: the government, 50 children, DOCS documents spread over them, a publisher in five agencies. */
type Data = { codes: string[]; docs: { code: string; id: number }[] };

async function prepare(target: Target, figures: Record<string, string | number>): Promise<Data> {
  const db = openDatabase({ databaseUrl: target.url, dataDir: os.tmpdir(), pgOptions: `-c search_path=${target.schema}` }).db;
  try {
    await migrateToLatest(db, { pgSchema: target.schema });
    const deps = { db, clock: fixedClock('2025-06-30T02:00:00Z') };
    const actor = systemActor('基准测试');
    const city = await createAgency(deps, actor, { code: 'city', name: '聊城市人民政府', kind: 'government' });
    const children: Agency[] = [];
    for (let i = 1; i <= AGENCIES; i++) children.push(await createAgency(deps, actor, { code: `d${i}`, name: `聊城市第${i}部门`, parentCode: city.code }));
    const roles = children.slice(0, 5).flatMap((a) => (['editor', 'reviewer', 'leader'] as const).map((role) => ({ agencyId: a.id, role })));
    await createUser(deps, actor, { username: 'publisher', displayName: '发布员', password: PASSWORD, roles });
    const rng = seededRandom(17);
    const t0 = performance.now();
    const records: string[] = [];
    for (let i = 0; i < DOCS; i++) {
      const category = CATEGORIES[i % CATEGORIES.length] as string;
      const year = 2018 + (i % 7);
      const issuedOn = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      records.push(
        JSON.stringify({
          kind: 'document',
          agency: `d${1 + (i % AGENCIES)}`,
          ref: `L-${i}`,
          title: titleFor(rng, category, year, i),
          category,
          issuedOn,
          publishedOn: issuedOn,
          body: bodyText(rng, 1),
        }),
      );
    }
    await importRecords(deps, systemActor('基准导入'), importHandlers, parseImportText(records.join('\n')), { replace: false });
    figures['import documents/s'] = Math.round(DOCS / ((performance.now() - t0) / 1000));
    await sql`analyze`.execute(db);
    const rows = await db
      .selectFrom('documents')
      .innerJoin('agencies', 'agencies.id', 'documents.agencyId')
      .select(['documents.id', 'agencies.code'])
      .where('documents.status', '=', 'published')
      .limit(5000)
      .execute();
    return { codes: children.map((a) => a.code), docs: rows.map((r) => ({ code: r.code, id: r.id })) };
  } finally {
    await db.destroy();
  }
}

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;

/** "0 errors", or the count with the answers seen ("3 errors (409 ×2, failed ×1)"). */
function errorsOf(samples: Sample[]): string {
  const bad = samples.filter((s) => !s.ok);
  if (bad.length === 0) return '0 errors';
  const by = new Map<string, number>();
  for (const s of bad) by.set(String(s.status), (by.get(String(s.status)) ?? 0) + 1);
  return `${bad.length} errors (${[...by].map(([k, n]) => `${k} ×${n}`).join(', ')})`;
}

/** One connection's loop: a weighted mix of reads and writes against one server until the deadline. */
async function worker(base: string, n: number, data: Data, deadline: number, samples: Sample[]): Promise<void> {
  const agent = new FetchAgent(base);
  const publisher = n % 20 === 0; // ten of two hundred connections are staff publishing documents
  if (publisher) await agent.login('publisher', PASSWORD);
  const timed = async (kind: string, run: () => Promise<number>) => {
    const t0 = performance.now();
    let status: number | 'failed' = 'failed';
    try {
      status = await run();
    } catch {
      status = 'failed';
    }
    const ok = typeof status === 'number' && status >= 200 && status < 400;
    samples.push({ kind, ms: performance.now() - t0, ok, status });
  };
  const get = (p: string) => async () => (await agent.page(p)).status;
  let seq = 0;
  while (performance.now() < deadline) {
    seq++;
    const code = pick(data.codes);
    if (publisher && seq % 4 === 0) {
      const own = `d${1 + (n % 5)}`;
      await timed('publish: draft form', get(`/admin/${own}/documents/new`));
      let location: string | null = null;
      await timed('publish: save draft', async () => {
        const fields = {
          title: `关于第${n}-${seq}批企业技术改造项目的公示`,
          category: 'news',
          issuedOn: '2025-06-30',
          body: '根据有关规定，现将项目予以公示。',
        };
        const res = await agent.postMultipart(`/admin/${own}/documents/new`, fields, []);
        location = res.location;
        return res.status;
      });
      const doc = location ? (/documents\/(\d+)/.exec(location)?.[1] ?? null) : null;
      if (!doc) continue;
      for (const [step, form] of [
        ['submit', {}],
        ['secrecy', { checklist: t.documents.checklist.map((_, i) => String(i)) }],
        ['approve', { comment: '同意发布' }],
      ] as const) {
        await timed(`publish: ${step}`, async () => {
          await agent.page(`/admin/${own}/documents/${doc}`);
          return (await agent.post(`/admin/${own}/documents/${doc}/${step}`, form)).status;
        });
      }
      continue;
    }
    const r = Math.random();
    if (r < 0.3) await timed('column page', get(r < 0.15 ? `/gk/${code}/` : `/gk/${code}/list?page=${1 + Math.floor(Math.random() * 5)}`));
    else if (r < 0.55) {
      const doc = pick(data.docs);
      await timed('document page', get(`/gk/${doc.code}/d/${doc.id}`));
    } else if (r < 0.75) await timed('search', get(`/search?q=${encodeURIComponent(pick(WORDS))}`));
    else if (r < 0.93) await timed('API', get(r < 0.84 ? `/api/v1/agencies/${code}/documents` : `/api/v1/documents/${pick(data.docs).id}`));
    else {
      await timed('apply: form', get(`/gk/${code}/apply`));
      await timed('apply: file', async () => {
        const phone = `139${String(n).padStart(4, '0')}${String(seq % 10_000).padStart(4, '0')}`;
        const fields = {
          applicantType: 'natural_person',
          name: '王五',
          idType: 'resident_id',
          idNumber: '11010519491231002X',
          phone,
          email: `load${n}-${seq}@example.com`,
          address: '山东省聊城市东昌府区某路 1 号',
          subject: '本单位2024年度技术改造项目清单',
          formWanted: 'electronic',
          wayWanted: 'email',
        };
        return (await agent.postMultipart(`/gk/${code}/apply`, fields, [])).status;
      });
    }
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const ms = (n: number) => Math.round(n * 10) / 10;

export async function run(): Promise<BenchResult> {
  const url = process.env.BENCH_PG_URL;
  const name = `the city case: 2 processes on one PostgreSQL, ${CONNECTIONS} connections, ${SECONDS} s`;
  if (!url) return { name, figures: { skipped: 'set BENCH_PG_URL=postgres://… to run the load test' } };
  const figures: Record<string, string | number> = { agencies: `1 + ${AGENCIES}`, documents: DOCS };
  const target: Target = { url, schema: `bench_load_${Date.now()}` };
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${target.schema}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-load-'));
  try {
    const data = await prepare(target, figures);
    const env = {
      DATABASE_URL: url,
      PGOPTIONS: `-c search_path=${target.schema}`,
      GONGKAI_DATA_DIR: dataDir,
      GONGKAI_SECRET: 'bench-secret-shared-by-both-processes-0123456789',
      GONGKAI_APPLY_LIMIT_ADDRESS_HOUR: '0',
      GONGKAI_APPLY_LIMIT_ADDRESS_DAY: '0',
      GONGKAI_APPLY_LIMIT_CONTACT_DAY: '0',
      GONGKAI_APPLY_CHALLENGE_AFTER: '1000000',
    };
    const servers = await Promise.all([startGongkai(env), startGongkai(env)]);
    try {
      const rssStart = servers.map((s) => rssMiB(s.pid));
      const samples: Sample[] = [];
      const started = performance.now();
      const deadline = started + SECONDS * 1000;
      await Promise.all(Array.from({ length: CONNECTIONS }, (_, n) => worker((servers[n % 2] as { url: string }).url, n, data, deadline, samples)));
      const seconds = (performance.now() - started) / 1000;
      const rssEnd = servers.map((s) => rssMiB(s.pid));
      const all = samples.map((s) => s.ms).sort((a, b) => a - b);
      figures.requests = samples.length;
      figures['throughput req/s'] = Math.round(samples.length / seconds);
      figures['p50 / p99 ms'] = `${ms(percentile(all, 50))} / ${ms(percentile(all, 99))}`;
      figures.errors = samples.filter((s) => !s.ok).length;
      for (const kind of [...new Set(samples.map((s) => s.kind))].sort()) {
        const of = samples.filter((s) => s.kind === kind);
        const sorted = of.map((s) => s.ms).sort((a, b) => a - b);
        figures[`  ${kind}`] = `${of.length} req, p50 ${ms(percentile(sorted, 50))} / p99 ${ms(percentile(sorted, 99))} ms, ${errorsOf(of)}`;
      }
      servers.forEach((_, i) => {
        figures[`process ${i + 1} RSS MiB start → end`] = `${rssStart[i]} → ${rssEnd[i]}`;
      });
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  } finally {
    if (!process.env.BENCH_PG_KEEP) await admin.query(`drop schema ${target.schema} cascade`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return { name, figures };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) printResult(await run());
