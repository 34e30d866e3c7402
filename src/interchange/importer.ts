import { sql, type Transaction } from 'kysely';
import type { DbOrTrx } from '../db/database.ts';
import { dialectOf } from '../db/dialect.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { escapeControls, lineAt } from '../shared/input-text.ts';
import { jsonErrorLine, parseJsonSafely, UnsafeJsonError } from '../shared/safe-json.ts';

/** One record of an import file with its line number (1-based) for error messages. */
export type ImportLine = { line: number; record: Record<string, unknown> };

/** A problem with one record: line, field (English name from the spec) and a Chinese reason. */
export type ImportProblem = { line: number; field: string; message: string };

export type ImportOptions = {
  replace: boolean;
  /** Told now and then how far a long import has come (the command line shows a progress line). */
  onProgress?: ((kind: string, done: number, total: number) => void) | undefined;
};
export type ImportContext = { trx: Transaction<Database>; clock: Clock; actor: Actor; options: ImportOptions };

/**
 * How one kind of record is imported. `importLines` validates and writes all records of its kind inside the shared
 * transaction; it returns the problems it found (then the whole import is rolled back) and how many it wrote.
 */
export type ImportHandler = {
  kind: string;
  /** Kinds are imported in ascending order, so records can refer to kinds imported before them (appeal → application). */
  order: number;
  /**
   * Takes the numbering locks (db/locks.ts) this kind's records may need. Called for every kind before any kind
   * writes: locks are taken numbering first, then the audit chain, everywhere; an import that audited one record and
   * then waited for a number would hold the chain that an approval holding that number waits for (a deadlock).
   */
  lockNumbering?(ctx: ImportContext, lines: ImportLine[]): Promise<void>;
  importLines(ctx: ImportContext, lines: ImportLine[]): Promise<{ problems: ImportProblem[]; written: number }>;
};

/** Thrown when any record is bad; nothing was written. */
export class ImportFailed extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(`导入失败：${problems.length} 处错误，未写入任何记录。`);
  }
}

const jsonProblem = (e: unknown) => (e instanceof UnsafeJsonError ? e.message : `不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`);

/**
 * Parses JSON Lines (or one JSON array) into records numbered by the file's line (1-based, blank lines counted); a
 * line that is not a JSON object, or that nests too deep or carries a prototype key (safe-json.ts), is a problem.
 */
export function parseImportText(text: string, forcedKind?: string): { lines: ImportLine[]; problems: ImportProblem[] } {
  const lines: ImportLine[] = [];
  const problems: ImportProblem[] = [];
  const src = text.replace(/^\uFEFF/, '');
  const push = (record: unknown, line: number) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      problems.push({ line, field: '(record)', message: '每行应为一个 JSON 对象' });
      return;
    }
    const r = record as Record<string, unknown>;
    if (forcedKind) r.kind = forcedKind;
    lines.push({ line, record: r });
  };
  const trimmed = src.trimStart();
  if (trimmed.startsWith('[')) {
    try {
      const { value, elementStarts } = parseJsonSafely(src);
      for (const [i, r] of (value as unknown[]).entries()) push(r, lineAt(src, elementStarts[i] ?? 0));
    } catch (e) {
      problems.push({ line: jsonErrorLine(src, e) ?? 1, field: '(file)', message: jsonProblem(e) });
    }
    return { lines, problems };
  }
  src.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    try {
      push(parseJsonSafely(raw).value, i + 1);
    } catch (e) {
      problems.push({ line: i + 1, field: '(line)', message: jsonProblem(e) });
    }
  });
  return { lines, problems };
}

/**
 * Imports a whole file all or nothing: every record is validated and written in one transaction, and any problem in
 * any record rolls everything back (ImportFailed lists them all, by line). Returns the counts written per kind.
 */
export async function importRecords(
  deps: { db: DbOrTrx; clock: Clock },
  actor: Actor,
  handlers: readonly ImportHandler[],
  parsed: { lines: ImportLine[]; problems: ImportProblem[] },
  options: ImportOptions,
): Promise<Record<string, number>> {
  const problems = [...parsed.problems];
  const byKind = new Map<string, ImportLine[]>();
  const known = new Map(handlers.map((h) => [h.kind, h]));
  for (const l of parsed.lines) {
    const kind = l.record.kind;
    if (typeof kind !== 'string' || !known.has(kind)) {
      problems.push({ line: l.line, field: 'kind', message: `未知的记录类型“${String(kind)}”，应为 ${[...known.keys()].join('、')} 之一` });
      continue;
    }
    // Append in place: copying the list per line made large imports quadratic.
    const list = byKind.get(kind);
    if (list) list.push(l);
    else byKind.set(kind, [l]);
  }
  if (problems.length > 0) throw new ImportFailed(problems.sort((a, b) => a.line - b.line));
  if (parsed.lines.length === 0) throw new ImportFailed([{ line: 0, field: '(file)', message: '文件中没有记录' }]);
  const counts = await inTransaction(deps.db, async (trx) => {
    const counts: Record<string, number> = {};
    const ordered = [...handlers].sort((a, b) => a.order - b.order);
    for (const handler of ordered) {
      const lines = byKind.get(handler.kind);
      if (lines) await handler.lockNumbering?.({ trx, clock: deps.clock, actor, options }, lines);
    }
    for (const handler of ordered) {
      const lines = byKind.get(handler.kind);
      if (!lines) continue;
      const result = await handler.importLines({ trx, clock: deps.clock, actor, options }, lines);
      problems.push(...result.problems);
      counts[handler.kind] = result.written;
    }
    if (problems.length > 0) throw new ImportFailed(problems.sort((a, b) => a.line - b.line));
    return counts;
  });
  if (parsed.lines.length >= ANALYZE_AFTER_LINES) await refreshPlannerStatistics(deps.db);
  return counts;
}

// Imports of this many records or more refresh PostgreSQL's planner statistics before returning.
const ANALYZE_AFTER_LINES = 1000;

/**
 * PostgreSQL plans by statistics that autovacuum refreshes only a minute or so after a bulk write; until then it takes
 * tables just filled with 100,000 rows for nearly empty and picks nested loops that take seconds (a self-check right
 * after an import ran 50 times slower). ANALYZE of the current schema's tables, from a sample of 9,000 rows a table
 * (statistics target 30): enough for those plans until autovacuum's own ANALYZE, which the import's writes set off
 * and which reads 30,000. The full sample was 1.5 s of a 100,000-document import, most of it the search vectors'
 * lexeme counts. Not inside a caller's transaction (its rows are not committed yet); SQLite needs nothing.
 */
async function refreshPlannerStatistics(db: DbOrTrx): Promise<void> {
  if (db.isTransaction || dialectOf(db) !== 'postgres') return;
  const tables = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(db);
  if (tables.rows.length === 0) return;
  await inTransaction(db, async (trx) => {
    await sql`set local default_statistics_target = 30`.execute(trx);
    await sql`analyze ${sql.join(tables.rows.map((t) => sql.id(t.name)))}`.execute(trx);
  });
}

/** Formats problems for the command line: one line each, line number, field and reason (control characters escaped). */
export function formatProblems(problems: readonly ImportProblem[], max = 50): string[] {
  const out = problems.slice(0, max).map((p) => escapeControls(`第 ${p.line} 行 ${p.field}：${p.message}`));
  if (problems.length > max) out.push(`……另有 ${problems.length - max} 处错误`);
  return out;
}
