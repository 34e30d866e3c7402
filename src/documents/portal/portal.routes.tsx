import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listPublishedReports } from '../../reports/reports.service.ts';
import { chinaDate } from '../../shared/clock.ts';
import { notFound } from '../../shared/errors.ts';
import { pageQuery, type ZodRoutes, zodRoutes } from '../../web/params.ts';
import { countsByCategory, getPublishedAttachment, getPublishedDocument, listPublished, publicAgency } from '../documents.queries.ts';
import { CleanupResultPage } from '../oversight/cleanup.views.tsx';
import { getCategoryNotes, getCleanupRound, getDisclosureSettings, listCleanupRounds } from '../oversight/oversight.queries.ts';
import { DocumentPage, WithdrawnPage } from './document.views.tsx';
import { registerFeedRoutes } from './feeds.routes.ts';
import { CataloguePage, CategoryPage, ColumnHomePage, RulesPage } from './portal.views.tsx';
import { agencyParams, categoryParams, documentId, PAGE_SIZE, recordParams } from './portal-params.ts';
import { frameOf, PublicPages } from './public-pages.ts';
import { registerSearchRoutes } from './search.routes.tsx';

/** Public pages of the 政府信息公开 column, search, feeds and the sitemap. */
export async function registerDocumentPortalRoutes(app: FastifyInstance): Promise<void> {
  const pages = new PublicPages(app);
  await app.register(async (scope) => {
    const routes = zodRoutes(scope);
    columnRoutes(routes, pages);
    registerSearchRoutes(routes, pages);
    registerFeedRoutes(routes, pages);
  });
}

function columnRoutes(app: ZodRoutes, pages: PublicPages): void {
  const { db } = app.deps;

  app.get('/gk/:code/', { schema: { params: agencyParams } }, (request, reply) =>
    pages.serve(request, reply, request.params.code, async (agency, base) => {
      const [counts, latest, settings, rounds, reports] = await Promise.all([
        countsByCategory(db, agency.id),
        listPublished(db, agency.id, { page: 1, pageSize: 8 }),
        getDisclosureSettings(db, agency.id),
        listCleanupRounds(db, agency.id, true),
        listPublishedReports(db, agency.id),
      ]);
      return (
        <ColumnHomePage
          {...frameOf(request, agency, base)}
          counts={counts}
          latest={latest.items}
          guideUpdatedOn={[settings.guideUpdatedOn ?? '', chinaDate(new Date(agency.updatedAt))].sort().at(-1) ?? ''}
          rulesUpdatedOn={settings.rulesText ? settings.rulesUpdatedOn : null}
          cleanupRounds={rounds}
          reports={reports}
        />
      );
    }),
  );

  app.get('/gk/:code/rules', { schema: { params: agencyParams } }, (request, reply) =>
    pages.serve(request, reply, request.params.code, async (agency, base) => {
      const s = await getDisclosureSettings(db, agency.id);
      return <RulesPage {...frameOf(request, agency, base)} text={s.rulesText} updatedOn={s.rulesUpdatedOn} />;
    }),
  );

  const pageQuerystring = z.object({ page: pageQuery });
  app.get('/gk/:code/list', { schema: { params: agencyParams, querystring: pageQuerystring } }, (request, reply) =>
    pages.serve(request, reply, request.params.code, async (agency, base) => {
      const { page } = request.query;
      const { total, items } = await listPublished(db, agency.id, { page, pageSize: PAGE_SIZE });
      return <CataloguePage {...frameOf(request, agency, base)} total={total} page={page} pageSize={PAGE_SIZE} items={items} />;
    }),
  );

  app.get('/gk/:code/c/:category', { schema: { params: categoryParams, querystring: pageQuerystring } }, (request, reply) =>
    pages.serve(request, reply, request.params.code, async (agency, base) => {
      const { category } = request.params;
      const { page } = request.query;
      const { total, items } = await listPublished(db, agency.id, { category, page, pageSize: PAGE_SIZE });
      const note = total === 0 ? ((await getCategoryNotes(db, agency.id)).get(category) ?? null) : null;
      return <CategoryPage {...frameOf(request, agency, base)} category={category} total={total} page={page} pageSize={PAGE_SIZE} items={items} note={note} />;
    }),
  );

  app.get('/gk/:code/d/:id', { schema: { params: recordParams } }, (request, reply) =>
    pages.serve(request, reply, request.params.code, async (agency, base) => {
      const { id } = request.params;
      const doc = await getPublishedDocument(db, agency.id, id);
      if (doc === 'withdrawn') return { page: <WithdrawnPage {...frameOf(request, agency, base)} />, status: 410 };
      return { page: <DocumentPage {...frameOf(request, agency, base)} doc={doc} />, status: 200, documentId: id };
    }),
  );

  const fileParams = recordParams.extend({ att: documentId() });
  app.get('/gk/:code/d/:id/files/:att', { schema: { params: fileParams } }, async (request, reply) => {
    const { agency } = await publicAgency(db, request.params.code);
    const file = await getPublishedAttachment(db, agency.id, request.params.id, request.params.att);
    return reply
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('etag', `"${file.sha256}"`)
      .header('cache-control', 'public, max-age=600')
      .type(file.mediaType)
      .send(Buffer.from(file.content));
  });

  app.get('/gk/:code/cleanup/:id', { schema: { params: recordParams } }, (request, reply) =>
    pages.serve(request, reply, request.params.code, async (agency, base) => {
      const { round, items } = await getCleanupRound(db, agency.id, request.params.id);
      if (round.status !== 'published') throw notFound();
      return <CleanupResultPage {...frameOf(request, agency, base)} round={round} items={items} />;
    }),
  );
}
