/**
 * More real published reports, of a province-level office and of city departments (test/fixtures/reports, each
 * transcribed from the page named in its header), read as HTML and as CSV. The two readings give the same normalised
 * tables; every finding is a real inconsistency of that report (verified by hand from the transcription), none is
 * invented.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readPublishedFile } from '../../src/reports/published/read-published.ts';
import { checkPublishedReport } from '../../src/reports/report-check.ts';
import { decodeInputBytes } from '../../src/shared/input-text.ts';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/reports');

async function check(name: string) {
  const report = await readPublishedFile(name, fs.readFileSync(path.join(DIR, name)), (b) => decodeInputBytes(b));
  const result = checkPublishedReport(report);
  return { report, result, findings: result.checks.flatMap((c) => c.problems) };
}

/** The normalised tables: every cell by its codes, with its state and value. */
async function tables(name: string) {
  const { report } = await check(name);
  return {
    format: report.format,
    year: report.year,
    cells: report.cells.map((c) => `${c.table}|${c.row}|${c.col}|${c.state}|${c.value}`).sort(),
    notes: report.notes,
  };
}

const FIXTURES = ['shanghai-szfbgt-2019', 'changchun-tyjrswj-2023', 'zhanjiang-dfz-2023', 'yueyang-xfj-2021', 'longgang-qzfgzbm-2024'];

describe('each new fixture reads the same as HTML and as CSV', () => {
  it.each(FIXTURES)('%s', async (name) => {
    const html = await tables(`${name}.html`);
    const csv = await tables(`${name}.csv`);
    expect(csv).toEqual(html);
    expect(html.cells.length).toBeGreaterThan(0);
  });
});

// 上海 2019: the 总计 column of table 3 is filled only in rows 一, 二, （七） and 四; every outcome row holding figures
// leaves it blank. Sums verified by hand (e.g. （一）予以公开 258+12+1+1 = 272); rows 一, （七）, 四 and R1/R2 per
// applicant column agree, and the text's 859 / 805 / 复议7件 agree with the tables.
const SHANGHAI_BLANK: [group: string, row: string, sum: number][] = [
  ['', '（一）予以公开', 272],
  ['', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 3],
  ['（三）不予公开', '1.属于国家秘密', 14],
  ['（三）不予公开', '5.属于三类内部事务信息', 5],
  ['（三）不予公开', '6.属于四类过程性信息', 4],
  ['（三）不予公开', '8.属于行政查询事项', 12],
  ['（四）无法提供', '1.本机关不掌握相关政府信息', 265],
  ['（四）无法提供', '2.没有现成信息需要另行制作', 47],
  ['（四）无法提供', '3.补正后申请内容仍不明确', 25],
  ['（五）不予处理', '1.信访举报投诉类申请', 149],
  ['（五）不予处理', '2.重复申请', 9],
];

describe.each(['html', 'csv'])('real published reports of 省 and 市 level, as %s', (ext) => {
  it('上海市人民政府办公厅 2019 (省级): eleven outcome rows of table 3 hold figures under a 总计 left blank (未填写), and nothing else', async () => {
    const { report, findings } = await check(`shanghai-szfbgt-2019.${ext}`);
    expect({ format: report.format, by: report.formatBy, year: report.year }).toEqual({ format: '2019', by: 'labels', year: 2019 });
    expect(report.notes).toEqual([]);
    expect(report.extraRows).toEqual([]);
    // Printed “251000元” under 采购总金额 (a 万元 column) is 25.1 万元.
    expect(report.cells.find((c) => c.row === 'procurement' && c.col === 'amountWan')?.value).toBe(25.1);
    const label = (group: string, row: string) => (ext === 'html' && group ? `${group} ${row}` : row);
    expect(findings).toEqual(SHANGHAI_BLANK.map(([g, r, sum]) => `表三行“${label(g, r)}”列“总计”：未填写（其所合计的各项之和为 ${sum}）`));
  });

  it('长春市退役军人事务局 2023 (市级): the text says 受理政府信息公开申请2件 where table 3 row 一 says 3 (HTML; the CSV has no text)', async () => {
    const { report, findings } = await check(`changchun-tyjrswj-2023.${ext}`);
    expect(report.cells.find((c) => c.row === 'received' && c.col === 'total')?.value).toBe(3);
    expect(findings).toEqual(ext === 'html' ? ['正文“本年度，共受理政府信息公开申请2件，都在法定期限内予以答复”：收到申请数为 2，表格为 3'] : []);
  });

  it('湛江市人民政府地方志办公室 2023 (市级): no finding; “全年未接到信息公开申请” and a table 3 of zeros, header 商业 企业 read', async () => {
    const { report, findings } = await check(`zhanjiang-dfz-2023.${ext}`);
    expect(findings).toEqual([]);
    expect(report.year).toBe(2023);
    expect(report.cells.filter((c) => c.table === 'applications' && c.state === 'number' && c.value === 0)).toHaveLength(21);
  });

  it('岳阳市信访局 2021 (市级): no finding; table 2’s "/" cells read as not applicable, the row printed 规范性文件 read', async () => {
    const { report, findings } = await check(`yueyang-xfj-2021.${ext}`);
    expect(findings).toEqual([]);
    expect(report.cells.filter((c) => c.state === 'na')).toHaveLength(7);
    expect(report.cells.find((c) => c.row === 'normativeDocuments' && c.col === 'inForce')?.value).toBe(21);
  });

  it('深圳市龙岗区 a district department 2024: no finding; the year read from the 统计期限, 66 applications (58+7+1)', async () => {
    const { report, findings } = await check(`longgang-qzfgzbm-2024.${ext}`);
    expect(findings).toEqual([]);
    expect(report.year).toBe(2024);
    expect(report.cells.find((c) => c.row === 'partial' && c.col === 'total')?.value).toBe(17);
  });
});
