/**
 * How the public pages of 主动公开 are served from memory. The agency row and its content version are read at most
 * once per pageCacheMs per agency (default 1 s), so a cached page costs no query; any successful write in this process
 * forgets them at once, and another process's writes show within that time (the same contract as the app's page
 * cache). Page views of documents are counted here too.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SafeHtml } from '#jsx/jsx-runtime';
import type { Agency } from '../../db/schema.ts';
import { VersionedPageCache } from '../../web/content-version.ts';
import { platformStamp, publicAgency } from '../documents.queries.ts';
import { PageViewCounter } from '../page-views.ts';

/** The site's own address for canonical links and feeds: the configured public URL, else what the request came to. */
export function baseUrl(request: FastifyRequest): string {
  return request.server.deps.config.publicUrl ?? `${request.protocol}://${request.host}`;
}

/** What every agency page's frame needs from the request. */
export const frameOf = (request: FastifyRequest, agency: Agency, base: string) => ({
  agency,
  elder: request.elder,
  currentPath: request.url.split('?')[0] ?? '',
  canonical: `${base}${request.url.split('?')[0]}`,
});

type Rendered = SafeHtml | { page: SafeHtml; status: number; documentId?: number };

export class PublicPages {
  /** Rendered agency pages by URL, valid while the agency's stamp is unchanged. */
  private readonly pages = new VersionedPageCache<{ status: number; html: string; documentId?: number }>();
  /** Other bodies (the platform search, feeds), keyed by their callers. */
  readonly bodies = new VersionedPageCache<string>();
  private readonly stamps = new Map<string, { value: { agency: Agency; stamp: string }; until: number }>();
  private platform: { stamp: string; until: number } | null = null;
  private readonly views: PageViewCounter;
  private readonly ttl: number;

  /** Registers its hooks on `app` itself (not a child scope), so writes anywhere in the app are seen. */
  constructor(private readonly app: FastifyInstance) {
    this.ttl = app.deps.config.pageCacheMs;
    this.views = new PageViewCounter(app.deps.db);
    app.addHook('onClose', async () => this.views.flush());
    app.addHook('onResponse', async (request, reply) => {
      if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) {
        this.stamps.clear();
        this.platform = null;
      }
    });
  }

  /** The agency of a public address with its content version, or NOT_FOUND. */
  async agencyStamp(code: string): Promise<{ agency: Agency; stamp: string }> {
    const now = Date.now();
    const hit = this.stamps.get(code);
    if (hit && hit.until > now) return hit.value;
    const value = await publicAgency(this.app.deps.db, code);
    if (this.ttl > 0) {
      if (this.stamps.size > 10_000) this.stamps.clear();
      this.stamps.set(code, { value, until: now + this.ttl });
    }
    return value;
  }

  /** The platform-wide content version (search across agencies). */
  async platformStamp(): Promise<string> {
    const now = Date.now();
    if (!this.platform || this.platform.until <= now) this.platform = { stamp: await platformStamp(this.app.deps.db), until: now + this.ttl };
    return this.platform.stamp;
  }

  /** Serves a public agency page from the cache while the agency's content is unchanged, rendering it on a miss. */
  async serve(request: FastifyRequest, reply: FastifyReply, code: string, render: (agency: Agency, base: string) => Promise<Rendered>) {
    const { agency, stamp } = await this.agencyStamp(code);
    const base = baseUrl(request);
    const key = `${base}|${request.elder ? 1 : 0}|${request.url}`;
    let hit = this.pages.get(key, stamp);
    if (hit === undefined) {
      const out = await render(agency, base);
      hit =
        'status' in out
          ? { status: out.status, html: out.page.html, ...(out.documentId ? { documentId: out.documentId } : {}) }
          : { status: 200, html: out.html };
      this.pages.set(key, stamp, hit);
    }
    if (hit.documentId && request.method === 'GET') this.views.count(hit.documentId, agency.id, this.app.deps.clock.today());
    return reply.code(hit.status).type('text/html; charset=utf-8').send(hit.html);
  }
}
