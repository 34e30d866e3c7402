import { describe, expect, it } from 'vitest';
import { emptyTable3, emptyTable4 } from '../vocabulary/report-format.ts';
import { renderReportCsv } from './render/csv.ts';
import { ReportInputError, readReportCsv, readReportFile, readReportJson } from './report-input.ts';
import type { ReportData } from './report-model.ts';
import { emptyTable2, emptyTable2Trial } from './report-tables.ts';

function sample(): ReportData {
  const t3 = emptyTable3();
  t3.received.natural_person = 2;
  t3.received.total = 2;
  t3.outcomes.granted.natural_person = 1;
  t3.outcomes.granted.total = 1;
  t3.outcomes['other.unpaid_fee'].business = 0;
  t3.closedTotal.natural_person = 1;
  t3.closedTotal.total = 1;
  t3.carriedOut.natural_person = 1;
  t3.carriedOut.total = 1;
  const t2 = emptyTable2();
  t2.normativeDocuments = { issued: 2, repealed: 0, inForce: 9 };
  t2.fees.amountWan = 4068.208;
  return {
    agency: { code: 'lcgxj', name: '聊城市工业和信息化局' },
    year: 2022,
    format: '2021',
    tables: { proactive: t2, applications: t3, appeals: emptyTable4() },
    checks: [],
    sections: { intro: '', overview: '', problems: '', other: '' },
  };
}

describe('reading a report’s tables', () => {
  it('reads back the CSV export exactly (tables 2–4, one line per row, header = column codes)', () => {
    const csv = renderReportCsv(sample());
    expect(csv.split('\r\n')[3]).toBe('table,row,issued,repealed,inForce,decisions,amountWan');
    expect(csv).toContain('proactive,fees,,,,,4068.208');
    expect(csv).toContain('table,row,natural_person,business,research,public_interest,legal_services,other_org,total');
    const back = readReportCsv(csv);
    expect(back.format).toBe('2021');
    expect(back.year).toBe(2022);
    expect(back.tables).toEqual(sample().tables);
  });

  it('reads blank cells as 0 and accepts printed labels for rows and columns', () => {
    const csv = [
      'table,row,自然人,商业企业,总计',
      'applications,一、本年新收政府信息公开申请数量,2,,2',
      'applications,（一）予以公开,,,',
      'table,row,issued,repealed,inForce',
      'proactive,规范性文件,1,,3',
    ].join('\n');
    const r = readReportCsv(csv);
    expect(r.tables.applications.received).toMatchObject({ natural_person: 2, business: 0, total: 2 });
    expect(r.tables.proactive).toMatchObject({ normativeDocuments: { issued: 1, repealed: 0, inForce: 3 } });
  });

  it('reads the 2019 trial format with its single 其他处理 row', () => {
    const data = sample();
    const trial: ReportData = { ...data, year: 2019, format: '2019', tables: { ...data.tables, proactive: emptyTable2Trial() } };
    trial.tables.applications.outcomes['other.other'].total = 0;
    const csv = renderReportCsv(trial);
    expect(csv).toContain('applications,other,');
    expect(csv).not.toContain('other.no_correction');
    expect(csv).toContain('proactive,procurement,');
    const back = readReportFile(csv);
    expect(back.format).toBe('2019');
    expect(back.tables).toEqual(trial.tables);
  });

  it('reads the JSON shape, whole or as bare tables, blank and null as 0', () => {
    const json = JSON.stringify(sample());
    expect(readReportJson(json).tables).toEqual(sample().tables);
    const bare = readReportFile(JSON.stringify({ applications: { received: { natural_person: '', total: null }, outcomes: { granted: { total: '1' } } } }));
    expect(bare.tables.applications.received.total).toBe(0);
    expect(bare.tables.applications.outcomes.granted.total).toBe(1);
  });

  it('refuses what is not a report, saying where', () => {
    expect(() => readReportFile('')).toThrow(ReportInputError);
    expect(() => readReportFile('{"x":1}')).toThrow('没有 tables');
    expect(() => readReportFile('{nope')).toThrow('不是有效的 JSON');
    expect(() => readReportCsv('table,row,total\napplications,received,abc')).toThrow('第 2 行（applications received）列 total：“abc”不是数字');
    expect(() => readReportCsv('table,row,total\napplications,nonsense,1')).toThrow('表三没有“nonsense”这一行');
    expect(() => readReportCsv('applications,received,1')).toThrow('缺少表头');
    expect(() => readReportJson('{"tables":{"applications":{"outcomes":{"bogus":{}}}}}')).toThrow('未知的办理结果“bogus”');
  });
});
