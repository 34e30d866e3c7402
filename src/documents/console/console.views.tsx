import type { SafeHtml } from '#jsx/jsx-runtime';
import { type ConsoleBase, ConsoleFrame } from '../../console/console-page.tsx';
import { t } from '../../shared/i18n/zh-CN.ts';
import { CsrfField, Empty, Field, FormErrors, Section, SelectField, TextAreaField } from '../../web/components.tsx';
import type { FormState } from '../../web/http.ts';
import type { DocumentRow } from '../document-store.ts';
import { CATEGORIES, INTERPRETATION_FORMS, VALIDITIES } from '../documents.tables.ts';
import { ValidityBadge } from '../portal/portal-parts.tsx';
import type { TargetOption } from './console.queries.ts';

const T = t.documents;
const A = T.admin;

const STATUS_CLASS = { draft: 'info', secrecy_review: 'warn', approval: 'warn', published: 'ok', withdrawn: 'danger' } as const;
export function StatusBadge({ status }: { status: DocumentRow['status'] }): SafeHtml {
  return <span class={`badge ${STATUS_CLASS[status]}`}>{T.statuses[status]}</span>;
}

/** The agency's documents, filterable by status. */
export function DocumentListPage(p: ConsoleBase & { docs: DocumentRow[]; status: string | undefined; canDraft: boolean }): SafeHtml {
  const base = `/admin/${p.agency.code}/documents`;
  return (
    <ConsoleFrame {...p} title={A.list}>
      <div class="section-title">
        <h1>{A.list}</h1>
        {p.canDraft ? (
          <a class="btn" href={`${base}/new`}>
            {A.new}
          </a>
        ) : null}
      </div>
      <nav class="tabs" aria-label={T.fields.status}>
        <a href={base} aria-current={p.status ? undefined : 'page'}>
          {A.all}
        </a>
        {(['draft', 'secrecy_review', 'approval', 'published', 'withdrawn'] as const).map((s) => (
          <a href={`${base}?status=${s}`} aria-current={p.status === s ? 'page' : undefined}>
            {T.statuses[s]}
          </a>
        ))}
      </nav>
      {p.docs.length === 0 ? (
        <Empty>{A.noDocuments}</Empty>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{A.list}</caption>
            <thead>
              <tr>
                <th scope="col">{T.fields.title}</th>
                <th scope="col">{T.fields.category}</th>
                <th scope="col">{T.fields.status}</th>
                <th scope="col">{T.fields.publishedOn}</th>
              </tr>
            </thead>
            <tbody>
              {p.docs.map((d) => (
                <tr>
                  <td>
                    <a href={`${base}/${d.id}`}>{d.title}</a> <ValidityBadge validity={d.validity} />
                  </td>
                  <td class="nowrap">{T.categories[d.category]}</td>
                  <td class="nowrap">
                    <StatusBadge status={d.status} />
                  </td>
                  <td class="nowrap">{d.publishedOn ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ConsoleFrame>
  );
}

/** The drafting form (new or edit), posted as multipart so it can carry attachments. */
export function DraftFormPage(
  p: ConsoleBase & { form: FormState; doc?: DocumentRow; attachments: { id: number; fileName: string }[]; targets: TargetOption[] },
): SafeHtml {
  const v = p.form.values;
  const e = p.form.fields;
  const title = p.doc ? A.edit : A.new;
  const action = p.doc ? `/admin/${p.agency.code}/documents/${p.doc.id}/edit` : `/admin/${p.agency.code}/documents/new`;
  return (
    <ConsoleFrame {...p} title={title}>
      <h1>{title}</h1>
      <FormErrors message={p.form.message} fields={p.form.fields} />
      <form method="post" action={action} enctype="multipart/form-data" class="stack wide">
        <CsrfField token={p.csrf} />
        <Field name="title" label={T.fields.title} value={v.title} error={e.title} required maxlength={300} />
        <SelectField
          name="category"
          label={T.fields.category}
          value={v.category ?? 'policy'}
          error={e.category}
          required
          options={CATEGORIES.map((c) => ({ value: c, label: T.categories[c] }))}
        />
        <div class="form-grid">
          <Field name="docNo" label={T.fields.docNo} value={v.docNo} error={e.docNo} />
          <Field name="issuingBody" label={T.fields.issuingBody} value={v.issuingBody ?? p.agency.name} error={e.issuingBody} />
          <Field name="issuedOn" label={T.fields.issuedOn} type="date" value={v.issuedOn} error={e.issuedOn} required />
          <Field name="publishedOn" label={T.fields.publishedOn} type="date" value={v.publishedOn} error={e.publishedOn} hint={A.publishedOnHint} />
          <Field name="topic" label={T.fields.topic} value={v.topic} error={e.topic} />
          <Field name="ref" label={T.fields.ref} value={v.ref} error={e.ref} hint={T.hints.ref} />
          <Field name="indexNo" label={T.fields.indexNo} value={v.indexNo} error={e.indexNo} hint={T.hints.indexNo} />
        </div>
        <fieldset>
          <legend>{T.fields.validity}</legend>
          <span class="hint">{T.hints.validity}</span>
          <SelectField
            name="validity"
            label={T.fields.validity}
            value={v.validity ?? ''}
            error={e.validity}
            options={[{ value: '', label: t.common.none }, ...VALIDITIES.map((x) => ({ value: x, label: T.validity[x] }))]}
          />
          <Field name="validityChangedOn" label={T.fields.validityChangedOn} type="date" value={v.validityChangedOn} error={e.validityChangedOn} />
        </fieldset>
        <fieldset>
          <legend>{T.categories.interpretation}</legend>
          <SelectField
            name="interpretsId"
            label={T.fields.interprets}
            value={v.interpretsId ?? ''}
            error={e.interpretsId}
            options={[{ value: '', label: t.common.none }, ...p.targets.map((d) => ({ value: String(d.id), label: d.title }))]}
          />
          <SelectField
            name="interpretationForm"
            label={T.fields.interpretationForm}
            value={v.interpretationForm ?? ''}
            error={e.interpretationForm}
            options={[{ value: '', label: t.common.none }, ...INTERPRETATION_FORMS.map((f) => ({ value: f, label: T.forms[f] }))]}
          />
        </fieldset>
        <TextAreaField name="body" label={T.fields.body} value={v.body} error={e.body} hint={T.hints.body} rows={14} />
        {p.attachments.length > 0 ? (
          <fieldset>
            <legend>{T.fields.attachments}</legend>
            {p.attachments.map((a) => (
              <div class="check">
                <input type="checkbox" id={`rm-${a.id}`} name="removeAttachment" value={String(a.id)} />
                <label for={`rm-${a.id}`}>{A.removeAttachment(a.fileName)}</label>
              </div>
            ))}
          </fieldset>
        ) : null}
        <div class={e.attachment ? 'field has-error' : 'field'}>
          <label for="f-attachment">{T.fields.attachments}</label>
          <span class="hint" id="f-attachment-hint">
            {T.hints.attachment}
          </span>
          <input id="f-attachment" type="file" name="attachment" multiple aria-describedby="f-attachment-hint" />
          {e.attachment ? <span class="error">{e.attachment}</span> : null}
        </div>
        <div class="btn-row">
          <button class="btn" type="submit">
            {A.save}
          </button>
          <a class="btn secondary" href={p.doc ? `/admin/${p.agency.code}/documents/${p.doc.id}` : `/admin/${p.agency.code}/documents`}>
            {t.common.cancel}
          </a>
        </div>
      </form>
    </ConsoleFrame>
  );
}

/** What waits for this user: 保密审查 for reviewers, 审核 for leaders. */
export function ReviewQueuePage(p: ConsoleBase & { secrecy: DocumentRow[] | null; approval: DocumentRow[] | null }): SafeHtml {
  const list = (docs: DocumentRow[]) =>
    docs.length === 0 ? (
      <Empty>{A.queueEmpty}</Empty>
    ) : (
      <ul class="list">
        {docs.map((d) => (
          <li>
            <a href={`/admin/${p.agency.code}/documents/${d.id}`}>{d.title}</a>
            <span class="date">{d.updatedAt.slice(0, 10)}</span>
          </li>
        ))}
      </ul>
    );
  return (
    <ConsoleFrame {...p} title={A.reviewQueue}>
      <h1>{A.reviewQueue}</h1>
      {p.secrecy ? (
        <Section title={T.statuses.secrecy_review} id="secrecy">
          {list(p.secrecy)}
        </Section>
      ) : null}
      {p.approval ? (
        <Section title={T.statuses.approval} id="approval">
          {list(p.approval)}
        </Section>
      ) : null}
    </ConsoleFrame>
  );
}
