/**
 * Tables 3 and 4 of the annual report, counted from case records by the rules of annual-report-format.md.
 * computeTable3 / computeTable4 are pure functions over plain records; the *ForAgency wrappers read the records of
 * one agency from the database. The report module renders and validates what these return.
 */
import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.ts';
import type { AppealResult, AppealType, ApplicantType, OutcomeCode } from '../vocabulary/codes.ts';
import { APPEAL_TYPE_KEYS, type AppealCounts, type ApplicantCounts, emptyTable3, emptyTable4, type Table3, type Table4 } from '../vocabulary/report-format.ts';

/**
 * What table 3 needs of an application: applicant column, receipt date, and (when answered) closing date and outcome.
 * `count` lets one record stand for that many identical ones (the database aggregates before counting).
 */
export type Table3Record = { applicantType: ApplicantType; receivedOn: string; closedOn: string | null; outcome: OutcomeCode | null; count?: number };

/** What table 4 needs of an appeal; `count` lets one record stand for that many identical ones. */
export type Table4Record = { type: AppealType; filedOn: string; result: AppealResult; decidedOn: string | null; count?: number };

const bump = (row: ApplicantCounts, column: ApplicantType, n = 1) => {
  row[column] += n;
  row.total += n;
};

/**
 * Table 3 for year Y: received = received in Y; carriedIn = received before Y and not closed before 1 January Y;
 * an outcome row counts the cases closed in Y by outcome (区分处理 only as partial: one outcome per case);
 * closedTotal = the sum of the 21 rows; carriedOut = received by 31 December Y and not closed by then.
 * A record closed before its receipt date (bad data) is read as closed on its receipt date, so R1 always holds.
 */
export function computeTable3(records: Iterable<Table3Record>, year: number): Table3 {
  const table = emptyTable3();
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  for (const r of records) {
    if (r.receivedOn > last) continue;
    let closedOn = r.outcome !== null ? r.closedOn : null;
    if (closedOn !== null && closedOn < r.receivedOn) closedOn = r.receivedOn;
    if (closedOn !== null && closedOn < first) continue;
    const n = r.count ?? 1;
    if (r.receivedOn >= first) bump(table.received, r.applicantType, n);
    else bump(table.carriedIn, r.applicantType, n);
    if (closedOn !== null && closedOn <= last && r.outcome !== null) {
      bump(table.outcomes[r.outcome], r.applicantType, n);
      bump(table.closedTotal, r.applicantType, n);
    } else bump(table.carriedOut, r.applicantType, n);
  }
  return table;
}

/** Options of table 4: `includeCarriedOver` also counts cases filed earlier and still pending on 1 January of Y. */
export type Table4Options = { includeCarriedOver?: boolean };

/**
 * Table 4 for year Y: the appeals filed in Y (plus, with includeCarriedOver, those filed before Y and not decided
 * before it), each with its result as of 31 December Y — a decision after that day counts as 尚未审结.
 */
export function computeTable4(records: Iterable<Table4Record>, year: number, options: Table4Options = {}): Table4 {
  const table = emptyTable4();
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  for (const a of records) {
    if (a.filedOn > last) continue;
    const decided = a.result !== 'pending' && a.decidedOn !== null;
    if (a.filedOn < first) {
      if (!options.includeCarriedOver) continue;
      if (decided && (a.decidedOn as string) < first) continue;
    }
    const result: AppealResult = decided && (a.decidedOn as string) <= last ? a.result : 'pending';
    const block: AppealCounts = table[APPEAL_TYPE_KEYS[a.type]];
    const n = a.count ?? 1;
    block[result] += n;
    block.total += n;
  }
  return table;
}

/** Table 3 of an agency's confirmed applications for `year` (see computeTable3). */
export function computeTable3ForAgency(db: DbOrTrx, agencyId: number, year: number): Promise<Table3> {
  return computeTable3ForAgencies(db, [agencyId], year);
}

/**
 * Table 3 of several agencies together (a city's agencies): every cell the sum of theirs, counted by one aggregate
 * query over all of them, never a query per agency.
 */
