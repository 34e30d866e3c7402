import { describe, expect, it } from 'vitest';
import { expandGrid } from './grid.ts';
import { readHtmlDocument } from './html-source.ts';
import { reportYear } from './locate.ts';
import { checkPublished } from './published-checks.ts';
import { cellIndex, cellKey } from './read-model.ts';
import { readPublishedHtml } from './read-published.ts';

const td = (text: string, rs = 1, cs = 1) => `<td${rs > 1 ? ` rowspan="${rs}"` : ''}${cs > 1 ? ` colspan="${cs}"` : ''}>${text}</td>`;
const tr = (...cells: string[]) => `<tr>${cells.join('')}</tr>`;
const T3_HEAD = [
  tr(td('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', 3, 3), td('申请人情况', 1, 7)),
  tr(td('自然人', 2), td('法人或其他组织', 1, 5), td('总计', 2)),
  tr(td('商业<br>企业'), td('科研 机构'), td('社会公益组织'), td('法律服务机构'), td('其他')),
].join('');
const nums = (...v: (string | number)[]) => v.map((x) => td(String(x))).join('');
const T4 = (values: string[]) =>
  `<table>${tr(td('行政复议', 1, 5), td('行政诉讼', 1, 10))}${tr(...['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((x) => td(x, 2)), td('未经复议直接起诉', 1, 5), td('复议后起诉', 1, 5))}${tr(
    ...['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((x) => td(x)),
  )}${tr(...values.map((v) => td(v)))}</table>`;

describe('expandGrid', () => {
  it('repeats a merged cell in every position it covers and pads short rows', () => {
    const grid = expandGrid([
      [
        { text: 'a', rowSpan: 2, colSpan: 2 },
        { text: 'b', rowSpan: 1, colSpan: 1 },
      ],
      [{ text: 'c', rowSpan: 1, colSpan: 1 }],
      [{ text: 'd', rowSpan: 1, colSpan: 1 }],
    ]);
    expect(grid).toEqual([
      ['a', 'a', 'b'],
      ['a', 'a', 'c'],
      ['d', '', ''],
    ]);
  });

  it('continues a DOCX vMerge with the text above, and survives absurd spans', () => {
    const grid = expandGrid([
      [
        { text: 'x', rowSpan: 1, colSpan: 1, vMerge: 'restart' },
        { text: '1', rowSpan: 1, colSpan: 1 },
      ],
      [
        { text: '', rowSpan: 1, colSpan: 1, vMerge: 'continue' },
        { text: '2', rowSpan: 1, colSpan: 1e9 },
      ],
    ]);
    expect(grid[1]?.[0]).toBe('x');
    expect(grid[1]?.length).toBeLessThanOrEqual(101);
  });
});

