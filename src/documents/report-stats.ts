import type { DbOrTrx } from '../db/database.ts';
import type { ProactiveStats } from '../reports/sources.ts';
import { countDocuments, type Table2DocumentCounts } from '../reports/table2.ts';
import { interpretationReport } from './oversight/oversight.queries.ts';

/** Table 2's counts of 规章 and 行政规范性文件 for an agency-year, from the published documents (annual report source). */
export async function table2DocumentsForAgency(db: DbOrTrx, agencyId: number, year: number): Promise<Table2DocumentCounts> {
  const rows = await db
    .selectFrom('documents')
    .select(['category', 'issuedOn', 'publishedOn', 'validity', 'validityChangedOn'])
    .where('agencyId', '=', agencyId)
    .where('status', '=', 'published')
    .where('category', 'in', ['rule', 'normative'])
    .where('issuedOn', '<=', `${year}-12-31`)
    .execute();
  return countDocuments(
    rows.map((r) => ({
      category: r.category as 'rule' | 'normative',
      issuedOn: r.issuedOn,
      publishedOn: r.publishedOn,
      validity: r.validity ?? 'in_force',
      validityChangedOn: r.validityChangedOn,
    })),
    year,
  );
}

/** The 主动公开 figures of the report's narrative: items and interpretations published, normative documents and their timely interpretations. */
export async function proactiveStatsForAgency(db: DbOrTrx, agencyId: number, year: number): Promise<ProactiveStats> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const byCategory = await db
    .selectFrom('documents')
    .select(['category', (eb) => eb.fn.countAll<number>().as('n')])
    .where('agencyId', '=', agencyId)
    .where('status', '=', 'published')
    .where('publishedOn', '>=', from)
    .where('publishedOn', '<=', to)
    .groupBy('category')
    .execute();
  // 行政规范性文件 issued in the year, and how many had their interpretation within the agency's limit.
  const normative = (await interpretationReport(db, agencyId, { issuedIn: year })).items.filter((i) => i.category === 'normative');
  const onTime = normative.filter((i) => !i.late).length;
  const forms = await db
    .selectFrom('documents')
    .select('interpretationForm')
    .distinct()
    .where('agencyId', '=', agencyId)
    .where('status', '=', 'published')
    .where('category', '=', 'interpretation')
    .where('publishedOn', '>=', from)
    .where('publishedOn', '<=', to)
    .execute();
  return {
    published: byCategory.reduce((sum, r) => sum + Number(r.n), 0),
    interpretations: Number(byCategory.find((r) => r.category === 'interpretation')?.n ?? 0),
    normativeIssued: normative.length,
    normativeInterpretedOnTime: onTime,
    interpretationForms: forms.map((r) => r.interpretationForm ?? 'text'),
  };
}
