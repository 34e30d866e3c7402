import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { t } from '../shared/i18n/zh-CN.ts';
import type { Database } from './schema.ts';
import { ImmediateSqliteDialect } from './sqlite-driver.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
/** A database handle or an open transaction: services accept either. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;

export type DatabaseHandle = {
  db: Db;
  dialect: Dialect;
  /** Where the data lives, for messages (file path or a URL without the password). */
  location: string;
  destroy(): Promise<void>;
};

// COUNT(*) and SUM() come back from PostgreSQL as int8/numeric strings; the platform's numbers fit in a double.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

export type DatabaseOptions = {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** PostgreSQL session options (tests isolate themselves in one schema each with `-c search_path=…`). */
  pgOptions?: string | undefined;
  poolSize?: number;
  /** Where connection errors are reported (the pool survives them and reconnects on the next query). */
  log?: ((line: string) => void) | undefined;
};

/** How long a SQLite write waits for another writer's lock before giving up with SQLITE_BUSY (503). */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;
/**
 * How long a PostgreSQL query waits for a connection (a free one from the pool, or a new one) before failing with
 * 503, so a server that does not answer (a dropped route, not a refused port) never hangs requests for minutes.
 */
const PG_CONNECT_TIMEOUT_MS = 10_000;

/** Opens the configured database: PostgreSQL when a URL is given, else SQLite (WAL) in the data folder. */
export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
      ...(options.pgOptions ? { options: options.pgOptions } : {}),
    });
    // A connection the server drops (restart, failover, idle kill) emits 'error'; unhandled, it would end the process.
    // Idle ones are reported by the pool, which discards them; a checked-out one by the client itself, whose query
    // fails (503) and which the pool discards on release. The next query opens a new connection. One line per outage.
    const log = options.log ?? ((line: string) => console.error(line));
    let reported = false;
    pool.on('error', (error) => {
      if (!reported) log(t.db.connectionLost(error.message));
      reported = true;
    });
    pool.on('connect', (client) => {
      reported = false;
      client.on('error', () => {});
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
    const url = new URL(options.databaseUrl);
    url.password = '';
    return { db, dialect: 'postgres', location: url.toString(), destroy: () => db.destroy() };
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, 'gongkai.sqlite');
  return openSqliteFile(file);
}

/**
 * Opens a SQLite file with the pragmas the platform relies on. Transactions begin IMMEDIATE; every statement waits
 * up to `busyTimeoutMs` for another writer's lock, without blocking the process (sqlite-driver.ts).
 */
export function openSqliteFile(file: string, options: { busyTimeoutMs?: number } = {}): DatabaseHandle {
  const busyTimeoutMs = options.busyTimeoutMs ?? SQLITE_BUSY_TIMEOUT_MS;
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect(sqlite, busyTimeoutMs), plugins: [new CamelCasePlugin()] });
  return { db, dialect: 'sqlite', location: file, destroy: () => db.destroy() };
}
