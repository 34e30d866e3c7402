import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { addDepartment, agencyFactsForm, listAgencies, listDepartments, updateAgencyFacts } from '../agencies/agencies.service.ts';
import { listAudit } from '../audit/audit.service.ts';
import { csrfToken, requireUser } from '../console/console.ts';
import { agencyParams, type ConsoleBase, consoleMember, consolePage, consoleRoutes, recordParams } from '../console/console-page.tsx';
import { asDomainError } from '../db/faults.ts';
import { DomainError, forbidden, httpStatusOf } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { changePassword, login, logout, SESSION_COOKIE, SESSION_TTL_MS, sessionFailures } from '../users/auth.service.ts';
import { createUser, listAgencyUsersWithLocks, unlockAccount } from '../users/users.service.ts';
import { emptyForm, type FormState, formValues, runForm, safeNext, sendPage, submitForm } from '../web/http.ts';
import { textQuery, type ZodRoutes } from '../web/params.ts';
import { assigneeNames, collectTodos, viewerOf } from '../workbench/workbench.service.ts';
import { workbenchCounts, workbenchList, workbenchViewQuery } from '../workbench/workbench.ts';
import { WorkbenchPage } from '../workbench/workbench.views.tsx';
import { canEditAgencySettings, canOpenConsole, isPlatformAdmin } from './admin.policy.ts';
import { AgencySettingsPage, AgencyUsersPage, AuditPage, ConsoleHomePage, LoginFailuresPage, LoginPage, PasswordPage } from './console.views.tsx';

/** The console: sign-in, the home page, and each agency's workbench and management pages. */
export async function registerConsoleRoutes(admin: FastifyInstance): Promise<void> {
  await admin.register(async (scope) => consoleHomeRoutes(consoleRoutes(scope)));
}

