import SQLite from 'better-sqlite3';
import { createAgency } from '../src/agencies/agencies.service.ts';
import type { Db } from '../src/db/database.ts';
import { textToHtml } from '../src/documents/sanitize.ts';
import { ftsValues, type SearchFilters, searchDocuments } from '../src/search/search.service.ts';
import { systemActor } from '../src/shared/actor.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { type CorpusDoc, corpus, QUERY_CLASSES } from './documents-corpus.ts';

export const AGENCIES = Number(process.env.BENCH_AGENCIES ?? 50);
const NOW = '2025-01-01T00:00:00.000Z';

/** Creates the benchmark's agencies through the service (codes b01…); returns their ids. */
export async function createAgencies(db: Db, count = AGENCIES): Promise<number[]> {
  const ids: number[] = [];
  for (let a = 1; a <= count; a++) {
    const code = `b${String(a).padStart(2, '0')}`;
    const agency = await createAgency({ db, clock: fixedClock(NOW) }, systemActor('基准测试'), { code, name: `聊城市第${a}局` });
    ids.push(agency.id);
  }
  return ids;
}

const DOC_COLS = ['id', 'agency_id', 'ref', 'index_no', 'title', 'doc_no', 'issuing_body', 'category', 'issued_on', 'published_on', 'body_html', 'body_text'];
const docValues = (d: CorpusDoc) => [
  d.id,
  d.agencyId,
  d.ref,
  d.indexNo,
  d.title,
  d.docNo,
  d.issuingBody,
  d.category,
  d.publishedOn,
  d.publishedOn,
  textToHtml(d.bodyText),
  d.bodyText,
];
const EXTRA = { validity: (d: CorpusDoc) => d.validity };

const progress = (label: string, i: number, started: number) => {
  if (i % 100_000 === 0) process.stderr.write(`  ${label}: ${i} documents (${Math.round((Date.now() - started) / 1000)} s)\n`);
};

/** Writes the corpus straight into a migrated SQLite file: multi-row INSERTs in one transaction. */
export function loadSqlite(file: string, agencyIds: number[], n: number): { seconds: number; avgChars: number } {
  const started = Date.now();
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const cols = [...DOC_COLS, 'validity', 'status', 'version', 'created_by', 'created_at', 'updated_at'];
  const tuple = (k: number) => `(${Array(k).fill('?').join(',')})`;
  const insert = (rows: number) => db.prepare(`insert into documents (${cols.join(',')}) values ${Array(rows).fill(tuple(cols.length)).join(',')}`);
  const insertFts = (rows: number) => db.prepare(`insert into document_fts (rowid, title, body, docno, meta) values ${Array(rows).fill(tuple(5)).join(',')}`);
  const ROWS = 200;
  const full = { docs: insert(ROWS), fts: insertFts(ROWS) };
  let chars = 0;
  let docs: unknown[] = [];
  let fts: unknown[] = [];
  const flush = () => {
    const k = docs.length / cols.length;
    if (k === 0) return;
    (k === ROWS ? full.docs : insert(k)).run(docs);
    (k === ROWS ? full.fts : insertFts(k)).run(fts);
    docs = [];
    fts = [];
  };
  db.exec('begin');
  for (const d of corpus(n, agencyIds)) {
    chars += d.title.length + d.bodyText.length;
    docs.push(...docValues(d), EXTRA.validity(d), 'published', 1, 'bench', NOW, NOW);
    fts.push(...ftsValues(d));
    if (docs.length === ROWS * cols.length) flush();
    progress('SQLite', d.id, started);
  }
  flush();
  db.exec('commit');
  db.exec("insert into document_fts(document_fts) values('optimize')");
  db.exec('analyze');
  db.close();
  return { seconds: (Date.now() - started) / 1000, avgChars: Math.round(chars / n) };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export type ClassTimings = Record<string, { p50: number; p95: number; totals: number[] }>;

/** The filter sets of the search page: none (the platform's search), one agency, an agency with category and year. */
export function filterSets(agencyIds: number[]): Record<string, SearchFilters> {
  const agencyId = agencyIds[Math.floor(agencyIds.length / 2)] as number;
  return { 'no filter': {}, agency: { agencyId }, 'agency+category+year': { agencyId, category: 'policy', year: 2020 } };
}

/** Each query of each class with each filter set: `reps` times after one warm-up of each page, cycling pages 1–3 of 20. */
export async function timeClasses(db: Db, agencyIds: number[], reps: number): Promise<ClassTimings> {
  const out: ClassTimings = {};
  for (const [cls, queries] of Object.entries(QUERY_CLASSES)) {
    for (const [label, filters] of Object.entries(filterSets(agencyIds))) {
      const times: number[] = [];
      const totals: number[] = [];
      for (const q of queries) {
        totals.push((await searchDocuments(db, q, filters, 1, 20)).total);
        // Every page timed is read once before: the figures are of a server in use, not of its first read from disk.
        for (const page of [2, 3]) await searchDocuments(db, q, filters, page, 20);
        for (let r = 0; r < reps; r++) {
          const t0 = performance.now();
          await searchDocuments(db, q, filters, 1 + (r % 3), 20);
          times.push(performance.now() - t0);
        }
      }
      times.sort((a, b) => a - b);
      out[`${cls}, ${label}`] = { p50: percentile(times, 50), p95: percentile(times, 95), totals };
    }
  }
  return out;
}

export const fmt = (t: { p50: number; p95: number } | undefined) => (t ? `${t.p50.toFixed(1)} / ${t.p95.toFixed(1)}` : '—');
