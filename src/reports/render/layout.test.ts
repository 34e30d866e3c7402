import { describe, expect, it } from 'vitest';
import { emptyTable3, emptyTable4 } from '../../vocabulary/report-format.ts';
import type { ReportData } from '../report-model.ts';
import { emptyTable2, emptyTable2Trial } from '../report-tables.ts';
import { type Grid, printedRows, table2Grid, table3Grid, table4Grid } from './layout.ts';
import { renderReportMarkdown } from './markdown.ts';

function report(format: '2021' | '2019'): ReportData {
  const t3 = emptyTable3();
  t3.outcomes['refused.state_secret'].business = 7;
  const base = {
    agency: { code: 'x', name: '某局' },
    year: format === '2019' ? 2019 : 2022,
    checks: [],
    sections: { intro: '', overview: '', problems: '', other: '' },
  };
  return format === '2019'
    ? { ...base, format, tables: { proactive: emptyTable2Trial(), applications: t3, appeals: emptyTable4() } }
    : { ...base, format, tables: { proactive: emptyTable2(), applications: t3, appeals: emptyTable4() } };
}

/** Places every cell on a matrix, honouring spans: each row must fill exactly `columns` slots, none twice. */
function occupancy(grid: Grid): string[][] {
  const rows: string[][] = grid.rows.map(() => Array(grid.columns).fill(''));
  grid.rows.forEach((r, y) => {
    let x = 0;
    for (const c of r.cells) {
      while (rows[y]?.[x]) x++;
      for (let dy = 0; dy < (c.rowSpan ?? 1); dy++) {
        for (let dx = 0; dx < (c.colSpan ?? 1); dx++) {
          const row = rows[y + dy];
          expect(row, `row ${y + dy} exists`).toBeDefined();
          expect(row?.[x + dx], `slot ${y + dy},${x + dx} free`).toBe('');
          if (row) row[x + dx] = c.text || '·';
        }
      }
      x += c.colSpan ?? 1;
    }
  });
  for (const [y, r] of rows.entries()) expect(r.filter((v) => v === '').length, `row ${y} filled`).toBe(0);
  return rows;
}

describe('the tables’ layout', () => {
  for (const format of ['2021', '2019'] as const) {
    it(`fills every row of tables 2–4 exactly (${format} format), and every data cell names existing headers`, () => {
      for (const grid of [table2Grid(report(format)), table3Grid(report(format)), table4Grid(report(format))]) {
        occupancy(grid);
        const ids = new Set(grid.rows.flatMap((r) => r.cells.filter((c) => c.id).map((c) => c.id)));
        for (const cell of grid.rows.flatMap((r) => r.cells).filter((c) => c.headers)) for (const h of cell.headers ?? []) expect(ids.has(h), h).toBe(true);
        expect(grid.widths).toHaveLength(grid.columns);
      }
    });
  }

  it('puts a value under its applicant column and outcome row', () => {
    const grid = table3Grid(report('2021'));
    const cell = grid.rows.flatMap((r) => r.cells).find((c) => c.headers?.includes('t3-r-refused-state_secret') && c.headers.includes('t3-c-business'));
    expect(cell?.text).toBe('7');
    expect(cell?.headers).toEqual(['t3-r-results', 't3-r-refused', 't3-r-refused-state_secret', 't3-applicants', 't3-orgs', 't3-c-business']);
  });

  it('prints the trial format’s single 其他处理 row and its table 2', () => {
    const md = renderReportMarkdown(report('2019'));
    expect(md).toContain('| （六）其他处理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |');
    expect(md).not.toContain('3.其他');
    expect(md).toContain('| 信息内容 | 采购项目数量 | 采购总金额 |');
    expect(md).toContain('| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |');
    expect(renderReportMarkdown(report('2021'))).toContain('| 信息内容 | 本年收费金额（单位：万元） |');
  });

  it('prints table 3 with its three header rows and the 三、本年度办理结果 row, in Markdown', () => {
    const md = renderReportMarkdown(report('2021'));
    const lines = md.split('\n');
    const start = lines.findIndex((l) => l.startsWith('| （本列数据的勾稽关系'));
    expect(lines[start]).toBe('| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 |  |  |  |  |  |  |');
    expect(lines[start + 2]).toBe('|  | 自然人 | 法人或其他组织 |  |  |  |  | 总计 |');
    expect(lines[start + 3]).toBe('|  |  | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |  |');
    const results = lines.indexOf('| 三、本年度办理结果 |  |  |  |  |  |  |  |');
    expect(results).toBeGreaterThan(start);
    expect(lines[results + 1]).toMatch(/^\| （一）予以公开 \| 0 \|/);
    expect(lines[lines.indexOf('| （三）不予公开 |  |  |  |  |  |  |  |') + 1]).toBe('| 1.属于国家秘密 | 0 | 7 | 0 | 0 | 0 | 0 | 0 |');
    // Every row of the table has the same eight cells.
    const t3 = lines.slice(start, lines.indexOf('| 四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |') + 1);
    expect(new Set(t3.map((l) => l.split(' | ').length))).toEqual(new Set([8]));
  });

  it('prints table 4 as one row of 15 numbers under its groups, not transposed', () => {
    const r = report('2021');
    r.tables.appeals.litigationAfterReconsideration.corrected = 3;
    const md = renderReportMarkdown(r);
    expect(md).toContain('| 行政复议 |  |  |  |  | 行政诉讼 |  |  |  |  |  |  |  |  |  |\n| ---: |');
    const { head, body } = printedRows(table4Grid(r), 0);
    expect(head).toHaveLength(3);
    expect(head[1]?.slice(0, 6)).toEqual(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '未经复议直接起诉']);
    expect(head[1]?.[10]).toBe('复议后起诉');
    expect(head[2]?.slice(5, 10)).toEqual(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']);
    expect(body).toEqual([['0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '3', '0', '0', '0']]);
    expect(md).toContain('| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 3 | 0 | 0 | 0 |');
    expect(md).not.toMatch(/^\| 结果维持 \| \d/m);
  });

  it('keeps each table-2 block, each header and each outcome group together across pages, and ends with the 落款', () => {
    for (const format of ['2021', '2019'] as const) {
      const t2 = table2Grid(report(format));
      const starts = t2.rows.flatMap((r, i) => (r.cells.length === 1 ? [i] : []));
      // A block's rows keep with the next one, all but its last: a page break falls only between blocks.
      const breaks = t2.rows.flatMap((r, i) => (r.keepWithNext ? [] : [i + 1]));
      expect(breaks).toEqual([...starts.slice(1), t2.rows.length]);
    }
    for (const grid of [table3Grid(report('2021')), table4Grid(report('2021'))]) {
      for (const r of grid.rows.filter((x) => x.head)) expect(r.keepWithNext).toBe(true);
    }
    const t3 = table3Grid(report('2021'));
    const refused = t3.rows.filter((r) => r.cells.some((c) => c.headers?.includes('t3-r-refused')));
    expect(refused.map((r) => r.keepWithNext === true)).toEqual([...Array(7).fill(true), false]);
    const md = renderReportMarkdown({ ...report('2021'), signedOn: '2023-01-06' });
    expect(md.trimEnd().endsWith('某局  \n2023年1月6日')).toBe(true);
  });
});
