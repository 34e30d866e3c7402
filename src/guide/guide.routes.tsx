import type { FastifyInstance } from 'fastify';
import { listAgencies } from '../agencies/agencies.service.ts';
import { publicAgency } from '../documents/documents.queries.ts';
import { agencyParams } from '../documents/portal/portal-params.ts';
import { baseUrl, frameOf } from '../documents/portal/public-pages.ts';
import { sendCachedPage } from '../web/http.ts';
import { zodRoutes } from '../web/params.ts';
import { loadGuide } from './guide.queries.ts';
import { GuidePage } from './guide.views.tsx';
import { AgencySitemapPage, PlatformSitemapPage } from './sitemap.views.tsx';

/** The public 公开指南 of each agency, and the 网站地图 of the platform and of each agency. */
export async function registerGuidePortalRoutes(app: FastifyInstance): Promise<void> {
  await app.register(async (scope) => {
    const routes = zodRoutes(scope);
    const { db } = routes.deps;

    routes.get('/gk/:code/guide', { schema: { params: agencyParams } }, async (request, reply) => {
      const { agency } = await publicAgency(db, request.params.code);
      const base = baseUrl(request);
      return sendCachedPage(request, reply, async () => <GuidePage {...frameOf(request, agency, base)} guide={await loadGuide(db, agency)} base={base} />);
    });

    routes.get('/gk/:code/sitemap', { schema: { params: agencyParams } }, async (request, reply) => {
      const { agency } = await publicAgency(db, request.params.code);
      return sendCachedPage(request, reply, () => <AgencySitemapPage {...frameOf(request, agency, baseUrl(request))} />);
    });

    routes.get('/sitemap', async (request, reply) =>
      sendCachedPage(request, reply, async () => <PlatformSitemapPage agencies={await listAgencies(db)} elder={request.elder} />),
    );
  });
}
