import { z } from 'zod';
import type { SafeHtml } from '#jsx/jsx-runtime';
import type { Agency } from '../../db/schema.ts';
import { highlight, searchDocuments, snippet } from '../../search/search.service.ts';
import { sendPage } from '../../web/http.ts';
import { oneOfQuery, pageQuery, textQuery, yearQuery, type ZodRoutes } from '../../web/params.ts';
import { issuingBodies, publishedByIds, publishedYears } from '../documents.queries.ts';
import { CATEGORIES, VALIDITIES } from '../documents.tables.ts';
import { agencyParams, PAGE_SIZE } from './portal-params.ts';
import { baseUrl, frameOf, type PublicPages } from './public-pages.ts';
import { SearchPage, type SearchResult } from './search.views.tsx';

/** The search form's fields; anything that does not parse reads as absent (the page never refuses a search). */
const searchQuery = z.object({
  q: textQuery,
  page: pageQuery,
  category: oneOfQuery(CATEGORIES),
  year: yearQuery,
  validity: oneOfQuery(VALIDITIES),
  body: textQuery,
});
type SearchQuery = z.output<typeof searchQuery>;

/** The search pages: an agency's column and the whole platform. */
export function registerSearchRoutes(app: ZodRoutes, pages: PublicPages): void {
  const { db } = app.deps;

  async function runSearch(query: SearchQuery, agency: Agency | undefined) {
    const q = query.q.slice(0, 100);
    const { page, category, year, validity } = query;
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
    return { q, page, filters, total: hits.total, capped: hits.capped, results };
  }

  app.get('/gk/:code/search', { schema: { params: agencyParams, querystring: searchQuery } }, (request, reply) =>
    pages.serve(request, reply, request.params.code, async (agency, base) => {
      const r = await runSearch(request.query, agency);
      const [years, bodies] = await Promise.all([publishedYears(db, agency.id), issuingBodies(db, agency.id)]);
      return (
        <SearchPage
          {...frameOf(request, agency, base)}
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

  app.get('/search', { schema: { querystring: searchQuery } }, async (request, reply) => {
    const stamp = await pages.platformStamp();
    const base = baseUrl(request);
    const key = `${base}|${request.elder ? 1 : 0}|${request.url}`;
    let html = pages.bodies.get(key, stamp);
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
      pages.bodies.set(key, stamp, html);
    }
    return sendPage(reply, { html } as SafeHtml);
  });
}