describe('reading a published page', () => {
  it('finds table 3 by its labels, with header variants, slips in the labels and odd cells', () => {
    const html = `<h1>某局2023年政府信息公开工作年度报告</h1><p>2023年共收到政府信息公开申请3件。</p>
      <table>${T3_HEAD}
      ${tr(td('一、本年新收政府信息公开申请数量', 1, 3), nums(2, '/', '—', '-', '无', 1, 3))}
      ${tr(td('三、本年度办理结果', 23), td('（一）予以公开', 1, 2), nums(1, '', '', '', '', '', ''))}
      ${tr(td('（二）部分公开(区分处理的,只计这一情况,不计其他情形)', 1, 2), nums(1, 0, 0, 0, 0, 1, 2))}
      ${tr(td('（三）不予公开'), td('5.属于三类内容事务信息'), nums('若干', 0, 0, 0, 0, 0, 0))}
      ${tr(td('合计', 1, 2), nums(2, 0, 0, 0, 0, 1, 3))}
      </table>`;
    const report = readPublishedHtml(html);
    const cells = cellIndex(report);
    expect(report.year).toBe(2023);
    expect(report.format).toBe('2021');
    expect(cells.get(cellKey('applications', 'received', 'business'))).toMatchObject({ state: 'na', colLabel: '商业企业' });
    expect(cells.get(cellKey('applications', 'received', 'other_org'))).toMatchObject({ state: 'number', value: 1 });
    expect(cells.get(cellKey('applications', 'partial', 'total'))?.value).toBe(2);
    expect(cells.get(cellKey('applications', 'refused.internal_affairs', 'natural_person'))?.state).toBe('unreadable');
    expect(report.notes.some((n) => n.includes('“若干”不是数字'))).toBe(true);
    expect(report.extraRows).toEqual([{ table: 'applications', label: '三、本年度办理结果 合计', values: ['2', '0', '1', '3'] }]);
    const checks = checkPublished(report);
    const problems = (rule: string) => checks.find((c) => c.rule === rule)?.problems ?? [];
    expect(problems('BLANK')).toEqual(['表三行“（一）予以公开”列“总计”：未填写（其所合计的各项之和为 1）']);
    expect(problems('R3')).toEqual([]);
    expect(problems('EXTRA')).toHaveLength(1);
    expect(problems('TX')).toEqual([]);
  });

  it('tells the 2019 layout from its labels even in a 2022 report, and reads 减4 in its 增/减 column', () => {
    const html = `<title>2022年度政府信息公开工作年度报告</title><table>
      ${tr(td('第二十条第（五）项', 1, 4))}${tr(td('信息内容'), td('上一年项目数量'), td('本年增/减'), td('处理决定数量'))}
      ${tr(td('行政许可'), nums(10, '减4', 3))}${tr(td('其他对外管理服务事项'), nums(2, '增2', 0))}</table>`;
    const report = readPublishedHtml(html);
    expect({ format: report.format, by: report.formatBy }).toEqual({ format: '2019', by: 'labels' });
    const cells = cellIndex(report);
    expect(cells.get(cellKey('proactive', 'licensing', 'change'))?.value).toBe(-4);
    expect(cells.get(cellKey('proactive', 'otherServices', 'change'))?.value).toBe(2);
  });

  it('reads table 2 header variants (现行有效件, 本年(2023)制发件数, 规范性文件)', () => {
    const html = `<table>${tr(td('信息内容'), td('本年(2023)制发件数'), td('本年废止件数'), td('现行有效件'))}${tr(td('规范性文件'), nums(3, 1, 12))}</table>`;
    const cells = cellIndex(readPublishedHtml(html));
    expect(
      [cellKey('proactive', 'normativeDocuments', 'issued'), cellKey('proactive', 'normativeDocuments', 'inForce')].map((k) => cells.get(k)?.value),
    ).toEqual([3, 12]);
  });

  it('lets the year break a tie between layouts', () => {
    const html = `<title>2020年政府信息公开工作年度报告</title><table>${T3_HEAD}${tr(td('一、本年新收政府信息公开申请数量', 1, 3), nums(1, 0, 0, 0, 0, 0, 1))}</table>`;
    expect(readPublishedHtml(html)).toMatchObject({ format: '2019', formatBy: 'year' });
  });

  it('reads table 4 as one row of 15 columns, and a blank 总计 as 未填写, never as arithmetic', () => {
    const report = readPublishedHtml(T4(['1', '0', '0', '0', '', '0', '0', '0', '0', '0', '2', '0', '0', '1', '3']));
    const checks = checkPublished(report);
    expect(checks.find((c) => c.rule === 'BLANK')?.problems).toEqual(['表四行“行政复议”列“总计”：未填写（其所合计的各项之和为 1）']);
    expect(checks.find((c) => c.rule === 'T4')?.ok).toBe(true);
  });

  it('does not add up a column over outcome totals left blank (未填写 only, no R2 “之和为 0”)', () => {
    const html = `<table>${T3_HEAD}
      ${tr(td('一、本年新收政府信息公开申请数量', 1, 3), nums(2, '', '', '', '', '', 2))}
      ${tr(td('三、本年度办理结果', 2), td('（一）予以公开', 1, 2), nums(2, '', '', '', '', '', ''))}
      ${tr(td('（七）总计', 1, 2), nums(2, '', '', '', '', '', 2))}</table>`;
    const checks = checkPublished(readPublishedHtml(html));
    expect(checks.find((c) => c.rule === 'BLANK')?.problems).toEqual(['表三行“（一）予以公开”列“总计”：未填写（其所合计的各项之和为 2）']);
    expect(checks.find((c) => c.rule === 'R2')?.ok).toBe(true);
  });

  it('reads a transposed table 4 (a row per kind of appeal)', () => {
    const html = `<table>${tr(td(''), ...['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((x) => td(x)))}
      ${tr(td('行政复议'), nums(1, 1, 0, 0, 2))}${tr(td('未经复议直接起诉'), nums(0, 0, 0, 1, 1))}${tr(td('复议后起诉'), nums(0, 0, 0, 0, 1))}</table>`;
    const report = readPublishedHtml(html);
    const cells = cellIndex(report);
    expect(cells.get(cellKey('appeals', 'litigationDirect', 'pending'))?.value).toBe(1);
    expect(checkPublished(report).find((c) => c.rule === 'T4')?.problems).toEqual(['“复议后起诉”：总计为 1，四项结果之和为 0']);
  });

  it('keeps the text outside and inside layout tables as paragraphs, without scripts', () => {
    const doc = readHtmlDocument('<table><tr><td><p>一、总体情况</p><p>收到申请2件。</p><script>var x="收到申请9件"</script></td></tr></table>');
    expect(doc.paragraphs).toEqual(['一、总体情况', '收到申请2件。']);
  });
});

describe('reportYear', () => {
  it('finds the year in the report’s name after a mention of the 条例, or else in the 统计期限', () => {
    expect(reportYear(undefined, ['根据《中华人民共和国政府信息公开条例》要求，特编制某市某办公室2023年政府信息公开工作年度报告。'])).toBe(2023);
    expect(reportYear(undefined, ['一、总体情况', '本报告所列数据的统计期限为2024年1月1日至2024年12月31日。'])).toBe(2024);
    expect(reportYear('某局2022年政府信息公开工作年度报告', ['统计期限为2021年1月1日起'])).toBe(2022);
    expect(reportYear(undefined, ['截止2023年12月31日我局发布信息34条。'])).toBeUndefined();
  });
});
