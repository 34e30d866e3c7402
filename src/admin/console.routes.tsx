import type { FastifyInstance, FastifyReply } from 'fastify';
import { canOnAgency } from '../agencies/agencies.policy.ts';
import { addDepartment, agencyFactsForm, listAgencies, listDepartments, updateAgencyFacts } from '../agencies/agencies.service.ts';
import { listAudit } from '../audit/audit.service.ts';
import { consoleAgency, csrfToken, requireUser, type UserActor } from '../console/console.ts';
import { asDomainError } from '../db/faults.ts';
import type { Agency } from '../db/schema.ts';
import { reportReminder } from '../reports/reports.service.ts';
import { ReportReminder } from '../reports/reports.views.tsx';
import { isMemberOf } from '../shared/actor.ts';
import { DomainError, forbidden, httpStatusOf } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { changePassword, login, logout, SESSION_COOKIE, SESSION_TTL_MS, sessionFailures } from '../users/auth.service.ts';
import { createUser, listAgencyUsersWithLocks, unlockAccount } from '../users/users.service.ts';
import { emptyForm, type FormState, formValues, runForm, safeNext, sendPage } from '../web/http.ts';
import {
  AgencyConsolePage,
  AgencySettingsPage,
  AgencyUsersPage,
  AuditPage,
  ConsoleHomePage,
  LoginFailuresPage,
  LoginPage,
  PasswordPage,
} from './console.views.tsx';

type AgencyParams = { Params: { agency: string } };

/** The console: sign-in, the home page, and each agency's workbench and management pages. */
export async function registerConsoleRoutes(admin: FastifyInstance): Promise<void> {
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

  admin.get<{ Querystring: { next?: string; out?: string; setup?: string } }>('/login', async (request, reply) => {
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

  admin.get<{ Querystring: { next?: string } }>('/login/notice', async (request, reply) => {
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

  admin.get<{ Querystring: { done?: string } }>('/account/password', async (request, reply) => {
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
    const agencies = (await listAgencies(db)).filter((a) => isMemberOf(actor, a.id));
    if (agencies.length === 1 && !actor.isSuperadmin) return reply.redirect(`/admin/${agencies[0]?.code}`);
    return sendPage(reply, <ConsoleHomePage actor={actor} csrf={csrfToken(reply)} agencies={agencies} />);
  });

  admin.get<AgencyParams>('/:agency', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const count = await db
      .selectFrom('auditLog')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('agencyId', '=', agency.id)
      .executeTakeFirstOrThrow();
    const roles = [...(actor.roles.get(agency.id) ?? [])];
    const reminder = await reportReminder(db, agency, deps.clock.today());
    return sendPage(
      reply,
      <AgencyConsolePage
        actor={actor}
        csrf={csrfToken(reply)}
        agency={agency}
        currentPath={`/admin/${agency.code}`}
        roles={roles}
        auditCount={Number(count.n)}
        notices={reminder ? <ReportReminder agencyCode={agency.code} {...reminder} today={deps.clock.today()} /> : null}
      />,
    );
  });

  admin.get<AgencyParams>('/:agency/audit', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const entries = await listAudit(db, agency.id, 200);
    return sendPage(reply, <AuditPage actor={actor} csrf={csrfToken(reply)} agency={agency} currentPath={`/admin/${agency.code}/audit`} entries={entries} />);
  });

  /** Renders the settings page; either form may carry a failed submission's state. */
  const settingsPage = async (
    reply: FastifyReply,
    actor: UserActor,
    agency: Agency,
    opts: { form?: FormState; departmentForm?: FormState; saved?: boolean; status?: number },
  ) =>
    sendPage(
      reply,
      <AgencySettingsPage
        actor={actor}
        csrf={csrfToken(reply)}
        agency={agency}
        currentPath={`/admin/${agency.code}/settings`}
        form={opts.form ?? emptyForm(agencyFactsForm(agency, null))}
        saved={opts.saved ?? false}
        departments={await listDepartments(db, agency.id)}
        departmentForm={opts.departmentForm ?? emptyForm()}
      />,
      opts.status ?? 200,
    );

  admin.get<AgencyParams & { Querystring: { saved?: string } }>('/:agency/settings', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    if (!canOnAgency(actor, 'edit-facts', agency)) throw forbidden();
    return settingsPage(reply, actor, agency, { saved: request.query.saved === '1' });
  });

  admin.post<AgencyParams>('/:agency/settings', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const values = formValues(request);
    const outcome = await runForm(values, () => updateAgencyFacts(deps, actor, agency.id, values));
    if (outcome.ok) return reply.redirect(`/admin/${agency.code}/settings?saved=1`, 303);
    return settingsPage(reply, actor, agency, { form: outcome.state, status: 400 });
  });

  admin.post<AgencyParams>('/:agency/departments', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const values = formValues(request);
    const outcome = await runForm(values, () => addDepartment(deps, actor, agency.id, values.name ?? ''));
    if (outcome.ok) return reply.redirect(`/admin/${agency.code}/settings?saved=1#departments`, 303);
    return settingsPage(reply, actor, agency, { departmentForm: outcome.state, status: 400 });
  });

  admin.get<AgencyParams & { Querystring: { created?: string; unlocked?: string } }>('/:agency/users', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const users = await listAgencyUsersWithLocks(deps, actor, agency.id);
    return sendPage(
      reply,
      <AgencyUsersPage
        actor={actor}
        csrf={csrfToken(reply)}
        agency={agency}
        currentPath={`/admin/${agency.code}/users`}
        users={users}
        form={emptyForm()}
        created={request.query.created === '1'}
        unlocked={request.query.unlocked === '1'}
      />,
    );
  });

  admin.post<AgencyParams & { Params: { id: string } }>('/:agency/users/:id/unlock', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const id = Number(request.params.id);
    if (!Number.isSafeInteger(id) || id <= 0) throw new DomainError('NOT_FOUND', t.errors.notFound);
    await unlockAccount(deps, actor, agency.id, id);
    return reply.redirect(`/admin/${agency.code}/users?unlocked=1`, 303);
  });

  admin.post<AgencyParams>('/:agency/users', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const values = formValues(request);
    const outcome = await runForm(values, () =>
      createUser(deps, actor, {
        username: values.username ?? '',
        displayName: values.displayName ?? '',
        email: values.email,
        password: values.password ?? '',
        roles: [{ agencyId: agency.id, role: (values.role ?? 'editor') as 'editor' }],
      }),
    );
    if (outcome.ok) return reply.redirect(`/admin/${agency.code}/users?created=1`, 303);
    const users = await listAgencyUsersWithLocks(deps, actor, agency.id);
    return sendPage(
      reply,
      <AgencyUsersPage
        actor={actor}
        csrf={csrfToken(reply)}
        agency={agency}
        currentPath={`/admin/${agency.code}/users`}
        users={users}
        form={outcome.state}
        created={false}
        unlocked={false}
      />,
      400,
    );
  });
}
