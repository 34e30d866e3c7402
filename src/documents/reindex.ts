import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.ts';
import { dialectOf } from '../db/dialect.ts';
import { inTransaction } from '../db/tx.ts';
import { type IndexableDocument, indexDocuments, sortKeyOf } from '../search/search.service.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';

/**
 * `gongkai search reindex [--agency X]`: rebuilds the search rows of every published document (or one agency's) in
 * batches of `batch` documents, each batch in its own transaction together with the cursor (search_reindex), so memory
 * stays bounded and an interrupted run goes on after the last batch it wrote. A finished scope starts afresh.
 */
export type ReindexProgress = { done: number; total: number; resumed: boolean };

export async function reindexSearch(
  deps: { db: DbOrTrx; clock: Clock },
  options: { agencyCode?: string | undefined; batch?: number; onProgress?: (p: ReindexProgress) => void; stopped?: () => boolean },
): Promise<ReindexProgress> {
  const { db, clock } = deps;
  const batch = options.batch ?? 1000;
  const agency = options.agencyCode
    ? await db.selectFrom('agencies').select(['id', 'code']).where('code', '=', options.agencyCode).executeTakeFirst()
    : undefined;
  if (options.agencyCode && !agency) throw new DomainError('NOT_FOUND', t.documents.reindex.agencyUnknown(options.agencyCode));
  const scope = agency?.code ?? '*';
  const published = () => {
    let q = db.selectFrom('documents').where('status', '=', 'published');
    if (agency) q = q.where('agencyId', '=', agency.id);
    return q;
  };
  const cursor = await db.selectFrom('searchReindex').selectAll().where('scope', '=', scope).executeTakeFirst();
  const resumed = cursor !== undefined && cursor.finishedAt === null;
  let lastId = resumed ? cursor.lastId : 0;
  let done = resumed ? cursor.done : 0;
  const total = Number(
    (
      await published()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );
  if (!resumed) {
    await inTransaction(db, async (trx) => {
      // The whole index afresh drops rows nothing published owns any more; one agency's rows are replaced per batch.
      if (!agency) {
        if (dialectOf(trx) === 'postgres') await sql`delete from document_search`.execute(trx);
        else await sql`insert into document_fts(document_fts) values('delete-all')`.execute(trx);
      }
      const row = { lastId: 0, done: 0, total, startedAt: clock.now().toISOString(), finishedAt: null };
      if (cursor) await trx.updateTable('searchReindex').set(row).where('scope', '=', scope).execute();
      else
        await trx
          .insertInto('searchReindex')
          .values({ scope, ...row })
          .execute();
    });
  }
  options.onProgress?.({ done, total, resumed });
  for (;;) {
    // Stopped between batches (a server closing): the cursor keeps what was written, the next run goes on from it.
    if (options.stopped?.()) return { done, total, resumed };
    const docs = await published()
      .select(['id', 'agencyId', 'title', 'docNo', 'indexNo', 'bodyText', 'category', 'publishedOn', 'validity', 'issuingBody'])
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(batch)
      .execute();
    if (docs.length === 0) break;
    const ids = docs.map((d) => d.id);
    const texts = new Map<number, string[]>();
    for (const a of await db.selectFrom('attachments').select(['documentId', 'extractedText']).where('documentId', 'in', ids).orderBy('id').execute()) {
      const list = texts.get(a.documentId) ?? [];
      list.push(a.extractedText);
      texts.set(a.documentId, list);
    }
    const rows: IndexableDocument[] = docs.map((d) => ({ ...d, publishedOn: d.publishedOn ?? '', attachmentText: texts.get(d.id)?.join('\n') ?? '' }));
    lastId = ids[ids.length - 1] as number;
    done += docs.length;
    await inTransaction(db, async (trx) => {
      if (dialectOf(trx) === 'postgres') await trx.deleteFrom('documentSearch').where('documentId', 'in', ids).execute();
      else await sql`delete from document_fts where rowid in (${sql.join(rows.map((r) => sortKeyOf(r.publishedOn, r.id)))})`.execute(trx);
      await indexDocuments(trx, rows);
      await trx.updateTable('searchReindex').set({ lastId, done }).where('scope', '=', scope).execute();
    });
    options.onProgress?.({ done, total, resumed });
  }
  await db.updateTable('searchReindex').set({ finishedAt: clock.now().toISOString() }).where('scope', '=', scope).execute();
  return { done, total, resumed };
}

/**
 * On SQLite (one server process), a full reindex left unfinished goes on in the background when the server starts: one
 * interrupted, or one a migration asked for (2026-12-07T0700: the index gained a prefix index and starts empty).
 * Searches meanwhile find the documents already indexed. On PostgreSQL `gongkai search reindex` resumes it.
 */
export function resumeReindexInBackground(
  deps: { db: DbOrTrx; clock: Clock },
  log: (line: string) => void,
): { finished: Promise<void>; stop(): Promise<void> } {
  let stopped = false;
  const run = (async () => {
    if (dialectOf(deps.db) !== 'sqlite') return;
    const cursor = await deps.db.selectFrom('searchReindex').selectAll().where('scope', '=', '*').executeTakeFirst();
    if (!cursor || cursor.finishedAt !== null) return;
    log(t.documents.reindex.background(cursor.done, cursor.total));
    const result = await reindexSearch(deps, { stopped: () => stopped });
    if (!stopped) log(t.documents.reindex.finished(result.done));
  })().catch((e: unknown) => log(t.documents.reindex.backgroundFailed(e instanceof Error ? e.message : String(e))));
  return {
    finished: run,
    stop: async () => {
      stopped = true;
      await run;
    },
  };
}
