/**
 * A micro-cache of rendered public pages. Public pages are the same for every visitor, so each process keeps a
 * rendered copy for a short time (default 1 s). A successful write in this process empties it at once; writes made
 * by another process (several servers on PostgreSQL, or the CLI) show after at most the TTL.
 */
export class PageCache {
  // Kept as UTF-8 bytes: a hit is sent without encoding the page again.
  private readonly entries = new Map<string, { html: Buffer; until: number }>();
  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 5000,
  ) {}

  get(key: string, now = Date.now()): Buffer | undefined {
    if (this.ttlMs <= 0) return undefined;
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.until > now) return hit.html;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, html: string, now = Date.now()): Buffer {
    const bytes = Buffer.from(html);
    if (this.ttlMs <= 0) return bytes;
    // Bounded: drop the oldest entry (Map keeps insertion order) rather than grow without limit.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { html: bytes, until: now + this.ttlMs });
    return bytes;
  }

  clear(): void {
    this.entries.clear();
  }
}
