import type { Selectable } from 'kysely';
import type { SafeHtml } from '#jsx/jsx-runtime';
import { consoleNav, type UserActor } from '../../admin/console.ts';
import type { Agency } from '../../db/schema.ts';
import { t } from '../../shared/i18n/zh-CN.ts';
import { Alert, CsrfField, Empty, Field, FormErrors, Section, SelectField, TextAreaField } from '../../web/components.tsx';
import type { FormState } from '../../web/http.ts';
import { AdminLayout } from '../../web/layout.tsx';
import type { DocumentRow } from '../document-store.ts';
import { canApprove, canChangePublished, canEditDrafts, canLinkInterpretation, canReviewSecrecy, canSendBack } from '../documents.policy.ts';
import {
  CATEGORIES,
  type Category,
  type CleanupDecisionsTable,
  INTERPRETATION_FORMS,
  type ReviewStepsTable,
  type CleanupRoundsTable as RoundTable,
  VALIDITIES,
} from '../documents.tables.ts';
import type { InterpretationStatus, LateDocument } from '../oversight/oversight.service.ts';
import { type Finding, segmentFindings } from '../personal-data.ts';
import { docPath, ValidityBadge } from '../portal/portal.views.tsx';
import { EXTRACTION_LIMITS, type TextStatus } from '../text-extraction.ts';

const T = t.documents;
const A = T.admin;
type CleanupRoundsTable = Selectable<RoundTable>;

export type ConsoleBase = { actor: UserActor; csrf: string; agency: Agency; currentPath: string };

function Frame(p: ConsoleBase & { title: string; children?: SafeHtml | (SafeHtml | null)[] | null }): SafeHtml {
  return (
    <AdminLayout title={p.title} actor={p.actor} csrfToken={p.csrf} agency={p.agency} sideNav={consoleNav(p.agency, p.actor)} currentPath={p.currentPath}>
      {p.children}
    </AdminLayout>
  );
}

const STATUS_CLASS = { draft: 'info', secrecy_review: 'warn', approval: 'warn', published: 'ok', withdrawn: 'danger' } as const;
function StatusBadge({ status }: { status: DocumentRow['status'] }): SafeHtml {
  return <span class={`badge ${STATUS_CLASS[status]}`}>{T.statuses[status]}</span>;
}

/** The agency's documents, filterable by status. */
export function DocumentListPage(p: ConsoleBase & { docs: DocumentRow[]; status: string | undefined; canDraft: boolean }): SafeHtml {
  const base = `/admin/${p.agency.code}/documents`;
  return (
    <Frame {...p} title={A.list}>
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
    </Frame>
  );
}

export type TargetOption = { id: number; title: string };

/** The drafting form (new or edit), posted as multipart so it can carry attachments. */
export function DraftFormPage(
  p: ConsoleBase & { form: FormState; doc?: DocumentRow; attachments: { id: number; fileName: string }[]; targets: TargetOption[] },
): SafeHtml {
  const v = p.form.values;
  const e = p.form.fields;
  const title = p.doc ? A.edit : A.new;
  const action = p.doc ? `/admin/${p.agency.code}/documents/${p.doc.id}/edit` : `/admin/${p.agency.code}/documents/new`;
  return (
    <Frame {...p} title={title}>
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
    </Frame>
  );
}

function Highlighted({ text, findings }: { text: string; findings: Finding[] }): SafeHtml {
  return (
    <div class="review-text">
      {segmentFindings(text, findings).map((s) =>
        s.finding ? (
          <mark class="finding" title={T.findingKinds[s.finding.kind]}>
            {s.text}
            <span class="visually-hidden">（{T.findingKinds[s.finding.kind]}）</span>
          </mark>
        ) : (
          s.text
        ),
      )}
    </div>
  );
}

function ActionForm(p: { csrf: string; action: string; label: string; danger?: boolean; children?: SafeHtml | (SafeHtml | null)[] | null }): SafeHtml {
  return (
    <form method="post" action={p.action} class="stack action-form">
      <CsrfField token={p.csrf} />
      {p.children}
      <div class="btn-row">
        <button class={p.danger ? 'btn danger' : 'btn'} type="submit">
          {p.label}
        </button>
      </div>
    </form>
  );
}

