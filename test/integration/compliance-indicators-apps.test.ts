import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkCalendar } from '../../src/calendar/calendar.service.ts';
import { findingsOf, type Indicator } from '../../src/compliance/indicator.ts';
import { correctionNoticeIndicator } from '../../src/compliance/indicators/applications.ts';
import { annualReportIndicator } from '../../src/compliance/indicators/report.ts';
import type { Agency } from '../../src/db/schema.ts';
import { buildAgency, testClock } from '../builders/index.ts';
import { applicationRecord, importFixtures } from '../builders/records.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

const app = applicationRecord;

const counts = (natural_person: number) => ({ natural_person, total: natural_person });
/** A year of one application received and granted in the year: passes R1–R5 against a year that carried nothing out. */
const tables = { applications: { received: counts(1), outcomes: { granted: counts(1) }, closedTotal: counts(1), carriedOut: counts(0) } };

const PROBLEMS_2022 =
  '一是政务公开工作人员业务能力有待提升，对新修订条例的理解还不够深入；二是政策解读形式较为单一，图解、视频等多样化解读偏少；三是依申请公开答复文书的规范性仍需加强。下一步，我局将加强业务培训，丰富解读形式，规范答复文书。';
const PROBLEMS_2023_NEW =
  '本年度主要问题在于基层企业对惠企政策的知晓度不高，政策推送渠道覆盖不足；部分栏目信息更新频率偏低。改进措施：建立惠企政策直达机制，通过公众号和企业服务群精准推送，并实行栏目更新月度通报制度。';
const report = (agency: string, year: number, publishedOn: string, problems: string) => ({
  kind: 'report',
  agency,
  year,
  publishedOn,
  tables,
  sections: { problems },
});

