import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { withExclusiveLock } from '../../src/db/locks.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

describe.each(DIALECTS)('named locks on %s', (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
  });
  afterAll(async () => tdb?.cleanup());

  it('runs the work and returns its value', async () => {
    expect(await withExclusiveLock(tdb.db, 'job', async () => 42)).toEqual({ ran: true, value: 42 });
  });

  it.skipIf(dialect !== 'postgres')('lets only one of two processes hold a lock at a time', async () => {
    // A second connection pool stands for a second server process.
    const other = openDatabase({ databaseUrl: tdb.env.DATABASE_URL, dataDir: '', poolSize: 2 });
    try {
      let release: () => void = () => {};
      const held = new Promise<void>((r) => {
        release = r;
      });
      let entered!: () => void;
      const inside = new Promise<void>((r) => {
        entered = r;
      });
      const first = withExclusiveLock(tdb.db, 'reminders', async () => {
        entered();
        await held;
        return 'first';
      });
      await inside;
      expect(await withExclusiveLock(other.db, 'reminders', async () => 'second')).toEqual({ ran: false });
      expect(await withExclusiveLock(other.db, 'another-lock', async () => 'third')).toEqual({ ran: true, value: 'third' });
      release();
      expect(await first).toEqual({ ran: true, value: 'first' });
      expect(await withExclusiveLock(other.db, 'reminders', async () => 'again')).toEqual({ ran: true, value: 'again' });
    } finally {
      await other.destroy();
    }
  });
});