/** Why an attachment's text is missing or partial (so the personal-data check did not cover it), or null. */
function textNote(a: { textStatus: TextStatus; extractedText: string }): string | null {
  const X = t.files.text;
  switch (a.textStatus) {
    case 'read':
      return a.extractedText.trim() === '' ? X.empty : null;
    case 'cut':
      return X.cut(EXTRACTION_LIMITS.maxChars);
    case 'failed':
      return X.failed;
    case 'timeout':
      return X.timeout(EXTRACTION_LIMITS.timeoutMs / 1000);
    case 'too_big':
      return X.tooBig(EXTRACTION_LIMITS.memoryBytes / (1024 * 1024));
    case 'busy':
      return X.busy;
    default:
      return null;
  }
}

export type DetailData = {
  doc: DocumentRow;
  attachments: { id: number; fileName: string; size: number; extractedText: string; textStatus: TextStatus }[];
  steps: Pick<ReviewStepsTable, 'step' | 'actorName' | 'comment' | 'at' | 'fromStatus' | 'toStatus'>[];
  findings: Finding[];
  attachmentFindings: { fileName: string; findings: Finding[] }[];
  targets: TargetOption[];
  interprets: TargetOption | null;
};

/** A document in the console: its facts, the pre-review check, its history and the actions the user may take. */
export function DocumentDetailPage(p: ConsoleBase & DetailData & { form: FormState; notice?: string | undefined }): SafeHtml {
  const d = p.doc;
  const base = `/admin/${p.agency.code}/documents/${d.id}`;
  const e = p.form.fields;
  // The actions this user may take on the document as it stands (documents.policy.ts).
  const may = {
    edit: d.status === 'draft' && canEditDrafts(p.actor, p.agency.id),
    secrecy: d.status === 'secrecy_review' && canReviewSecrecy(p.actor, p.agency.id),
    approve: d.status === 'approval' && canApprove(p.actor, p.agency.id),
    sendBack: (d.status === 'secrecy_review' || d.status === 'approval') && canSendBack(p.actor, p.agency.id, d.status),
    change: d.status === 'published' && canChangePublished(p.actor, p.agency.id),
    link: d.category === 'interpretation' && d.status !== 'withdrawn' && canLinkInterpretation(p.actor, p.agency.id),
  };
  const hasActions = Object.values(may).some(Boolean);
  const totalFindings = p.findings.length + p.attachmentFindings.reduce((n, a) => n + a.findings.length, 0);
  return (
    <Frame {...p} title={d.title}>
      <p>
        <a href={`/admin/${p.agency.code}/documents`}>← {A.list}</a>
      </p>
      <h1>{d.title}</h1>
      {p.notice ? <Alert kind="ok">{p.notice}</Alert> : null}
      <FormErrors message={p.form.message} fields={p.form.fields} />
      <dl class="facts card">
        <dt>{T.fields.status}</dt>
        <dd>
          <StatusBadge status={d.status} />
        </dd>
        <dt>{T.fields.category}</dt>
        <dd>{T.categories[d.category]}</dd>
        <dt>{T.fields.indexNo}</dt>
        <dd>{d.indexNo ?? T.hints.indexNo}</dd>
        <dt>{T.fields.docNo}</dt>
        <dd>{d.docNo ?? t.common.none}</dd>
        <dt>{T.fields.issuingBody}</dt>
        <dd>{d.issuingBody}</dd>
        <dt>{T.fields.issuedOn}</dt>
        <dd>{d.issuedOn}</dd>
        <dt>{T.fields.publishedOn}</dt>
        <dd>{d.publishedOn ?? '—'}</dd>
        {d.validity ? (
          <>
            <dt>{T.fields.validity}</dt>
            <dd>
              <ValidityBadge validity={d.validity} /> {d.validityChangedOn ?? ''}
            </dd>
          </>
        ) : null}
        {d.category === 'interpretation' ? (
          <>
            <dt>{T.fields.interprets}</dt>
            <dd>{p.interprets ? p.interprets.title : t.common.none}</dd>
          </>
        ) : null}
        <dt>{T.fields.version}</dt>
        <dd>{d.version}</dd>
        <dt>{T.fields.ref}</dt>
        <dd>{d.ref}</dd>
      </dl>
      {d.status === 'published' ? (
        <p>
          <a href={docPath(p.agency.code, d.id)}>{A.viewInPortal}</a>
        </p>
      ) : null}
      {d.status === 'withdrawn' ? (
        <Alert kind="warn">
          {T.steps.withdraw}：{d.withdrawnReason}（{d.withdrawnOn}）
        </Alert>
      ) : null}

      <Section title={A.findings} id="findings">
        {totalFindings === 0 ? <Alert kind="ok">{A.findingsNone}</Alert> : <Alert kind="warn">{A.findingsSome(totalFindings)}</Alert>}
        <h3>{T.fields.body}</h3>
        <Highlighted text={d.bodyText} findings={p.findings} />
        {p.attachments.length > 0 ? (
          <>
            <h3>{T.fields.attachments}</h3>
            <ul class="list">
              {p.attachments.map((a) => {
                const f = p.attachmentFindings.find((x) => x.fileName === a.fileName)?.findings ?? [];
                const note = textNote(a);
                return (
                  <li>
                    <span>
                      <a href={`${base}/files/${a.id}`}>{a.fileName}</a>
                      {f.length ? <span class="badge warn"> {A.findingsSome(f.length)}</span> : null}
                    </span>
                    {note ? <span class="muted">{note}</span> : null}
                  </li>
                );
              })}
            </ul>
            {p.attachmentFindings
              .filter((a) => a.findings.length > 0)
              .map((a) => {
                const text = p.attachments.find((x) => x.fileName === a.fileName)?.extractedText ?? '';
                return (
                  <>
                    <h4>{a.fileName}</h4>
                    <Highlighted text={text} findings={a.findings} />
                  </>
                );
              })}
          </>
        ) : null}
      </Section>

      <Section title={t.common.actions} id="actions">
        {hasActions ? null : <Empty>{A.noActions}</Empty>}
        {may.edit ? (
          <>
            <p>
              <a class="btn secondary" href={`${base}/edit`}>
                {A.edit}
              </a>
            </p>
            <ActionForm csrf={p.csrf} action={`${base}/submit`} label={A.submit} />
          </>
        ) : null}
        {may.secrecy ? (
          <form method="post" action={`${base}/secrecy`} class="stack action-form">
            <CsrfField token={p.csrf} />
            <fieldset class={e.checklist ? 'has-error' : undefined}>
              <legend>{A.checklistLegend}</legend>
              {T.checklist.map((item, i) => (
                <div class="check">
                  <input type="checkbox" id={`chk-${i}`} name="checklist" value={String(i)} />
                  <label for={`chk-${i}`}>{item}</label>
                </div>
              ))}
              {e.checklist ? <span class="error">{e.checklist}</span> : null}
            </fieldset>
            <TextAreaField name="comment" label={A.comment} rows={2} />
            <div class="btn-row">
              <button class="btn" type="submit">
                {A.confirmSecrecy}
              </button>
            </div>
          </form>
        ) : null}
        {may.approve ? (
          <ActionForm csrf={p.csrf} action={`${base}/approve`} label={A.approve}>
            <TextAreaField name="comment" label={A.comment} rows={2} />
          </ActionForm>
        ) : null}
        {may.sendBack ? (
          <ActionForm csrf={p.csrf} action={`${base}/send-back`} label={A.sendBack}>
            <TextAreaField name="comment" label={`${A.sendBack}${A.comment}`} error={e.comment} rows={3} required />
          </ActionForm>
        ) : null}
        {may.change ? (
          <>
            <details>
              <summary>{A.correct}</summary>
              <ActionForm csrf={p.csrf} action={`${base}/correct`} label={A.correct}>
                <Field name="title" label={T.fields.title} value={d.title} error={e.title} required />
                <Field name="docNo" label={T.fields.docNo} value={d.docNo} />
                <TextAreaField name="body" label={T.fields.body} value={d.bodyHtml} rows={10} />
                <TextAreaField name="reason" label={A.correctReason} error={e.reason} rows={2} required />
              </ActionForm>
            </details>
            {d.validity ? (
              <details>
                <summary>{A.changeValidity}</summary>
                <ActionForm csrf={p.csrf} action={`${base}/validity`} label={A.changeValidity}>
                  <SelectField
                    name="validity"
                    label={T.fields.validity}
                    value={d.validity}
                    options={VALIDITIES.map((x) => ({ value: x, label: T.validity[x] }))}
                  />
                  <Field name="changedOn" label={T.fields.validityChangedOn} type="date" error={e.changedOn} />
                </ActionForm>
              </details>
            ) : null}
            <details>
              <summary>{A.withdraw}</summary>
              <ActionForm csrf={p.csrf} action={`${base}/withdraw`} label={A.withdraw} danger>
                <TextAreaField name="reason" label={A.withdrawReason} error={e.reason} rows={2} required />
              </ActionForm>
            </details>
          </>
        ) : null}
        {may.link ? (
          <details>
            <summary>{A.linkInterpretation}</summary>
            <ActionForm csrf={p.csrf} action={`${base}/link`} label={A.linkInterpretation}>
              <SelectField
                name="documentId"
                label={T.fields.interprets}
                value={d.interpretsId ?? ''}
                error={e.interpretsId}
                options={p.targets.map((x) => ({ value: String(x.id), label: x.title }))}
              />
            </ActionForm>
          </details>
        ) : null}
      </Section>

      <Section title={A.history} id="history">
        {p.steps.length === 0 ? (
          <Empty>{t.audit.empty}</Empty>
        ) : (
          <ol class="timeline">
            {p.steps.map((s) => (
              <li>
                <strong>{T.steps[s.step]}</strong> · {s.actorName} ·{' '}
                <span class="muted">{new Date(s.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}</span>
                {s.comment ? <p>{s.comment}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </Section>
    </Frame>
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
    <Frame {...p} title={A.reviewQueue}>
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
    </Frame>
  );
}

/** Normative documents without an interpretation, or with one later than the agency's limit. */
export function InterpretationsPage(p: ConsoleBase & { lagDays: number; items: InterpretationStatus[] }): SafeHtml {
  const missing = p.items.filter((i) => !i.interpretation);
  const late = p.items.filter((i) => i.interpretation && i.late);
  const link = (id: number, title: string) => <a href={`/admin/${p.agency.code}/documents/${id}`}>{title}</a>;
  return (
    <Frame {...p} title={A.interpretations}>
      <h1>{A.interpretations}</h1>
      <p class="muted">
        {A.lagDays}：{p.lagDays}
      </p>
      <Section title={A.withoutInterpretation} id="missing">
        {missing.length === 0 ? (
          <Empty>{t.common.none}</Empty>
        ) : (
          <ul class="list">
            {missing.map((i) => (
              <li>
                {link(i.id, i.title)}
                <span class="date">{i.publishedOn}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section title={A.lateInterpretation} id="late">
        {late.length === 0 ? (
          <Empty>{t.common.none}</Empty>
        ) : (
          <ul class="list">
            {late.map((i) => (
              <li>
                <span>
                  {link(i.id, i.title)}
                  <br />
                  <span class="muted">
                    {A.lateBy(i.interpretation?.workdays ?? 0)}
                    {i.interpretation?.provisional ? A.provisional : ''}
                  </span>
                </span>
                <span class="date">{i.publishedOn}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </Frame>
  );
}

/** Documents published more than 20 working days after they were formed. */
export function TimelinessPage(p: ConsoleBase & { year: number; items: LateDocument[] }): SafeHtml {
  return (
    <Frame {...p} title={A.timeliness}>
      <h1>{A.timeliness}</h1>
      <p>{A.timelinessLead}</p>
      <form method="get" class="inline-form">
        <label for="f-year">{T.search.year}</label>
        <input id="f-year" type="number" name="year" value={String(p.year)} min="2000" max="2100" />
        <button class="btn secondary" type="submit">
          {A.filter}
        </button>
      </form>
      {p.items.length === 0 ? (
        <Empty>{t.common.none}</Empty>
      ) : (
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{A.timeliness}</caption>
            <thead>
              <tr>
                <th scope="col">{T.fields.title}</th>
                <th scope="col">{T.fields.issuedOn}</th>
                <th scope="col">{T.fields.publishedOn}</th>
                <th scope="col" class="num">
                  {A.delay}
                </th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((i) => (
                <tr>
                  <td>
                    <a href={`/admin/${p.agency.code}/documents/${i.id}`}>{i.title}</a>
                  </td>
                  <td class="nowrap">{i.issuedOn}</td>
                  <td class="nowrap">{i.publishedOn}</td>
                  <td class="num">
                    {i.workdays}
                    {i.provisional ? '*' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Frame>
  );
}

/** Cleanup rounds and the form to open one. */
export function CleanupListPage(p: ConsoleBase & { rounds: CleanupRoundsTable[]; form: FormState; canCreate: boolean }): SafeHtml {
  return (
    <Frame {...p} title={A.cleanup}>
      <h1>{A.cleanup}</h1>
      {p.rounds.length === 0 ? (
        <Empty>{t.common.none}</Empty>
      ) : (
        <ul class="list">
          {p.rounds.map((r) => (
            <li>
              <a href={`/admin/${p.agency.code}/cleanup/${r.id}`}>{r.title}</a>
              <span class="date">{A.roundStatuses[r.status]}</span>
            </li>
          ))}
        </ul>
      )}
      {p.canCreate ? (
        <Section title={A.newRound} id="new-round">
          <FormErrors message={p.form.message} fields={p.form.fields} />
          <form method="post" class="stack">
            <CsrfField token={p.csrf} />
            <Field name="title" label={A.roundTitle} value={p.form.values.title} error={p.form.fields.title} required />
            <div class="btn-row">
              <button class="btn" type="submit">
                {A.newRound}
              </button>
            </div>
          </form>
        </Section>
      ) : null}
    </Frame>
  );
}

type RoundItem = {
  id: number;
  title: string;
  docNo: string | null;
  publishedOn: string | null;
  decision: CleanupDecisionsTable['decision'];
  note: string | null;
};

/** One cleanup round: a decision per document, then apply and publish. */
export function CleanupRoundPage(p: ConsoleBase & { round: CleanupRoundsTable; items: RoundItem[]; form: FormState }): SafeHtml {
  const base = `/admin/${p.agency.code}/cleanup/${p.round.id}`;
  const open = p.round.status === 'open';
  return (
    <Frame {...p} title={p.round.title}>
      <p>
        <a href={`/admin/${p.agency.code}/cleanup`}>← {A.cleanup}</a>
      </p>
      <h1>{p.round.title}</h1>
      <p>
        <span class="badge info">{A.roundStatuses[p.round.status]}</span> {p.round.effectiveOn ? `${A.effectiveOn}：${p.round.effectiveOn}` : ''}
      </p>
      <FormErrors message={p.form.message} fields={p.form.fields} />
      {p.items.length === 0 ? (
        <Empty>{t.common.none}</Empty>
      ) : (
        <form method="post" action={`${base}/decisions`}>
          <CsrfField token={p.csrf} />
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{p.round.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{T.fields.title}</th>
                  <th scope="col">{T.fields.docNo}</th>
                  <th scope="col">{A.decisionColumn}</th>
                  <th scope="col">{A.comment}</th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((i) => (
                  <tr>
                    <td>{i.title}</td>
                    <td class="nowrap">{i.docNo ?? ''}</td>
                    <td>
                      {open ? (
                        <select name={`decision_${i.id}`} aria-label={`${i.title} ${A.decisionColumn}`}>
                          <option value="">—</option>
                          {(['keep', 'amend', 'repeal'] as const).map((k) => (
                            <option value={k} selected={i.decision === k}>
                              {A.decisions[k]}
                            </option>
                          ))}
                        </select>
                      ) : i.decision ? (
                        A.decisions[i.decision]
                      ) : (
                        ''
                      )}
                    </td>
                    <td>{open ? <input type="text" name={`note_${i.id}`} value={i.note ?? ''} aria-label={`${i.title} ${A.comment}`} /> : (i.note ?? '')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {open ? (
            <div class="btn-row">
              <button class="btn secondary" type="submit">
                {t.common.save}
              </button>
            </div>
          ) : null}
        </form>
      )}
      {open ? (
        <ActionForm csrf={p.csrf} action={`${base}/apply`} label={A.apply}>
          <Field name="effectiveOn" label={A.effectiveOn} type="date" error={p.form.fields.effectiveOn} required />
        </ActionForm>
      ) : null}
      {p.round.status === 'applied' ? <ActionForm csrf={p.csrf} action={`${base}/publish`} label={A.publish} /> : null}
      {p.round.status === 'published' ? (
        <p>
          <a href={`/gk/${p.agency.code}/cleanup/${p.round.id}`}>{A.viewRoundInPortal}</a>
        </p>
      ) : null}
    </Frame>
  );
}

/** The agency's sensitive-word list. */
export function SensitiveWordsPage(p: ConsoleBase & { words: { id: number; word: string }[]; form: FormState; canEdit: boolean }): SafeHtml {
  const base = `/admin/${p.agency.code}/sensitive-words`;
  return (
    <Frame {...p} title={A.sensitiveWords}>
      <h1>{A.sensitiveWords}</h1>
      {p.words.length === 0 ? (
        <Empty>{t.common.none}</Empty>
      ) : (
        <ul class="list">
          {p.words.map((w) => (
            <li>
              <span>{w.word}</span>
              {p.canEdit ? (
                <form method="post" action={`${base}/${w.id}/delete`}>
                  <CsrfField token={p.csrf} />
                  <button type="submit" class="linkish">
                    {A.removeWord}
                    <span class="visually-hidden">{w.word}</span>
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {p.canEdit ? (
        <Section title={A.addWord} id="add-word">
          <FormErrors message={p.form.message} fields={p.form.fields} />
          <form method="post" action={base} class="stack">
            <CsrfField token={p.csrf} />
            <Field name="word" label={A.word} value={p.form.values.word} error={p.form.fields.word} required />
            <div class="btn-row">
              <button class="btn" type="submit">
                {A.addWord}
              </button>
            </div>
          </form>
        </Section>
      ) : null}
    </Frame>
  );
}

/** The column settings: interpretation lag, guide and rules texts; notes for categories with nothing published. */
export function DisclosureSettingsPage(p: ConsoleBase & { form: FormState; notesForm: FormState; counts: Map<Category, number>; saved: boolean }): SafeHtml {
  const v = p.form.values;
  const e = p.form.fields;
  return (
    <Frame {...p} title={A.settings}>
      <h1>{A.settings}</h1>
      {p.saved ? <Alert kind="ok">{A.saved}</Alert> : null}
      <FormErrors message={p.form.message} fields={p.form.fields} />
      <form method="post" class="stack wide">
        <CsrfField token={p.csrf} />
        <Field
          name="interpretationLagDays"
          label={A.lagDays}
          hint={A.lagHint}
          type="number"
          value={v.interpretationLagDays}
          error={e.interpretationLagDays}
          required
        />
        <TextAreaField name="guideText" label={A.guideText} hint={A.guideTextHint} value={v.guideText} error={e.guideText} rows={12} />
        <TextAreaField name="rulesText" label={A.rulesText} value={v.rulesText} error={e.rulesText} rows={12} />
        <div class="btn-row">
          <button class="btn" type="submit">
            {t.common.save}
          </button>
        </div>
      </form>
      <Section title={A.categoryNotes} id="category-notes">
        <p class="muted">{A.categoryNotesHint}</p>
        <FormErrors message={p.notesForm.message} fields={p.notesForm.fields} />
        <form method="post" action={`/admin/${p.agency.code}/disclosure-settings/notes`} class="stack wide">
          <CsrfField token={p.csrf} />
          {CATEGORIES.map((c) => (
            <Field
              name={`note_${c}`}
              label={A.categoryNoteLabel(T.categories[c], p.counts.get(c) ?? 0)}
              value={p.notesForm.values[`note_${c}`]}
              error={p.notesForm.fields[`note_${c}`]}
              maxlength={200}
            />
          ))}
          <div class="btn-row">
            <button class="btn" type="submit">
              {t.common.save}
            </button>
          </div>
        </form>
      </Section>
    </Frame>
  );
}
