import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerApplication } from '../../src/applications/applications.service.ts';
import { computeTable3ForAgency } from '../../src/applications/statistics.ts';
import { importArrangements, parseArrangementFile } from '../../src/calendar/calendar.service.ts';
import { dueDateRecomputers } from '../../src/composition.ts';
import { loadConfig } from '../../src/config.ts';
import { openSqliteFile } from '../../src/db/database.ts';
import type { Agency } from '../../src/db/schema.ts';
import { buildDemo } from '../../src/demo/demo.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { staffApplicationForm } from '../builders/applications.ts';
import { buildAgency } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

const FIXTURE_2027 = path.resolve(import.meta.dirname, '../fixtures/calendar-2027.json');
const clock = fixedClock('2026-12-21T02:00:00Z');

describe.each(DIALECTS)('applications and the holiday calendar, concurrency on %s', (dialect) => {
  let tdb: TestDatabase;
  let agency: Agency;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    agency = await buildAgency(tdb.db);
  });
  afterAll(async () => {
    await tdb?.cleanup();
  });

  it('marks a period through an unloaded year provisional, and recomputes it when the year is loaded', async () => {
    const created = await registerApplication({ db: tdb.db, clock }, systemActor(), agency, staffApplicationForm({ receivedOn: '2026-12-20' }));
    // 2027 is not loaded: Monday–Friday only, so the 20th working day after Sun 2026-12-20 is Fri 2027-01-15.
    const before = await tdb.db.selectFrom('applications').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(before).toMatchObject({ dueOn: '2027-01-15', provisional: 1 });
    const change = await importArrangements(
      { db: tdb.db, clock, recomputers: dueDateRecomputers },
      systemActor(),
      parseArrangementFile(fs.readFileSync(FIXTURE_2027, 'utf8')),
    );
    // With 元旦 1–3 January 2027 off (fixture), it moves to Mon 2027-01-18 and is no longer provisional.
    expect(change.moved).toContainEqual(expect.objectContaining({ kind: 'application', ref: created.ref, oldDueOn: '2027-01-15', newDueOn: '2027-01-18' }));
    const after = await tdb.db.selectFrom('applications').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ dueOn: '2027-01-18', provisional: 0 });
  });

  it('gives concurrent registrations distinct references', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        registerApplication({ db: tdb.db, clock }, systemActor(), agency, staffApplicationForm({ receivedOn: '2026-12-18', subject: `并发 ${i}` })),
      ),
    );
    const refs = results.map((r) => r.ref);
    expect(new Set(refs).size).toBe(8);
    expect(new Set(results.map((r) => r.trackingNo)).size).toBe(8);
  });
});

describe('the demo agency (the seed)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-demo-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('received and answered 2 applications in 2021 and 2 in 2022, on time, with open work now', async () => {
    await buildDemo(loadConfig({ GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'silent' }));
    const handle = openSqliteFile(path.join(dir, 'gongkai.sqlite'));
    try {
      const agency = await handle.db.selectFrom('agencies').selectAll().where('code', '=', 'lcgxj').executeTakeFirstOrThrow();
      for (const year of [2021, 2022]) {
        const t = await computeTable3ForAgency(handle.db, agency.id, year);
        expect({ year, received: t.received.total, closed: t.closedTotal.total, carriedIn: t.carriedIn.total, carriedOut: t.carriedOut.total }).toEqual({
          year,
          received: 2,
          closed: 2,
          carriedIn: 0,
          carriedOut: 0,
        });
      }
      const seed = await handle.db
        .selectFrom('applications')
        .select(['subject', 'closedOn', 'dueOn'])
        .where('agencyId', '=', agency.id)
        .where('receivedOn', '>=', '2022-01-01')
        .where('receivedOn', '<=', '2022-12-31')
        .execute();
      expect(seed.map((s) => s.subject).sort()).toEqual(['单位机构职能和权责清单', '无线电初级操作证报考']);
      for (const s of seed) expect((s.closedOn as string) <= (s.dueOn as string)).toBe(true);
      const open = await handle.db.selectFrom('applications').select('status').where('agencyId', '=', agency.id).where('isOpen', '=', 1).execute();
      expect(open.length).toBeGreaterThanOrEqual(4);
    } finally {
      await handle.destroy();
    }
  });
});
