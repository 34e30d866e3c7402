import type { SafeHtml } from '#jsx/jsx-runtime';
import { ActionForm, type ConsoleBase, ConsoleFrame } from '../../console/console-page.tsx';
import { chinaTime } from '../../shared/clock.ts';
import { t } from '../../shared/i18n/zh-CN.ts';
import { Alert, CsrfField, Empty, Field, FormErrors, Section, SelectField, TextAreaField } from '../../web/components.tsx';
import type { FormState } from '../../web/http.ts';
import { canApprove, canChangePublished, canEditDrafts, canLinkInterpretation, canReviewSecrecy, canSendBack } from '../documents.policy.ts';
import { VALIDITIES } from '../documents.tables.ts';
import { type Finding, segmentFindings } from '../personal-data.ts';
import { docPath, ValidityBadge } from '../portal/portal-parts.tsx';
import { EXTRACTION_LIMITS, type TextStatus } from '../text-extraction.ts';
import type { DetailData } from './console.queries.ts';
import { StatusBadge } from './console.views.tsx';

const T = t.documents;
const A = T.admin;

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
    <ConsoleFrame {...p} title={d.title}>
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
                <strong>{T.steps[s.step]}</strong> · {s.actorName} · <span class="muted">{chinaTime(s.at)}</span>
                {s.comment ? <p>{s.comment}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </Section>
    </ConsoleFrame>
  );
}
