/** The console pages of appeals: the list with the form to register one, and the page to record the result. */
import type { FastifyInstance } from 'fastify';
import type { SafeHtml } from '#jsx/jsx-runtime';
import { consoleAgency, consoleNav, csrfToken, type UserActor } from '../console/console.ts';
import type { Agency } from '../db/schema.ts';
import { DomainError, notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { APPEAL_RESULTS, APPEAL_TYPES } from '../vocabulary/codes.ts';
import { Alert, Crumbs, CsrfField, Empty, Field, FormErrors, Section, SelectField } from '../web/components.tsx';
import { emptyForm, type FormState, formValues, sendPage } from '../web/http.ts';
import { AdminLayout } from '../web/layout.tsx';
import { type AppealView, appealForm, createAppeal, getAppeal, listAppeals, updateAppeal } from './appeals.service.ts';

const U = t.applications.appealsUi;

type Base = { actor: UserActor; csrf: string; agency: Agency };

function AppealFields({ form }: { form: FormState }): SafeHtml {
  const v = form.values;
  const e = form.fields;
  return (
    <>
      <Field name="ref" label={U.ref} hint={U.refHint} value={v.ref} error={e.ref} maxlength={40} />
      <SelectField
        name="type"
        label={U.type}
        value={v.type ?? 'reconsideration'}
        error={e.type}
        options={APPEAL_TYPES.map((x) => ({ value: x, label: U.types[x] }))}
        required
      />
      <Field name="filedOn" type="date" label={U.filedOn} value={v.filedOn} error={e.filedOn} required />
      <Field name="applicationRef" label={U.application} value={v.applicationRef} error={e.applicationRef} maxlength={40} />
      <SelectField
        name="result"
        label={U.result}
        value={v.result ?? 'pending'}
        error={e.result}
        options={APPEAL_RESULTS.map((x) => ({ value: x, label: U.results[x] }))}
        required
      />
      <Field name="decidedOn" type="date" label={U.decidedOn} hint={U.decidedOnHint} value={v.decidedOn} error={e.decidedOn} />
      <Field name="note" label={U.note} value={v.note} error={e.note} maxlength={1000} />
    </>
  );
}

/** The appeals of an agency and the form to register one. */
export function AppealsPage(p: Base & { appeals: AppealView[]; form: FormState; created?: string | undefined }): SafeHtml {
  const base = `/admin/${p.agency.code}`;
  return (
    <AdminLayout title={U.title} actor={p.actor} csrfToken={p.csrf} agency={p.agency} sideNav={consoleNav(p.agency, p.actor)} currentPath={`${base}/appeals`}>
      <h1>{U.title}</h1>
      <p class="muted">{U.lead}</p>
      {p.created ? <Alert kind="ok">{U.created(p.created)}</Alert> : null}
      {p.appeals.length === 0 ? (
        <Empty>{U.empty}</Empty>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{U.title}</caption>
            <thead>
              <tr>
                <th scope="col">{U.columns.ref}</th>
                <th scope="col">{U.columns.type}</th>
                <th scope="col">{U.columns.filedOn}</th>
                <th scope="col" class="hide-sm">
                  {U.columns.application}
                </th>
                <th scope="col">{U.columns.result}</th>
                <th scope="col" class="hide-sm">
                  {U.columns.decidedOn}
                </th>
              </tr>
            </thead>
            <tbody>
              {p.appeals.map((a) => (
                <tr>
                  <td>
                    <a href={`${base}/appeals/${a.id}`}>{a.ref}</a>
                  </td>
                  <td>{U.types[a.type]}</td>
                  <td class="nowrap">{a.filedOn}</td>
                  <td class="hide-sm">
                    {a.applicationId && a.applicationRef ? <a href={`${base}/applications/${a.applicationId}`}>{a.applicationRef}</a> : '—'}
                  </td>
                  <td>{U.results[a.result]}</td>
                  <td class="hide-sm nowrap">{a.decidedOn ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Section title={U.newTitle} id="new-appeal">
        <FormErrors message={p.form.message} fields={p.form.fields} />
        <form method="post" action={`${base}/appeals`} class="stack" novalidate>
          <CsrfField token={p.csrf} />
          <AppealFields form={p.form} />
          <div class="btn-row">
            <button class="btn" type="submit">
              {U.create}
            </button>
          </div>
        </form>
      </Section>
    </AdminLayout>
  );
}

/** One appeal, to record its result and decision date. */
export function AppealPage(p: Base & { appeal: AppealView; form: FormState; saved: boolean }): SafeHtml {
  const base = `/admin/${p.agency.code}`;
  return (
    <AdminLayout
      title={U.editTitle(p.appeal.ref)}
      actor={p.actor}
      csrfToken={p.csrf}
      agency={p.agency}
      sideNav={consoleNav(p.agency, p.actor)}
      currentPath={`${base}/appeals`}
    >
      <Crumbs items={[{ label: U.title, href: `${base}/appeals` }, { label: U.editTitle(p.appeal.ref) }]} />
      <h1>{U.editTitle(p.appeal.ref)}</h1>
      {p.saved ? <Alert kind="ok">{U.saved}</Alert> : null}
      <FormErrors message={p.form.message} fields={p.form.fields} />
      <form method="post" action={`${base}/appeals/${p.appeal.id}`} class="stack" novalidate>
        <CsrfField token={p.csrf} />
        <AppealFields form={p.form} />
        <div class="btn-row">
          <button class="btn" type="submit">
            {U.save}
          </button>
        </div>
      </form>
    </AdminLayout>
  );
}

type AgencyParams = { Params: { agency: string } };
type AppealParams = { Params: { agency: string; id: string } };

const appealId = (raw: string) => {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) throw notFound();
  return id;
};

/** The appeals routes of the console. */
export async function registerAppealAdminRoutes(admin: FastifyInstance): Promise<void> {
  const deps = admin.deps;

  admin.get<AgencyParams & { Querystring: { created?: string; application?: string } }>('/:agency/appeals', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const appeals = await listAppeals(deps.db, agency.id);
    const form = emptyForm(request.query.application ? { applicationRef: String(request.query.application).slice(0, 40) } : {});
    return sendPage(reply, <AppealsPage actor={actor} csrf={csrfToken(reply)} agency={agency} appeals={appeals} form={form} created={request.query.created} />);
  });

  admin.post<AgencyParams>('/:agency/appeals', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const values = formValues(request);
    try {
      const created = await createAppeal(deps, actor, agency, values);
      return reply.redirect(`/admin/${agency.code}/appeals?created=${encodeURIComponent(created.ref)}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'VALIDATION') throw error;
      const appeals = await listAppeals(deps.db, agency.id);
      const form = { values, message: error.message, fields: error.fields };
      return sendPage(reply, <AppealsPage actor={actor} csrf={csrfToken(reply)} agency={agency} appeals={appeals} form={form} />, 400);
    }
  });

  admin.get<AppealParams & { Querystring: { saved?: string } }>('/:agency/appeals/:id', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const appeal = await getAppeal(deps.db, agency.id, appealId(request.params.id));
    return sendPage(
      reply,
      <AppealPage
        actor={actor}
        csrf={csrfToken(reply)}
        agency={agency}
        appeal={appeal}
        form={emptyForm(appealForm(appeal))}
        saved={request.query.saved === '1'}
      />,
    );
  });

  admin.post<AppealParams>('/:agency/appeals/:id', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const id = appealId(request.params.id);
    const values = formValues(request);
    try {
      await updateAppeal(deps, actor, agency, id, values);
      return reply.redirect(`/admin/${agency.code}/appeals/${id}?saved=1`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'VALIDATION') throw error;
      const appeal = await getAppeal(deps.db, agency.id, id);
      return sendPage(
        reply,
        <AppealPage
          actor={actor}
          csrf={csrfToken(reply)}
          agency={agency}
          appeal={appeal}
          form={{ values, message: error.message, fields: error.fields }}
          saved={false}
        />,
        400,
      );
    }
  });
}
