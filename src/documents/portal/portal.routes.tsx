import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SafeHtml } from '#jsx/jsx-runtime';
import { listAgencies } from '../../agencies/agencies.service.ts';
import type { Agency } from '../../db/schema.ts';
import { listPublishedReports } from '../../reports/reports.service.ts';
import { highlight, searchDocuments, snippet } from '../../search/search.service.ts';
import { chinaDate } from '../../shared/clock.ts';
import { notFound } from '../../shared/errors.ts';
import { t } from '../../shared/i18n/zh-CN.ts';
import { sendPage } from '../../web/http.ts';
import { PageCache } from '../content-version.ts';
import {
  countsByCategory,
  getPublishedAttachment,
  getPublishedDocument,
  isCategory,
  issuingBodies,
  listPublished,
  platformStamp,
  publicAgency,
  publishedByIds,
  publishedYears,
} from '../documents.queries.ts';
import { VALIDITIES } from '../documents.tables.ts';
import { atomFeed, type FeedItem, rssFeed, sitemap, sitemapIndex } from '../feeds.ts';
import { getCategoryNotes, getCleanupRound, getDisclosureSettings, listCleanupRounds } from '../oversight/oversight.queries.ts';
import { PageViewCounter } from '../page-views.ts';
import {
  CataloguePage,
  CategoryPage,
  CleanupResultPage,
  ColumnHomePage,
  DocumentPage,
  docPath,
  GuidePage,
  RulesPage,
  SearchPage,
  type SearchResult,
  WithdrawnPage,
} from './portal.views.tsx';

export const PAGE_SIZE = 20;
const FEED_SIZE = 50;
const SITEMAP_CHUNK = 45_000;

/** A page number from the query string: 1 when absent or nonsense, at most 10,000. */
export function pageOf(v: unknown): number {
  const n = typeof v === 'string' ? Number.parseInt(v, 10) : Number.NaN;
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 10_000) : 1;
}
const idOf = (v: string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1) throw notFound(t.documents.errors.notFound);
  return n;
};

/** The site's own address for canonical links and feeds: the configured public URL, else what the request came to. */
function baseUrl(request: FastifyRequest): string {
  return request.server.deps.config.publicUrl ?? `${request.protocol}://${request.host}`;
}

type Q = Record<string, string | undefined>;

