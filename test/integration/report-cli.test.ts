import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { seedReportRecords } from '../../src/demo/reports-demo.ts';
import { readReportCsv } from '../../src/reports/report-input.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { buildAgency, testClock } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

describe.each(DIALECTS)('gongkai report on %s', (dialect) => {
  let tdb: TestDatabase;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-cli-'));
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
    const agency = await buildAgency(tdb.db, { code: 'lcgxj', name: '聊城市工业和信息化局' });
    await seedReportRecords({ db: tdb.db, clock: testClock }, systemActor('测试'), agency);
  });
  afterAll(async () => tdb?.cleanup());

  it('prints the report as JSON in the interchange shape', async () => {
    const res = await run('report', 'lcgxj', '2022', '--format', 'json');
    expect(res.code).toBe(0);
    const json = JSON.parse(res.out);
    expect(Object.keys(json)).toEqual(['agency', 'year', 'format', 'tables', 'checks', 'sections']);
    expect(json.agency).toEqual({ code: 'lcgxj', name: '聊城市工业和信息化局' });
    expect(Object.keys(json.tables.applications.outcomes)).toHaveLength(21);
    expect(json.checks.map((c: { rule: string }) => c.rule)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'T4', 'TX']);
    expect(json.sections.overview).toContain('网站总访问量达82547次');
  });

  it('writes CSV that `report check` reads back, Markdown, HTML and DOCX', async () => {
    const csv = await run('report', 'lcgxj', '2022', '--format', 'csv', '--out', path.join(dir, 'r.csv'));
    expect(csv.code).toBe(0);
    const text = fs.readFileSync(path.join(dir, 'r.csv'), 'utf8');
    expect(readReportCsv(text).tables.appeals.reconsideration.total).toBe(0);
    expect((await run('report', 'check', path.join(dir, 'r.csv'))).code).toBe(0);
    const md = await run('report', 'lcgxj', '2022', '--format', 'md');
    expect(md.out).toContain('## 三、收到和处理政府信息公开申请情况');
    expect(md.out).toContain('| 一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
    const html = await run('report', 'lcgxj', '2022', '--format', 'html');
    expect(html.out).toMatch(/^<!doctype html>/);
    expect(html.out).toContain('<th id="t3-applicants" scope="colgroup" colspan="7">申请人情况</th>');
    const docx = await run('report', 'lcgxj', '2022', '--format', 'docx', '--out', path.join(dir, 'r.docx'));
    expect(docx.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'r.docx')).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses bad requests with exit 2', async () => {
    expect((await run('report', 'nope', '2022')).code).toBe(2);
    expect((await run('report', 'lcgxj', '22')).code).toBe(2);
    expect((await run('report', 'lcgxj', '2022', '--format', 'docx')).errors).toContain('--out');
    expect((await run('report', 'lcgxj', '2022', '--format', 'pdf')).code).toBe(2);
  });
});
