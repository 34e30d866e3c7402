import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import type { Agency } from '../../src/db/schema.ts';
import { getFigures } from '../../src/figures/figures.service.ts';
import { buildReport, getStoredReport } from '../../src/reports/build-report.ts';
import { emptySources } from '../../src/reports/sources.ts';
import { buildAgency, testClock } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

const counts = (natural_person: number) => ({ natural_person, total: natural_person });

describe.each(DIALECTS)('importing figures and past reports on %s', (dialect) => {
  let tdb: TestDatabase;
  let agency: Agency;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-import-'));
  const file = (name: string, records: unknown[]) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, records.map((r) => JSON.stringify(r)).join('\n'));
    return f;
  };
  const run = async (...args: string[]) => {
    const lines: string[] = [];
    let errors = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((c) => {
      errors += String(c);
      return true;
    });
    try {
      const code = await main(['node', 'gongkai', ...args], (l) => lines.push(l), { ...tdb.env, GONGKAI_LOG_LEVEL: 'silent' });
      return { code, out: lines.join('\n'), errors };
    } finally {
      spy.mockRestore();
    }
  };
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    agency = await buildAgency(tdb.db, { code: 'lcgxj', name: '聊城市工业和信息化局' });
  });
  afterAll(async () => tdb?.cleanup());

  it('imports yearly figures all or nothing, keeping decimals; re-import needs --replace', async () => {
    const good = {
      kind: 'figures',
      agency: 'lcgxj',
      year: 2022,
      feesWan: 4068.208,
      websiteUpdates: 796,
      websiteVisits: 82547,
      newMediaPosts: 2237,
      newMediaReads: 268000,
    };
    const bad = { kind: 'figures', agency: 'lcgxj', year: 2021, websiteVisits: -1 };
    const refused = await run('import', file('bad.jsonl', [good, bad]));
    expect(refused.code).toBe(2);
    expect(refused.errors).toContain('第 2 行 websiteVisits：政府网站总访问量（次）应为不小于 0 的数字');
    expect(await getFigures(tdb.db, agency.id, 2022)).toBeNull();
    expect((await run('import', file('good.jsonl', [good]))).code).toBe(0);
    expect(await getFigures(tdb.db, agency.id, 2022)).toMatchObject({ feesWan: 4068.208, websiteVisits: 82547, licensingDecisions: 0 });
    expect((await run('import', file('good.jsonl', [good]))).errors).toContain('2022 年度的统计数据已存在；如要替换，请使用 --replace');
    expect((await run('import', file('again.jsonl', [{ ...good, websiteUpdates: 800 }]), '--replace')).code).toBe(0);
    expect((await getFigures(tdb.db, agency.id, 2022))?.websiteUpdates).toBe(800);
  });

  const report2020 = {
    kind: 'report',
    agency: 'lcgxj',
    year: 2020,
    tables: {
      proactive: { 规范性文件: { made: 1, published: 1, total: 6 } },
      applications: {
        received: counts(3),
        outcomes: { granted: counts(2), other: counts(0) },
        closedTotal: counts(2),
        carriedOut: counts(1),
      },
    },
  };
  const report2021 = {
    kind: 'report',
    agency: 'lcgxj',
    year: 2021,
    publishedOn: '2022-01-28',
    tables: {
      applications: { received: counts(2), carriedIn: counts(1), outcomes: { granted: counts(3) }, closedTotal: counts(3), carriedOut: counts(0) },
    },
    sections: { overview: '（二）依申请公开\n2021年共受理依申请公开2件。' },
  };

  it('refuses a report whose tables fail the checks, cell by cell, and writes nothing', async () => {
    const broken = { ...report2021, tables: { applications: { ...report2021.tables.applications, carriedIn: counts(0) } } };
    const res = await run('import', file('broken.jsonl', [report2020, broken]));
    expect(res.code).toBe(2);
    expect(res.errors).toContain('第 2 行 tables (R1)：列“自然人”：本年新收（2）加上年结转（0）为 2，总计（3）加结转下年度（0）为 3，两者不等');
    expect(res.errors).toContain('第 2 行 tables (R5)：列“自然人”：本年“上年结转”为 0，上一年度“结转下年度继续办理”为 1');
    expect(await getStoredReport(tdb.db, agency.id, 2020)).toBeNull();
  });

  it('imports consistent past reports (the 2019 trial format for 2020); the next generated report compares with them', async () => {
    const res = await run('import', file('reports.jsonl', [report2021, report2020]));
    expect(res.code).toBe(0);
    expect(res.out).toContain('report 2 条');
    const r2020 = await getStoredReport(tdb.db, agency.id, 2020);
    expect(r2020).toMatchObject({ status: 'published', origin: 'imported', format: '2019' });
    const r2021 = await getStoredReport(tdb.db, agency.id, 2021);
    expect(r2021?.sections.overview.onRequest).toBe('2021年共受理依申请公开2件。');
    // 2022 on a platform without applications: R5 against the imported 2021 (carried out 0) holds, and the text compares.
    const report = await buildReport({ db: tdb.db, clock: testClock, sources: emptySources }, agency, 2022);
    expect(report.checks.find((c) => c.rule === 'R5')).toMatchObject({ ok: true });
    expect(report.checks.find((c) => c.rule === 'R5')?.skipped).toBeFalsy();
    expect(report.sections.overview).toContain('2021年度，我局共收到2件依申请公开，2022年度依申请公开数量较2021年度减少2件');
    expect((await run('import', file('reports.jsonl', [report2021]))).errors).toContain('2021 年度的报告已导入；如要替换，请使用 --replace');
    expect((await run('report', 'lcgxj', '2020', '--format', 'csv')).out).toContain('applications,other,0,0,0,0,0,0,0');
  });
});
