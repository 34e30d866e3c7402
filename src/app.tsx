import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { registerConsoleRoutes } from './admin/console.routes.tsx';
import { registerPlatformRoutes } from './admin/platform.routes.tsx';
import { registerSetupRoutes } from './admin/setup.routes.tsx';
import { registerSiteFrameRoutes } from './admin/site-frame.routes.tsx';
import { registerAppealAdminRoutes } from './appeals/appeals.admin.tsx';
import { registerApplicationAdminRoutes } from './applications/admin.routes.tsx';
import { registerAnswerFilesAdminRoutes, registerAnswerFilesPortalRoutes } from './applications/answer-files.routes.tsx';
import { registerCorrectionRoutes } from './applications/correction.routes.tsx';
import { registerApplicationPortalRoutes } from './applications/portal.routes.tsx';
import { registerCalendarAdminRoutes } from './calendar/calendar.admin.tsx';
import { registerWorkdaysRoutes } from './calendar/workdays.routes.tsx';
import { registerCityRoutes } from './city/city.routes.tsx';
import { registerComplianceRoutes } from './compliance/compliance.routes.tsx';
import { buildRegistries, type Registries } from './composition.ts';
import type { Config } from './config.ts';
import type { Db, Dialect } from './db/database.ts';
import { asDomainError } from './db/faults.ts';
import { registerDocumentApiRoutes } from './documents/api/api.routes.ts';
import { registerDocumentConsoleRoutes } from './documents/console/console.routes.tsx';
import { registerDocumentPortalRoutes } from './documents/portal/portal.routes.tsx';
import { registerFiguresRoutes } from './figures/figures.routes.tsx';
import { registerGuideAdminRoutes } from './guide/guide.admin.tsx';
import { registerGuidePortalRoutes } from './guide/guide.routes.tsx';
import { registerInnovationRoutes } from './innovations/innovations.routes.tsx';
import { registerMechanismRoutes } from './mechanisms/mechanisms.routes.tsx';
import { registerPerformanceConsoleRoutes, registerPerformancePortalRoutes } from './performance/performance.routes.tsx';
import { registerPortalRoutes } from './portal/portal.routes.tsx';
import { registerProactiveRoutes } from './proactive/proactive.routes.tsx';
import { registerProposalRoutes } from './proposals/proposals.routes.tsx';
import { registerRectificationRoutes } from './rectification/rectification.routes.tsx';
import { registerReportFileCheckRoutes } from './reports/file-check.routes.tsx';
import { registerReportPortalRoutes } from './reports/reports.portal.tsx';
import { registerReportRoutes } from './reports/reports.routes.tsx';
import { type Actor, publicActor } from './shared/actor.ts';
import type { Clock } from './shared/clock.ts';
import { DomainError, type ErrorCode, httpStatusOf } from './shared/errors.ts';
import { t } from './shared/i18n/zh-CN.ts';
import { registerTrainingRoutes } from './trainings/trainings.routes.tsx';
import { actorForSession, SESSION_COOKIE } from './users/auth.service.ts';
import { createLogger, type LogDestination, registerAccessLog } from './web/access-log.ts';
import { clientErrorHandler, elderFromCookie } from './web/client-errors.tsx';
import { registerHealthRoutes } from './web/health.ts';
import { pageCacheKey, sendPage } from './web/http.ts';
import { ErrorPage } from './web/layout.tsx';
import { PageCache } from './web/page-cache.ts';
import { isWellFormedTarget } from './web/request-target.ts';
import { securityHeaders } from './web/security-headers.ts';
import { serverSecret } from './web/server-secret.ts';
import { isBrokenUpload } from './web/uploads.ts';
import { registerWorkPointRoutes } from './workpoints/workpoints.routes.tsx';

/**
 * What every route and service may use; passed explicitly, never imported as globals. `registries` are the
 * composition root's registries and ports (src/composition.ts), which routes hand to the services that need them.
 */
export type AppDeps = { db: Db; dialect: Dialect; clock: Clock; config: Config; registries: Registries };
/** What buildApp is given: the registries default to the composition root's. */
export type AppInput = Omit<AppDeps, 'registries'> & {
  registries?: Registries | undefined;
  /** Where log lines go instead of stdout (tests read the access log). */
  logDestination?: LogDestination | undefined;
};

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