function consoleHomeRoutes(admin: ZodRoutes): void {
  const deps = admin.deps;
  const { db } = deps;
  const setSessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/admin',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.secureCookies,
      maxAge: Math.floor(SESSION_TTL_MS / 1000),
    });

  const workbenchQuery = z.object({ view: workbenchViewQuery });
  const loginQuery = z.object({ next: textQuery, out: textQuery, setup: textQuery });
  admin.get('/login', { schema: { querystring: loginQuery } }, async (request, reply) => {
    if (request.actor.kind === 'user') return reply.redirect(safeNext(request.query.next));
    const notice = request.query.out === '1' ? t.auth.loggedOut : request.query.setup === '1' ? t.setup.done : undefined;
    return sendPage(reply, <LoginPage csrf={csrfToken(reply)} next={safeNext(request.query.next)} form={emptyForm()} notice={notice} />);
  });

  admin.post('/login', async (request, reply) => {
    const values = formValues(request);
    const next = safeNext(values.next);
    try {
      const { token, failuresBefore } = await login(deps, {
        username: values.username ?? '',
        password: values.password ?? '',
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      setSessionCookie(reply, token);
      // Failed attempts since the last sign-in are told before going on.
      if (failuresBefore.count > 0) return reply.redirect(`/admin/login/notice?next=${encodeURIComponent(next)}`, 303);
      return reply.redirect(next, 303);
    } catch (caught) {
      const error = asDomainError(caught);
      if (!(error instanceof DomainError) || !['UNAUTHENTICATED', 'THROTTLED', 'UNAVAILABLE'].includes(error.code)) throw caught;
      const message = error.code === 'UNAVAILABLE' ? t.errors.busyForm : error.message;
      const form: FormState = { values: { username: values.username ?? '' }, message, fields: {} };
      return sendPage(reply, <LoginPage csrf={csrfToken(reply)} next={next} form={form} />, httpStatusOf(error.code));
    }
  });

  admin.get('/login/notice', { schema: { querystring: z.object({ next: textQuery }) } }, async (request, reply) => {
    const actor = requireUser(request);
    const next = safeNext(request.query.next);
    const failures = await sessionFailures(db, request.cookies[SESSION_COOKIE]);
    if (!failures || failures.count === 0) return reply.redirect(next);
    return sendPage(reply, <LoginFailuresPage actor={actor} csrf={csrfToken(reply)} failures={failures} next={next} />);
  });

  admin.post('/logout', async (request, reply) => {
    await logout(deps, request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/admin' });
    return reply.redirect('/admin/login?out=1', 303);
  });

  admin.get('/account/password', { schema: { querystring: z.object({ done: textQuery }) } }, async (request, reply) => {
    const actor = requireUser(request);
    return sendPage(reply, <PasswordPage actor={actor} csrf={csrfToken(reply)} form={emptyForm()} done={request.query.done === '1'} />);
  });

  admin.post('/account/password', async (request, reply) => {
    const actor = requireUser(request);
    const values = formValues(request);
    const outcome = await runForm({}, () =>
      changePassword(deps, actor, {
        current: values.current ?? '',
        next: values.next ?? '',
        confirm: values.confirm ?? '',
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      }),
    );
    if (outcome.ok) {
      setSessionCookie(reply, outcome.result.token);
      return reply.redirect('/admin/account/password?done=1', 303);
    }
    return sendPage(reply, <PasswordPage actor={actor} csrf={csrfToken(reply)} form={outcome.state} done={false} />, 400);
  });

  admin.get('/', async (request, reply) => {
    const actor = requireUser(request);
    const agencies = (await listAgencies(db)).filter((a) => canOpenConsole(actor, a));
    if (agencies.length === 1 && !isPlatformAdmin(actor)) return reply.redirect(`/admin/${agencies[0]?.code}`);
    return sendPage(reply, <ConsoleHomePage actor={actor} csrf={csrfToken(reply)} agencies={agencies} />);
  });

  admin.get('/:agency', { schema: { params: agencyParams, querystring: workbenchQuery } }, async (request, reply) => {
    const b = await consolePage(request, reply, '');
    const today = deps.clock.today();
    const sources = deps.registries.todoSources;
    const all = await collectTodos(db, sources, b.agency, today);
    const viewer = viewerOf(b.actor, b.agency.id);
    const view = request.query.view;
    const items = workbenchList(all, viewer, view);
    return sendPage(
      reply,
      <WorkbenchPage
        {...b}
        view={view}
        roles={viewer.roles}
        items={items}
        counts={workbenchCounts(items, sources)}
        totals={{ mine: workbenchList(all, viewer, 'mine').length, office: workbenchList(all, viewer, 'office').length }}
        labels={new Map(sources.map((s) => [s.id, s.label]))}
        names={await assigneeNames(db, items)}
        today={today}
      />,
    );
  });

  admin.get('/:agency/audit', { schema: { params: agencyParams } }, async (request, reply) => {
    const b = await consolePage(request, reply, '/audit');
    return sendPage(reply, <AuditPage {...b} entries={await listAudit(db, b.agency.id, 200)} />);
  });

  /** The settings page; either form may carry a failed submission's state. */
  const settingsPage = async (b: ConsoleBase, opts: { form?: FormState; departmentForm?: FormState; saved?: boolean }) => (
    <AgencySettingsPage
      {...b}
      form={opts.form ?? emptyForm(agencyFactsForm(b.agency, null))}
      saved={opts.saved ?? false}
      departments={await listDepartments(db, b.agency.id)}
      departmentForm={opts.departmentForm ?? emptyForm()}
    />
  );
  const settings = (request: FastifyRequest, reply: FastifyReply) => consolePage(request, reply, '/settings');

  admin.get('/:agency/settings', { schema: { params: agencyParams, querystring: z.object({ saved: textQuery }) } }, async (request, reply) => {
    const b = await settings(request, reply);
    if (!canEditAgencySettings(b.actor, b.agency)) throw forbidden();
    return sendPage(reply, await settingsPage(b, { saved: request.query.saved === '1' }));
  });

  admin.post('/:agency/settings', { schema: { params: agencyParams } }, async (request, reply) => {
    const b = await settings(request, reply);
    const values = formValues(request);
    return submitForm(
      reply,
      values,
      () => updateAgencyFacts(deps, b.actor, b.agency.id, values),
      () => `/admin/${b.agency.code}/settings?saved=1`,
      (form) => settingsPage(b, { form }),
    );
  });

  admin.post('/:agency/departments', { schema: { params: agencyParams } }, async (request, reply) => {
    const b = await settings(request, reply);
    const values = formValues(request);
    return submitForm(
      reply,
      values,
      () => addDepartment(deps, b.actor, b.agency.id, values.name ?? ''),
      () => `/admin/${b.agency.code}/settings?saved=1#departments`,
      (departmentForm) => settingsPage(b, { departmentForm }),
    );
  });

  const usersQuery = z.object({ created: textQuery, unlocked: textQuery });
  const usersPage = async (b: ConsoleBase, form: FormState, query: { created?: string; unlocked?: string } = {}) => (
    <AgencyUsersPage
      {...b}
      users={await listAgencyUsersWithLocks(deps, b.actor, b.agency.id)}
      form={form}
      created={query.created === '1'}
      unlocked={query.unlocked === '1'}
    />
  );
  const users = (request: FastifyRequest, reply: FastifyReply) => consolePage(request, reply, '/users');

  admin.get('/:agency/users', { schema: { params: agencyParams, querystring: usersQuery } }, async (request, reply) => {
    const b = await users(request, reply);
    return sendPage(reply, await usersPage(b, emptyForm(), request.query));
  });

  admin.post('/:agency/users/:id/unlock', { schema: { params: recordParams } }, async (request, reply) => {
    const { actor, agency } = await consoleMember(request);
    await unlockAccount(deps, actor, agency.id, request.params.id);
    return reply.redirect(`/admin/${agency.code}/users?unlocked=1`, 303);
  });

  admin.post('/:agency/users', { schema: { params: agencyParams } }, async (request, reply) => {
    const b = await users(request, reply);
    const values = formValues(request);
    return submitForm(
      reply,
      values,
      () =>
        createUser(deps, b.actor, {
          username: values.username ?? '',
          displayName: values.displayName ?? '',
          email: values.email,
          password: values.password ?? '',
          roles: [{ agencyId: b.agency.id, role: (values.role ?? 'editor') as 'editor' }],
        }),
      () => `/admin/${b.agency.code}/users?created=1`,
      (form) => usersPage(b, form),
    );
  });
}
