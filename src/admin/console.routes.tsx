import type { FastifyInstance } from 'fastify';
import { listAgencies, updateAgencyFacts } from '../agencies/agencies.service.ts';
import { SESSION_COOKIE } from '../app.tsx';
import { listAudit } from '../audit/audit.service.ts';
import type { Agency } from '../db/schema.ts';
import { reportReminder } from '../reports/reports.service.ts';
import { ReportReminder } from '../reports/reports.views.tsx';
import { hasRole, isMemberOf } from '../shared/actor.ts';
import { DomainError, forbidden } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { login, logout, SESSION_TTL_MS } from '../users/auth.service.ts';
import { createUser, listAgencyUsers } from '../users/users.service.ts';
import { emptyForm, type FormState, formValues, runForm, safeNext, sendPage } from '../web/http.ts';
import { consoleAgency, csrfToken, requireUser } from './console.ts';
import { AgencyConsolePage, AgencySettingsPage, AgencyUsersPage, AuditPage, ConsoleHomePage, LoginPage } from './console.views.tsx';

type AgencyParams = { Params: { agency: string } };

const agencyForm = (a: Agency): FormState =>
  emptyForm(
    Object.fromEntries(
      Object.entries({
        name: a.name,
        kind: a.kind,
        creditCode: a.creditCode,
        officeName: a.officeName,
        address: a.address,
        officeHours: a.officeHours,
        phone: a.phone,
        fax: a.fax,
        email: a.email,
        postcode: a.postcode,
      }).map(([k, v]) => [k, v ?? '']),
    ),
  );

/** The console: sign-in, the home page, and each agency's workbench and management pages. */
export async function registerConsoleRoutes(admin: FastifyInstance): Promise<void> {
  const deps = admin.deps;
  const { db } = deps;

  admin.get<{ Querystring: { next?: string; out?: string; setup?: string } }>('/login', async (request, reply) => {
    if (request.actor.kind === 'user') return reply.redirect(safeNext(request.query.next));
    const notice = request.query.out === '1' ? t.auth.loggedOut : request.query.setup === '1' ? t.setup.done : undefined;
    return sendPage(reply, <LoginPage csrf={csrfToken(reply)} next={safeNext(request.query.next)} form={emptyForm()} notice={notice} />);
  });

  admin.post('/login', async (request, reply) => {
    const values = formValues(request);
    const next = safeNext(values.next);
    try {
      const { token } = await login(deps, {
        username: values.username ?? '',
        password: values.password ?? '',
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/admin',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.secureCookies,
        maxAge: Math.floor(SESSION_TTL_MS / 1000),
      });
      return reply.redirect(next, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.code !== 'UNAUTHENTICATED' && error.code !== 'THROTTLED')) throw error;
      const status = error.code === 'THROTTLED' ? 429 : 401;
      const form: FormState = { values: { username: values.username ?? '' }, message: error.message, fields: {} };
      return sendPage(reply, <LoginPage csrf={csrfToken(reply)} next={next} form={form} />, status);
    }
  });

  admin.post('/logout', async (request, reply) => {
    await logout(deps, request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/admin' });
    return reply.redirect('/admin/login?out=1', 303);
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

  admin.get<AgencyParams & { Querystring: { saved?: string } }>('/:agency/settings', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    if (!hasRole(actor, agency.id, ['admin'])) throw forbidden();
    return sendPage(
      reply,
      <AgencySettingsPage
        actor={actor}
        csrf={csrfToken(reply)}
        agency={agency}
        currentPath={`/admin/${agency.code}/settings`}
        form={agencyForm(agency)}
        saved={request.query.saved === '1'}
      />,
    );
  });

  admin.post<AgencyParams>('/:agency/settings', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const values = formValues(request);
    const outcome = await runForm(values, () => updateAgencyFacts(deps, actor, agency.id, values));
    if (outcome.ok) return reply.redirect(`/admin/${agency.code}/settings?saved=1`, 303);
    return sendPage(
      reply,
      <AgencySettingsPage
        actor={actor}
        csrf={csrfToken(reply)}
        agency={agency}
        currentPath={`/admin/${agency.code}/settings`}
        form={outcome.state}
        saved={false}
      />,
      400,
    );
  });

  admin.get<AgencyParams & { Querystring: { created?: string } }>('/:agency/users', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const users = await listAgencyUsers(db, actor, agency.id);
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
      />,
    );
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
    const users = await listAgencyUsers(db, actor, agency.id);
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
      />,
      400,
    );
  });
}
