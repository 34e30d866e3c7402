import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readDocumentXml, readDocx } from './docx-source.ts';
import { expandGrid } from './grid.ts';
import { locateTables } from './locate.ts';
import { checkPublished } from './published-checks.ts';
import { cellIndex, cellKey } from './read-model.ts';

const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const cell = (text: string, props = '') => `<w:tc><w:tcPr>${props}</w:tcPr><w:p>${run(text)}</w:p></w:tc>`;
const row = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
const body = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${inner}</w:body></w:document>`;

// Table 4 as Word merges it: 行政复议 across five columns, each result spanning two rows (vMerge).
const span = (n: number) => `<w:gridSpan w:val="${n}"/>`;
const TABLE4 = `<w:tbl>
  ${row(cell('行政复议', span(5)), cell('行政诉讼', span(10)))}
  ${row(...['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((x) => cell(x, '<w:vMerge w:val="restart"/>')), cell('未经复议直接起诉', span(5)), cell('复议后起诉', span(5)))}
  ${row(...Array.from({ length: 5 }, () => cell('', '<w:vMerge/>')), ...['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((x) => cell(x)))}
  ${row(...['2', '1', '0', '0', '3', '0', '0', '0', '1', '1', '0', '0', '0', '0', '0'].map((x) => cell(x)))}
</w:tbl>`;
const TEXT = `<w:p>${run('2022年，因政府信息公开被申请行政复议4件&amp;提起行政诉讼1件。')}</w:p>`;

describe('reading a DOCX report', () => {
  it('lays out gridSpan and vMerge and reads table 4 and the text', () => {
    const doc = readDocumentXml(body(TEXT + TABLE4));
    expect(expandGrid(doc.tables[0] ?? [])[2]?.slice(0, 6)).toEqual(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持']);
    expect(doc.paragraphs[0]).toBe('2022年，因政府信息公开被申请行政复议4件&提起行政诉讼1件。');
    const report = locateTables(doc, 'docx');
    expect(cellIndex(report).get(cellKey('appeals', 'reconsideration', 'total'))?.value).toBe(3);
    const text = checkPublished(report).find((c) => c.rule === 'TX');
    expect(text?.problems).toEqual(['正文“2022年，因政府信息公开被申请行政复议4件&提起行政诉讼1件”：行政复议数为 4，表格为 3']);
  });

  it('reads a real ZIP through the guard, and refuses what is not one', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('word/document.xml', body(TABLE4));
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect((await readDocx(bytes, 'r.docx')).tables).toHaveLength(1);
    await expect(readDocx(Buffer.from('not a zip'), 'r.docx')).rejects.toThrow('r.docx');
    const empty = await new JSZip().file('a.txt', 'x').generateAsync({ type: 'nodebuffer' });
    await expect(readDocx(empty, 'r.docx')).rejects.toThrow('word/document.xml');
  });
});
