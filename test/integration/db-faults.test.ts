import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, openSqliteFile } from '../../src/db/database.ts';
import { asDomainError, isDatabaseUnavailable, isUniqueViolation } from '../../src/db/faults.ts';
import { DomainError, httpStatusOf } from '../../src/shared/errors.ts';
import { buildAgency } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';
import { holdWriteLock } from '../support/sqlite-lock.ts';

/** The error `fn` rejects with. */
async function failure(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

// Real errors from real databases, as the error handler and the forms meet them.
describe.each(DIALECTS)('database faults as users meet them on %s', (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
  });
  afterAll(async () => tdb?.cleanup());

  it('a unique constraint lost to a concurrent write is a 409 CONFLICT with a Chinese message', async () => {
    const agency = await buildAgency(tdb.db, { code: 'dup' });
    const error = await failure(() =>
      tdb.db
        .insertInto('agencies')
        .values({ ...agency, id: undefined as never })
        .execute(),
    );
    expect(isUniqueViolation(error)).toBe(true);
    const mapped = asDomainError(error);
    expect(mapped).toBeInstanceOf(DomainError);
    expect(httpStatusOf((mapped as DomainError).code)).toBe(409);
    expect((mapped as DomainError).message).toContain('同时提交');
  });

  it('a mistake in a query stays what it is (a 500, logged), not a database fault', async () => {
    const error = await failure(() => sql`select * from no_such_table`.execute(tdb.db));
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(asDomainError(error)).toBe(error);
  });

  it.skipIf(dialect !== 'postgres')('a PostgreSQL nobody answers is a 503 UNAVAILABLE, and its pool does not throw', async () => {
    const down = openDatabase({ databaseUrl: 'postgres://nobody:x@127.0.0.1:1/none', dataDir: '', poolSize: 1, log: () => {} });
    try {
      const error = await failure(() => sql`select 1`.execute(down.db));
      expect(isDatabaseUnavailable(error)).toBe(true);
      expect(httpStatusOf((asDomainError(error) as DomainError).code)).toBe(503);
    } finally {
      await down.destroy();
    }
  });

  it.skipIf(dialect !== 'sqlite')('a SQLite write lock held past the busy timeout is a 503 UNAVAILABLE', async () => {
    const file = path.join(tdb.env.GONGKAI_DATA_DIR as string, 'gongkai.sqlite');
    const hasty = openSqliteFile(file, { busyTimeoutMs: 100 });
    const lock = await holdWriteLock(file);
    try {
      const inTransaction = await failure(() => hasty.db.transaction().execute((trx) => trx.deleteFrom('settings').where('key', '=', 'x').execute()));
      const single = await failure(() => hasty.db.deleteFrom('settings').where('key', '=', 'x').execute());
      for (const error of [inTransaction, single]) {
        expect(isDatabaseUnavailable(error)).toBe(true);
        expect(httpStatusOf((asDomainError(error) as DomainError).code)).toBe(503);
      }
    } finally {
      await lock.release();
      await hasty.destroy();
    }
  });
});
