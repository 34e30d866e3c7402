import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkCalendar } from '../../src/calendar/calendar.service.ts';
import { findingsOf, type Indicator } from '../../src/compliance/indicator.ts';
import { applicationsOnTimeIndicator, documentsTimelinessIndicator, interpretationIndicator } from '../../src/compliance/indicators/records.ts';
import type { Agency } from '../../src/db/schema.ts';
import { buildAgency, testClock } from '../builders/index.ts';
import { applicationRecord, documentRecord, importFixtures } from '../builders/records.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

// The agency is set per record below.
const doc = (ref: string, o: Record<string, unknown>) => documentRecord('', ref, o);
const app = (ref: string, receivedOn: string, events: unknown[]) => applicationRecord('', ref, receivedOn, events);

// Each indicator against a passing agency and a failing one, with the records imported through the interchange format.
describe.each(DIALECTS)('self-check indicators over records on %s', (dialect) => {
  let tdb: TestDatabase;
  let good: Agency;
  let bad: Agency;
  const run = async (indicator: Indicator, agency: Agency) =>
    findingsOf(await indicator.run({ db: tdb.db, agency, year: 2024, today: testClock.today(), calendar: await loadWorkCalendar(tdb.db) }));

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    good = await buildAgency(tdb.db, { code: 'good' });
    bad = await buildAgency(tdb.db, { code: 'bad' });
    const records = [
      // Good: formed and published within days; the normative document interpreted the next working day; answered in time.
      {
        ...doc('G-1', { category: 'normative', issuedOn: '2024-03-01', publishedOn: '2024-03-04', validity: 'in_force', docNo: '好发〔2024〕1号' }),
        agency: 'good',
      },
      {
        ...doc('G-2', { category: 'interpretation', issuedOn: '2024-03-05', publishedOn: '2024-03-05', interprets: 'G-1', interpretationForm: 'text' }),
        agency: 'good',
      },
      { ...app('G-A1', '2024-03-01', [{ type: 'closed', on: '2024-03-12', outcome: 'granted' }]), agency: 'good' },
      // Bad: published three months after it was formed; a normative document with no interpretation; one answer late,
      // one case still open past its due date on 2024-09-27 (the test clock).
      { ...doc('B-1', { category: 'policy', issuedOn: '2024-01-02', publishedOn: '2024-04-01' }), agency: 'bad' },
      {
        ...doc('B-2', { category: 'normative', issuedOn: '2024-05-06', publishedOn: '2024-05-06', validity: 'in_force', docNo: '坏发〔2024〕2号' }),
        agency: 'bad',
      },
      { ...app('B-A1', '2024-01-02', [{ type: 'closed', on: '2024-06-28', outcome: 'granted' }]), agency: 'bad' },
      { ...app('B-A2', '2024-08-01', []), agency: 'bad' },
    ];
    await importFixtures(tdb.db, records);
  }, 60_000);
  afterAll(async () => tdb?.cleanup());

  it('documents.timeliness: passes within 20 working days, finds the late one', async () => {
    expect(await run(documentsTimelinessIndicator, good)).toEqual([]);
    const findings = await run(documentsTimelinessIndicator, bad);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toMatch(/《文件B-1》成文后第 \d+ 个工作日才公开/);
  });

  it('documents.interpretation: passes with a timely interpretation, finds the missing one', async () => {
    expect(await run(interpretationIndicator, good)).toEqual([]);
    expect((await run(interpretationIndicator, bad)).map((f) => f.message)).toEqual(['《文件B-2》尚无政策解读']);
  });

  it('applications.on_time: passes when answered in time, finds the late answer and the overdue open case', async () => {
    expect(await run(applicationsOnTimeIndicator, good)).toEqual([]);
    const messages = (await run(applicationsOnTimeIndicator, bad)).map((f) => f.message);
    expect(messages).toHaveLength(2);
    expect(messages.some((m) => m.startsWith('申请 B-A1 于 2024-06-28 答复，晚于答复期限'))).toBe(true);
    expect(messages.some((m) => m.startsWith('申请 B-A2 已超过答复期限'))).toBe(true);
  });
});
