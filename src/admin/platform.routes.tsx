import type { FastifyInstance } from 'fastify';
import type { SafeHtml } from '#jsx/jsx-runtime';
import { createAgency, listAgencies } from '../agencies/agencies.service.ts';
import { csrfToken, requireSuperadmin, type UserActor } from '../console/console.ts';
import type { Agency } from '../db/schema.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { Alert, CsrfField, FormErrors, Section } from '../web/components.tsx';
import { emptyForm, type FormState, formValues, runForm, sendPage } from '../web/http.ts';
import { AdminLayout } from '../web/layout.tsx';
import { AgencyFields } from './console.views.tsx';

function PlatformAgenciesPage({
  actor,
  csrf,
  agencies,
  form,
  created,
}: {
  actor: UserActor;
  csrf: string;
  agencies: Agency[];
  form: FormState;
  created: boolean;
}): SafeHtml {
  return (
    <AdminLayout title={t.admin.platform} actor={actor} csrfToken={csrf} currentPath="/admin/platform/agencies">
      <h1>{t.admin.platform}</h1>
      {created ? <Alert kind="ok">已创建机关。</Alert> : null}
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">平台上的机关</caption>
          <thead>
            <tr>
              <th scope="col">{t.agency.code}</th>
              <th scope="col">{t.agency.name}</th>
              <th scope="col">{t.agency.kind}</th>
              <th scope="col">{t.agency.creditCode}</th>
            </tr>
          </thead>
          <tbody>
            {agencies.map((a) => (
              <tr>
                <td>
                  <a href={`/admin/${a.code}`}>{a.code}</a>
                </td>
                <td>{a.name}</td>
                <td>{t.portal.agencyKind[a.kind]}</td>
                <td>{a.creditCode ?? t.portal.notProvided}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Section title="新增机关" id="new-agency">
        <FormErrors message={form.message} fields={form.fields} />
        <form method="post" class="stack">
          <CsrfField token={csrf} />
          <AgencyFields form={form} withCode />
          <div class="btn-row">
            <button class="btn" type="submit">
              创建机关
            </button>
          </div>
        </form>
      </Section>
    </AdminLayout>
  );
}

/** Platform administration (superadmin only): the agencies hosted on the platform. */
export async function registerPlatformRoutes(admin: FastifyInstance): Promise<void> {
  const deps = admin.deps;
  admin.get<{ Querystring: { created?: string } }>('/platform/agencies', async (request, reply) => {
    const actor = requireSuperadmin(request);
    const agencies = await listAgencies(deps.db);
    return sendPage(
      reply,
      <PlatformAgenciesPage
        actor={actor}
        csrf={csrfToken(reply)}
        agencies={agencies}
        form={emptyForm({ kind: 'department' })}
        created={request.query.created === '1'}
      />,
    );
  });
  admin.post('/platform/agencies', async (request, reply) => {
    const actor = requireSuperadmin(request);
    const values = formValues(request);
    const outcome = await runForm(values, () => createAgency(deps, actor, values));
    if (outcome.ok) return reply.redirect('/admin/platform/agencies?created=1', 303);
    const agencies = await listAgencies(deps.db);
    return sendPage(reply, <PlatformAgenciesPage actor={actor} csrf={csrfToken(reply)} agencies={agencies} form={outcome.state} created={false} />, 400);
  });
}
