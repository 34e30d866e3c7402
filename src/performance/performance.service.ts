/**
 * Performance figures per agency and year (docs/performance.md): applications received and answered, on-time rate,
 * working days to answer, outcome mix, overdue cases, extensions / corrections / consultations, appeals, documents
 * published per month and interpretation coverage.
 *
 * Every figure is computed for all the given agencies at once, with one aggregate query per kind of record (the city
 * view asks for 50 agencies in one page), never a query per agency. Only the answered cases come back row by row,
 * as (agency, receipt date, answer date, due date, outcome), because working days need the calendar; the engine
 * counts them in O(1) each.
 */
import { sql } from 'kysely';
import type { Channel } from '../applications/applications.tables.ts';
import { computeTable4 } from '../applications/statistics.ts';
import type { WorkCalendar } from '../calendar/workdays.ts';
import type { DbOrTrx } from '../db/database.ts';
import { interpretationCounts } from '../documents/oversight.service.ts';
import {
  APPLICANT_TYPES,
  type AppealResult,
  type AppealType,
  type ApplicantType,
  emptyTable4,
  OUTCOME_CODES,
  type OutcomeCode,
  type Table4,
} from '../reports/report-codes.ts';
import { addToHistogram, bucketize, histogramPercentile, rate, type WorkdayBucket, type WorkdayHistogram } from './statistics.ts';

export const CHANNELS = ['online', 'in_person', 'mail', 'email', 'fax', 'other'] as const satisfies readonly Channel[];

/** The figures of one agency for one year. Counts are whole numbers; rates are in [0, 1] or null when undefined. */
export type PerformanceFigures = {
  agencyId: number;
  year: number;
  /** The day open cases are judged overdue on: today for the current year, 31 December for a past year. */
  asOf: string;
  /** Applications received in the year (stored receipt date, 第三十一条), in all and by channel and applicant type. */
  received: { total: number; byChannel: Record<Channel, number>; byApplicantType: Record<ApplicantType, number> };
  /** Applications answered in the year (closing date in the year), whenever received. */
  answered: number;
  /** Of those, answered on or before their due date, and after it. */
  answeredOnTime: number;
  answeredLate: number;
  /** answeredOnTime / answered. */
  onTimeRate: number | null;
  /** Working days from receipt to answer of the answered cases (after the receipt day, up to and including the answer day). */
  workdays: {
    median: number | null;
    p90: number | null;
    /** Answers per number of working days (index = days). */
    histogram: WorkdayHistogram;
    buckets: WorkdayBucket[];
    /** True when a count ran through a year whose holiday arrangement is not loaded (Monday–Friday was assumed). */
    provisional: boolean;
  };
  /** Answered cases by outcome code of table 3 (all 21 codes present). */
  outcomes: Record<OutcomeCode, number>;
  /** Received by `asOf`, not answered by then, and past the stored due date on that day. */
  openOverdue: number;
  /** Cases with an extension (延期), a correction request (补正) or a consultation (征求意见) dated in the year. */
  extensions: number;
  corrections: number;
  consultations: number;
  /** Appeals filed in the year by type, each with its result as of 31 December (table 4's rules). */
  appeals: Table4;
  /** Documents published in the year (still published), per month January–December, and their sum. */
  documentsPerMonth: number[];
  documentsPublished: number;
  /** 规章 and 行政规范性文件 issued in the year and published; those with a published interpretation, and within the limit. */
  interpretation: { documents: number; interpreted: number; interpretedOnTime: number; coverage: number | null };
};

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

function emptyFigures(agencyId: number, year: number, asOf: string): PerformanceFigures {
  return {
    agencyId,
    year,
    asOf,
    received: { total: 0, byChannel: zeros(CHANNELS), byApplicantType: zeros(APPLICANT_TYPES) },
    answered: 0,
    answeredOnTime: 0,
    answeredLate: 0,
    onTimeRate: null,
    workdays: { median: null, p90: null, histogram: [], buckets: bucketize([]), provisional: false },
    outcomes: zeros(OUTCOME_CODES),
    openOverdue: 0,
    extensions: 0,
    corrections: 0,
    consultations: 0,
    appeals: emptyTable4(),
    documentsPerMonth: Array.from({ length: 12 }, () => 0),
    documentsPublished: 0,
    interpretation: { documents: 0, interpreted: 0, interpretedOnTime: 0, coverage: null },
  };
}

