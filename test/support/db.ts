import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, type Dialect, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { randomToken } from '../../src/shared/ids.ts';

/** The dialects every database test runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set (CI sets it). */
export const DIALECTS: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export type TestDatabase = DatabaseHandle & {
  /** Environment that points a child process (server, CLI) at this same database. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
};

/** A fresh, migrated, throwaway database: a SQLite file in a temp folder, or a PostgreSQL database of its own. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-test-'));
    const handle = openDatabase({ dataDir: dir });
    await migrateToLatest(handle.db);
    return {
      ...handle,
      env: { GONGKAI_DATA_DIR: dir },
      cleanup: async () => {
        await handle.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  // A database of its own (not a schema): nothing another test file migrates or drops can be seen from here.
  const name = `gk_t_${randomToken(6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const handle = openDatabase({ databaseUrl: dbUrl.toString(), dataDir: os.tmpdir(), poolSize: 4 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    env: { DATABASE_URL: dbUrl.toString() },
    cleanup: async () => {
      await handle.destroy();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      // Not forced: a pool some test left open would get its connections killed (an unhandled error). A database
      // still in use is left behind; test machines are thrown away.
      await c.query(`drop database if exists ${name}`).catch(() => {});
      await c.end();
    },
  };
}
