import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../../src/db/schema.ts';
import { seedReportRecords } from '../../src/demo/reports-demo.ts';
import { buildReport, prepareReport } from '../../src/reports/build-report.ts';
import type { DocumentFact } from '../../src/reports/table2.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { APPLICANT_TYPES, OUTCOME_CODES } from '../../src/vocabulary/codes.ts';
import { TABLE3_COLUMNS } from '../../src/vocabulary/report-format.ts';
import { buildAgency, testClock } from '../builders/index.ts';
import { seedSources } from '../builders/reports.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';
import { type AppealRecord, type ApplicationRecord, memorySources } from '../support/report-sources.ts';

describe.each(DIALECTS)('building the annual report on %s', (dialect) => {
  let tdb: TestDatabase;
  let seed: Agency;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    seed = await buildAgency(tdb.db, { code: 'lcgxj', name: '聊城市工业和信息化局' });
    await seedReportRecords({ db: tdb.db, clock: testClock }, systemActor('测试'), seed);
  });
  afterAll(async () => tdb?.cleanup());

  it('carries every figure of the seed report in its 2022 text, with tables 2–4 and all checks passing', async () => {
    const deps = { db: tdb.db, clock: testClock, sources: seedSources(seed.id) };
    const report = await buildReport(deps, seed, 2022);
    expect(report.format).toBe('2021');
    const text = Object.values(report.sections).join('\n');
    for (const figure of [
      '全年主动公开政务信息192篇',
      '全年共发布政策解读材料22篇',
      '2022年共受理依申请公开2件，办结2件',
      '2021年度，我局共收到2件依申请公开，2022年度依申请公开数量与2021年度持平',
      '全年共发布规范性文件2个，全部在文件出台3个工作日之内开展配套解读',
      '共更新各类政务动态类信息796条，网站总访问量达82547次',
      '“聊城工信”微信公众号发布信息2237条，阅读量26.8万次',
      '共承办市政协十四届一次会议提案13件',
      '承办市人大十八届一次会议人大代表建议12件',
      '所有建议、提案全部按时办结，并公开发布，委员、代表满意率均为100%',
      '2022年度未收取信息处理费',
      '7月15日，召开市工信局政务公开工作培训会',
      '《2022年聊城市政务公开工作要点》',
      '但仍存在能力水平还不到位、组织建设仍需改进、公开平台有待提升、解读形式不够丰富等问题',
    ]) {
      expect(text).toContain(figure);
    }
    expect(report.sections.overview.split('\n').filter((l) => l.startsWith('（'))).toEqual([
      '（一）主动公开',
      '（二）依申请公开',
      '（三）政府信息管理',
      '（四）平台建设',
      '（五）监督保障',
    ]);
    expect(report.tables.applications.received.total).toBe(2);
    expect(report.tables.applications.closedTotal.total).toBe(2);
    expect(report.tables.proactive).toMatchObject({ normativeDocuments: { issued: 2, repealed: 0, inForce: 9 } });
    expect(report.checks.every((c) => c.ok)).toBe(true);
    expect(report.checks.find((c) => c.rule === 'R5')?.skipped).toBeFalsy();
    // The drafted narrative agrees with the tables: no number warnings.
    const ws = await prepareReport(deps, seed, 2022);
    expect(ws.warnings.filter((w) => w.kind === 'number')).toEqual([]);
  });

  it('produces the 2019 trial format for 2019: trial table 2 and one 其他处理 row', async () => {
    const agency = await buildAgency(tdb.db);
    const apps: ApplicationRecord[] = [
      { receivedOn: '2019-02-01', applicantType: 'research', closedOn: '2019-02-20', outcome: 'other.unpaid_fee' },
      { receivedOn: '2019-03-01', applicantType: 'research', closedOn: '2019-03-20', outcome: 'other.no_correction' },
    ];
    const report = await buildReport({ db: tdb.db, clock: testClock, sources: memorySources({ applications: { [agency.id]: apps } }) }, agency, 2019);
    expect(report.format).toBe('2019');
    if (report.format !== '2019') throw new Error('format');
    expect(Object.keys(report.tables.proactive)).toEqual([
      'rules',
      'normativeDocuments',
      'licensing',
      'otherServices',
      'penalties',
      'coercion',
      'fees',
      'procurement',
    ]);
    expect(report.tables.applications.outcomes['other.other']).toMatchObject({ research: 2, total: 2 });
    expect(report.tables.applications.outcomes['other.no_correction'].total).toBe(0);
    expect(report.checks.every((c) => c.ok)).toBe(true);
  });

  const dateArb = fc
    .date({ min: new Date('2020-06-01T00:00:00Z'), max: new Date('2023-06-30T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const later = (date: string, days: number) => new Date(Date.parse(date) + days * 86400000).toISOString().slice(0, 10);

  it('computes the tables of generated records exactly as counted independently here, cell by cell', async () => {
    const agency = await buildAgency(tdb.db);
    const sample = fc.sample(
      fc.record({
        apps: fc.array(
          fc.record({
            receivedOn: dateArb,
            applicantType: fc.constantFrom(...APPLICANT_TYPES),
            closeAfter: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
            outcome: fc.constantFrom(...OUTCOME_CODES),
          }),
          { minLength: 50, maxLength: 150 },
        ),
        docs: fc.array(
          fc.record({
            category: fc.constantFrom('rule' as const, 'normative' as const),
            issuedOn: dateArb,
            validity: fc.constantFrom('in_force' as const, 'amended' as const, 'repealed' as const, 'expired' as const),
            after: fc.integer({ min: 0, max: 600 }),
          }),
          { minLength: 20, maxLength: 80 },
        ),
        appeals: fc.array(
          fc.record({
            type: fc.constantFrom('reconsideration' as const, 'litigation_direct' as const, 'litigation_after_reconsideration' as const),
            filedOn: dateArb,
            result: fc.constantFrom('upheld' as const, 'corrected' as const, 'other' as const, 'pending' as const),
            after: fc.integer({ min: 1, max: 400 }),
          }),
          { maxLength: 20 },
        ),
      }),
      { numRuns: 1, seed: 20221231 },
    )[0];
    if (!sample) throw new Error('no sample');
    const apps: ApplicationRecord[] = sample.apps.map((a) => ({
      receivedOn: a.receivedOn,
      applicantType: a.applicantType,
      closedOn: a.closeAfter === null ? null : later(a.receivedOn, a.closeAfter),
      outcome: a.closeAfter === null ? null : a.outcome,
    }));
    const docs: DocumentFact[] = sample.docs.map((d) => ({
      category: d.category,
      issuedOn: d.issuedOn,
      validity: d.validity,
      validityChangedOn: d.validity === 'in_force' ? null : later(d.issuedOn, d.after),
    }));
    const appeals: AppealRecord[] = sample.appeals.map((a) => ({
      type: a.type,
      filedOn: a.filedOn,
      result: a.result,
      decidedOn: a.result === 'pending' ? null : later(a.filedOn, a.after),
    }));
    const deps = {
      db: tdb.db,
      clock: testClock,
      sources: memorySources({ applications: { [agency.id]: apps }, documents: { [agency.id]: docs }, appeals: { [agency.id]: appeals } }),
    };
    for (const year of [2021, 2022]) {
      const report = await buildReport(deps, agency, year);
      if (report.format !== '2021') throw new Error('format');
      const t3 = report.tables.applications;
      const inYear = (d: string | null) => d?.startsWith(String(year)) === true;
      for (const col of TABLE3_COLUMNS) {
        const mine = apps.filter((a) => col === 'total' || a.applicantType === col);
        expect(t3.received[col], `received ${col}`).toBe(mine.filter((a) => inYear(a.receivedOn)).length);
        expect(t3.carriedIn[col], `carriedIn ${col}`).toBe(
          mine.filter((a) => Number(a.receivedOn.slice(0, 4)) < year && (a.closedOn === null || Number(a.closedOn.slice(0, 4)) >= year)).length,
        );
        for (const code of OUTCOME_CODES)
          expect(t3.outcomes[code][col], `${code} ${col}`).toBe(mine.filter((a) => inYear(a.closedOn) && a.outcome === code).length);
        expect(t3.closedTotal[col]).toBe(mine.filter((a) => inYear(a.closedOn)).length);
        expect(t3.carriedOut[col]).toBe(
          mine.filter((a) => Number(a.receivedOn.slice(0, 4)) <= year && (a.closedOn === null || Number(a.closedOn.slice(0, 4)) > year)).length,
        );
      }
      for (const [key, category] of [
        ['rules', 'rule'],
        ['normativeDocuments', 'normative'],
      ] as const) {
        const mine = docs.filter((d) => d.category === category);
        const ended = (d: DocumentFact) =>
          d.validity === 'repealed' || d.validity === 'expired' ? Number((d.validityChangedOn ?? '').slice(0, 4)) : Number.POSITIVE_INFINITY;
        expect(report.tables.proactive[key]).toEqual({
          issued: mine.filter((d) => inYear(d.issuedOn)).length,
          repealed: mine.filter((d) => ended(d) === year).length,
          inForce: mine.filter((d) => Number(d.issuedOn.slice(0, 4)) <= year && ended(d) > year).length,
        });
      }
      const filed = appeals.filter((a) => inYear(a.filedOn));
      const decidedBy = (a: AppealRecord) => a.decidedOn !== null && Number(a.decidedOn.slice(0, 4)) <= year;
      expect(report.tables.appeals.reconsideration.pending).toBe(filed.filter((a) => a.type === 'reconsideration' && !decidedBy(a)).length);
      expect(report.tables.appeals.litigationDirect.total).toBe(filed.filter((a) => a.type === 'litigation_direct').length);
      expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    }
  });
});