/** The day open cases of `year` are judged on: today while the year runs, its last day once it is over. */
export function asOfDate(year: number, today: string): string {
  const last = `${year}-12-31`;
  return today < last ? today : last;
}

const has = (map: Map<number, PerformanceFigures>, id: unknown) => map.get(Number(id));

/**
 * The performance figures of each of `agencyIds` for `year` (an entry per id, zeros where there is nothing), with
 * open cases judged on `asOfDate(year, today)`. A handful of queries in all, whatever the number of agencies.
 */
export async function performanceFigures(
  db: DbOrTrx,
  calendar: Pick<WorkCalendar, 'workdaysBetween'>,
  agencyIds: readonly number[],
  year: number,
  today: string,
): Promise<Map<number, PerformanceFigures>> {
  const asOf = asOfDate(year, today);
  const out = new Map<number, PerformanceFigures>(agencyIds.map((id) => [id, emptyFigures(id, year, asOf)]));
  if (agencyIds.length === 0) return out;
  const ids = [...out.keys()];
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;

  const [received, answered, openNow, openThen, events, appeals, documents, interpretations] = await Promise.all([
    db
      .selectFrom('applications')
      .select(['agencyId', 'channel', 'applicantType', (eb) => eb.fn.countAll<number>().as('n')])
      .where('agencyId', 'in', ids)
      .where('receivedOn', '>=', first)
      .where('receivedOn', '<=', last)
      .groupBy(['agencyId', 'channel', 'applicantType'])
      .execute(),
    // The one row-per-case query: the columns of the applications_answered index, so it reads the index alone.
    db
      .selectFrom('applications')
      .select(['agencyId', 'receivedOn', 'closedOn', 'dueOn', 'outcome'])
      .where('agencyId', 'in', ids)
      .where('closedOn', '>=', first)
      .where('closedOn', '<=', last)
      .where('outcome', 'is not', null)
      .where('receivedOn', 'is not', null)
      .execute(),
    // Open now (the workbench's partial index) and past due on asOf.
    db
      .selectFrom('applications')
      .select(['agencyId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('agencyId', 'in', ids)
      .where('isOpen', '=', 1)
      .where('receivedOn', '<=', asOf)
      .where('dueOn', '<', asOf)
      .groupBy('agencyId')
      .execute(),
    // For a past year also the cases answered only after asOf: they were open on that day.
    asOf < today
      ? db
          .selectFrom('applications')
          .select(['agencyId', (eb) => eb.fn.countAll<number>().as('n')])
          .where('agencyId', 'in', ids)
          .where('closedOn', '>', asOf)
          .where('receivedOn', '<=', asOf)
          .where('dueOn', '<', asOf)
          .groupBy('agencyId')
          .execute()
      : Promise.resolve([]),
    db
      .selectFrom('applicationEvents')
      .select(['agencyId', 'type', (eb) => eb.fn.count<number>('applicationId').distinct().as('n')])
      .where('agencyId', 'in', ids)
      // Literal, as the partial index application_events_measures names it.
      .where(sql<boolean>`type in ('extended', 'correction_requested', 'consultation_started')`)
      .where('eventOn', '>=', first)
      .where('eventOn', '<=', last)
      .groupBy(['agencyId', 'type'])
      .execute(),
    db
      .selectFrom('appeals')
      .select(['agencyId', 'type', 'filedOn', 'result', 'decidedOn'])
      .where('agencyId', 'in', ids)
      .where('filedOn', '>=', first)
      .where('filedOn', '<=', last)
      .execute(),
    db
      .selectFrom('documents')
      .select(['agencyId', sql<string>`substr(published_on, 6, 2)`.as('month'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('agencyId', 'in', ids)
      .where('status', '=', 'published')
      .where('publishedOn', '>=', first)
      .where('publishedOn', '<=', last)
      // By the output name, which both dialects accept and which keeps PostgreSQL from comparing two expressions.
      .groupBy(['agencyId', sql`month`])
      .execute(),
    interpretationCounts(db, calendar, ids, year),
  ]);

  for (const r of received) {
    const f = has(out, r.agencyId);
    if (!f) continue;
    const n = Number(r.n);
    f.received.total += n;
    if (r.channel in f.received.byChannel) f.received.byChannel[r.channel] += n;
    if (r.applicantType in f.received.byApplicantType) f.received.byApplicantType[r.applicantType as ApplicantType] += n;
  }

  let current: PerformanceFigures | undefined;
  for (const r of answered) {
    if (current?.agencyId !== r.agencyId) current = has(out, r.agencyId);
    const f = current;
    if (!f) continue;
    const receivedOn = r.receivedOn as string;
    const closedOn = r.closedOn as string;
    f.answered++;
    // Late as the interchange's `overdue` says: answered after the due date. Without a due date it cannot be late.
    if (r.dueOn !== null && closedOn > r.dueOn) f.answeredLate++;
    else f.answeredOnTime++;
    if (r.outcome !== null && r.outcome in f.outcomes) f.outcomes[r.outcome as OutcomeCode]++;
    // An answer dated before its receipt (bad data) took 0 working days: workdaysBetween answers 0 for it.
    const { days, provisional } = calendar.workdaysBetween(receivedOn, closedOn);
    addToHistogram(f.workdays.histogram, days);
    if (provisional) f.workdays.provisional = true;
  }

  for (const r of [...openNow, ...openThen]) {
    const f = has(out, r.agencyId);
    if (f) f.openOverdue += Number(r.n);
  }

  for (const r of events) {
    const f = has(out, r.agencyId);
    if (!f) continue;
    const n = Number(r.n);
    if (r.type === 'extended') f.extensions = n;
    else if (r.type === 'correction_requested') f.corrections = n;
    else if (r.type === 'consultation_started') f.consultations = n;
  }

  const appealsByAgency = new Map<number, { type: AppealType; filedOn: string; result: AppealResult; decidedOn: string | null }[]>();
  for (const a of appeals) {
    const list = appealsByAgency.get(Number(a.agencyId)) ?? [];
    list.push(a);
    appealsByAgency.set(Number(a.agencyId), list);
  }
  for (const [id, list] of appealsByAgency) {
    const f = has(out, id);
    if (f) f.appeals = computeTable4(list, year);
  }

  for (const r of documents) {
    const f = has(out, r.agencyId);
    const month = Number(r.month);
    if (!f || !(month >= 1 && month <= 12)) continue;
    f.documentsPerMonth[month - 1] = Number(r.n);
    f.documentsPublished += Number(r.n);
  }

  for (const [id, c] of interpretations) {
    const f = has(out, id);
    if (f) f.interpretation = { ...c, coverage: rate(c.interpreted, c.documents) };
  }

  for (const f of out.values()) {
    f.onTimeRate = rate(f.answeredOnTime, f.answered);
    f.workdays.median = histogramPercentile(f.workdays.histogram, 50);
    f.workdays.p90 = histogramPercentile(f.workdays.histogram, 90);
    f.workdays.buckets = bucketize(f.workdays.histogram);
  }
  return out;
}

/** The figures of one agency (the console and portal pages). */
export async function agencyPerformance(
  db: DbOrTrx,
  calendar: Pick<WorkCalendar, 'workdaysBetween'>,
  agencyId: number,
  year: number,
  today: string,
): Promise<PerformanceFigures> {
  const figures = (await performanceFigures(db, calendar, [agencyId], year, today)).get(agencyId);
  return figures ?? emptyFigures(agencyId, year, asOfDate(year, today));
}
