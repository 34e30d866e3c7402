/** Fixtures for report tests: the seed agency's sources (the numbers other modules would supply), as in-memory records. */
import type { DbOrTrx } from '../../src/db/database.ts';
import type { DocumentFact } from '../../src/reports/table2.ts';
import { emptyTable3, emptyTable4 } from '../../src/vocabulary/report-format.ts';
import { type ApplicationRecord, type MemoryData, memorySources } from '../support/report-sources.ts';

/** Report sources mimicking lcgxj: 2 applications in 2021 and 2 in 2022, 192 items and 22 interpretations in 2022, 2 normative documents. */
export function seedSources(agencyId: number) {
  const applications: ApplicationRecord[] = [
    { receivedOn: '2021-04-02', applicantType: 'natural_person', closedOn: '2021-04-20', outcome: 'granted' },
    { receivedOn: '2021-09-13', applicantType: 'business', closedOn: '2021-10-09', outcome: 'unavailable.not_held' },
    { receivedOn: '2022-03-01', applicantType: 'natural_person', closedOn: '2022-03-22', outcome: 'granted' },
    { receivedOn: '2022-08-15', applicantType: 'natural_person', closedOn: '2022-09-01', outcome: 'granted' },
  ];
  const older: DocumentFact[] = Array.from({ length: 7 }, (_, i) => ({
    category: 'normative',
    issuedOn: `20${17 + (i % 5)}-0${1 + i}-10`,
    validity: 'in_force',
  }));
  const documents: DocumentFact[] = [
    ...older,
    { category: 'normative', issuedOn: '2022-06-10', publishedOn: '2022-06-13', validity: 'in_force' },
    { category: 'normative', issuedOn: '2022-11-02', publishedOn: '2022-11-04', validity: 'in_force' },
    { category: 'normative', issuedOn: '2016-03-01', validity: 'repealed', validityChangedOn: '2021-05-01' },
  ];
  const data: MemoryData = {
    applications: { [agencyId]: applications },
    documents: { [agencyId]: documents },
    stats: {
      [agencyId]: {
        2021: { published: 171, interpretations: 18, normativeIssued: 1, normativeInterpretedOnTime: 1 },
        2022: { published: 192, interpretations: 22, normativeIssued: 2, normativeInterpretedOnTime: 2 },
      },
    },
  };
  return memorySources(data);
}

/** A generated 2021 report published in January 2022 whose comparison says 192 items were published that year. */
export async function insertPublished2021Report(db: DbOrTrx, agencyId: number): Promise<void> {
  await db
    .insertInto('annualReports')
    .values({
      agencyId,
      year: 2021,
      format: '2021',
      status: 'published',
      origin: 'generated',
      sectionsJson: JSON.stringify({ intro: '', overview: {}, problems: '', other: '' }),
      tablesJson: JSON.stringify({ applications: emptyTable3(), appeals: emptyTable4() }),
      checksJson: '[]',
      comparisonJson: JSON.stringify({ year: 2021, rows: [{ key: 'published', now: 192, before: null }] }),
      createdAt: '2022-01-20T00:00:00Z',
      updatedAt: '2022-01-20T00:00:00Z',
      reviewedAt: null,
      reviewedBy: null,
      approvedAt: null,
      approvedBy: null,
      publishedAt: '2022-01-20T00:00:00Z',
      publishedBy: '前任',
    })
    .execute();
}
