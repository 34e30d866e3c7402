/** The console pages of appeals: the list with the form to register one, and the page to record the result. */
import type { SafeHtml } from '#jsx/jsx-runtime';
import { type ConsoleBase, ConsoleFrame } from '../console/console-page.tsx';
import { t } from '../shared/i18n/zh-CN.ts';
import { APPEAL_RESULTS, APPEAL_TYPES } from '../vocabulary/codes.ts';
import { Alert, Crumbs, CsrfField, Field, FormErrors, Section, SelectField } from '../web/components.tsx';
import { DataTable } from '../web/data-table.tsx';
import type { FormState } from '../web/http.ts';
import type { AppealView } from './appeals.service.ts';

const U = t.applications.appealsUi;

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
export function AppealsPage(p: ConsoleBase & { appeals: AppealView[]; form: FormState; created?: string | undefined }): SafeHtml {
  const base = `/admin/${p.agency.code}`;
  return (
    <ConsoleFrame {...p} title={U.title}>
      <h1>{U.title}</h1>
      <p class="muted">{U.lead}</p>
      {p.created ? <Alert kind="ok">{U.created(p.created)}</Alert> : null}
      <DataTable
        caption={U.title}
        rows={p.appeals}
        empty={U.empty}
        columns={[
          { header: U.columns.ref, cell: (a) => <a href={`${base}/appeals/${a.id}`}>{a.ref}</a> },
          { header: U.columns.type, cell: (a) => U.types[a.type] },
          { header: U.columns.filedOn, cellClass: 'nowrap', cell: (a) => a.filedOn },
          {
            header: U.columns.application,
            class: 'hide-sm',
            cell: (a) => (a.applicationId && a.applicationRef ? <a href={`${base}/applications/${a.applicationId}`}>{a.applicationRef}</a> : '—'),
          },
          { header: U.columns.result, cell: (a) => U.results[a.result] },
          { header: U.columns.decidedOn, headClass: 'hide-sm', cellClass: 'hide-sm nowrap', cell: (a) => a.decidedOn ?? '—' },
        ]}
      />
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
    </ConsoleFrame>
  );
}

/** One appeal, to record its result and decision date. */
export function AppealPage(p: ConsoleBase & { appeal: AppealView; form: FormState; saved: boolean }): SafeHtml {
  const base = `/admin/${p.agency.code}`;
  return (
    <ConsoleFrame {...p} title={U.editTitle(p.appeal.ref)}>
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
    </ConsoleFrame>
  );
}
