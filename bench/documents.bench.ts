// 主动公开 at scale (issue 5): 1,000,000 generated documents with realistic Chinese text; search latency for common
// two- and four-character queries; requests/s of a document page and a list page beside a bare Fastify route
// returning the same bytes, measured side by side in one run (load from this process, servers in child processes).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { createAgency } from '../src/agencies/agencies.service.ts';
import { loadConfig } from '../src/config.ts';
import { type Db, openDatabase, openSqliteFile } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { DEMO_CREDIT_CODE } from '../src/demo/demo.ts';
import type { Category } from '../src/documents/documents.tables.ts';
import { bodyText, seededRandom, titleFor } from '../src/documents/sample-text.ts';
import { textToHtml } from '../src/documents/sanitize.ts';
import { openRuntime } from '../src/runtime.ts';
import { indexRow, searchDocuments, tsvectorLiteral } from '../src/search/search.service.ts';
import { systemActor } from '../src/shared/actor.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { type BenchResult, load, printResult, startBareServer, startGongkai } from './support.ts';

const MIX: [Category, number][] = [
  ['news', 30],
  ['policy', 20],
  ['meeting', 10],
  ['proposal_reply', 8],
  ['statistics', 8],
  ['enforcement', 8],
  ['interpretation', 6],
  ['normative', 4],
  ['budget', 3],
  ['other', 3],
];
const TWO = ['企业', '工作', '发展', '管理', '通知', '产业', '数字', '安全'];
const FOUR = ['中小企业', '工业经济', '营商环境', '技术改造', '安全生产', '绿色制造', '产业集群', '专精特新'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Generates `n` published documents straight into the SQLite file: multi-row INSERTs in one transaction. */
export function generate(file: string, agencyId: number, n: number): { seconds: number; avgChars: number } {
  const started = Date.now();
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const rng = seededRandom(1_000_000);
  const cats: Category[] = MIX.flatMap(([c, w]) => Array<Category>(w).fill(c));
  const now = '2025-01-01T00:00:00.000Z';
  const ROWS = 200;
  const docCols = [
    'id',
    'agency_id',
    'ref',
    'index_no',
    'title',
    'doc_no',
    'issuing_body',
    'category',
    'issued_on',
    'published_on',
    'body_html',
    'body_text',
    'validity',
    'status',
    'version',
    'created_by',
    'created_at',
    'updated_at',
  ];
  const rowSql = (cols: number) => `(${Array(cols).fill('?').join(',')})`;
  const insertDocs = db.prepare(`insert into documents (${docCols.join(',')}) values ${Array(ROWS).fill(rowSql(docCols.length)).join(',')}`);
  const insertFts = db.prepare(`insert into document_fts (rowid, title, body, docno, meta) values ${Array(ROWS).fill(rowSql(5)).join(',')}`);
  const day0 = Date.parse('2012-01-01T00:00:00Z');
  const span = Date.parse('2024-12-31T00:00:00Z') - day0;
  let chars = 0;
  let docBuf: unknown[] = [];
  let ftsBuf: unknown[] = [];
  db.exec('begin');
  for (let i = 1; i <= n; i++) {
    const category = cats[Math.floor(rng() * cats.length)] as Category;
    const publishedOn = new Date(day0 + Math.floor((span * i) / n / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
    const year = Number(publishedOn.slice(0, 4));
    const title = titleFor(rng, category, year, i);
    const text = bodyText(rng, 1 + Math.floor(rng() * 2));
    chars += title.length + text.length;
    const docNo = category === 'normative' || category === 'policy' ? `聊工信${category === 'normative' ? '发' : '字'}〔${year}〕${1 + (i % 150)}号` : null;
    const validity = category === 'normative' ? 'in_force' : null;
    docBuf.push(
      i,
      agencyId,
      `B-${i}`,
      `${DEMO_CREDIT_CODE}/${i}`,
      title,
      docNo,
      '聊城市工业和信息化局',
      category,
      publishedOn,
      publishedOn,
      textToHtml(text),
      text,
      validity,
      'published',
      1,
      'bench',
      now,
      now,
    );
    const row = indexRow({
      id: i,
      agencyId,
      title,
      docNo,
      bodyText: text,
      attachmentText: '',
      category,
      publishedOn,
      validity,
      issuingBody: '聊城市工业和信息化局',
    });
    ftsBuf.push(row.key, row.title.join(' '), row.body.join(' '), row.docNo.join(' '), row.meta.join(' '));
    if (i % ROWS === 0) {
      insertDocs.run(docBuf);
      insertFts.run(ftsBuf);
      docBuf = [];
      ftsBuf = [];
    }
    if (i % 100_000 === 0) process.stderr.write(`  generated ${i} documents (${Math.round((Date.now() - started) / 1000)} s)\n`);
  }
  // The remainder, one row at a time.
  const one = db.prepare(`insert into documents (${docCols.join(',')}) values ${rowSql(docCols.length)}`);
  const oneFts = db.prepare(`insert into document_fts (rowid, title, body, docno, meta) values ${rowSql(5)}`);
  for (let k = 0; k < docBuf.length; k += docCols.length) one.run(docBuf.slice(k, k + docCols.length));
  for (let k = 0; k < ftsBuf.length; k += 5) oneFts.run(ftsBuf.slice(k, k + 5));
  db.exec('commit');
  db.exec("insert into document_fts(document_fts) values('optimize')");
  db.exec('analyze');
  db.close();
  return { seconds: (Date.now() - started) / 1000, avgChars: Math.round(chars / n) };
}

type Timings = { two: number[]; four: number[]; filtered: number[]; totals: Record<string, number> };

/** Times the common queries on a database: each 20 times after one warm-up, pages 1–3 of 20 with the total. */
async function timeSearches(db: Db, agencyId: number): Promise<Timings> {
  const out: Timings = { two: [], four: [], filtered: [], totals: {} };
  for (const [kind, queries] of [
    ['two', TWO],
    ['four', FOUR],
  ] as const) {
    for (const q of queries) {
      out.totals[q] = (await searchDocuments(db, q, { agencyId }, 1, 20)).total;
      for (let r = 0; r < 20; r++) {
        const t0 = performance.now();
        await searchDocuments(db, q, { agencyId }, 1 + (r % 3), 20);
        out[kind].push(performance.now() - t0);
      }
    }
  }
  for (const q of FOUR) {
    const t0 = performance.now();
    await searchDocuments(db, q, { agencyId, category: 'policy', year: 2020 }, 1, 20);
    out.filtered.push(performance.now() - t0);
  }
  for (const k of ['two', 'four', 'filtered'] as const) out[k].sort((a, b) => a - b);
  return out;
}

const p95 = (xs: number[]) => `${percentile(xs, 50).toFixed(1)} / ${percentile(xs, 95).toFixed(1)}`;

/**
 * The same corpus in PostgreSQL (BENCH_PG_URL, a schema of its own, dropped afterwards): multi-row INSERTs, the GIN
 * indexes built after loading, then the same searches.
 */
export async function runPostgres(url: string, n: number): Promise<Record<string, string | number>> {
  const schema = `bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const handle = openDatabase({ databaseUrl: url, dataDir: os.tmpdir(), pgOptions: `-c search_path=${schema}`, poolSize: 4 });
  try {
    await migrateToLatest(handle.db);
    const agency = await createAgency({ db: handle.db, clock: fixedClock('2025-01-01T00:00:00Z') }, systemActor('基准测试'), {
      code: 'bench',
      name: '聊城市工业和信息化局',
    });
    const started = Date.now();
    await sql`drop index document_search_tsv`.execute(handle.db);
    await sql`drop index document_search_title_tsv`.execute(handle.db);
    const rng = seededRandom(1_000_000);
    const cats: Category[] = MIX.flatMap(([c, w]) => Array<Category>(w).fill(c));
    const day0 = Date.parse('2012-01-01T00:00:00Z');
    const span = Date.parse('2024-12-31T00:00:00Z') - day0;
    const BATCH = 500;
    for (let start = 1; start <= n; start += BATCH) {
      const docs: unknown[] = [];
      const search: unknown[] = [];
      const docRows: string[] = [];
      const searchRows: string[] = [];
      for (let i = start; i < Math.min(n + 1, start + BATCH); i++) {
        const category = cats[Math.floor(rng() * cats.length)] as Category;
        const publishedOn = new Date(day0 + Math.floor((span * i) / n / 86_400_000) * 86_400_000).toISOString().slice(0, 10);
        const year = Number(publishedOn.slice(0, 4));
        const title = titleFor(rng, category, year, i);
        const text = bodyText(rng, 1 + Math.floor(rng() * 2));
        const docNo = category === 'normative' || category === 'policy' ? `聊工信字〔${year}〕${1 + (i % 150)}号` : null;
        const row = indexRow({
          id: i,
          agencyId: agency.id,
          title,
          docNo,
          bodyText: text,
          attachmentText: '',
          category,
          publishedOn,
          validity: null,
          issuingBody: '聊城市工业和信息化局',
        });
        const b = docs.length;
        docs.push(i, agency.id, `B-${i}`, title, docNo, category, publishedOn, textToHtml(text), text);
        docRows.push(
          `($${b + 1},$${b + 2},$${b + 3},$${b + 4},$${b + 5},'聊城市工业和信息化局',$${b + 6},$${b + 7},$${b + 7},$${b + 8},$${b + 9},'published',1,'bench','-','-')`,
        );
        const c = search.length;
        search.push(
          i,
          agency.id,
          row.key,
          tsvectorLiteral([...row.title, ...row.docNo, ...row.body, ...row.meta]),
          tsvectorLiteral([...row.title, ...row.docNo]),
        );
        searchRows.push(`($${c + 1},$${c + 2},$${c + 3},$${c + 4}::tsvector,$${c + 5}::tsvector)`);
      }
      await admin.query(
        `insert into ${schema}.documents (id, agency_id, ref, title, doc_no, issuing_body, category, issued_on, published_on, body_html, body_text, status, version, created_by, created_at, updated_at) values ${docRows.join(',')}`,
        docs,
      );
      await admin.query(`insert into ${schema}.document_search (document_id, agency_id, sort_key, tsv, title_tsv) values ${searchRows.join(',')}`, search);
    }
    await admin.query(`create index document_search_tsv on ${schema}.document_search using gin (tsv)`);
    await admin.query(`create index document_search_title_tsv on ${schema}.document_search using gin (title_tsv)`);
    await admin.query(`analyze ${schema}.documents`);
    await admin.query(`analyze ${schema}.document_search`);
    const loadSeconds = (Date.now() - started) / 1000;
    const t = await timeSearches(handle.db, agency.id);
    return {
      'PostgreSQL documents': n,
      'PostgreSQL load + GIN build (s)': loadSeconds.toFixed(1),
      'PostgreSQL search 2-char p50 / p95 ms': p95(t.two),
      'PostgreSQL search 4-char p50 / p95 ms': p95(t.four),
      'PostgreSQL search 4-char + filters p50 / p95 ms': p95(t.filtered),
    };
  } finally {
    await handle.destroy();
    if (!process.env.BENCH_PG_KEEP) await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

/** Runs the whole benchmark and returns its figures. */
export async function run(n = Number(process.env.BENCH_DOCS ?? 1_000_000), seconds = Number(process.env.BENCH_SECONDS ?? 8)): Promise<BenchResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-docs-'));
  const config = loadConfig({ GONGKAI_DATA_DIR: dataDir, GONGKAI_LOG_LEVEL: 'silent' });
  const handle = await openRuntime(config);
  const agency = await createAgency({ db: handle.db, clock: fixedClock('2025-01-01T00:00:00Z') }, systemActor('基准测试'), {
    code: 'bench',
    name: '聊城市工业和信息化局',
    creditCode: DEMO_CREDIT_CODE,
  });
  await handle.destroy();
  const file = path.join(dataDir, 'gongkai.sqlite');
  try {
    const gen = generate(file, agency.id, n);
    const sizeMb = Math.round(fs.statSync(file).size / 1024 / 1024);

    // Search: each query 20 times after one warm-up, the first pages of 20 with the total, agency-wide.
    const search = openSqliteFile(file);
    const t = await timeSearches(search.db, agency.id);
    await search.destroy();

    // Pages: the server in a child process; the same bytes from a bare Fastify route in another.
    const app = await startGongkai({ GONGKAI_DATA_DIR: dataDir });
    const figures: Record<string, number | string> = {
      documents: n,
      'generate + index (s)': gen.seconds.toFixed(1),
      'avg title+body chars': gen.avgChars,
      'database size (MB)': sizeMb,
      'search 2-char p50 / p95 ms': p95(t.two),
      'search 4-char p50 / p95 ms': p95(t.four),
      'search 4-char + filters p50 / p95 ms': p95(t.filtered),
      'matches 企业 / 中小企业 (counted to 1,000)': `${t.totals.企业} / ${t.totals.中小企业}`,
    };
    try {
      for (const [label, url] of [
        ['document page', `${app.url}/gk/bench/d/${Math.floor(n / 2)}`],
        ['list page', `${app.url}/gk/bench/list?page=2`],
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
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/gk/bench/d/${1 + Math.floor(Math.random() * n)}` }) }],
      });
      figures['document page, random ids (uncached) req/s (p99 ms)'] = `${Math.round(random.requests.average)} (${random.latency.p99})`;
    } finally {
      app.stop();
    }
    const pgUrl = process.env.BENCH_PG_URL;
    if (pgUrl) Object.assign(figures, await runPostgres(pgUrl, Number(process.env.BENCH_PG_DOCS ?? n)));
    return { name: `主动公开: ${n.toLocaleString('en')} documents — search and pages vs a bare Fastify route`, figures };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // BENCH_ONLY=pg with BENCH_PG_URL: only the PostgreSQL search figures (BENCH_PG_DOCS documents).
  const pgUrl = process.env.BENCH_PG_URL;
  if (process.env.BENCH_ONLY === 'pg' && pgUrl) {
    printResult({ name: '主动公开 search on PostgreSQL', figures: await runPostgres(pgUrl, Number(process.env.BENCH_PG_DOCS ?? 1_000_000)) });
  } else printResult(await run());
}
