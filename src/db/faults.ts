/**
 * Database errors a user should be told about rather than shown a 500: the database unreachable, restarting or
 * locked by another writer (UNAVAILABLE, 503: nothing was written, try again), or a unique constraint that lost a
 * race with a concurrent write (CONFLICT, 409). Decided here once for both dialects.
 */
import { DomainError } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { isSqliteBusy } from './sqlite-driver.ts';

type Coded = { code?: unknown; message?: unknown; errors?: unknown };

// PostgreSQL SQLSTATEs: connection exceptions (class 08), shutdown/startup (57P0x), too many connections,
// serialization failure and deadlock (the transaction was rolled back; it may be retried), lock timeout.
const PG_UNAVAILABLE = /^(08...|57P0[1-4]|53300|40001|40P01|55P03)$/;
// Socket errors from the driver (DNS included: a name that does not resolve during failover).
const NET_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// node-postgres reports a dropped or never-opened connection only in words.
const PG_CONNECTION_MESSAGES =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed and is not queryable/;

/** True when `error` means the database cannot be reached or used right now (not that the request was wrong). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if (isSqliteBusy(error)) return true;
  const e = error as Coded;
  if (typeof e.code === 'string' && (PG_UNAVAILABLE.test(e.code) || NET_UNAVAILABLE.has(e.code))) return true;
  if (typeof e.message === 'string' && PG_CONNECTION_MESSAGES.test(e.message)) return true;
  // Node reports a refused connection to every address of a name as an AggregateError.
  return Array.isArray(e.errors) && e.errors.some(isDatabaseUnavailable);
}

/** True when `error` is a unique (or primary key) constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as Coded | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** The error as the user should meet it: a database fault becomes UNAVAILABLE or CONFLICT; anything else is returned as it is. */
export function asDomainError(error: unknown): unknown {
  if (error instanceof DomainError) return error;
  if (isDatabaseUnavailable(error)) return new DomainError('UNAVAILABLE', t.errors.unavailable);
  if (isUniqueViolation(error)) return new DomainError('CONFLICT', t.errors.conflict);
  return error;
}
