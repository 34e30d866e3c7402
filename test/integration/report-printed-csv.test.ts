/**
 * `gongkai report AGENCY YEAR --format csv --layout printed`: tables 2–4 as the national format prints them, for a
 * spreadsheet. Read back by our own published-report reader it gives the same tables and no findings; its header rows
 * are the spec's labels (../shared/spec/annual-report-format.md, written out here, not taken from src). The
 * interchange layout is unchanged.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { loadConfig } from '../../src/config.ts';
import { buildDemo } from '../../src/demo/demo.ts';
import { readPublishedJson } from '../../src/reports/published/csv-source.ts';
import { readPublishedText } from '../../src/reports/published/read-published.ts';
import { checkPublishedReport } from '../../src/reports/report-check.ts';

const CORNER = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const T3_ROWS =
  `一、本年新收政府信息公开申请数量|二、上年结转政府信息公开申请数量|三、本年度办理结果|（一）予以公开|（二）部分公开（区分处理的，只计这一情形，不计其他情形）|（三）不予公开|1.属于国家秘密|2.其他法律行政法规禁止公开|3.危及“三安全一稳定”|4.保护第三方合法权益|5.属于三类内部事务信息|6.属于四类过程性信息|7.属于行政执法案卷|8.属于行政查询事项|（四）无法提供|1.本机关不掌握相关政府信息|2.没有现成信息需要另行制作|3.补正后申请内容仍不明确|（五）不予处理|1.信访举报投诉类申请|2.重复申请|3.要求提供公开出版物|4.无正当理由大量反复申请|5.要求行政机关确认或重新出具已获取信息|（六）其他处理|1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请|2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请|3.其他|（七）总计|四、结转下年度继续办理`.split(
    '|',
  );
const RESULTS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
const GROUP_ROWS = new Set(['三、本年度办理结果', '（三）不予公开', '（四）无法提供', '（五）不予处理', '（六）其他处理']);

describe('the printed CSV layout of the demo’s 2022 report', () => {
  let dir: string;
  let printed: string;
  let interchange: string;
  let json: string;
  const run = async (...args: string[]) => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await main(['node', 'gongkai', ...args], (l) => lines.push(l), { GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'silent' });
      return { code, out: lines.join('\n') };
    } finally {
      spy.mockRestore();
    }
  };
  const file = async (format: string, ...extra: string[]) => {
    const out = path.join(dir, `r.${format}${extra.length}`);
    expect((await run('report', 'lcgxj', '2022', '--format', format, '--out', out, ...extra)).code).toBe(0);
    return fs.readFileSync(out, 'utf8');
  };
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-printed-'));
    await buildDemo(loadConfig({ GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'silent' }));
    printed = await file('csv', '--layout', 'printed');
    interchange = await file('csv');
    json = await file('json');
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const lines = () => printed.replace(/^\uFEFF/, '').split('\r\n');
  const cells = (s: string) => s.split(',');

  it('is Excel-friendly (UTF-8 BOM, CRLF) and starts with the report’s title', () => {
    expect(printed.startsWith('\uFEFF聊城市工业和信息化局2022年政府信息公开工作年度报告\r\n')).toBe(true);
  });

  it('prints table 3 with its three header rows, the 法人或其他组织 group and every row label of the format, in order', () => {
    const l = lines();
    const at = l.indexOf('三、收到和处理政府信息公开申请情况');
    expect(l.slice(at + 1, at + 4).map(cells)).toEqual([
      [CORNER, '申请人情况', '', '', '', '', '', ''],
      ['', '自然人', '法人或其他组织', '', '', '', '', '总计'],
      ['', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', ''],
    ]);
    const body = l.slice(at + 4, at + 4 + T3_ROWS.length).map(cells);
    expect(body.map((r) => r[0])).toEqual(T3_ROWS);
    for (const r of body) expect(r.slice(1).every((c) => (GROUP_ROWS.has(r[0] as string) ? c === '' : /^\d+$/.test(c)))).toBe(true);
    expect(body[0]).toEqual(['一、本年新收政府信息公开申请数量', '2', '0', '0', '0', '0', '0', '2']);
  });

  it('prints table 4 as 行政复议 / 行政诉讼 over the two kinds of 行政诉讼 and one row of 15 numbers', () => {
    const l = lines();
    const at = l.indexOf('四、政府信息公开行政复议、行政诉讼情况');
    const blank = (n: number) => Array<string>(n).fill('');
    expect(l.slice(at + 1, at + 5).map(cells)).toEqual([
      ['行政复议', ...blank(4), '行政诉讼', ...blank(9)],
      [...RESULTS, '未经复议直接起诉', ...blank(4), '复议后起诉', ...blank(4)],
      [...blank(5), ...RESULTS, ...RESULTS],
      Array<string>(15).fill('0'),
    ]);
  });

  it('reads back as the same tables, with no finding', () => {
    const back = readPublishedText(printed);
    const original = readPublishedJson(JSON.parse(json));
    const norm = (r: typeof back) => r.cells.map((c) => `${c.table}|${c.row}|${c.col}|${c.state}|${c.value}`).sort();
    expect({ format: back.format, year: back.year, notes: back.notes, extra: back.extraRows }).toEqual({ format: '2021', year: 2022, notes: [], extra: [] });
    expect(norm(back)).toEqual(norm(original));
    expect(checkPublishedReport(back).checks.flatMap((c) => c.problems)).toEqual([]);
  });

  it('leaves the interchange layout as it was (table,row,<codes>), and refuses --layout with another format', async () => {
    expect(
      interchange
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .slice(0, 2),
    ).toEqual(['agency,year,format', 'lcgxj,2022,2021']);
    expect(interchange).toContain('table,row,natural_person,business,research,public_interest,legal_services,other_org,total');
    expect((await run('report', 'lcgxj', '2022', '--format', 'md', '--layout', 'printed')).code).toBe(2);
  });
});
