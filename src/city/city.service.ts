/**
 * The city view (issue 7): a people's government and its child agencies side by side for one year — the ranking by
 * self-check score, which annual reports are published and which are late, the performance figures, and tables 3
 * and 4 summed across them.
 * Every figure is read for all the agencies at once (one query per kind of figure), never agency by agency.
 */
import { computeTable3ForAgencies, computeTable4ForAgencies } from '../applications/statistics.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import { type CheckRun, countedRunOf, countedRunsOf } from '../compliance/compliance.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';
import { asOfDate, performanceFigures } from '../performance/performance.service.ts';
import type { Deadline } from '../reports/deadline.ts';
import type { ReportStatus } from '../reports/report-model.ts';
import { mergeTrialOther } from '../reports/report-tables.ts';
import { reportStatusesOf } from '../reports/reports.service.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { forbidden, notFound } from '../shared/errors.ts';
import { formatForYear, type ReportFormat, type Table3, type Table4 } from '../vocabulary/report-format.ts';
import { canViewCity } from './city.policy.ts';
import { type FigureRow, figureRow, type ReportStanding, rankByScore, reportStanding, type ScoredRun, totalRow } from './city-rules.ts';

type Deps = { db: DbOrTrx; clock: Clock };

export type CityAgency = Pick<Agency, 'id' | 'code' | 'name' | 'kind' | 'parentId'>;

export type RankingRow = { agency: CityAgency; run: ScoredRun | null; rank: number | null };
export type ReportRow = { agency: CityAgency; deadline: Deadline; status: ReportStatus | null; publishedOn: string | null } & ReportStanding;

export type CityOverview = {
  city: CityAgency;
  year: number;
  /** The government itself first (本级), then its children in name order. */
  agencies: CityAgency[];
  ranking: RankingRow[];
  reports: ReportRow[];
  format: ReportFormat;
  table3: Table3;
  table4: Table4;
  /** The performance figures side by side, in the order of `agencies`, and all of them as one line. */
  figures: { agency: CityAgency; row: FigureRow }[];
  total: FigureRow;
  /** The day open cases are judged overdue on (performance/asOfDate). */
  asOf: string;
};

const byName = new Intl.Collator('zh-CN');

/** A government and its direct child agencies: the government first, the children in the order of their names (pinyin). */
export async function cityAgencies(db: DbOrTrx, city: CityAgency): Promise<CityAgency[]> {
  const children = await db.selectFrom('agencies').select(['id', 'code', 'name', 'kind', 'parentId']).where('parentId', '=', city.id).execute();
  children.sort((a, b) => byName.compare(a.name, b.name) || a.code.localeCompare(b.code));
  return [city, ...children];
}

/**
 * The city view of a government for year Y, for a member of that government (canViewCity). Reads only;
 * the children's own records stay theirs (their consoles remain closed to the city's users).
 */
export async function cityOverview(deps: Deps, actor: Actor, city: CityAgency, year: number): Promise<CityOverview> {
  if (!canViewCity(actor, city)) throw forbidden();
  const agencies = await cityAgencies(deps.db, city);
  const ids = agencies.map((a) => a.id);
  const today = deps.clock.today();
  const calendar = await loadWorkCalendar(deps.db);
  // A year's self-check result is due with its report (compliance/year-result.ts): the same deadline.
  const reports = await reportStatusesOf(deps.db, agencies, year);
  const due = new Map(agencies.map((a, i) => [a.id, reports[i]?.deadline.due ?? `${year + 1}-01-31`]));
  const [runs, table3, table4, performance] = await Promise.all([
    countedRunsOf(deps.db, due, year),
    computeTable3ForAgencies(deps.db, ids, year),
    computeTable4ForAgencies(deps.db, ids, year),
    performanceFigures(deps.db, calendar, ids, year, today),
  ]);
  const figures = agencies.flatMap((agency) => {
    const f = performance.get(agency.id);
    return f ? [{ agency, f }] : [];
  });
  const format = formatForYear(year);
  return {
    city,
    year,
    agencies,
    ranking: rankByScore(agencies.map((agency) => ({ agency, run: runs.get(agency.id) ?? null }))),
    reports: reports.map((r, i) => ({ agency: agencies[i] as CityAgency, ...r, ...reportStanding(r.deadline, r.status, r.publishedOn, today) })),
    format,
    // The trial format of reports before 2021 prints one 其他处理 row.
    table3: format === '2019' ? mergeTrialOther(table3) : table3,
    table4,
    figures: figures.map(({ agency, f }) => ({ agency, row: figureRow(f) })),
    total: totalRow(figures.map(({ f }) => f)),
    asOf: asOfDate(year, today),
  };
}

/**
 * One agency of the city (the government itself or a child) with its self-check result of the year (the run it
 * submitted, else its last by the deadline), for the city
 * office to read the findings behind a score. NOT_FOUND for an agency outside the city.
 */
export async function cityAgencyCheck(
  deps: Deps,
  actor: Actor,
  city: CityAgency,
  code: string,
  year: number,
): Promise<{ agency: CityAgency; run: CheckRun | null }> {
  if (!canViewCity(actor, city)) throw forbidden();
  const agency = (await cityAgencies(deps.db, city)).find((a) => a.code === code);
  if (!agency) throw notFound();
  return { agency, run: await countedRunOf(deps.db, agency, year) };
}
