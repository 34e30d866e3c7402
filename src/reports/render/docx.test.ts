import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { emptyTable3, emptyTable4 } from '../../vocabulary/report-format.ts';
import type { ReportData } from '../report-model.ts';
import { emptyTable2 } from '../report-tables.ts';
import { renderReportDocx } from './docx.ts';
import { table2Grid, table3Grid, table4Grid } from './layout.ts';

const report: ReportData = {
  agency: { code: 'x', name: '某市某局' },
  year: 2022,
  format: '2021',
  checks: [],
  sections: { intro: '引言。', overview: '（一）主动公开\n正文。', problems: '问题。', other: '其他。' },
  tables: { proactive: emptyTable2(), applications: emptyTable3(), appeals: emptyTable4() },
  signedOn: '2023-01-16',
};

/** The document's XML, split into its tables and its body paragraphs outside tables. */
async function documentXml(r: ReportData): Promise<{ xml: string; tables: string[]; paragraphs: string[] }> {
  const zip = await JSZip.loadAsync(await renderReportDocx(r));
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const tables = xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
  const outside = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  return { xml, tables, paragraphs: outside.match(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g) ?? [] };
}
const textOf = (p: string) => (p.match(/<w:t[^>]*>([^<]*)<\/w:t>/g) ?? []).map((x) => x.replace(/<[^>]+>/g, '')).join('');
const rowsOf = (table: string) => table.match(/<w:tr>[\s\S]*?<\/w:tr>|<w:tr [\s\S]*?<\/w:tr>/g) ?? [];

describe('the DOCX filing copy’s XML', () => {
  it('marks every table row unsplittable, repeats header rows, and keeps rows with the next as the layout says', async () => {
    const { tables } = await documentXml(report);
    const grids = [table2Grid(report), table3Grid(report), table4Grid(report)];
    expect(tables).toHaveLength(3);
    tables.forEach((table, i) => {
      const grid = grids[i];
      const rows = rowsOf(table);
      expect(rows).toHaveLength(grid?.rows.length ?? -1);
      rows.forEach((row, j) => {
        expect(row).toContain('<w:cantSplit/>');
        expect(row.includes('<w:tblHeader/>'), `table ${i} row ${j} header`).toBe(grid?.rows[j]?.head === true);
        expect(row.includes('<w:keepNext/>'), `table ${i} row ${j} keepNext`).toBe(grid?.rows[j]?.keepWithNext === true);
      });
    });
    // Table 3's three header rows and table 4's three are repeated on a new page.
    expect(tables.map((x) => (x.match(/<w:tblHeader\/>/g) ?? []).length)).toEqual([0, 3, 3]);
  });

  it('keeps every heading with what follows, starts no section on a forced new page, and ends with the 落款', async () => {
    const { xml, paragraphs } = await documentXml(report);
    expect(xml).not.toContain('w:pageBreakBefore');
    for (const p of paragraphs.filter((x) => /^[一二三四五六]、/.test(textOf(x)))) expect(p).toContain('<w:keepNext/>');
    const texts = paragraphs.map(textOf).filter(Boolean);
    expect(texts.slice(-3)).toEqual(['本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。', '某市某局', '2023年1月16日']);
    const last = paragraphs.filter((p) => textOf(p)).slice(-3);
    expect(last[0]).toContain('<w:keepNext/>');
    for (const p of last.slice(1)) expect(p).toContain('<w:jc w:val="right"/>');
  });
});
