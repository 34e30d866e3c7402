import type { DbOrTrx } from '../db/database.ts';
import type { ProactiveStats } from '../reports/sources.ts';
import { countDocuments, type Table2DocumentCounts } from '../reports/table2.ts';
import { getDisclosureSettings } from './oversight.service.ts';
import { documentCalendar } from './workdays.ts';

/**
 * What the annual report reads from the documents module (wired in src/composition.ts `reportSources`): table 2's
 * counts of 规章 and 行政规范性文件, and the year's 主动公开 figures. Only documents that were published count.
 */

/** Table 2's document counts for an agency and year, by the report module's own counting rules. */
export async function documentTable2Counts(db: DbOrTrx, agencyId: number, year: number): Promise<Table2DocumentCounts> {
  const rows = await db
    .selectFrom('documents')
    .select(['category', 'issuedOn', 'publishedOn', 'validity', 'validityChangedOn'])
    .where('agencyId', '=', agencyId)
    .where('status', '=', 'published')
    .where('category', 'in', ['rule', 'normative'])
    .execute();
  return countDocuments(
    rows.map((r) => ({
      category: r.category === 'rule' ? 'rule' : 'normative',
      issuedOn: r.issuedOn,
      publishedOn: r.publishedOn,
      validity: r.validity ?? 'in_force',
      validityChangedOn: r.validityChangedOn,
    })),
    year,
  );
}

/** The year's 主动公开 figures: items and interpretations published, normative documents issued and interpreted in time. */
export async function documentProactiveStats(db: DbOrTrx, agencyId: number, year: number): Promise<ProactiveStats> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const published = await db
    .selectFrom('documents')
    .select(['id', 'category', 'issuedOn', 'publishedOn', 'interpretsId'])
    .where('agencyId', '=', agencyId)
    .where('status', '=', 'published')
    .where('publishedOn', '>=', from)
    .where('publishedOn', '<=', to)
    .execute();
  const normative = published.filter((d) => d.category === 'normative' && d.issuedOn >= from && d.issuedOn <= to);
  const { interpretationLagDays } = await getDisclosureSettings(db, agencyId);
  const calendar = await documentCalendar(db);
  let onTime = 0;
  if (normative.length > 0) {
    const interps = await db
      .selectFrom('documents')
      .select(['interpretsId', 'publishedOn'])
      .where('agencyId', '=', agencyId)
      .where('status', '=', 'published')
      .where(
        'interpretsId',
        'in',
        normative.map((d) => d.id),
      )
      .execute();
    for (const d of normative) {
      const first = interps
        .filter((i) => i.interpretsId === d.id && i.publishedOn)
        .map((i) => i.publishedOn as string)
        .sort()[0];
      if (first && d.publishedOn && calendar.workdaysBetween(d.publishedOn, first).days <= interpretationLagDays) onTime++;
    }
  }
  return {
    published: published.length,
    interpretations: published.filter((d) => d.category === 'interpretation').length,
    normativeIssued: normative.length,
    normativeInterpretedOnTime: onTime,
  };
}