const ASSETS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'web', 'assets');
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const wantsJson = (request: FastifyRequest) => request.url.startsWith('/api/');
/** Seconds a client is asked to wait before retrying while the database is unavailable. */
const RETRY_AFTER_S = '5';
const ERROR_TITLES: Partial<Record<ErrorCode, string>> = {
  NOT_FOUND: t.errors.notFoundTitle,
  FORBIDDEN: t.errors.forbiddenTitle,
  VALIDATION: t.errors.validationTitle,
  TOO_LARGE: t.errors.validationTitle,
  LENGTH_REQUIRED: t.errors.validationTitle,
  BUSY: t.errors.unavailableTitle,
  CONFLICT: t.errors.conflictTitle,
  UNAVAILABLE: t.errors.unavailableTitle,
};

/**
 * The query as single strings, the last value winning for a repeated name (as formValues does for forms): every
 * route reads strings, and `?q=a&q=b` must not hand one an array. Null prototype: `__proto__` is just a name.
 */
function lastValues(query: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of new URLSearchParams(query)) out[k] = v;
  return out;
}

const BAD_URL = 'GK_BAD_URL';
const badUrl = () => Object.assign(new Error('malformed request target'), { code: BAD_URL, statusCode: 400 });

/** Builds the Fastify app: security plugins, error pages, the portal, the console and the API. */
export async function buildApp(input: AppInput): Promise<FastifyInstance> {
  const deps: AppDeps = { ...input, registries: input.registries ?? buildRegistries() };
  const headers = securityHeaders({ hsts: deps.config.secureCookies });
  /** The Chinese 400 page (or JSON) for a target that is not well-formed; the cookie plugin may not have run yet. */
  const sendBadUrl = (request: FastifyRequest, reply: FastifyReply) => {
    if (wantsJson(request)) return reply.code(400).send({ error: { code: 'BAD_REQUEST', message: t.errors.badUrl } });
    const elder = elderFromCookie(request.headers.cookie);
    return sendPage(reply, <ErrorPage status={400} title={t.errors.badUrlTitle} message={t.errors.badUrl} elder={elder} />, 400);
  };
  let built: FastifyInstance | undefined;
  const logger = createLogger(deps.config, input.logDestination);
  const app = Fastify({
    // One asynchronous destination; Fastify's two synchronous lines per request give way to one access line.
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    logController: new LogController({ disableRequestLogging: true }),
    // request.ip is the peer unless it is a configured proxy: a forged X-Forwarded-For must not pick the address
    // that login and tracking throttles and the audit log see.
    trustProxy: deps.config.trustProxy.length > 0 ? deps.config.trustProxy : false,
    bodyLimit: 2 * 1024 * 1024,
    routerOptions: { querystringParser: lastValues },
    // Requests the HTTP parser refuses (raw UTF-8 targets are served; see client-errors.tsx).
    clientErrorHandler: clientErrorHandler(() => built as FastifyInstance, headers),
    // A path find-my-way cannot decode: no hook has run, so the headers are set here.
    frameworkErrors: (_error, request, reply) => sendBadUrl(request, reply.headers(headers)),
  });
  built = app;
  registerAccessLog(app, logger !== null && deps.config.accessLog);
  app.decorate('deps', deps);
  app.decorate('pageCache', new PageCache(deps.config.pageCacheMs));
  app.decorateRequest('actor', null as never);
  app.decorateRequest('elder', false);

  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(headers);
    // One rule for every target: complete escapes, UTF-8, no control characters (the query parser would let them by).
    if (!isWellFormedTarget(request.url)) done(badUrl());
    else done();
  });
  await app.register(fastifyCookie, { secret: await serverSecret(deps.db, deps.config) });
  await app.register(fastifyCsrf, {
    cookieKey: 'gk_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, signed: true, secure: deps.config.secureCookies },
  });
  await app.register(fastifyFormbody);
  await app.register(fastifyStatic, { root: ASSETS_DIR, prefix: '/assets/', maxAge: '7d', immutable: false });

  app.addHook('onRequest', (request, reply, done) => {
    request.actor = publicActor;
    request.elder = request.cookies.gk_elder === '1';
    // A public page still in the page cache is sent at once: only routes that use sendCachedPage put pages there,
    // and the key is the whole target, so the route, its checks and its footer were those of this very request.
    if (request.method === 'GET') {
      const page = app.pageCache.get(pageCacheKey(request));
      if (page !== undefined) {
        reply.type('text/html; charset=utf-8').send(page);
        return;
      }
    }
    done();
  });
  // Every state-changing request carries a valid CSRF token, whatever route it targets.
  app.addHook('preHandler', (request, reply, done) => {
    if (SAFE_METHODS.has(request.method)) return done();
    app.csrfProtection(request, reply, done);
  });

  // Whatever answers 503 (the database busy or down), the client is told when to try again.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (reply.statusCode === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', RETRY_AFTER_S);
    done(null, payload);
  });

  // Any successful write in this process may change what public pages show.
  app.addHook('onResponse', (request, reply, done) => {
    if (!SAFE_METHODS.has(request.method) && reply.statusCode < 400) app.pageCache.clear();
    done();
  });

  app.setErrorHandler(async (error, request, reply) => {
    // A database that is down, restarting or locked answers 503 (a lost unique race 409), never 500.
    const err = asDomainError(error) as Error & { code?: string; statusCode?: number };
    let status: number;
    let title: string;
    let message: string;
    if (err instanceof DomainError) {
      status = httpStatusOf(err.code);
      if (err.code === 'UNAUTHENTICATED' && !wantsJson(request) && request.method === 'GET') {
        return reply.redirect(`/admin/login?next=${encodeURIComponent(request.url)}`);
      }
      if (err !== error) request.log.warn({ err: error }, 'database fault');
      title = ERROR_TITLES[err.code] ?? t.errors.serverTitle;
      message = err.message;
      if (wantsJson(request)) return reply.code(status).send({ error: { code: err.code, message, fields: err.fields } });
    } else if (err.code === BAD_URL) {
      return sendBadUrl(request, reply);
    } else if (isBrokenUpload(err)) {
      status = 400;
      title = t.errors.validationTitle;
      message = t.files.upload.broken;
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

  registerHealthRoutes(app);
  await registerPortalRoutes(app);
  await registerReportPortalRoutes(app);
  await registerDocumentPortalRoutes(app);
  await registerDocumentApiRoutes(app);
  await registerWorkdaysRoutes(app);
  await registerApplicationPortalRoutes(app);
  await registerCorrectionRoutes(app);
  await registerAnswerFilesPortalRoutes(app);
  await registerPerformancePortalRoutes(app);
  await registerGuidePortalRoutes(app);
  await app.register(
    async (admin) => {
      admin.addHook('onRequest', async (request) => {
        request.actor = (await actorForSession(deps, request.cookies[SESSION_COOKIE])) ?? publicActor;
      });
      await registerSetupRoutes(admin);
      await registerConsoleRoutes(admin);
      await registerPlatformRoutes(admin);
      await registerGuideAdminRoutes(admin);
      await registerSiteFrameRoutes(admin);
      await registerDocumentConsoleRoutes(admin);
      await registerCalendarAdminRoutes(admin);
      await registerApplicationAdminRoutes(admin);
      await registerProactiveRoutes(admin);
      await registerAnswerFilesAdminRoutes(admin);
      await registerAppealAdminRoutes(admin);
      await registerComplianceRoutes(admin);
      await registerCityRoutes(admin);
      await registerPerformanceConsoleRoutes(admin);
      await registerReportRoutes(admin);
      await registerReportFileCheckRoutes(admin);
      await registerFiguresRoutes(admin);
      await registerProposalRoutes(admin);
      await registerTrainingRoutes(admin);
      await registerWorkPointRoutes(admin);
      await registerRectificationRoutes(admin);
      await registerMechanismRoutes(admin);
      await registerInnovationRoutes(admin);
    },
    { prefix: '/admin' },
  );
  return app;
}
