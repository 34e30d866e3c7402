import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApplications } from '../../bench/applications.data.ts';
import { computeTable3, computeTable3ForAgency, type Table3Record } from '../../src/applications/statistics.ts';
import { loadWorkCalendar } from '../../src/calendar/calendar.service.ts';
import { importHandlers } from '../../src/composition.ts';
import type { Agency } from '../../src/db/schema.ts';
import { importRecords, parseImportText } from '../../src/interchange/importer.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { buildAgency, testClock } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

// The database counts table 3 by aggregating; it must agree cell by cell with the pure rules over the raw records.
describe.each(DIALECTS)('table 3 counted in the database on %s', (dialect) => {
  let tdb: TestDatabase;
  let agency: Agency;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    agency = await buildAgency(tdb.db, { code: 'agg' });
    const calendar = await loadWorkCalendar(tdb.db);
    const text = generateApplications(calendar, 'agg', 3000, [2021, 2022, 2023], 7)
      .map((r) => JSON.stringify(r))
      .join('\n');
    await importRecords({ db: tdb.db, clock: testClock }, systemActor(), importHandlers, parseImportText(text), { replace: false });
  }, 60_000);
  afterAll(async () => tdb?.cleanup());

  it.each([2020, 2021, 2022, 2023, 2024])('agrees with the pure count for %i', async (year) => {
    const rows = await tdb.db
      .selectFrom('applications')
      .select(['applicantType', 'receivedOn', 'closedOn', 'outcome'])
      .where('agencyId', '=', agency.id)
      .execute();
    const records = rows.map((r) => ({ ...r, receivedOn: r.receivedOn as string }) as Table3Record);
    const expected = computeTable3(records, year);
    expect(await computeTable3ForAgency(tdb.db, agency.id, year)).toEqual(expected);
    if (year === 2022) expect(expected.received.total).toBeGreaterThan(500);
  });
});
