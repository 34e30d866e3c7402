import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/audit/audit.service.ts';
import { lockNumbering } from '../../src/db/locks.ts';
import { importDocuments } from '../../src/documents/interchange.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { buildAgency } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

// Locks are taken in one order everywhere: an agency's numbering, then the audit chain. An import that published a
// document of one agency (numbering, then its audit) and then one of another agency waited for the second agency's
// numbering while holding the audit chain; an approval in that agency holds its numbering and waits for the audit
// chain: PostgreSQL found a deadlock and refused one of the two. The import now takes every agency's numbering first.
const clock = fixedClock('2024-03-01T02:00:00Z');
const actor = systemActor('测试');

const record = (agency: string, ref: string, publishedOn?: string) => ({
  agency,
  ref,
  title: `${ref}号通知`,
  category: 'news',
  issuedOn: '2024-02-20',
  ...(publishedOn ? { publishedOn } : {}),
  body: `正文${ref}。`,
});

// PostgreSQL only: SQLite's one writer never lets two transactions wait for each other.
describe.skipIf(!DIALECTS.includes('postgres'))('import and approval at once on postgres', () => {
  let tdb: TestDatabase;
  let second: number;
  beforeAll(async () => {
    tdb = await createTestDatabase('postgres');
    await buildAgency(tdb.db, { code: 'lka', name: '锁序测试一局' });
    second = (await buildAgency(tdb.db, { code: 'lkb', name: '锁序测试二局' })).id;
    // Drafts in both agencies, which the import below replaces with published documents (each then numbered).
    const drafts = [record('lka', 'A-1'), record('lkb', 'B-1')].map((r, i) => ({ line: i + 1, record: r }));
    await importDocuments({ db: tdb.db, clock }, actor, drafts, { replace: false });
  });
  afterAll(async () => tdb?.cleanup());

  const waitingForAdvisoryLock = async () => {
    for (let i = 0; i < 100; i++) {
      const r = await sql<{ n: number }>`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`.execute(tdb.db);
      if ((r.rows[0]?.n ?? 0) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the import never waited');
  };

  it('lets both finish: the import waits for the numbering before it audits anything', async () => {
    let numbered!: () => void;
    const holding = new Promise<void>((resolve) => {
      numbered = resolve;
    });
    // Another person's approval in the second agency: its numbering taken, its audit still to be written.
    const approval = tdb.db.transaction().execute(async (trx) => {
      await lockNumbering(trx, 'document-index-no', second);
      numbered();
      await waitingForAdvisoryLock();
      await recordAudit(trx, clock, { actor, agencyId: second, action: 'document.approve', entityType: 'document', entityId: null, after: {} });
      return 'approved';
    });
    await holding;
    const lines = [record('lka', 'A-1', '2024-02-28'), record('lkb', 'B-1', '2024-02-28')].map((r, i) => ({ line: i + 1, record: r }));
    const imported = importDocuments({ db: tdb.db, clock }, actor, lines, { replace: true });
    const [a, b] = await Promise.allSettled([approval, imported]);
    expect(a).toEqual({ status: 'fulfilled', value: 'approved' });
    expect(b).toEqual({ status: 'fulfilled', value: 2 });
    const published = await tdb.db.selectFrom('documents').select(['ref', 'status', 'indexNo']).orderBy('ref').execute();
    expect(published.map((d) => [d.ref, d.status, d.indexNo !== null])).toEqual([
      ['A-1', 'published', true],
      ['B-1', 'published', true],
    ]);
  });
});
