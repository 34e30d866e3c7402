import type SQLite from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, SqliteDialect, SqliteDriver } from 'kysely';

/** True for better-sqlite3's "another connection holds the lock" errors (SQLITE_BUSY, SQLITE_LOCKED and their extended codes). */
export function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Transactions begin IMMEDIATE: they take the write lock first, so they wait for another writer (the command line,
 * another connection) instead of failing at once with SQLITE_BUSY when a deferred transaction that read first tries
 * to write; and writers on one file are serialised, so a state check and its write see the same data.
 * The wait polls without blocking the event loop (busy_timeout would freeze the process, and with two connections in
 * one process it would wait for a lock its own other connection can never release while frozen).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly busyTimeoutMs: number,
  ) {
    super({ database: sqlite });
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const deadline = Date.now() + this.busyTimeoutMs;
    // This connection is ours alone until the transaction ends (Kysely's mutex), so the pragma affects only this BEGIN.
    this.sqlite.pragma('busy_timeout = 0');
    try {
      for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
        try {
          await connection.executeQuery(CompiledQuery.raw('begin immediate'));
          return;
        } catch (error) {
          if (!isSqliteBusy(error) || Date.now() >= deadline) throw error;
        }
        await sleep(Math.min(pause, Math.max(1, deadline - Date.now())));
      }
    } finally {
      this.sqlite.pragma(`busy_timeout = ${this.busyTimeoutMs}`);
    }
  }
}

/** Kysely's better-sqlite3 dialect with IMMEDIATE transactions that wait up to `busyTimeoutMs` for the write lock. */
export class ImmediateSqliteDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly busyTimeoutMs: number,
  ) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.sqlite, this.busyTimeoutMs);
  }
}
