import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Agency } from '../db/schema.ts';
import { chinaDate } from '../shared/clock.ts';
import { type GuideData, guideUpdatedOn, missingGuideFacts, paragraphs } from './guide.model.ts';

const agency = (over: Partial<Agency> = {}): Agency => ({
  id: 1,
  code: 'a',
  name: '测试局',
  kind: 'department',
  parentId: null,
  creditCode: null,
  officeName: '办公室',
  address: '某路1号',
  officeHours: '工作日',
  phone: '0635-1',
  fax: null,
  email: null,
  postcode: '252000',
  website: null,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
  ...over,
});
const full: GuideData['settings'] = {
  functions: '职能',
  mailingAddress: '某路1号',
  receptionAddress: '某路1号',
  acceptsEmail: false,
  feePayment: '转账',
  supervisor: '市政务公开办',
  supervisorPhone: '1',
  complaintChannels: null,
  reviewPhone: '2',
  courtPhone: '3',
  updatedAt: null,
};
const data = (over: Partial<GuideData> = {}): GuideData => ({
  agency: agency(),
  departments: ['办公室'],
  parentName: null,
  reviewBody: '市人民政府',
  court: '某区人民法院',
  settings: full,
  sections: new Map(),
  guideUpdatedOn: null,
  ...over,
});

describe('missingGuideFacts', () => {
  it('finds nothing missing when every fact is given, fax and complaint channels being optional', () => {
    expect(missingGuideFacts(data())).toEqual([]);
  });

  it('names each missing fact with where to fill it in', () => {
    const d = data({ agency: agency({ address: ' ', postcode: null }), departments: [], settings: { ...full, supervisorPhone: null }, court: null });
    expect(missingGuideFacts(d)).toEqual([
      { label: '办公地址', at: 'facts' },
      { label: '邮政编码', at: 'facts' },
      { label: '内设机构（科室）', at: 'facts' },
      { label: '监督机构电话', at: 'guide' },
      { label: '管辖人民法院', at: 'applications' },
    ]);
  });

  it('asks for the e-mail address only when e-mail applications are accepted', () => {
    expect(missingGuideFacts(data({ settings: { ...full, acceptsEmail: true } }))).toEqual([{ label: '电子邮箱（已选择受理电子邮件申请）', at: 'facts' }]);
  });
});

describe('guideUpdatedOn', () => {
  it('reads instants in China time: 17:30 UTC is the next day', () => {
    expect(guideUpdatedOn(data({ agency: agency({ updatedAt: '2024-09-27T17:30:00.000Z' }) }))).toBe('2024-09-28');
  });

  it('is never earlier than any of the changes it is made from', () => {
    const instant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
    fc.assert(
      fc.property(instant, fc.option(instant), fc.array(instant, { maxLength: 4 }), (facts, settings, sections) => {
        const d = data({
          agency: agency({ updatedAt: facts }),
          settings: { ...full, updatedAt: settings },
          sections: new Map(
            sections.map((s, i) => [
              (['overview', 'organisation', 'proactive', 'application'] as const)[i] ?? 'catalogue',
              { agencyId: 1, section: 'overview', mode: 'append', body: 'x', updatedAt: s },
            ]),
          ),
        });
        const on = guideUpdatedOn(d);
        for (const at of [facts, ...(settings ? [settings] : []), ...sections]) expect(on >= chinaDate(at)).toBe(true);
      }),
    );
  });
});

describe('paragraphs', () => {
  it('makes one paragraph per non-empty line', () => {
    expect(paragraphs('第一段。\n\n  第二段。 \n')).toEqual(['第一段。', '第二段。']);
  });
});
