/**
 * Benchmark of the annual report for one agency-year of the size issue 6 names: 100,000 applications and 1,000,000
 * documents. Times what the report module does end to end (gathering, tables, checks R1–R5, drafting the narrative
 * and its warnings, rendering) for JSON, HTML and DOCX, cold (first run in the process) and warm (median of 5).
 *
 * Sources (`--sources`):
 *   tables      (default) tables precomputed, as a database aggregate would return them: the report module's own cost.
 *   records     in-memory counting over 100,000 generated applications and 1,000,000 generated document facts
 *               (the spec's counting rules; table 2 with this module's countDocuments).
 *   composition the platform's real `reportSources(db)` against a prepared database: set BENCH_DATA_DIR (or
 *               DATABASE_URL) and BENCH_AGENCY, filled by the applications and documents modules' generators.
 * Run: `npm run bench reports` or `node --import tsx bench/reports.bench.ts [--sources records]`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findAgencyByCode } from '../src/agencies/agencies.service.ts';
import { reportSources } from '../src/composition.ts';
import { loadConfig } from '../src/config.ts';
import type { DbOrTrx } from '../src/db/database.ts';
import { seedReportRecords } from '../src/demo/reports-demo.ts';
import { prepareReport, type ReportAgency, type ReportDeps } from '../src/reports/build-report.ts';
import { renderReportDocx } from '../src/reports/render/docx.ts';
import { renderReportDocument } from '../src/reports/render/html.tsx';
import { emptyProactiveStats, type ReportSources } from '../src/reports/sources.ts';
import { countDocuments, type DocumentFact } from '../src/reports/table2.ts';
import { checkTables } from '../src/reports/validation.ts';
import { openRuntime } from '../src/runtime.ts';
import { systemActor } from '../src/shared/actor.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { APPLICANT_TYPES, OUTCOME_CODES, type OutcomeCode } from '../src/vocabulary/codes.ts';
import { type ApplicationRecord, table3FromRecords, table4FromRecords } from '../test/support/report-sources.ts';
import type { BenchResult } from './support.ts';

const APPLICATIONS = 100_000;
const DOCUMENTS = 1_000_000;
const YEAR = 2022;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const day = (n: number) => new Date(Date.UTC(2019, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

/** 100,000 applications received 2019–2022 (a quarter of them in the report year), most closed within 60 days. */
function generateApplications(): ApplicationRecord[] {
  const rnd = prng(6);
  const out: ApplicationRecord[] = new Array(APPLICATIONS);
  for (let i = 0; i < APPLICATIONS; i++) {
    const received = Math.floor(rnd() * 1461);
    const open = rnd() < 0.03;
    out[i] = {
      receivedOn: day(received),
      applicantType: APPLICANT_TYPES[Math.floor(rnd() ** 2 * APPLICANT_TYPES.length)] ?? 'natural_person',
      closedOn: open ? null : day(received + Math.floor(rnd() * 60)),
      outcome: open ? null : (OUTCOME_CODES[Math.floor(rnd() ** 3 * OUTCOME_CODES.length)] as OutcomeCode),
    };
  }
  return out;
}

/** 1,000,000 规章 and 行政规范性文件 issued 2000–2022, a fifth of them repealed or expired later. */
function generateDocuments(): DocumentFact[] {
  const rnd = prng(7);
  const out: DocumentFact[] = new Array(DOCUMENTS);
  for (let i = 0; i < DOCUMENTS; i++) {
    const issued = new Date(Date.UTC(2000, 0, 1) + Math.floor(rnd() * 8400) * 86_400_000).toISOString().slice(0, 10);
    const ended = rnd() < 0.2;
    out[i] = {
      category: rnd() < 0.05 ? 'rule' : 'normative',
      issuedOn: issued,
      validity: ended ? (rnd() < 0.5 ? 'repealed' : 'expired') : rnd() < 0.1 ? 'amended' : 'in_force',
      validityChangedOn: ended ? new Date(Date.parse(issued) + Math.floor(rnd() * 3000) * 86_400_000).toISOString().slice(0, 10) : null,
    };
  }
  return out;
}

/** Sources over generated records: counting happens on every call, as a naive implementation would. */
function recordSources(apps: ApplicationRecord[], docs: DocumentFact[]): ReportSources {
  return {
    table2Documents: async (_a, year) => countDocuments(docs, year),
    table3: async (_a, year) => table3FromRecords(apps, year),
    table4: async (_a, year, o) => table4FromRecords([], year, o.includeCarried),
    proactiveStats: async () => ({ ...emptyProactiveStats(), published: 192, interpretations: 22, normativeIssued: 2, normativeInterpretedOnTime: 2 }),
    applicationSubjects: async () => [],
  };
}

