import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReportRecords } from '../../src/demo/reports-demo.ts';
import { prepareReport } from '../../src/reports/build-report.ts';
import { renderReportDocx } from '../../src/reports/render/docx.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { APPLICANT_TYPE_LABELS, OUTCOME_GROUP_LABELS, OUTCOME_LABELS } from '../../src/vocabulary/codes.ts';
import { TABLE2_LABELS, TABLE3_ROW_LABELS, TABLE4_LABELS } from '../../src/vocabulary/report-format.ts';
import { buildAgency, testClock } from '../builders/index.ts';
import { seedSources } from '../builders/reports.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

const squash = (s: string) => s.replace(/\s+/g, '');

describe('the DOCX filing copy, converted by LibreOffice', () => {
  let tdb: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-docx-'));
  });
  afterAll(async () => {
    await tdb?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens in LibreOffice with the tables intact: every label and the seed figures are in the PDF text', async () => {
    const agency = await buildAgency(tdb.db, { code: 'lcgxj', name: '聊城市工业和信息化局' });
    await seedReportRecords({ db: tdb.db, clock: testClock }, systemActor('测试'), agency);
    const ws = await prepareReport({ db: tdb.db, clock: testClock, sources: seedSources(agency.id) }, agency, 2022);
    const file = path.join(dir, 'report.docx');
    fs.writeFileSync(file, await renderReportDocx(ws.report));
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, file], {
      env: { ...process.env, HOME: dir },
      stdio: 'ignore',
      timeout: 90_000,
    });
    const pdf = path.join(dir, 'report.pdf');
    expect(fs.existsSync(pdf)).toBe(true);
    // -raw keeps the content stream's order, which is cell by cell: a label wrapped in a narrow cell stays together.
    const text = squash(execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }));
    const labels = [
      '聊城市工业和信息化局',
      '2022年政府信息公开工作年度报告',
      '一、总体情况',
      '（一）主动公开',
      '（五）监督保障',
      ...Object.values(TABLE2_LABELS),
      ...Object.values(TABLE3_ROW_LABELS),
      ...Object.values(OUTCOME_LABELS),
      ...Object.values(OUTCOME_GROUP_LABELS),
      ...Object.values(APPLICANT_TYPE_LABELS),
      '申请人情况',
      '法人或其他组织',
      TABLE4_LABELS.reconsideration,
      TABLE4_LABELS.litigation,
      TABLE4_LABELS.litigationDirect,
      TABLE4_LABELS.litigationAfterReconsideration,
      ...Object.values(TABLE4_LABELS.results),
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
      '本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。',
    ].filter((l) => l !== TABLE2_LABELS.item9 && l !== TABLE4_LABELS.carriedNote);
    const missing = labels.filter((l) => !text.includes(squash(l)));
    expect(missing).toEqual([]);
    for (const figure of [
      '全年主动公开政务信息192篇',
      '政策解读材料22篇',
      '共受理依申请公开2件，办结2件',
      '与2021年度持平',
      '全年共发布规范性文件2个，全部在文件出台3个工作日之内开展配套解读',
      '政务动态类信息796条，网站总访问量达82547次',
      '发布信息2237条，阅读量26.8万次',
      '提案13件',
      '人大代表建议12件',
      '满意率均为100%',
      '未收取信息处理费',
      '7月15日',
    ]) {
      expect(text).toContain(squash(figure));
    }

    // Pages as LibreOffice lays them out: none near empty, none ending on a table's header, and the 落款 at the end.
    const pageCount = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
    expect(pageCount).toBeGreaterThan(3);
    const pages = Array.from({ length: pageCount }, (_, i) =>
      execFileSync('pdftotext', ['-raw', '-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' })
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !/^—\s*\d+\s*—$/.test(l)),
    );
    const headers = /^(第二十条第（.）项|信息内容|申请人情况|（本列数据|自然人|法人或其他组织|商业企业|行政复议|行政诉讼|结果维持|未经复议|复议后起诉)/;
    pages.slice(0, -1).forEach((lines, i) => {
      expect(lines.length, `page ${i + 1} is near empty`).toBeGreaterThanOrEqual(12);
      expect(lines.at(-1), `page ${i + 1} ends on a table header`).not.toMatch(headers);
      expect(lines.at(-1), `page ${i + 1} ends on a heading`).not.toMatch(/^([一二三四五六]、|（[一二三四五六]）)\S{0,24}$/);
    });
    const [y, m, d] = testClock.today().split('-').map(Number);
    expect(pages.at(-1)?.slice(-2).map(squash)).toEqual(['聊城市工业和信息化局', `${y}年${m}月${d}日`]);
  });
});
