import { describe, expect, it } from 'vitest';
import { fillHeaderRows, isPrintedCsv, readPrintedCsv } from './printed-csv-source.ts';

describe('a CSV in the printed layout', () => {
  it('is told apart from the interchange layout by its first line', () => {
    expect(isPrintedCsv('\uFEFF某局2022年政府信息公开工作年度报告\r\n')).toBe(true);
    expect(isPrintedCsv('# note\nagency,year,format\n')).toBe(false);
    expect(isPrintedCsv('table,row,natural_person\n')).toBe(false);
  });

  it('fills header rows back as the printed table merges them: across under one parent, else down', () => {
    const rows = [
      ['行政复议', '', '行政诉讼', '', ''],
      ['结果维持', '总计', '未经复议直接起诉', '', '复议后起诉'],
      ['', '', '结果维持', '总计', '结果维持'],
    ];
    expect(fillHeaderRows(rows)).toEqual([
      ['行政复议', '行政复议', '行政诉讼', '行政诉讼', '行政诉讼'],
      ['结果维持', '总计', '未经复议直接起诉', '未经复议直接起诉', '复议后起诉'],
      ['结果维持', '总计', '结果维持', '总计', '结果维持'],
    ]);
  });

  it('reads 3.其他 under a （六）其他处理 line of its own as that group’s row, not as a non-standard row', () => {
    const head = [
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）,申请人情况,,,,,,',
      ',自然人,法人或其他组织,,,,,总计',
      ',,商业企业,科研机构,社会公益组织,法律服务机构,其他,',
    ];
    const csv = [
      '某局2022年政府信息公开工作年度报告',
      '',
      '三、收到和处理政府信息公开申请情况',
      ...head,
      '一、本年新收政府信息公开申请数量,1,0,0,0,0,0,1',
      '三、本年度办理结果,,,,,,,',
      '（六）其他处理,,,,,,,',
      '3.其他,1,0,0,0,0,0,1',
      '（七）总计,1,0,0,0,0,0,1',
    ].join('\n');
    const report = readPrintedCsv(csv);
    expect(report.year).toBe(2022);
    expect(report.extraRows).toEqual([]);
    expect(report.cells.find((c) => c.row === 'other.other' && c.col === 'total')?.value).toBe(1);
    expect(report.cells.find((c) => c.row === 'received' && c.col === 'legal_services')?.colLabel).toBe('法律服务机构');
  });
});
