import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SafeHtml } from '#jsx/jsx-runtime';
import { csrfToken } from '../console/console.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { completeSetup, isSetupTokenValid } from '../users/setup.service.ts';
import { Alert, CsrfField, Field, FormErrors } from '../web/components.tsx';
import { emptyForm, type FormState, formValues, sendPage, submitForm } from '../web/http.ts';
import { AdminLayout } from '../web/layout.tsx';
import { textQuery, type ZodRoutes, zodRoutes } from '../web/params.ts';
import { AgencyFields } from './console.views.tsx';

function SetupPage({ csrf, token, form }: { csrf: string; token: string; form: FormState }): SafeHtml {
  const v = form.values;
  const e = form.fields;
  return (
    <AdminLayout title={t.setup.title} actor={null} currentPath="/admin/setup">
      <section class="card" aria-labelledby="setup-title">
        <h1 id="setup-title">{t.setup.title}</h1>
        <p class="lead">{t.setup.lead}</p>
        <FormErrors message={form.message} fields={form.fields} />
        <form method="post" action="/admin/setup" class="stack">
          <CsrfField token={csrf} />
          <input type="hidden" name="token" value={token} />
          <fieldset>
            <legend>{t.setup.agencySection}</legend>
            <AgencyFields form={form} withCode />
          </fieldset>
          <fieldset>
            <legend>{t.setup.adminSection}</legend>
            <Field
              name="adminUsername"
              label={t.auth.username}
              hint={t.user.usernameRule}
              value={v.adminUsername}
              error={e['admin.username'] ?? e.username}
              autocomplete="username"
              required
            />
            <Field name="adminDisplayName" label={t.user.displayName} value={v.adminDisplayName} error={e['admin.displayName'] ?? e.displayName} required />
            <Field
              name="adminPassword"
              label={t.auth.password}
              hint={t.auth.passwordRule}
              type="password"
              error={e['admin.password'] ?? e.password}
              autocomplete="new-password"
              required
            />
          </fieldset>
          <div class="btn-row">
            <button class="btn" type="submit">
              {t.setup.submit}
            </button>
          </div>
        </form>
      </section>
    </AdminLayout>
  );
}

function InvalidLinkPage(): SafeHtml {
  return (
    <AdminLayout title={t.setup.title} actor={null} currentPath="/admin/setup">
      <section class="card">
        <h1>{t.setup.title}</h1>
        <Alert kind="error">{t.setup.invalidLink}</Alert>
        <p>
          <a href="/admin/login">{t.auth.loginTitle}</a>
        </p>
      </section>
    </AdminLayout>
  );
}

/** First run: the one-time setup page printed as a link by `npm start` on an empty database. */
export async function registerSetupRoutes(admin: FastifyInstance): Promise<void> {
  await admin.register(async (scope) => setupRoutes(zodRoutes(scope)));
}

function setupRoutes(admin: ZodRoutes): void {
  const deps = admin.deps;
  admin.get('/setup', { schema: { querystring: z.object({ token: textQuery }) } }, async (request, reply) => {
    const token = request.query.token;
    if (!(await isSetupTokenValid(deps, token))) return sendPage(reply, <InvalidLinkPage />, 403);
    return sendPage(reply, <SetupPage csrf={csrfToken(reply)} token={token} form={emptyForm({ kind: 'department' })} />);
  });

  admin.post('/setup', async (request, reply) => {
    const values = formValues(request);
    if (!(await isSetupTokenValid(deps, values.token))) return sendPage(reply, <InvalidLinkPage />, 403);
    return submitForm(
      reply,
      values,
      () =>
        completeSetup(deps, values.token, {
          agency: values,
          admin: { username: values.adminUsername ?? '', displayName: values.adminDisplayName ?? '', password: values.adminPassword ?? '' },
        }),
      () => '/admin/login?setup=1',
      (form) => <SetupPage csrf={csrfToken(reply)} token={values.token ?? ''} form={form} />,
    );
  });
}
