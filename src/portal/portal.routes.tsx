import type { FastifyInstance } from 'fastify';
import { listAgencies } from '../agencies/agencies.service.ts';
import { safeNext, sendCachedPage } from '../web/http.ts';
import { PlatformHomePage } from './portal.views.tsx';
import { registerSiteFooter } from './site-frame.ts';

/** The public portal: the platform home, each agency's disclosure column, and the 适老化 switch. */
export async function registerPortalRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;
  registerSiteFooter(app);

  app.get('/', async (request, reply) => {
    return sendCachedPage(request, reply, async () => <PlatformHomePage agencies={await listAgencies(db)} elder={request.elder} />);
  });

  app.get<{ Params: { code: string } }>('/gk/:code', async (request, reply) =>
    reply.redirect(safeNext(`/gk/${encodeURIComponent(request.params.code)}/`, '/'), 301),
  );

  // The column home /gk/:code/ and its pages are served by src/documents/portal/portal.routes.tsx.

  // The 适老化 switch works without JavaScript: a link sets a preference cookie and returns to the page.
  app.get<{ Querystring: { on?: string; back?: string } }>('/elder', async (request, reply) => {
    const on = request.query.on !== '0';
    reply.setCookie('gk_elder', on ? '1' : '0', { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 86400 });
    return reply.redirect(safeNext(request.query.back, '/'));
  });
}