export async function computeTable3ForAgencies(db: DbOrTrx, agencyIds: readonly number[], year: number): Promise<Table3> {
  if (agencyIds.length === 0) return emptyTable3();
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  // Counted in the database by what the rules look at (receipt before or in Y; closed in Y, after Y or open), so a
  // year of 100,000 cases returns a few dozen rows; each group stands for its cases with representative dates.
  const received = sql<string>`case when received_on < ${first} then 'before' else 'in' end`;
  const closed = sql<string>`case when outcome is null or closed_on is null then 'open' when closed_on < received_on then (case when received_on < ${first} then 'early' else 'in' end) when closed_on < ${first} then 'early' when closed_on <= ${last} then 'in' else 'after' end`;
  const rows = await db
    .selectFrom('applications')
    .select(['applicantType', 'outcome', received.as('rb'), closed.as('cb'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('agencyId', 'in', [...agencyIds])
    .where('receivedOn', 'is not', null)
    .where('receivedOn', '<=', last)
    .where((eb) => eb.or([eb('closedOn', 'is', null), eb('closedOn', '>=', first), eb('outcome', 'is', null)]))
    // By the output names: the CASE expressions' bound dates would not match in GROUP BY on PostgreSQL.
    .groupBy(['applicantType', 'outcome', sql`rb`, sql`cb`])
    .execute();
  const receivedOn = (rb: string) => (rb === 'before' ? `${year - 1}-07-01` : `${year}-07-01`);
  const closedOn = (cb: string) => (cb === 'open' ? null : cb === 'early' ? `${year - 1}-12-31` : cb === 'in' ? last : `${year + 1}-01-01`);
  return computeTable3(
    rows.map((r) => ({
      applicantType: r.applicantType as ApplicantType,
      receivedOn: receivedOn(r.rb),
      closedOn: closedOn(r.cb),
      outcome: r.outcome as OutcomeCode | null,
      count: Number(r.n),
    })),
    year,
  );
}

/** Table 4 of an agency's appeals for `year` (see computeTable4). */
export async function computeTable4ForAgency(db: DbOrTrx, agencyId: number, year: number, options: Table4Options = {}): Promise<Table4> {
  const rows = await db
    .selectFrom('appeals')
    .select(['type', 'filedOn', 'result', 'decidedOn'])
    .where('agencyId', '=', agencyId)
    .where('filedOn', '<=', `${year}-12-31`)
    .execute();
  return computeTable4(rows, year, options);
}

/**
 * Table 4 of several agencies together, counted by one aggregate query: appeals grouped by kind, result and where
 * their filing and decision dates fall against year Y, each group standing for its appeals with representative dates.
 */
export async function computeTable4ForAgencies(db: DbOrTrx, agencyIds: readonly number[], year: number, options: Table4Options = {}): Promise<Table4> {
  if (agencyIds.length === 0) return emptyTable4();
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const filed = sql<string>`case when filed_on < ${first} then 'before' else 'in' end`;
  const decided = sql<string>`case when decided_on is null then 'none' when decided_on < ${first} then 'early' when decided_on <= ${last} then 'in' else 'after' end`;
  let query = db
    .selectFrom('appeals')
    .select(['type', 'result', filed.as('fb'), decided.as('dcb'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('agencyId', 'in', [...agencyIds])
    .where('filedOn', '<=', last);
  if (!options.includeCarriedOver) query = query.where('filedOn', '>=', first);
  const rows = await query.groupBy(['type', 'result', sql`fb`, sql`dcb`]).execute();
  const filedOn = (fb: string) => (fb === 'before' ? `${year - 1}-07-01` : `${year}-07-01`);
  const decidedOn = (d: string) => (d === 'none' ? null : d === 'early' ? `${year - 1}-12-31` : d === 'in' ? last : `${year + 1}-01-01`);
  return computeTable4(
    rows.map((r) => ({
      type: r.type as AppealType,
      filedOn: filedOn(r.fb),
      result: r.result as AppealResult,
      decidedOn: decidedOn(r.dcb),
      count: Number(r.n),
    })),
    year,
    options,
  );
}

/**
 * What the year's applications asked about, for the report's draft (申请涉及…等方面的内容): each distinct subject of an
 * application received in the year, in the order received. The editor reads the draft before it goes out.
 */
export async function applicationSubjectsForAgency(db: DbOrTrx, agencyId: number, year: number): Promise<string[]> {
  const rows = await db
    .selectFrom('applications')
    .select(['subject'])
    .where('agencyId', '=', agencyId)
    .where('receivedOn', '>=', `${year}-01-01`)
    .where('receivedOn', '<=', `${year}-12-31`)
    .orderBy('receivedOn')
    .orderBy('id')
    .execute();
  return [...new Set(rows.map((r) => r.subject.trim()).filter(Boolean))];
}
