import { describe, expect, it } from 'vitest';
import { emptyTable3, emptyTable4 } from '../../vocabulary/report-format.ts';
import type { ReportData } from '../report-model.ts';
import { emptyTable2, emptyTable2Trial } from '../report-tables.ts';
import { type Grid, table2Grid, table3Grid, table4Grid } from './layout.ts';
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
});
