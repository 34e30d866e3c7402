/**
 * The demo's city: three sibling departments of the seed agency under 聊城市人民政府, each with a few of 2022's
 * applications, its 2022 self-check and (for two of them) its published 2022 report — one on time, one late — and an
 * account of the city's 政务公开 office, so the city view (/admin/lcs/city?year=2022) has something to compare.
 */
import { createAgency } from '../agencies/agencies.service.ts';
import { computeTable3ForAgency, computeTable4ForAgency } from '../applications/statistics.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import { runSelfCheck } from '../compliance/compliance.service.ts';
import type { Indicator } from '../compliance/indicator.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';
import { type ImportHandler, importRecords, parseImportText } from '../interchange/importer.ts';
import { emptyTable2 } from '../reports/report-tables.ts';
import { systemActor } from '../shared/actor.ts';
import { fixedClock } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { createUser } from '../users/users.service.ts';
import type { OutcomeCode } from '../vocabulary/codes.ts';

type Sibling = { code: string; name: string; cases: number; late: number; publishedOn: string | null; subjects: string[] };

const SIBLINGS: Sibling[] = [
  { code: 'lccz', name: '聊城市财政局', cases: 14, late: 0, publishedOn: '2023-01-18', subjects: ['部门预算', '政府采购合同', '专项资金分配结果'] },
  {
    code: 'lcjt',
    name: '聊城市教育和体育局',
    cases: 23,
    late: 2,
    publishedOn: '2023-02-08',
    subjects: ['学校招生划片范围', '校外培训机构名单', '教师招聘成绩'],
  },
  { code: 'lcsthj', name: '聊城市生态环境局', cases: 9, late: 1, publishedOn: null, subjects: ['环评审批文件', '排污许可证', '行政处罚决定书'] },
];
const OUTCOMES: OutcomeCode[] = [
  'granted',
  'granted',
  'granted',
  'partial',
  'unavailable.not_held',
  'granted',
  'refused.third_party_rights',
  'not_processed.duplicate',
];

/** What the city demo imports its records with and checks the departments against (from the composition root). */
export type CityDemoRegistries = { importHandlers: readonly ImportHandler[]; indicators: readonly Indicator[] };

/** Adds the demo's city around the seed agency; returns the accounts it created. */
export async function seedCityDemo(
  db: DbOrTrx,
  parent: Agency,
  seed: Agency,
  password: string,
  { importHandlers, indicators }: CityDemoRegistries,
): Promise<{ username: string; label: string }[]> {
  const actor = systemActor('演示数据');
  const created = { db, clock: fixedClock('2022-01-04T01:00:00Z') };
  const calendar = await loadWorkCalendar(db);
  const records: Record<string, unknown>[] = [];
  const siblings: Agency[] = [];
  for (const s of SIBLINGS) {
    siblings.push(await createAgency(created, actor, { code: s.code, name: s.name, parentCode: parent.code }));
    for (let i = 0; i < s.cases; i++) {
      const receivedOn = calendar.addWorkdays(`2022-${String(2 + Math.floor((i * 10) / s.cases)).padStart(2, '0')}-0${1 + (i % 7)}`, 1).date;
      // The last `late` cases were answered after their 20 working days, without an extension.
      const days = i >= s.cases - s.late ? 24 + (i % 3) : 3 + ((i * 5) % 15);
      records.push({
        kind: 'application',
        agency: s.code,
        ref: `2022-${String(i + 1).padStart(3, '0')}`,
        receivedOn,
        channel: i % 3 === 0 ? 'in_person' : 'online',
        applicantType: i % 5 === 4 ? 'business' : 'natural_person',
        subject: s.subjects[i % s.subjects.length],
        events: [{ type: 'closed', on: calendar.addWorkdays(receivedOn, days).date, outcome: OUTCOMES[(i + s.code.length) % OUTCOMES.length] }],
      });
    }
  }
  records.push({
    kind: 'appeal',
    agency: 'lcjt',
    ref: 'FY-2022-01',
    type: 'reconsideration',
    filedOn: '2022-09-20',
    application: '2022-005',
    result: 'upheld',
    decidedOn: '2022-11-18',
  });
  const later = { db, clock: fixedClock('2023-03-01T02:00:00Z') };
  await importRecords(later, actor, importHandlers, parseImportText(records.map((r) => JSON.stringify(r)).join('\n')), { replace: false });

  // The 2022 self-checks, run in January 2023 (生态环境局 has not run one).
  for (const agency of [seed, ...siblings.slice(0, 2)]) await runSelfCheck({ db, clock: fixedClock('2023-01-10T02:00:00Z'), indicators }, actor, agency, 2022);

  // The 2022 reports published outside the platform and imported with their tables (生态环境局's is missing).
  const reports: Record<string, unknown>[] = [];
  for (const [i, s] of SIBLINGS.entries()) {
    const agency = siblings[i] as Agency;
    if (!s.publishedOn) continue;
    reports.push({
      kind: 'report',
      agency: s.code,
      year: 2022,
      format: '2021',
      publishedOn: s.publishedOn,
      tables: {
        proactive: emptyTable2(),
        applications: await computeTable3ForAgency(db, agency.id, 2022),
        appeals: await computeTable4ForAgency(db, agency.id, 2022),
      },
    });
  }
  await importRecords(later, actor, importHandlers, parseImportText(reports.map((r) => JSON.stringify(r)).join('\n')), { replace: false });

  await createUser(created, actor, {
    username: 'city',
    displayName: '市政务公开办',
    password,
    roles: [{ agencyId: parent.id, role: 'editor' }],
  });
  return [{ username: 'city', label: t.city.demoAccount }];
}
