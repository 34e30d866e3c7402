import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkCalendar } from '../../src/calendar/calendar.service.ts';
import { importHandlers } from '../../src/composition.ts';
import type { Agency } from '../../src/db/schema.ts';
import { importRecords, parseImportText } from '../../src/interchange/importer.ts';
import { agencyPerformance, type PerformanceOptions, performanceFigures } from '../../src/performance/performance.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { emptyTable4 } from '../../src/vocabulary/report-format.ts';
import { buildAgency, testClock } from '../builders/index.ts';
import { applicationRecord, closedEvent, documentRecord } from '../builders/records.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

const app = (agency: string, ref: string, receivedOn: string, o: Record<string, unknown>, events: unknown[] = []) =>
  applicationRecord(agency, ref, receivedOn, events, o);
const doc = (ref: string, o: Record<string, unknown>) => documentRecord('pa', ref, o);
const closed = closedEvent;

// Working days are counted by hand on the 2024 arrangement (清明 4–6 April with Sunday 7 April worked, 劳动节 1–5 May
// with Saturday 11 May worked); each comment gives the count after the receipt day up to and including the answer day.
const records = [
  // pa: six cases answered in 2024 (one received in 2023), one open past its due date, one paused for a consultation.
  app('pa', 'A-1', '2024-03-01', {}, [closed('2024-03-12', 'granted')]), // 7, due 29 March
  app('pa', 'A-2', '2024-03-04', { channel: 'online', applicantType: 'business' }, [closed('2024-04-12', 'partial')]), // 28, due 1 April: late
  app('pa', 'A-3', '2024-04-01', { channel: 'mail', applicantType: 'research' }, [
    { type: 'extended', on: '2024-04-22', days: 20 },
    closed('2024-05-20', 'refused.state_secret'),
  ]), // 33, due 29 May after the extension
  app('pa', 'A-4', '2024-05-06', { channel: 'email' }, [
    { type: 'correction_requested', on: '2024-05-07' },
    { type: 'correction_received', on: '2024-05-13' },
    closed('2024-05-14', 'unavailable.not_held'),
  ]), // 7 (gross: the correction's days are not taken off)
  app('pa', 'A-5', '2024-08-01', {}), // open, due 29 August: overdue on 27 September
  app('pa', 'A-6', '2024-09-20', { channel: 'online' }, [{ type: 'consultation_started', on: '2024-09-23', party: 'third_party' }]),
  app('pa', 'A-7', '2023-12-20', {}, [closed('2024-01-10', 'granted')]), // 14, received in 2023
  app('pa', 'A-8', '2024-06-03', { channel: 'fax', applicantType: 'other_org' }, [closed('2024-06-03', 'not_processed.duplicate')]), // 0
  {
    kind: 'appeal',
    agency: 'pa',
    ref: 'FY-2024-01',
    type: 'reconsideration',
    filedOn: '2024-05-06',
    application: 'A-2',
    result: 'upheld',
    decidedOn: '2024-07-01',
  },
  { kind: 'appeal', agency: 'pa', ref: 'SS-2024-01', type: 'litigation_direct', filedOn: '2024-06-01', result: 'pending' },
  { kind: 'appeal', agency: 'pa', ref: 'FY-2023-01', type: 'reconsideration', filedOn: '2023-11-01', result: 'corrected', decidedOn: '2024-01-15' },
  // Normative documents of 2024: D-1 interpreted the next working day, D-3 after 11 working days (late), rule D-5 never.
  doc('D-1', { category: 'normative', issuedOn: '2024-03-01', publishedOn: '2024-03-04', validity: 'in_force', docNo: '测发〔2024〕1号' }),
  doc('D-2', { category: 'interpretation', issuedOn: '2024-03-05', publishedOn: '2024-03-05', interprets: 'D-1', interpretationForm: 'text' }),
  doc('D-3', { category: 'normative', issuedOn: '2024-05-06', publishedOn: '2024-05-06', validity: 'in_force', docNo: '测发〔2024〕2号' }),
  doc('D-4', { category: 'interpretation', issuedOn: '2024-05-20', publishedOn: '2024-05-20', interprets: 'D-3', interpretationForm: 'qa' }),
  doc('D-5', { category: 'rule', issuedOn: '2024-06-03', publishedOn: '2024-06-04', validity: 'in_force', docNo: '测令第1号' }),
  // Issued in 2023 (not in the year's coverage) but published in January 2024; and one published in 2023.
  doc('D-6', { category: 'normative', issuedOn: '2023-12-01', publishedOn: '2024-01-05', validity: 'in_force', docNo: '测发〔2023〕9号' }),
  doc('D-7', { category: 'policy', issuedOn: '2024-03-15', publishedOn: '2024-03-15' }),
  doc('D-9', { category: 'policy', issuedOn: '2023-06-01', publishedOn: '2023-06-01' }),
  // pc: one case received on 1 November 2023, due 29 November, answered on 1 February 2024 (65 working days).
  app('pc', 'C-1', '2023-11-01', {}, [closed('2024-02-01', 'granted')]),
];

