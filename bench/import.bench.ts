// Document import (issue 17): `gongkai import` of generated documents (default 100,000, 50 agencies, published with
// 文号 and bodies of realistic text) on SQLite and, with BENCH_PG_URL, PostgreSQL: documents/s of the whole import
// (parse, check, write, search index), all in one transaction as the command does.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { documentImportHandler } from '../src/documents/interchange.ts';
import { importRecords, parseImportText } from '../src/interchange/importer.ts';
import { searchDocuments } from '../src/search/search.service.ts';
import { systemActor } from '../src/shared/actor.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { corpus } from './documents-corpus.ts';
import { AGENCIES, createAgencies } from './documents-search.ts';
import { type BenchResult, printResult } from './support.ts';

const clock = fixedClock('2025-01-01T00:00:00Z');

/** The interchange text of n documents (JSON Lines), agency codes b01…b50. */
function importText(n: number, agencyIds: number[]): string {
  const codeOf = new Map(agencyIds.map((id, k) => [id, `b${String(k + 1).padStart(2, '0')}`]));
  const lines: string[] = [];
  for (const d of corpus(n, agencyIds)) {
    lines.push(
      JSON.stringify({
        kind: 'document',
        agency: codeOf.get(d.agencyId),
        ref: d.ref,
        title: d.title,
        docNo: d.docNo,
        category: d.category,
        issuedOn: d.publishedOn,
        publishedOn: d.publishedOn,
        body: d.bodyText,
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

async function importInto(db: Parameters<typeof importRecords>[0]['db'], text: string): Promise<{ seconds: number; cpu: number; written: number }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let shown = 0;
  const counts = await importRecords({ db, clock }, systemActor('基准测试'), [documentImportHandler], parseImportText(text), {
    replace: false,
    onProgress: (_kind, done, total) => {
      if (done - shown >= 20_000) {
        process.stderr.write(`  imported ${done} / ${total}\n`);
        shown = done;
      }
    },
  });
  const c = process.cpuUsage(c0);
  return { seconds: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6, written: counts.document ?? 0 };
}

export async function run(
  n = Number(process.env.BENCH_IMPORT_DOCS ?? Math.max(1000, Math.round(100_000 * Number(process.env.BENCH_SCALE ?? 1)))),
): Promise<BenchResult> {
  const figures: Record<string, number | string> = {
    documents: n,
    agencies: AGENCIES,
    'machine load average (1 min) at start': os.loadavg()[0]?.toFixed(1) ?? '',
  };
  // BENCH_ONLY=pg skips SQLite (profiling PostgreSQL's side).
  if (process.env.BENCH_ONLY !== 'pg') await sqliteImport(n, figures);
  const url = process.env.BENCH_PG_URL;
  if (url) await pgImport(url, n, figures);
  return { name: `文件导入: ${n.toLocaleString('en')} documents, all or nothing — SQLite${url ? ' and PostgreSQL' : ''}`, figures };
}

async function sqliteImport(n: number, figures: Record<string, number | string>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-import-'));
  const sqlite = openDatabase({ dataDir: dir });
  try {
    await migrateToLatest(sqlite.db);
    const ids = await createAgencies(sqlite.db);
    const text = importText(n, ids);
    figures['file size (MB)'] = Math.round(Buffer.byteLength(text) / 1048576);
    const r = await importInto(sqlite.db, text);
    figures['SQLite import (s)'] = r.seconds.toFixed(1);
    figures['SQLite documents/s'] = Math.round(r.written / r.seconds);
    // On a loaded machine the wall clock measures the share of CPU the import got; this is its own work.
    figures['SQLite documents per CPU second (this process)'] = Math.round(r.written / r.cpu);
    figures['SQLite search 中小企业 after import (matches, to 1,000)'] = (await searchDocuments(sqlite.db, '中小企业', {}, 1, 20)).total;
  } finally {
    await sqlite.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function pgImport(url: string, n: number, figures: Record<string, number | string>): Promise<void> {
  const schema = `bench_import_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  // The application name finds this import's server processes, whose CPU time is read from /proc (same machine).
  const handle = openDatabase({ databaseUrl: url, dataDir: os.tmpdir(), pgOptions: `-c search_path=${schema} -c application_name=${schema}`, poolSize: 2 });
  try {
    await migrateToLatest(handle.db);
    const ids = await createAgencies(handle.db);
    const text = importText(n, ids);
    const s0 = await serverCpu(admin, schema);
    const r = await importInto(handle.db, text);
    const server = (await serverCpu(admin, schema)) - s0;
    figures['PostgreSQL import (s)'] = r.seconds.toFixed(1);
    figures['PostgreSQL documents/s'] = Math.round(r.written / r.seconds);
    figures['PostgreSQL documents per CPU second (this process, not the server)'] = Math.round(r.written / r.cpu);
    if (server > 0) figures['PostgreSQL server CPU of the import (s)'] = server.toFixed(1);
    figures['PostgreSQL search 中小企业 after import (matches, to 1,000)'] = (await searchDocuments(handle.db, '中小企业', {}, 1, 20)).total;
  } finally {
    await handle.destroy();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

/** CPU seconds of the server processes serving this schema's connections (0 when /proc cannot be read). */
async function serverCpu(admin: pg.Client, schema: string): Promise<number> {
  const pids = await admin.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [schema]);
  let ticks = 0;
  for (const { pid } of pids.rows) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      return 0;
    }
  }
  return ticks / 100;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printResult(await run());