/** Public pages of the 政府信息公开 column, search, feeds, the sitemap and the open JSON API. */
export async function registerDocumentPortalRoutes(app: FastifyInstance): Promise<void> {
  const { db, clock } = app.deps;
  const cache = new PageCache<string>();
  const pages = new PageCache<{ status: number; html: string; documentId?: number }>();
  const views = new PageViewCounter(db);
  app.addHook('onClose', async () => views.flush());

  // The agency row and its content version, read at most once per pageCacheMs per agency (default 1 s), so a cached
  // page costs no query; any successful write in this process forgets them at once, and another process's writes
  // show within that time (the same contract as the app's page cache).
  const stamps = new Map<string, { value: { agency: Agency; stamp: string }; until: number }>();
  const ttl = app.deps.config.pageCacheMs;
  let platform: { stamp: string; until: number } | null = null;
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) {
      stamps.clear();
      platform = null;
    }
  });
  async function agencyStamp(code: string): Promise<{ agency: Agency; stamp: string }> {
    const now = Date.now();
    const hit = stamps.get(code);
    if (hit && hit.until > now) return hit.value;
    const value = await publicAgency(db, code);
    if (ttl > 0) {
      if (stamps.size > 10_000) stamps.clear();
      stamps.set(code, { value, until: now + ttl });
    }
    return value;
  }

  /** Serves a public agency page from the cache while the agency's content is unchanged. */
  async function cachedAgencyPage(
    request: FastifyRequest<{ Params: { code: string } }>,
    reply: FastifyReply,
    render: (agency: Agency, base: string) => Promise<SafeHtml | { page: SafeHtml; status: number; documentId?: number }>,
  ) {
    const { agency, stamp } = await agencyStamp(request.params.code);
    const base = baseUrl(request);
    const key = `${base}|${request.elder ? 1 : 0}|${request.url}`;
    let hit = pages.get(key, stamp);
    if (hit === undefined) {
      const out = await render(agency, base);
      hit =
        'status' in out
          ? { status: out.status, html: out.page.html, ...(out.documentId ? { documentId: out.documentId } : {}) }
          : { status: 200, html: out.html };
      pages.set(key, stamp, hit);
    }
    if (hit.documentId && request.method === 'GET') views.count(hit.documentId, agency.id, clock.today());
    return reply.code(hit.status).type('text/html; charset=utf-8').send(hit.html);
  }

  const frame = (request: FastifyRequest, agency: Agency, base: string) => ({
    agency,
    elder: request.elder,
    currentPath: request.url.split('?')[0] ?? '',
    canonical: `${base}${request.url.split('?')[0]}`,
  });

  app.get<{ Params: { code: string } }>('/gk/:code/', (request, reply) =>
    cachedAgencyPage(request, reply, async (agency, base) => {
      const [counts, latest, settings, rounds, reports] = await Promise.all([
        countsByCategory(db, agency.id),
        listPublished(db, agency.id, { page: 1, pageSize: 8 }),
        getDisclosureSettings(db, agency.id),
        listCleanupRounds(db, agency.id, true),
        listPublishedReports(db, agency.id),
      ]);
      return (
        <ColumnHomePage
          {...frame(request, agency, base)}
          counts={counts}
          latest={latest.items}
          guideUpdatedOn={settings.guideUpdatedOn ?? chinaDate(new Date(agency.updatedAt))}
          rulesUpdatedOn={settings.rulesText ? settings.rulesUpdatedOn : null}
          cleanupRounds={rounds}
          reports={reports}
        />
      );
    }),
  );

  app.get<{ Params: { code: string } }>('/gk/:code/guide', (request, reply) =>
    cachedAgencyPage(request, reply, async (agency, base) => {
      const s = await getDisclosureSettings(db, agency.id);
      return <GuidePage {...frame(request, agency, base)} text={s.guideText} updatedOn={s.guideUpdatedOn ?? chinaDate(new Date(agency.updatedAt))} />;
    }),
  );

  app.get<{ Params: { code: string } }>('/gk/:code/rules', (request, reply) =>
    cachedAgencyPage(request, reply, async (agency, base) => {
      const s = await getDisclosureSettings(db, agency.id);
      return <RulesPage {...frame(request, agency, base)} text={s.rulesText} updatedOn={s.rulesUpdatedOn} />;
    }),
  );

  app.get<{ Params: { code: string }; Querystring: Q }>('/gk/:code/list', (request, reply) =>
    cachedAgencyPage(request, reply, async (agency, base) => {
      const page = pageOf(request.query.page);
      const { total, items } = await listPublished(db, agency.id, { page, pageSize: PAGE_SIZE });
      return <CataloguePage {...frame(request, agency, base)} total={total} page={page} pageSize={PAGE_SIZE} items={items} />;
    }),
  );

  app.get<{ Params: { code: string; category: string }; Querystring: Q }>('/gk/:code/c/:category', (request, reply) =>
    cachedAgencyPage(request, reply, async (agency, base) => {
      const category = request.params.category;
      if (!isCategory(category)) throw notFound();
      const page = pageOf(request.query.page);
      const { total, items } = await listPublished(db, agency.id, { category, page, pageSize: PAGE_SIZE });
      const note = total === 0 ? ((await getCategoryNotes(db, agency.id)).get(category) ?? null) : null;
      return <CategoryPage {...frame(request, agency, base)} category={category} total={total} page={page} pageSize={PAGE_SIZE} items={items} note={note} />;
    }),
  );

  app.get<{ Params: { code: string; id: string } }>('/gk/:code/d/:id', async (request, reply) => {
    const id = idOf(request.params.id);
    return cachedAgencyPage(request, reply, async (agency, base) => {
      const doc = await getPublishedDocument(db, agency.id, id);
      if (doc === 'withdrawn') return { page: <WithdrawnPage {...frame(request, agency, base)} />, status: 410 };
      return { page: <DocumentPage {...frame(request, agency, base)} doc={doc} />, status: 200, documentId: id };
    });
  });

  app.get<{ Params: { code: string; id: string; att: string } }>('/gk/:code/d/:id/files/:att', async (request, reply) => {
    const { agency } = await publicAgency(db, request.params.code);
    const file = await getPublishedAttachment(db, agency.id, idOf(request.params.id), idOf(request.params.att));
    return reply
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('etag', `"${file.sha256}"`)
      .header('cache-control', 'public, max-age=600')
      .type(file.mediaType)
      .send(Buffer.from(file.content));
  });

  app.get<{ Params: { code: string; id: string } }>('/gk/:code/cleanup/:id', (request, reply) =>
    cachedAgencyPage(request, reply, async (agency, base) => {
      const { round, items } = await getCleanupRound(db, agency.id, idOf(request.params.id));
      if (round.status !== 'published') throw notFound();
      return <CleanupResultPage {...frame(request, agency, base)} round={round} items={items} />;
    }),
  );

  // --- search ---
  async function runSearch(query: Q, agency: Agency | undefined) {
    const q = (query.q ?? '').slice(0, 100);
    const page = pageOf(query.page);
    const category = query.category && isCategory(query.category) ? query.category : undefined;
    const year = query.year && /^\d{4}$/.test(query.year) ? Number(query.year) : undefined;
    const validity = query.validity && (VALIDITIES as readonly string[]).includes(query.validity) ? query.validity : undefined;
    const issuingBody = agency && query.body ? query.body.slice(0, 100) : undefined;
    const filters = { agencyId: agency?.id, category, year, validity, issuingBody };
    const hits = q.trim() ? await searchDocuments(db, q, filters, page, PAGE_SIZE) : { total: 0, capped: false, ids: [], phrases: [] };
    const docs = await publishedByIds(db, hits.ids);
    const results: SearchResult[] = docs.map((d) => ({
      ...d,
      titleParts: highlight(d.title, hits.phrases),
      snippetParts: snippet(d.bodyText, hits.phrases),
      docNoParts: highlight(d.docNo ?? '', hits.phrases),
    }));
    return { q, page, filters, total: hits.total, capped: hits.capped, results, docs };
  }

  app.get<{ Params: { code: string }; Querystring: Q }>('/gk/:code/search', (request, reply) =>
    cachedAgencyPage(request, reply, async (agency, base) => {
      const r = await runSearch(request.query, agency);
      const [years, bodies] = await Promise.all([publishedYears(db, agency.id), issuingBodies(db, agency.id)]);
      return (
        <SearchPage
          {...frame(request, agency, base)}
          canonical={`${base}/gk/${agency.code}/search`}
          query={{ q: r.q, ...r.filters }}
          years={years}
          bodies={bodies}
          total={r.total}
          capped={r.capped}
          page={r.page}
          pageSize={PAGE_SIZE}
          results={r.results}
        />
      );
    }),
  );

  app.get<{ Querystring: Q }>('/search', async (request, reply) => {
    const now = Date.now();
    if (!platform || platform.until <= now) platform = { stamp: await platformStamp(db), until: now + ttl };
    const stamp = platform.stamp;
    const base = baseUrl(request);
    const key = `${base}|${request.elder ? 1 : 0}|${request.url}`;
    let html = cache.get(key, stamp);
    if (html === undefined) {
      const r = await runSearch(request.query, undefined);
      html = (
        <SearchPage
          elder={request.elder}
          currentPath="/search"
          canonical={`${base}/search`}
          query={{ q: r.q, ...r.filters }}
          years={await publishedYears(db)}
          bodies={[]}
          total={r.total}
          capped={r.capped}
          page={r.page}
          pageSize={PAGE_SIZE}
          results={r.results}
        />
      ).html;
      cache.set(key, stamp, html);
    }
    return sendPage(reply, { html } as SafeHtml);
  });

  // --- feeds ---
  async function feed(request: FastifyRequest<{ Params: { code: string; category?: string } }>, reply: FastifyReply, kind: 'rss' | 'atom') {
    const { agency, stamp } = await agencyStamp(request.params.code);
    const category = request.params.category;
    if (category !== undefined && !isCategory(category)) throw notFound();
    const base = baseUrl(request);
    const key = `${base}|feed|${request.url}`;
    let body = cache.get(key, stamp);
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
      cache.set(key, stamp, body);
    }
    return reply.type(kind === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8').send(body);
  }
  app.get<{ Params: { code: string } }>('/gk/:code/feed.xml', (request, reply) => feed(request, reply, 'rss'));
  app.get<{ Params: { code: string } }>('/gk/:code/atom.xml', (request, reply) => feed(request, reply, 'atom'));
  app.get<{ Params: { code: string; category: string } }>('/gk/:code/c/:category/feed.xml', (request, reply) => feed(request, reply, 'rss'));
  app.get<{ Params: { code: string; category: string } }>('/gk/:code/c/:category/atom.xml', (request, reply) => feed(request, reply, 'atom'));

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

  app.get<{ Params: { file: string } }>('/sitemaps/:file', async (request, reply) => {
    const m = /^([a-z][a-z0-9-]{1,31})-(\d{1,4})\.xml$/.exec(request.params.file);
    if (!m) throw notFound();
    const { agency } = await publicAgency(db, m[1] as string);
    const chunk = Number(m[2]);
    const base = baseUrl(request);
    const rows = await db
      .selectFrom('documents')
      .select(['id', 'publishedOn', 'updatedAt'])
      .where('agencyId', '=', agency.id)
      .where('status', '=', 'published')
      .orderBy('id')
      .limit(SITEMAP_CHUNK)
      .offset((chunk - 1) * SITEMAP_CHUNK)
      .execute();
    const pages =
      chunk === 1
        ? [`/gk/${agency.code}/`, `/gk/${agency.code}/guide`, `/gk/${agency.code}/rules`, `/gk/${agency.code}/list`].map((p) => ({ loc: `${base}${p}` }))
        : [];
    const docs = rows.map((r) => ({ loc: `${base}${docPath(agency.code, r.id)}`, lastmod: r.updatedAt.slice(0, 10) }));
    return reply.type('application/xml; charset=utf-8').send(sitemap([...pages, ...docs]));
  });
}
