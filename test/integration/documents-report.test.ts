import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeValidity } from '../../src/documents/published.service.ts';
import { proactiveStatsForAgency as documentProactiveStats, table2DocumentsForAgency as documentTable2Counts } from '../../src/documents/report-stats.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { buildDraft, buildPublished } from '../builders/documents.ts';
import { buildAgency } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

describe.each(DIALECTS)('documents as a source of the annual report on %s', (dialect) => {
  let tdb: TestDatabase;
  let agencyId: number;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    agencyId = (await buildAgency(tdb.db, { code: 'rep' })).id;
    const old = await buildPublished(tdb.db, agencyId, { title: '旧办法', category: 'normative', issuedOn: '2020-03-02', publishedOn: '2020-03-04' });
    await buildPublished(tdb.db, agencyId, { title: '规章', category: 'rule', issuedOn: '2019-05-06', publishedOn: '2019-05-08' });
    // 2022: two normative documents, one interpreted on time (3 working days), one late (5); some other items.
    const a = await buildPublished(tdb.db, agencyId, { title: '办法甲', category: 'normative', issuedOn: '2022-06-10', publishedOn: '2022-06-13' });
    const b = await buildPublished(tdb.db, agencyId, { title: '办法乙', category: 'normative', issuedOn: '2022-06-10', publishedOn: '2022-06-13' });
    await buildPublished(tdb.db, agencyId, {
      title: '解读甲',
      category: 'interpretation',
      interpretsId: a.id,
      issuedOn: '2022-06-16',
      publishedOn: '2022-06-16',
    });
    await buildPublished(tdb.db, agencyId, {
      title: '解读乙',
      category: 'interpretation',
      interpretsId: b.id,
      issuedOn: '2022-06-20',
      publishedOn: '2022-06-20',
    });
    await buildPublished(tdb.db, agencyId, { title: '动态', category: 'news', issuedOn: '2022-07-01', publishedOn: '2022-07-01' });
    await buildDraft(tdb.db, agencyId, { title: '草稿不计', category: 'normative', issuedOn: '2022-08-01' });
    await changeValidity({ db: tdb.db, clock: fixedClock('2022-12-01T02:00:00Z') }, systemActor(), agencyId, old.id, {
      validity: 'repealed',
      changedOn: '2022-11-30',
    });
  });
  afterAll(async () => tdb?.cleanup());

  it('counts table 2: issued, repealed and in force at the year end', async () => {
    const c = await documentTable2Counts(tdb.db, agencyId, 2022);
    expect(c.normativeDocuments).toMatchObject({ issued: 2, repealed: 1, inForce: 2 });
    expect(c.rules).toMatchObject({ issued: 0, repealed: 0, inForce: 1 });
    expect((await documentTable2Counts(tdb.db, agencyId, 2021)).normativeDocuments).toMatchObject({ issued: 0, repealed: 0, inForce: 1 });
  });

  it('gives the year’s 主动公开 figures, with normative documents interpreted within the agency’s limit', async () => {
    expect(await documentProactiveStats(tdb.db, agencyId, 2022)).toEqual({
      published: 5,
      interpretations: 2,
      normativeIssued: 2,
      normativeInterpretedOnTime: 1,
      // The forms the year's interpretations were published in (an interpretation without one is 文稿解读).
      interpretationForms: ['text'],
    });
    expect(await documentProactiveStats(tdb.db, agencyId, 2021)).toEqual({
      published: 0,
      interpretations: 0,
      normativeIssued: 0,
      normativeInterpretedOnTime: 0,
      interpretationForms: [],
    });
  });
});
