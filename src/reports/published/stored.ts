/**
 * The reports published on the platform (or imported) of many agencies for one year, read in one query and turned
 * into the cells the published-report checks read: tables as stored when published, the text of every section.
 */
import type { DbOrTrx } from '../../db/database.ts';
import type { StoredSections } from '../narrative.ts';
import { readPublishedJson } from './csv-source.ts';
import type { PublishedReport } from './read-model.ts';

/** Each agency's frozen report of the year, by agency id; agencies without one are absent. */
export async function publishedReportsOf(db: DbOrTrx, agencyIds: readonly number[], year: number): Promise<Map<number, PublishedReport>> {
  if (agencyIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('annualReports')
    .select(['agencyId', 'format', 'tablesJson', 'sectionsJson', 'status', 'origin'])
    .where('year', '=', year)
    .where('agencyId', 'in', [...agencyIds])
    .execute();
  const out = new Map<number, PublishedReport>();
  for (const row of rows) {
    if (!row.tablesJson || (row.status !== 'published' && row.origin !== 'imported')) continue;
    const sections = JSON.parse(row.sectionsJson) as StoredSections;
    const report = readPublishedJson({ year, format: row.format, tables: JSON.parse(row.tablesJson) });
    report.text = [sections.intro, ...Object.values(sections.overview ?? {}), sections.problems, sections.other].filter((s) => typeof s === 'string');
    out.set(row.agencyId, report);
  }
  return out;
}
