import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.ts';

/**
 * Every write that changes what the public sees of an agency bumps its content version in the database, inside the
 * write's transaction; public pages are cached against it, so every server process drops stale pages at once.
 */
export async function bumpContentVersion(db: DbOrTrx, agencyCode: string): Promise<void> {
  await sql`insert into content_versions (agency_code, version) values (${agencyCode}, 1)
    on conflict (agency_code) do update set version = content_versions.version + 1`.execute(db);
  // The platform-wide pages (search across agencies, sitemap) follow every agency.
  if (agencyCode !== '*') await bumpContentVersion(db, '*');
}

/** A small LRU of rendered pages keyed by URL, valid while the agency's content version is unchanged. */
export class VersionedPageCache<V = string> {
  private readonly entries = new Map<string, { stamp: string; body: V }>();
  constructor(private readonly capacity = 2000) {}

  get(key: string, stamp: string): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.stamp !== stamp) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-insert: Map order is the recency order.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.body;
  }

  set(key: string, stamp: string, body: V): void {
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { stamp, body });
  }
}