// The indicators of 补正 notices and of the annual report, each against a passing agency and a failing one, with the
// records imported through the interchange format (checked year 2024 on the test clock, 2024-09-27).
describe.each(DIALECTS)('self-check indicators of corrections and the annual report on %s', (dialect) => {
  let tdb: TestDatabase;
  const agencies: Record<string, Agency> = {};
  const run = async (indicator: Indicator, agency: Agency, o: { year?: number; today?: string } = {}) =>
    findingsOf(
      await indicator.run({ db: tdb.db, agency, year: o.year ?? 2024, today: o.today ?? testClock.today(), calendar: await loadWorkCalendar(tdb.db) }),
    );

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    for (const code of ['good', 'bad', 'missing', 'gov', 'local']) {
      agencies[code] = await buildAgency(tdb.db, { code, kind: code === 'gov' ? 'government' : 'department' });
    }
    const records = [
      // Good: the 补正 notice two working days after receipt (2024-03-01 is a Friday; the 7th working day is 03-12).
      app('good', 'G-1', '2024-03-01', [
        { type: 'correction_requested', on: '2024-03-05', note: '请写明文号' },
        { type: 'correction_received', on: '2024-03-08' },
        { type: 'closed', on: '2024-03-20', outcome: 'granted' },
      ]),
      // Bad: a notice eight days late with its reason; one late notice of a 2023 application is another year's.
      app('bad', 'B-1', '2024-03-01', [
        { type: 'correction_requested', on: '2024-03-20', lateReason: '申请经其他机关转来，延误送达' },
        { type: 'correction_received', on: '2024-03-25' },
        { type: 'closed', on: '2024-04-10', outcome: 'granted' },
      ]),
      app('bad', 'B-0', '2023-06-01', [
        { type: 'correction_requested', on: '2023-07-03', lateReason: '承办人调整' },
        { type: 'closed', on: '2023-08-30', outcome: 'other.no_correction' },
      ]),
      // Reports: good publishes 2023 on time with new text; bad publishes late, with last year's text barely changed.
      report('good', 2022, '2023-01-20', PROBLEMS_2022),
      report('good', 2023, '2024-01-25', PROBLEMS_2023_NEW),
      report('bad', 2022, '2023-01-20', PROBLEMS_2022),
      report('bad', 2023, '2024-02-20', PROBLEMS_2022.replace('新修订条例', '条例')),
      // A people's government has until 31 March; an agency with a local deadline of 20 January has less.
      report('gov', 2023, '2024-03-28', PROBLEMS_2023_NEW),
      report('local', 2023, '2024-01-25', PROBLEMS_2023_NEW),
    ];
    await importFixtures(tdb.db, records);
    // Tables that no longer pass R1 (the stored model is what the check reads, as published).
    const bad2023 = await tdb.db
      .selectFrom('annualReports')
      .select(['id', 'tablesJson'])
      .where('agencyId', '=', agencies.bad?.id ?? 0)
      .where('year', '=', 2023)
      .executeTakeFirstOrThrow();
    const broken = JSON.parse(bad2023.tablesJson ?? '{}');
    broken.applications.received.natural_person = 2;
    broken.applications.received.total = 2;
    await tdb.db
      .updateTable('annualReports')
      .set({ tablesJson: JSON.stringify(broken) })
      .where('id', '=', bad2023.id)
      .execute();
    await tdb.db
      .insertInto('reportSettings')
      .values({ agencyId: agencies.local?.id ?? 0, localDeadline: '01-20', appealsIncludeCarried: 0, updatedAt: testClock.now().toISOString() })
      .execute();
  }, 60_000);
  afterAll(async () => tdb?.cleanup());

  it('applications.correction_notice: passes within 7 working days, finds the late notice of the year with its reason', async () => {
    expect(await run(correctionNoticeIndicator, agencies.good as Agency)).toEqual([]);
    const findings = await run(correctionNoticeIndicator, agencies.bad as Agency);
    const id = (await tdb.db.selectFrom('applications').select('id').where('ref', '=', 'B-1').executeTakeFirstOrThrow()).id;
    expect(findings).toEqual([
      {
        key: `application:${id}:correction`,
        message: '申请 B-1 的补正通知于 2024-03-20 发出，晚于收到申请后7个工作日的期限（2024-03-12）；已说明逾期理由：申请经其他机关转来，延误送达',
        href: `applications/${id}`,
      },
    ]);
    expect((await run(correctionNoticeIndicator, agencies.bad as Agency, { year: 2023 })).map((f) => f.message)).toEqual([
      expect.stringMatching(/^申请 B-0 的补正通知于 2023-07-03 发出/),
    ]);
  });

  it('report.annual: passes when published on time, checked and rewritten', async () => {
    expect(await run(annualReportIndicator, agencies.good as Agency)).toEqual([]);
    expect(await run(annualReportIndicator, agencies.gov as Agency)).toEqual([]);
  });

  it('report.annual: finds a late, inconsistent, copied report, each problem under its own key', async () => {
    const findings = await run(annualReportIndicator, agencies.bad as Agency);
    expect(findings.map((f) => f.key)).toEqual(['report:2023:late', 'report:2023:check:R1', 'report:2023:copied']);
    expect(findings[0]?.message).toBe('2023 年度报告于 2024-02-20 公开，晚于期限 2024-01-31');
    expect(findings[1]?.message).toMatch(/^2023 年度报告的表格未通过核验 R1：列“自然人”/);
    expect(findings[2]?.message).toMatch(/^2023 年度报告与 2022 年度报告内容雷同：五、存在的主要问题及改进情况（相似度 \d+%）$/);
    expect(findings.every((f) => f.href === 'reports/2023')).toBe(true);
    const local = await run(annualReportIndicator, agencies.local as Agency);
    expect(local.map((f) => f.message)).toEqual(['2023 年度报告于 2024-01-25 公开，晚于期限 2024-01-20']);
  });

  it('report.annual: an unpublished report is a finding only once its deadline has passed', async () => {
    const missing = agencies.missing as Agency;
    expect(await run(annualReportIndicator, missing)).toEqual([
      { key: 'report:2023:late', message: '2023 年度报告未在 2024-01-31 前公开', href: 'reports/2023' },
    ]);
    expect(await run(annualReportIndicator, missing, { today: '2024-01-31' })).toEqual([]);
    // The checked year decides which report is due: in 2023, the 2022 report (also missing).
    expect((await run(annualReportIndicator, missing, { year: 2023 })).map((f) => f.key)).toEqual(['report:2022:late']);
  });
});
