import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.ts';

/**
 * Page views per document and day, counted without cookies or anything about the visitor. Counts gather in memory
 * and are added to the database every few seconds (and when the server stops), so a page view costs no write on
 * the request path; several processes each add their own counts, which sum correctly.
 */
export class PageViewCounter {
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: DbOrTrx,
    private readonly intervalMs = 5000,
  ) {}

  /** Counts one view of a document on a day (China date). */
  count(documentId: number, agencyId: number, day: string): void {
    const key = `${documentId}|${agencyId}|${day}`;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush().catch(() => {});
      }, this.intervalMs);
      this.timer.unref();
    }
  }

  /** Writes the gathered counts. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const batch = this.pending;
    this.pending = new Map();
    for (const [key, n] of batch) {
      const [documentId, agencyId, day] = key.split('|');
      await sql`insert into page_views (document_id, agency_id, day, views) values (${Number(documentId)}, ${Number(agencyId)}, ${day}, ${n})
        on conflict (document_id, day) do update set views = page_views.views + excluded.views`.execute(this.db);
    }
  }
}

/** Views of an agency's documents per day between two dates (inclusive), for the annual report's platform figures. */
export async function viewsByDay(db: DbOrTrx, agencyId: number, from: string, to: string): Promise<{ day: string; views: number }[]> {
  const rows = await db
    .selectFrom('pageViews')
    .select(['day', (eb) => eb.fn.sum<number>('views').as('views')])
    .where('agencyId', '=', agencyId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .groupBy('day')
    .orderBy('day')
    .execute();
  return rows.map((r) => ({ day: r.day, views: Number(r.views) }));
}
