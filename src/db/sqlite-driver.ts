import type SQLite from 'better-sqlite3';
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult, SqliteDialect, SqliteDriver } from 'kysely';

/** True for better-sqlite3's "another connection holds the lock" errors (SQLITE_BUSY, SQLITE_LOCKED and their extended codes). */
export function isSqliteBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs each statement, retrying while another connection holds the lock, for up to `busyTimeoutMs`; then the
 * SQLITE_BUSY error stands (503). A statement refused with SQLITE_BUSY did nothing, so running it again is safe.
 * The wait is asynchronous: SQLite's own busy_timeout would freeze the whole process meanwhile, and with two
 * connections in one process it would wait for a lock the frozen process itself holds.
 */
class PatientConnection implements DatabaseConnection {
  constructor(
    private readonly inner: DatabaseConnection,
    private readonly busyTimeoutMs: number,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const deadline = Date.now() + this.busyTimeoutMs;
    for (let pause = 1; ; pause = Math.min(pause * 2, 20)) {
      try {
        return await this.inner.executeQuery<R>(query);
      } catch (error) {
        if (!isSqliteBusy(error) || Date.now() >= deadline) throw error;
      }
      await sleep(Math.min(pause, Math.max(1, deadline - Date.now())));
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/**
 * Transactions begin IMMEDIATE: they take the write lock first, so they wait for another writer (the command line,
 * another server) instead of failing at once with SQLITE_BUSY when a deferred transaction that read first tries to
 * write; and writers on one file are serialised, so a state check and its write see the same data.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  private patient: PatientConnection | undefined;

  constructor(
    sqlite: SQLite.Database,
    private readonly busyTimeoutMs: number,
  ) {
    super({ database: sqlite });
    // The waiting is PatientConnection's, without blocking the event loop.
    sqlite.pragma('busy_timeout = 0');
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    this.patient ??= new PatientConnection(connection, this.busyTimeoutMs);
    return this.patient;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** Kysely's better-sqlite3 dialect with IMMEDIATE transactions, every statement waiting up to `busyTimeoutMs` for the lock. */
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
