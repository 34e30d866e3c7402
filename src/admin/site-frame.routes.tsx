/** 网站信息: the footer's fields of the platform (superadmin) and of an agency's site (its admins). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SafeHtml } from '#jsx/jsx-runtime';
import { canOnAgency } from '../agencies/agencies.policy.ts';
import { csrfToken, requireSuperadmin, type UserActor } from '../console/console.ts';
import { agencyParams, type ConsoleBase, ConsoleFrame, consolePage, consoleRoutes } from '../console/console-page.tsx';
import { agencyScope, PLATFORM_SCOPE, saveSiteFrame, siteFrame, siteFrameForm } from '../portal/site-frame.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { Alert, Crumbs, CsrfField, Field, FormErrors } from '../web/components.tsx';
import { emptyForm, type FormState, formValues, sendPage, submitForm } from '../web/http.ts';
import { AdminLayout } from '../web/layout.tsx';
import { textQuery, type ZodRoutes } from '../web/params.ts';

const C = t.frame.console;

function FrameFields({ form, platform }: { form: FormState; platform: boolean }): SafeHtml {
  const v = form.values;
  const e = form.fields;
  return (
    <>
      <Field name="sponsor" label={C.sponsor} value={v.sponsor} error={e.sponsor} maxlength={100} />
      <Field name="organizer" label={C.organizer} value={v.organizer} error={e.organizer} maxlength={100} />
      <Field name="siteCode" label={C.siteCode} value={v.siteCode} error={e.siteCode} maxlength={10} />
      <Field name="icpRecord" label={C.icpRecord} value={v.icpRecord} error={e.icpRecord} maxlength={60} />
      <Field name="psbRecord" label={C.psbRecord} value={v.psbRecord} error={e.psbRecord} maxlength={60} />
      <Field name="address" label={platform ? C.platformAddress : C.address} value={v.address} error={e.address} maxlength={200} />
      <Field name="phone" label={platform ? C.platformPhone : C.phone} value={v.phone} error={e.phone} maxlength={50} />
    </>
  );
}

function FrameForm({
  action,
  csrf,
  form,
  platform,
  canEdit,
}: {
  action: string;
  csrf: string;
  form: FormState;
  platform: boolean;
  canEdit: boolean;
}): SafeHtml {
  return (
    <>
      <FormErrors message={form.message} fields={form.fields} />
      <form method="post" action={action} class="stack card">
        <CsrfField token={csrf} />
        <FrameFields form={form} platform={platform} />
        {canEdit ? (
          <div class="btn-row">
            <button class="btn" type="submit">
              {C.save}
            </button>
          </div>
        ) : null}
      </form>
    </>
  );
}

function AgencyFramePage(p: ConsoleBase & { form: FormState; saved: boolean; canEdit: boolean }): SafeHtml {
  const code = p.agency.code;
  return (
    <ConsoleFrame {...p} title={C.title}>
      <Crumbs items={[{ label: p.agency.name, href: `/admin/${code}` }, { label: C.title }]} />
      <h1>{C.title}</h1>
      <p class="muted">{C.lead}</p>
      {p.saved ? <Alert kind="ok">{C.saved}</Alert> : null}
      {!p.canEdit ? <Alert kind="info">{C.adminOnly}</Alert> : null}
      <FrameForm action={`/admin/${code}/site`} csrf={p.csrf} form={p.form} platform={false} canEdit={p.canEdit} />
    </ConsoleFrame>
  );
}

function PlatformFramePage(p: { actor: UserActor; csrf: string; form: FormState; saved: boolean }): SafeHtml {
  return (
    <AdminLayout title={C.platformTitle} actor={p.actor} csrfToken={p.csrf} currentPath="/admin/platform/site">
      <Crumbs items={[{ label: t.admin.platform, href: '/admin' }, { label: C.platformTitle }]} />
      <h1>{C.platformTitle}</h1>
      <p class="muted">{C.platformLead}</p>
      {p.saved ? <Alert kind="ok">{C.saved}</Alert> : null}
      <FrameForm action="/admin/platform/site" csrf={p.csrf} form={p.form} platform canEdit />
    </AdminLayout>
  );
}

export async function registerSiteFrameRoutes(admin: FastifyInstance): Promise<void> {
  await admin.register(async (scope) => siteFrameRoutes(consoleRoutes(scope)));
}

function siteFrameRoutes(app: ZodRoutes): void {
  const deps = app.deps;
  const savedQuery = { querystring: z.object({ saved: textQuery }) };
  const page = (request: FastifyRequest, reply: FastifyReply) => consolePage(request, reply, '/site');
  const agencyPage = (b: ConsoleBase, form: FormState, saved = false) => (
    <AgencyFramePage {...b} form={form} saved={saved} canEdit={canOnAgency(b.actor, 'edit-facts', b.agency)} />
  );

  app.get('/platform/site', { schema: savedQuery }, async (request, reply) => {
    const actor = requireSuperadmin(request);
    const form = emptyForm(siteFrameForm(await siteFrame(deps.db, PLATFORM_SCOPE)));
    return sendPage(reply, <PlatformFramePage actor={actor} csrf={csrfToken(reply)} form={form} saved={request.query.saved === '1'} />);
  });
  app.post('/platform/site', async (request, reply) => {
    const actor = requireSuperadmin(request);
    const values = formValues(request);
    return submitForm(
      reply,
      values,
      () => saveSiteFrame(deps, actor, null, values),
      () => '/admin/platform/site?saved=1',
      (form) => <PlatformFramePage actor={actor} csrf={csrfToken(reply)} form={form} saved={false} />,
    );
  });

  app.get('/:agency/site', { schema: { params: agencyParams, ...savedQuery } }, async (request, reply) => {
    const b = await page(request, reply);
    return sendPage(reply, agencyPage(b, emptyForm(siteFrameForm(await siteFrame(deps.db, agencyScope(b.agency.id)))), request.query.saved === '1'));
  });
  app.post('/:agency/site', { schema: { params: agencyParams } }, async (request, reply) => {
    const b = await page(request, reply);
    const values = formValues(request);
    return submitForm(
      reply,
      values,
      () => saveSiteFrame(deps, b.actor, b.agency.id, values),
      () => `/admin/${b.agency.code}/site?saved=1`,
      (form) => agencyPage(b, form),
    );
  });
}
