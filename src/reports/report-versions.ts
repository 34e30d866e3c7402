/**
 * The published versions of a report superseded by a correction (更正), kept as they were published: the portal
 * still shows the latest while a correction is under way, and every one stays readable, marked 已更正, afterwards.
 */
import type { DbOrTrx } from '../db/database.ts';
import type { StoredReport } from './build-report.ts';
import type { YearComparison } from './render/charts.ts';
import type { CheckResult, FormattedTables } from './report-model.ts';

export type VersionSummary = { version: number; publishedAt: string; correctionNote: string | null };

/** The superseded versions of an agency-year's report, oldest first. */
export function listVersions(db: DbOrTrx, agencyId: number, year: number): Promise<VersionSummary[]> {
  return db
    .selectFrom('annualReportVersions')
    .select(['version', 'publishedAt', 'correctionNote'])
    .where('agencyId', '=', agencyId)
    .where('year', '=', year)
    .orderBy('version')
    .execute();
}

/** A superseded version as a stored, published, frozen report (null when there is none of that number). */
export async function getVersion(db: DbOrTrx, agencyId: number, year: number, version: number): Promise<StoredReport | null> {
  const row = await db
    .selectFrom('annualReportVersions')
    .selectAll()
    .where('agencyId', '=', agencyId)
    .where('year', '=', year)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    year: row.year,
    format: row.format,
    status: 'published',
    origin: row.origin,
    sections: JSON.parse(row.sectionsJson),
    frozen: {
      tables: { format: row.format, tables: JSON.parse(row.tablesJson) } as FormattedTables,
      checks: JSON.parse(row.checksJson) as CheckResult[],
      comparison: row.comparisonJson ? (JSON.parse(row.comparisonJson) as YearComparison) : null,
    },
    updatedAt: row.createdAt,
    reviewedAt: null,
    reviewedBy: null,
    approvedAt: null,
    approvedBy: null,
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy,
    version: row.version,
    correctionNote: row.correctionNote,
  };
}
