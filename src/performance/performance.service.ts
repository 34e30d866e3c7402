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
import { type RawBuilder, sql } from 'kysely';
import { isOpenCase } from '../applications/applications.repo.ts';
import type { Channel } from '../applications/applications.tables.ts';
import { computeTable4 } from '../applications/statistics.ts';
import type { WorkCalendar } from '../calendar/day-table.ts';
import type { DbOrTrx } from '../db/database.ts';
import { dialectOf } from '../db/dialect.ts';
import { interpretationCounts } from '../documents/oversight/oversight.queries.ts';
import { APPLICANT_TYPES, type AppealResult, type AppealType, type ApplicantType, OUTCOME_CODES, type OutcomeCode } from '../vocabulary/codes.ts';
import { emptyTable4, type Table4 } from '../vocabulary/report-format.ts';
import { addToHistogram, bucketize, histogramPercentile, rate, type WorkdayBucket, type WorkdayHistogram } from './statistics.ts';

export const CHANNELS = ['online', 'in_person', 'mail', 'email', 'fax', 'other'] as const satisfies readonly Channel[];

/** The figures of one agency for one year. Counts are whole numbers; rates are in [0, 1] or null when undefined. */
export type PerformanceFigures = {
  agencyId: number;
  year: number;
  /** The day open cases are judged overdue on: today for the current year, 31 December for a past year. */
  asOf: string;
  /**
   * Applications received in the year (stored receipt date, 第三十一条), in all and, when asked for (`breakdown`), by
   * channel and applicant type (null otherwise).
   */
  received: { total: number; byChannel: Record<Channel, number> | null; byApplicantType: Record<ApplicantType, number> | null };
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

/** Figures of nothing: zeros, and null for every rate and percentile. */
export function emptyFigures(agencyId: number, year: number, asOf: string, breakdown: boolean): PerformanceFigures {
  return {
    agencyId,
    year,
    asOf,
    received: breakdown
      ? { total: 0, byChannel: zeros(CHANNELS), byApplicantType: zeros(APPLICANT_TYPES) }
      : { total: 0, byChannel: null, byApplicantType: null },
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

/** Stands in for a missing due date: an answer without one cannot be late. */
const NO_DUE_DATE = '9999-12-31';

/**
 * Concatenates a text expression over a group. The answered cases come back as one string per agency because both
 * drivers spend about a microsecond on every row they return: 100,000 rows cost more than the query that finds them.
 */
function stringAgg(db: DbOrTrx, expr: RawBuilder<string>): RawBuilder<string> {
  return dialectOf(db) === 'postgres' ? sql<string>`string_agg(${expr}, '')` : sql<string>`group_concat(${expr}, '')`;
}

/**
 * Counts the answered cases of one agency from their concatenated records, each `receivedOn closedOn dueOn outcome;`
 * (dates of 10 characters, no separators between them).
 */
function countAnswers(f: PerformanceFigures, calendar: Pick<WorkCalendar, 'workdaysBetween'>, cases: string): void {
  const outcomes = f.outcomes as Record<string, number>;
  for (let i = 0; i < cases.length; ) {
    const end = cases.indexOf(';', i);
    if (end < 0) break;
    // Dates are stored as YYYY-MM-DD (validated on every way in); a record too short to hold three is skipped
    // rather than read out of step.
    if (end - i < 30) {
      i = end + 1;
      continue;
    }
    const receivedOn = cases.slice(i, i + 10);
    const closedOn = cases.slice(i + 10, i + 20);
    const dueOn = cases.slice(i + 20, i + 30);
    const outcome = cases.slice(i + 30, end);
    i = end + 1;
    f.answered++;
    // Late as the interchange's `overdue` says: answered after the due date.
    if (closedOn > dueOn) f.answeredLate++;
    else f.answeredOnTime++;
    if (Object.hasOwn(outcomes, outcome)) outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    // An answer dated before its receipt (bad data) took 0 working days: workdaysBetween answers 0 for it.
    const { days, provisional } = calendar.workdaysBetween(receivedOn, closedOn);
    addToHistogram(f.workdays.histogram, days);
    if (provisional) f.workdays.provisional = true;
  }
}

/** `breakdown`: also count the year's receipts by channel and applicant type (costs a read of every such case). */
export type PerformanceOptions = { breakdown?: boolean };

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
  options: PerformanceOptions = {},
): Promise<Map<number, PerformanceFigures>> {
  const asOf = asOfDate(year, today);
  const out = new Map<number, PerformanceFigures>(agencyIds.map((id) => [id, emptyFigures(id, year, asOf, options.breakdown === true)]));
  if (agencyIds.length === 0) return out;
  const ids = [...out.keys()];
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;

  const [received, answered, openNow, openThen, events, appeals, documents, interpretations] = await Promise.all([
    // The totals read the applications_received index alone; the breakdown reads every case (channel and applicant
    // type are in no index), so only the pages of one agency ask for it.
    options.breakdown
      ? db
          .selectFrom('applications')
          .select(['agencyId', 'channel', 'applicantType', (eb) => eb.fn.countAll<number>().as('n')])
          .where('agencyId', 'in', ids)
          .where('receivedOn', '>=', first)
          .where('receivedOn', '<=', last)
          .groupBy(['agencyId', 'channel', 'applicantType'])
          .execute()
      : db
          .selectFrom('applications')
          .select(['agencyId', (eb) => eb.fn.countAll<number>().as('n')])
          .where('agencyId', 'in', ids)
          .where('receivedOn', '>=', first)
          .where('receivedOn', '<=', last)
          .groupBy('agencyId')
          .execute(),
    // The answered cases, one string per agency (see countAnswers): the applications_answered index alone.
    db
      .selectFrom('applications')
      .select(['agencyId', stringAgg(db, sql`received_on || closed_on || coalesce(due_on, ${sql.lit(NO_DUE_DATE)}) || outcome || ';'`).as('cases')])
      .where('agencyId', 'in', ids)
      .where('closedOn', '>=', first)
      .where('closedOn', '<=', last)
      .where('outcome', 'is not', null)
      .where('receivedOn', 'is not', null)
      .groupBy('agencyId')
      .execute(),
    // Open now (literally, for the workbench's partial index applications_open) and past due on asOf. A due date
    // never precedes the receipt, so a case due before asOf was received before it: no receipt condition, which
    // would tempt SQLite into reading the agency's whole history by receipt date.
    db
      .selectFrom('applications')
      .select(['agencyId', (eb) => eb.fn.countAll<number>().as('n')])
      .where('agencyId', 'in', ids)
      .where(isOpenCase)
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

  for (const r of received as { agencyId: number; n: number | string; channel?: string; applicantType?: string }[]) {
    const f = has(out, r.agencyId);
    if (!f) continue;
    const n = Number(r.n);
    f.received.total += n;
    const { byChannel, byApplicantType } = f.received as { byChannel: Record<string, number> | null; byApplicantType: Record<string, number> | null };
    if (byChannel && r.channel && Object.hasOwn(byChannel, r.channel)) byChannel[r.channel] = (byChannel[r.channel] ?? 0) + n;
    if (byApplicantType && r.applicantType && Object.hasOwn(byApplicantType, r.applicantType)) {
      byApplicantType[r.applicantType] = (byApplicantType[r.applicantType] ?? 0) + n;
    }
  }

  for (const r of answered) {
    const f = has(out, r.agencyId);
    if (f) countAnswers(f, calendar, String(r.cases ?? ''));
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

/** The figures of one agency, with the breakdown of receipts (the console and portal pages). */
export async function agencyPerformance(
  db: DbOrTrx,
  calendar: Pick<WorkCalendar, 'workdaysBetween'>,
  agencyId: number,
  year: number,
  today: string,
): Promise<PerformanceFigures> {
  const figures = (await performanceFigures(db, calendar, [agencyId], year, today, { breakdown: true })).get(agencyId);
  if (!figures) throw new Error(`no figures for agency ${agencyId}`);
  return figures;
}