/** Sources that answer with tables already counted (what an indexed aggregate query returns). */
function tableSources(apps: ApplicationRecord[], docs: DocumentFact[]): ReportSources {
  const t3 = new Map([YEAR - 1, YEAR].map((y) => [y, table3FromRecords(apps, y)]));
  const t2 = new Map([YEAR - 1, YEAR].map((y) => [y, countDocuments(docs, y)]));
  const t4 = table4FromRecords([], YEAR);
  return {
    table2Documents: async (_a, year) => t2.get(year) ?? countDocuments([], year),
    table3: async (_a, year) => t3.get(year) ?? table3FromRecords([], year),
    table4: async () => t4,
    proactiveStats: async () => ({ ...emptyProactiveStats(), published: 192, interpretations: 22, normativeIssued: 2, normativeInterpretedOnTime: 2 }),
    applicationSubjects: async () => [],
  };
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await fn();
  return [performance.now() - t0, value];
}
const ms = (n: number) => Math.round(n * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function measure(deps: ReportDeps, agency: ReportAgency): Promise<Record<string, number>> {
  const json = async () => JSON.stringify((await prepareReport(deps, agency, YEAR)).report).length;
  const html = async () => {
    const ws = await prepareReport(deps, agency, YEAR);
    return (await renderReportDocument(ws.report, ws.comparison)).length;
  };
  const docx = async () => (await renderReportDocx((await prepareReport(deps, agency, YEAR)).report)).length;
  const [jsonCold] = await time(json);
  const [htmlCold] = await time(html);
  const [docxCold, docxBytes] = await time(docx);
  const warm = { json: [] as number[], html: [] as number[], docx: [] as number[], checks: [] as number[] };
  const ws = await prepareReport(deps, agency, YEAR);
  for (let i = 0; i < 5; i++) {
    warm.json.push((await time(json))[0]);
    warm.html.push((await time(html))[0]);
    warm.docx.push((await time(docx))[0]);
    const t0 = performance.now();
    for (let k = 0; k < 100; k++) checkTables(ws.report.tables, ws.report.tables.applications);
    warm.checks.push((performance.now() - t0) / 100);
  }
  return {
    jsonColdMs: ms(jsonCold),
    jsonWarmMs: ms(median(warm.json)),
    htmlWithChartsColdMs: ms(htmlCold),
    htmlWithChartsWarmMs: ms(median(warm.html)),
    docxColdMs: ms(docxCold),
    docxWarmMs: ms(median(warm.docx)),
    docxBytes,
    checksR1toR5Ms: Math.round(median(warm.checks) * 1000) / 1000,
    receivedInYear: ws.report.tables.applications.received.total,
  };
}

/** Runs the report benchmark with the chosen sources and returns its figures. */
export async function run(sources: 'tables' | 'records' | 'composition' = 'tables'): Promise<BenchResult> {
  const clock = fixedClock('2023-01-10T02:00:00Z');
  if (sources === 'composition') {
    const config = loadConfig({ ...process.env, GONGKAI_DATA_DIR: process.env.BENCH_DATA_DIR ?? process.env.GONGKAI_DATA_DIR });
    const handle = await openRuntime(config);
    try {
      const agency = await findAgencyByCode(handle.db, process.env.BENCH_AGENCY ?? 'lcgxj');
      if (!agency) throw new Error('BENCH_AGENCY not found in the prepared database');
      return { name: 'reports (composition sources)', figures: await measure({ db: handle.db, clock, sources: reportSources(handle.db) }, agency) };
    } finally {
      await handle.destroy();
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-bench-reports-'));
  const handle = await openRuntime(loadConfig({ GONGKAI_DATA_DIR: dir }));
  try {
    const db: DbOrTrx = handle.db;
    const { createAgency } = await import('../src/agencies/agencies.service.ts');
    const agency = await createAgency({ db, clock }, systemActor('基准测试'), { code: 'lcgxj', name: '聊城市工业和信息化局', kind: 'department' });
    await seedReportRecords({ db, clock }, systemActor('基准测试'), agency);
    const t0 = performance.now();
    const apps = generateApplications();
    const docs = generateDocuments();
    const generateMs = performance.now() - t0;
    const figures = await measure({ db, clock, sources: sources === 'records' ? recordSources(apps, docs) : tableSources(apps, docs) }, agency);
    return {
      name: `reports (${sources} sources)`,
      figures: {
        applications: APPLICATIONS,
        documents: DOCUMENTS,
        generateDataMs: ms(generateMs),
        ...figures,
        rssMB: Math.round(process.memoryUsage().rss / 1048576),
      },
    };
  } finally {
    await handle.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--sources');
  const kind = (i > 0 ? process.argv[i + 1] : 'tables') as 'tables' | 'records' | 'composition';
  const result = await run(kind);
  console.log(result.name);
  for (const [k, v] of Object.entries(result.figures)) console.log(`  ${k.padEnd(28)} ${typeof v === 'number' ? v.toLocaleString('en-US') : v}`);
}
