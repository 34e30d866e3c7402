import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SafeHtml } from '#jsx/jsx-runtime';
import { createAgency, listAgencies } from '../agencies/agencies.service.ts';
import { csrfToken, requireSuperadmin, type UserActor } from '../console/console.ts';
import type { Agency } from '../db/schema.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { Alert, CsrfField, FormErrors, Section } from '../web/components.tsx';
import { DataTable } from '../web/data-table.tsx';
import { emptyForm, type FormState, formValues, sendPage, submitForm } from '../web/http.ts';
import { AdminLayout } from '../web/layout.tsx';
import { textQuery, type ZodRoutes, zodRoutes } from '../web/params.ts';
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
      <DataTable
        caption="平台上的机关"
        rows={agencies}
        columns={[
          { header: t.agency.code, cell: (a) => <a href={`/admin/${a.code}`}>{a.code}</a> },
          { header: t.agency.name, cell: (a) => a.name },
          { header: t.agency.kind, cell: (a) => t.portal.agencyKind[a.kind] },
          { header: t.agency.creditCode, cell: (a) => a.creditCode ?? t.portal.notProvided },
        ]}
      />
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
  await admin.register(async (scope) => platformRoutes(zodRoutes(scope)));
}

function platformRoutes(admin: ZodRoutes): void {
  const deps = admin.deps;
  const page = async (actor: UserActor, csrf: string, form: FormState, created = false) => (
    <PlatformAgenciesPage actor={actor} csrf={csrf} agencies={await listAgencies(deps.db)} form={form} created={created} />
  );
  admin.get('/platform/agencies', { schema: { querystring: z.object({ created: textQuery }) } }, async (request, reply) => {
    const actor = requireSuperadmin(request);
    return sendPage(reply, await page(actor, csrfToken(reply), emptyForm({ kind: 'department' }), request.query.created === '1'));
  });
  admin.post('/platform/agencies', async (request, reply) => {
    const actor = requireSuperadmin(request);
    const values = formValues(request);
    return submitForm(
      reply,
      values,
      () => createAgency(deps, actor, values),
      () => '/admin/platform/agencies?created=1',
      (form) => page(actor, csrfToken(reply), form),
    );
  });
}
