import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listAgencies } from '../../agencies/agencies.service.ts';
import { chinaDate } from '../../shared/clock.ts';
import { t } from '../../shared/i18n/zh-CN.ts';
import { pathParam, type ZodRoutes } from '../../web/params.ts';
import { listPublished, publicAgency, sitemapDocuments } from '../documents.queries.ts';
import type { Category } from '../documents.tables.ts';
import { atomFeed, type FeedItem, rssFeed, sitemap, sitemapIndex } from '../feeds.ts';
import { agencyParams, categoryParams } from './portal-params.ts';
import { docPath } from './portal-parts.tsx';
import { baseUrl, type PublicPages } from './public-pages.ts';

const FEED_SIZE = 50;
const SITEMAP_CHUNK = 45_000;

const SITEMAP_FILE = /^([a-z][a-z0-9-]{1,31})-(\d{1,4})\.xml$/;
/** `/sitemaps/<agency>-<chunk>.xml`; any other name is not found. */
const sitemapParams = z.object({
  file: pathParam(
    z
      .string()
      .regex(SITEMAP_FILE)
      .transform((f) => {
        const m = SITEMAP_FILE.exec(f) as RegExpExecArray;
        return { code: m[1] as string, chunk: Number(m[2]) };
      }),
  ),
});

/** RSS and Atom feeds of an agency's column (and of each category), the sitemap index and the per-agency sitemaps. */
export function registerFeedRoutes(app: ZodRoutes, pages: PublicPages): void {
  const { db } = app.deps;

  async function feed(request: FastifyRequest, reply: FastifyReply, kind: 'rss' | 'atom', code: string, category?: Category) {
    const { agency, stamp } = await pages.agencyStamp(code);
    const base = baseUrl(request);
    const key = `${base}|feed|${request.url}`;
    let body = pages.bodies.get(key, stamp);
    if (body === undefined) {
      const { items } = await listPublished(db, agency.id, { category, page: 1, pageSize: FEED_SIZE });
      const path = category ? `/gk/${agency.code}/c/${category}` : `/gk/${agency.code}/`;
      const channel = {
        title: category ? `${agency.name} - ${t.documents.categories[category]}` : `${agency.name}${t.nav.disclosureColumn}`,
        link: `${base}${path}`,
        selfUrl: `${base}${request.url}`,
        description: `${agency.name}${t.nav.disclosureColumn}`,
      };
      const feedItems: FeedItem[] = items.map((d) => ({ ...d, url: `${base}${docPath(agency.code, d.id)}` }));
      body = kind === 'rss' ? rssFeed(channel, feedItems) : atomFeed(channel, feedItems);
      pages.bodies.set(key, stamp, body);
    }
    return reply.type(kind === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8').send(body);
  }
  for (const kind of ['rss', 'atom'] as const) {
    const file = kind === 'rss' ? 'feed.xml' : 'atom.xml';
    app.get(`/gk/:code/${file}`, { schema: { params: agencyParams } }, (request, reply) => feed(request, reply, kind, request.params.code));
    app.get(`/gk/:code/c/:category/${file}`, { schema: { params: categoryParams } }, (request, reply) =>
      feed(request, reply, kind, request.params.code, request.params.category),
    );
  }

  // --- sitemap: an index of per-agency sitemaps, each at most SITEMAP_CHUNK URLs ---
  app.get('/sitemap.xml', async (request, reply) => {
    const base = baseUrl(request);
    const agencies = await listAgencies(db);
    const locs: string[] = [];
    for (const a of agencies) {
      const { total } = await listPublished(db, a.id, { page: 1, pageSize: 1 });
      const chunks = Math.max(1, Math.ceil(total / SITEMAP_CHUNK));
      for (let i = 1; i <= chunks; i++) locs.push(`${base}/sitemaps/${a.code}-${i}.xml`);
    }
    return reply.type('application/xml; charset=utf-8').send(sitemapIndex(locs));
  });

  app.get('/sitemaps/:file', { schema: { params: sitemapParams } }, async (request, reply) => {
    const { code, chunk } = request.params.file;
    const { agency } = await publicAgency(db, code);
    const base = baseUrl(request);
    const rows = await sitemapDocuments(db, agency.id, chunk, SITEMAP_CHUNK);
    const pages =
      chunk === 1
        ? [`/gk/${agency.code}/`, `/gk/${agency.code}/guide`, `/gk/${agency.code}/rules`, `/gk/${agency.code}/list`].map((p) => ({ loc: `${base}${p}` }))
        : [];
    const docs = rows.map((r) => ({ loc: `${base}${docPath(agency.code, r.id)}`, lastmod: chinaDate(r.updatedAt) }));
    return reply.type('application/xml; charset=utf-8').send(sitemap([...pages, ...docs]));
  });
}
