import { describe, expect, it } from 'vitest';
import { compareTextWithTables } from './text-vs-tables.ts';

const check = (text: string, figures: Parameters<typeof compareTextWithTables>[1], year = 2022) =>
  compareTextWithTables([text], figures, year).map((m) => [m.subject, m.stated, m.expected]);

describe('compareTextWithTables', () => {
  it('reads the ways a report states applications received', () => {
    expect(check('2022年，区政府办公室共收到8份政府信息公开申请，均为自然人申请。', { received: 8 })).toEqual([]);
    expect(check('2022年，区政府办公室共收到8份政府信息公开申请。', { received: 9 })).toEqual([['received', 8, 9]]);
    expect(check('2022年，我办受理依申请信息56条，现将有关情况汇报如下：', { received: 55 })).toEqual([['received', 56, 55]]);
    expect(check('本单位2022年度共受理信息公开申请1件。', { received: 3 })).toEqual([['received', 1, 3]]);
    expect(check('2022年共受理依申请公开2件，办结2件。', { received: 3, closed: 2 })).toEqual([['received', 2, 3]]);
  });

  it('reads “none received” as 0', () => {
    expect(check('2022年，未收到依申请公开事项。', { received: 2 })).toEqual([['received', 0, 2]]);
    expect(check('2022年，未收到依申请公开事项。', { received: 0 })).toEqual([]);
  });

  it('compares appeals, with 复议后起诉 counted as litigation', () => {
    expect(check('办理信息公开行政复议7件、行政诉讼9件（含未经复议直接起诉和复议后起诉）。', { reconsideration: 3, litigation: 9 })).toEqual([
      ['reconsideration', 7, 3],
    ]);
    expect(check('复议后起诉2件。', { reconsideration: 0, litigation: 2 })).toEqual([]);
    expect(check('本年度没有发生因政府信息公开涉及的投诉、行政复议、行政诉讼事件。', { reconsideration: 1, litigation: 0 })).toEqual([
      ['reconsideration', 0, 1],
    ]);
    expect(check('2020年，我单位未出现申请行政复议、提起行政诉讼的情况。', { reconsideration: 0, litigation: 0 }, 2020)).toEqual([]);
  });

  it('compares documents and interpretations only when a figure is given', () => {
    expect(check('全年主动公开政务信息192篇，制发规范性文件3件，发布政策解读12篇。', {})).toEqual([]);
    expect(check('全年主动公开政务信息192篇。', { proactiveItems: 190 })).toEqual([['proactiveItems', 192, 190]]);
    expect(check('印发规范性文件3件。', { normativeIssued: 2 })).toEqual([['normativeIssued', 3, 2]]);
    expect(check('发布政策解读12篇。', { interpretations: 12 })).toEqual([]);
  });

  it('skips sentences about another year and comparisons', () => {
    expect(check('2021年度，我局共收到2件依申请公开。', { received: 5 })).toEqual([]);
    expect(check('共收到申请5件，同比增长25%。', { received: 4 })).toEqual([]);
  });

  it('quotes the sentence, inner quotes as ‘’', () => {
    const [m] = compareTextWithTables(['共收到“一网通办”申请4件。'], { received: 3 }, 2022);
    expect(m?.message).toBe('正文“共收到‘一网通办’申请4件”：收到申请数为 4，表格为 3');
  });
});

describe('checkText (TX on a drafted report)', () => {
  it('fails with the quoted sentence when the text and the tables disagree, and cuts breakdowns after 其中', async () => {
    const { checkText } = await import('./text-vs-tables.ts');
    const sections = ['全年主动公开政务信息192篇，发布政策解读材料12篇，其中视频解读2篇。2022年共受理依申请公开2件，办结2件。'];
    expect(checkText(sections, { proactiveItems: 192, interpretations: 12, received: 2, closed: 2 }, 2022)).toEqual({ rule: 'TX', ok: true, problems: [] });
    const bad = checkText(sections, { proactiveItems: 192, interpretations: 12, received: 3, closed: 2 }, 2022);
    expect(bad.problems).toEqual(['正文“2022年共受理依申请公开2件，办结2件”：收到申请数为 2，表格为 3']);
  });
});
