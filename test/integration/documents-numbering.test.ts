import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approve, confirmSecrecyReview, submitForReview } from '../../src/documents/documents.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { ALL_CHECKS, buildDraft } from '../builders/documents.ts';
import { buildAgency } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

// Found by the city load test (issue 17): staff of one agency saving drafts, or approving documents, at the same
// moment were refused with 409 for a number the platform chose (the draft's ref, the 索引号): both read the same
// largest number. Numbering is serialised per agency; nobody is refused.
const clock = fixedClock('2022-06-13T02:00:00Z');
const AT_ONCE = 8;

describe.each(DIALECTS)('documents numbered at the same moment on %s', (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
  });
  afterAll(async () => tdb?.cleanup());

  it('saves drafts saved at once, each with its own ref', async () => {
    const agency = await buildAgency(tdb.db);
    const drafts = await Promise.allSettled(Array.from({ length: AT_ONCE }, () => buildDraft(tdb.db, agency.id)));
    expect(drafts.filter((d) => d.status === 'rejected')).toEqual([]);
    const refs = drafts.map((d) => (d.status === 'fulfilled' ? d.value.ref : ''));
    expect(new Set(refs).size).toBe(AT_ONCE);
  });

  it('publishes documents approved at once, each with its own 索引号', async () => {
    const agency = await buildAgency(tdb.db);
    const deps = { db: tdb.db, clock };
    const actor = systemActor('测试');
    const ids: number[] = [];
    for (let i = 0; i < AT_ONCE; i++) {
      const d = await buildDraft(tdb.db, agency.id);
      await submitForReview(deps, actor, agency.id, d.id);
      await confirmSecrecyReview(deps, actor, agency.id, d.id, { checklist: ALL_CHECKS });
      ids.push(d.id);
    }
    const published = await Promise.allSettled(ids.map((id) => approve(deps, actor, agency.id, id)));
    expect(published.filter((d) => d.status === 'rejected')).toEqual([]);
    const numbers = published.map((d) => (d.status === 'fulfilled' ? d.value.indexNo : null));
    expect(new Set(numbers).size).toBe(AT_ONCE);
  });
});
