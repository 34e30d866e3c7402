/**
 * The city office checks its agencies' published annual reports of a year (issue 15): each report as stored when
 * published, checked as any published report is (R1–R5 with the previous year's report, T4, the text against the
 * tables). Two queries for all the agencies, whatever their number.
 */

import type { DbOrTrx } from '../db/database.ts';
import { checkPublished, type Finding } from '../reports/published/published-checks.ts';
import type { PublishedReport } from '../reports/published/read-model.ts';
import { publishedReportsOf } from '../reports/published/stored.ts';
import type { Actor } from '../shared/actor.ts';
import { forbidden } from '../shared/errors.ts';
import { canViewCity } from './city.policy.ts';
import { type CityAgency, cityAgencies } from './city.service.ts';

export type ReportCheckRow = { agency: CityAgency; report: PublishedReport | null; findings: Finding[] };
export type CityReportChecks = { city: CityAgency; year: number; rows: ReportCheckRow[] };

export async function cityReportChecks(deps: { db: DbOrTrx }, actor: Actor, city: CityAgency, year: number): Promise<CityReportChecks> {
  if (!canViewCity(actor, city)) throw forbidden();
  const agencies = await cityAgencies(deps.db, city);
  const ids = agencies.map((a) => a.id);
  const [reports, previous] = await Promise.all([publishedReportsOf(deps.db, ids, year), publishedReportsOf(deps.db, ids, year - 1)]);
  const rows = agencies.map((agency) => {
    const report = reports.get(agency.id) ?? null;
    const findings = report ? checkPublished(report, previous.get(agency.id) ?? null).flatMap((c) => c.findings) : [];
    return { agency, report, findings };
  });
  return { city, year, rows };
}