describe.each(DIALECTS)('performance figures on %s', (dialect) => {
  let tdb: TestDatabase;
  let pa: Agency;
  let pb: Agency;
  let pc: Agency;
  const today = testClock.today(); // 2024-09-27
  const figures = async (ids: number[], year: number, options: PerformanceOptions = {}) =>
    performanceFigures(tdb.db, await loadWorkCalendar(tdb.db), ids, year, today, options);

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    pa = await buildAgency(tdb.db, { code: 'pa' });
    pb = await buildAgency(tdb.db, { code: 'pb' });
    pc = await buildAgency(tdb.db, { code: 'pc' });
    const text = records.map((r) => JSON.stringify(r)).join('\n');
    await importRecords({ db: tdb.db, clock: testClock }, systemActor(), importHandlers, parseImportText(text), { replace: false });
  }, 60_000);
  afterAll(async () => tdb?.cleanup());

  it('counts an agency-year by hand: receipts, answers, timeliness, working days and outcomes', async () => {
    const f = (await figures([pa.id], 2024, { breakdown: true })).get(pa.id);
    expect(f?.asOf).toBe('2024-09-27');
    expect(f?.received).toEqual({
      total: 7,
      byChannel: { online: 2, in_person: 2, mail: 1, email: 1, fax: 1, other: 0 },
      byApplicantType: { natural_person: 4, business: 1, research: 1, public_interest: 0, legal_services: 0, other_org: 1 },
    });
    expect([f?.answered, f?.answeredOnTime, f?.answeredLate]).toEqual([6, 5, 1]);
    expect(f?.onTimeRate).toBeCloseTo(5 / 6, 10);
    // 0, 7, 7, 14, 28, 33: the median is the 3rd value, the 90th percentile the 6th (⌈5.4⌉).
    expect(f?.workdays.median).toBe(7);
    expect(f?.workdays.p90).toBe(33);
    expect(f?.workdays.provisional).toBe(false);
    expect(f?.workdays.buckets.map((b) => b.count)).toEqual([1, 2, 1, 0, 1, 1, 0]);
    const outcomes = Object.fromEntries(Object.entries(f?.outcomes ?? {}).filter(([, n]) => n > 0));
    expect(outcomes).toEqual({ granted: 2, partial: 1, 'refused.state_secret': 1, 'unavailable.not_held': 1, 'not_processed.duplicate': 1 });
    expect(Object.keys(f?.outcomes ?? {})).toHaveLength(21);
    // Without the breakdown (the city view's call) the total is the same and the breakdown absent.
    expect((await figures([pa.id], 2024)).get(pa.id)?.received).toEqual({ total: 7, byChannel: null, byApplicantType: null });
  });

  it('counts overdue cases, extensions, corrections, consultations and appeals', async () => {
    const f = (await figures([pa.id], 2024)).get(pa.id);
    expect(f?.openOverdue).toBe(1);
    expect([f?.extensions, f?.corrections, f?.consultations]).toEqual([1, 1, 1]);
    const appeals = emptyTable4();
    appeals.reconsideration.upheld = 1;
    appeals.reconsideration.total = 1;
    appeals.litigationDirect.pending = 1;
    appeals.litigationDirect.total = 1;
    expect(f?.appeals).toEqual(appeals);
  });

  it('counts documents per month and the interpretation coverage of the year’s normative documents', async () => {
    const f = (await figures([pa.id], 2024)).get(pa.id);
    expect(f?.documentsPerMonth).toEqual([1, 0, 3, 0, 2, 1, 0, 0, 0, 0, 0, 0]);
    expect(f?.documentsPublished).toBe(7);
    expect(f?.interpretation.documents).toBe(3);
    expect(f?.interpretation.interpreted).toBe(2);
    expect(f?.interpretation.interpretedOnTime).toBe(1);
    expect(f?.interpretation.coverage).toBeCloseTo(2 / 3, 10);
  });

  it('judges a past year on its last day: a case open then and past due counts as overdue', async () => {
    const y2023 = (await figures([pc.id], 2023)).get(pc.id);
    expect(y2023?.asOf).toBe('2023-12-31');
    expect([y2023?.received.total, y2023?.answered, y2023?.openOverdue]).toEqual([1, 0, 1]);
    expect(y2023?.onTimeRate).toBeNull();
    const y2024 = (await figures([pc.id], 2024)).get(pc.id);
    expect([y2024?.received.total, y2024?.answered, y2024?.answeredLate, y2024?.onTimeRate, y2024?.openOverdue]).toEqual([0, 1, 1, 0, 0]);
    expect([y2024?.workdays.median, y2024?.workdays.p90]).toEqual([65, 65]);
  });

  it('gives an agency with no records zeros and undefined rates', async () => {
    const f = await agencyPerformance(tdb.db, await loadWorkCalendar(tdb.db), pb.id, 2024, today);
    expect(f.received.total).toBe(0);
    expect(Object.values(f.received.byChannel ?? { missing: 1 })).toEqual([0, 0, 0, 0, 0, 0]);
    expect([f.answered, f.openOverdue, f.documentsPublished, f.appeals.reconsideration.total]).toEqual([0, 0, 0, 0]);
    expect([f.onTimeRate, f.workdays.median, f.workdays.p90, f.interpretation.coverage]).toEqual([null, null, null, null]);
  });

  it('answers for many agencies at once exactly what it answers for each alone', async () => {
    const together = await figures([pa.id, pb.id, pc.id], 2024, { breakdown: true });
    expect([...together.keys()]).toEqual([pa.id, pb.id, pc.id]);
    for (const id of [pa.id, pb.id, pc.id]) expect(together.get(id)).toEqual((await figures([id], 2024, { breakdown: true })).get(id));
    expect((await figures([], 2024)).size).toBe(0);
  });
});
