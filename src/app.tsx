import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { registerConsoleRoutes } from './admin/console.routes.tsx';
import { registerPlatformRoutes } from './admin/platform.routes.tsx';
import { registerSetupRoutes } from './admin/setup.routes.tsx';
import { registerAppealAdminRoutes } from './appeals/appeals.admin.tsx';
import { registerApplicationAdminRoutes } from './applications/admin.routes.tsx';
import { registerApplicationPortalRoutes } from './applications/portal.routes.tsx';
import { registerCalendarAdminRoutes } from './calendar/calendar.admin.tsx';
import { registerWorkdaysRoutes } from './calendar/workdays.routes.tsx';
import { registerCityRoutes } from './city/city.routes.tsx';
import { registerComplianceRoutes } from './compliance/compliance.routes.tsx';
import type { Config } from './config.ts';
import type { Db, Dialect } from './db/database.ts';
import { registerDocumentApiRoutes } from './documents/api.routes.ts';
import { registerDocumentConsoleRoutes } from './documents/console.routes.tsx';
import { registerDocumentPortalRoutes } from './documents/portal.routes.tsx';
import { registerFiguresRoutes } from './figures/figures.routes.tsx';
import { registerPerformanceConsoleRoutes, registerPerformancePortalRoutes } from './performance/performance.routes.tsx';
import { registerPortalRoutes } from './portal/portal.routes.tsx';
import { registerRecordRoutes } from './reports/records.routes.tsx';
import { registerReportPortalRoutes } from './reports/reports.portal.tsx';
import { registerReportRoutes } from './reports/reports.routes.tsx';
import { type Actor, publicActor } from './shared/actor.ts';
import type { Clock } from './shared/clock.ts';
import { DomainError, httpStatusOf } from './shared/errors.ts';
import { t } from './shared/i18n/zh-CN.ts';
import { actorForSession } from './users/auth.service.ts';
import { sendPage } from './web/http.ts';
import { ErrorPage } from './web/layout.tsx';
import { PageCache } from './web/page-cache.ts';
import { securityHeaders } from './web/security-headers.ts';
import { serverSecret } from './web/server-secret.ts';

/** What every route and service may use; passed explicitly, never imported as globals. */
export type AppDeps = { db: Db; dialect: Dialect; clock: Clock; config: Config };

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    pageCache: PageCache;
  }
  interface FastifyRequest {
    actor: Actor;
    elder: boolean;
  }
}

export const SESSION_COOKIE = 'gk_session';
const ASSETS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'web', 'assets');
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const wantsJson = (request: FastifyRequest) => request.url.startsWith('/api/');

/** Builds the Fastify app: security plugins, error pages, the portal, the console and the API. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.config.logLevel === 'silent' ? false : { level: deps.config.logLevel },
    trustProxy: true,
    bodyLimit: 2 * 1024 * 1024,
  });
  app.decorate('deps', deps);
  app.decorate('pageCache', new PageCache(deps.config.pageCacheMs));
  app.decorateRequest('actor', null as never);
  app.decorateRequest('elder', false);

  const headers = securityHeaders({ hsts: deps.config.secureCookies });
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(fastifyCookie, { secret: await serverSecret(deps.db, deps.config) });
  await app.register(fastifyCsrf, {
    cookieKey: 'gk_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, signed: true, secure: deps.config.secureCookies },
  });
  await app.register(fastifyFormbody);
  await app.register(fastifyStatic, { root: ASSETS_DIR, prefix: '/assets/', maxAge: '7d', immutable: false });

  app.addHook('onRequest', async (request) => {
    request.actor = publicActor;
    request.elder = request.cookies.gk_elder === '1';
  });
  // Every state-changing request carries a valid CSRF token, whatever route it targets.
  app.addHook('preHandler', (request, reply, done) => {
    if (SAFE_METHODS.has(request.method)) return done();
    app.csrfProtection(request, reply, done);
  });

  // Any successful write in this process may change what public pages show.
  app.addHook('onResponse', async (request, reply) => {
    if (!SAFE_METHODS.has(request.method) && reply.statusCode < 400) app.pageCache.clear();
  });

  app.setErrorHandler(async (error, request, reply) => {
    const err = error as Error & { code?: string; statusCode?: number };
    let status: number;
    let title: string;
    let message: string;
    if (err instanceof DomainError) {
      status = httpStatusOf(err.code);
      if (err.code === 'UNAUTHENTICATED' && !wantsJson(request) && request.method === 'GET') {
        return reply.redirect(`/admin/login?next=${encodeURIComponent(request.url)}`);
      }
      title =
        err.code === 'NOT_FOUND'
          ? t.errors.notFoundTitle
          : err.code === 'FORBIDDEN'
            ? t.errors.forbiddenTitle
            : err.code === 'VALIDATION' || err.code === 'TOO_LARGE' || err.code === 'LENGTH_REQUIRED'
              ? t.errors.validationTitle
              : t.errors.serverTitle;
      message = err.message;
      if (wantsJson(request)) return reply.code(status).send({ error: { code: err.code, message, fields: err.fields } });
    } else if (err.code?.startsWith('FST_CSRF')) {
      status = 403;
      title = t.errors.csrfTitle;
      message = t.errors.csrf;
    } else if (err.statusCode === 413) {
      status = 413;
      title = t.errors.validationTitle;
      message = t.errors.tooLarge;
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      status = err.statusCode;
      title = t.errors.validationTitle;
      message = t.errors.validation;
    } else {
      request.log.error({ err }, 'unhandled error');
      status = 500;
      title = t.errors.serverTitle;
      message = t.errors.server;
    }
    if (wantsJson(request)) return reply.code(status).send({ error: { code: status === 500 ? 'INTERNAL' : 'BAD_REQUEST', message } });
    return sendPage(reply, <ErrorPage status={status} title={title} message={message} elder={request.elder} />, status);
  });
  app.setNotFoundHandler(async (request, reply) => {
    if (wantsJson(request)) return reply.code(404).send({ error: { code: 'NOT_FOUND', message: t.errors.notFound } });
    return sendPage(reply, <ErrorPage status={404} title={t.errors.notFoundTitle} message={t.errors.notFound} elder={request.elder} />, 404);
  });

  app.get('/health', async () => ({ ok: true }));
  await registerPortalRoutes(app);
  await registerReportPortalRoutes(app);
  await registerDocumentPortalRoutes(app);
  await registerDocumentApiRoutes(app);
  await registerWorkdaysRoutes(app);
  await registerApplicationPortalRoutes(app);
  await registerPerformancePortalRoutes(app);
  await app.register(
    async (admin) => {
      admin.addHook('onRequest', async (request) => {
        request.actor = (await actorForSession(deps, request.cookies[SESSION_COOKIE])) ?? publicActor;
      });
      await registerSetupRoutes(admin);
      await registerConsoleRoutes(admin);
      await registerPlatformRoutes(admin);
      await registerDocumentConsoleRoutes(admin);
      await registerCalendarAdminRoutes(admin);
      await registerApplicationAdminRoutes(admin);
      await registerAppealAdminRoutes(admin);
      await registerComplianceRoutes(admin);
      await registerCityRoutes(admin);
      await registerPerformanceConsoleRoutes(admin);
      await registerReportRoutes(admin);
      await registerFiguresRoutes(admin);
      await registerRecordRoutes(admin);
    },
    { prefix: '/admin' },
  );
  return app;
}
