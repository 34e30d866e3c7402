/** The action forms and the answer section of the case page. */
import type { Child, SafeHtml } from '#jsx/jsx-runtime';
import type { Agency } from '../db/schema.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { Alert, CsrfField, Field, FormErrors, RadioGroup, TextAreaField } from '../web/components.tsx';
import type { FormState } from '../web/http.ts';
import type { CaseView } from './applications.queries.ts';
import { casesPath as base, OutcomeSelect } from './console.parts.tsx';
import { MAX_EXTENSION_DAYS } from './deadlines.ts';

const A = t.applications;
const C = A.console;
const F = A.form;
const S = A.caseStatus;
const K = A.clock;

/** The state of a failed action form: which action, what was typed, and the messages. */
export type FailedAction = { action: string; state: FormState };

export type ActionProps = { view: CaseView; agency: Agency; csrf: string; failed?: FailedAction | undefined };

/**
 * The next steps of the procedure, shown with their forms open; the other possible actions fold away (issue 14: the
 * next legal action is visible without opening anything).
 */
const PRIMARY: ReadonlySet<string> = new Set([
  'confirm',
  'receive_correction',
  'end_consultation',
  'approve_extension',
  'refuse_extension',
  'record_fee_payment',
  'send_answer',
  'deliver',
  'archive',
]);

/** Whether an action is a next step of the case as it stands (drafting is, until there is a draft). */
export const isPrimaryAction = (action: string, view: Pick<CaseView, 'row'>) =>
  PRIMARY.has(action) || (action === 'draft_answer' && view.row.answerState === 'none');

/** One action with its form: open as a next step, otherwise a disclosure, open when it just failed. */
function ActionForm(
  p: ActionProps & {
    action: string;
    danger?: boolean;
    children: (v: Record<string, string>, e: Record<string, string>, id: (name: string) => string) => Child;
  },
): SafeHtml {
  const meta = C.actions[p.action] ?? (K.actions as Record<string, typeof C.actions.confirm>)[p.action] ?? { title: p.action, button: p.action, hint: '' };
  const failed = p.failed?.action === p.action ? p.failed.state : undefined;
  const v = failed?.values ?? {};
  const e = failed?.fields ?? {};
  const form = (
    <form method="post" action={`${base(p.agency)}/${p.view.row.id}/${p.action}`} class="stack" novalidate>
      <CsrfField token={p.csrf} />
      <input type="hidden" name="version" value={String(p.view.row.version)} />
      {meta.hint ? <p class="muted">{meta.hint}</p> : null}
      <FormErrors message={failed?.message} />
      {p.children(v, e, (name) => `a-${p.action}-${name}`)}
      <div class="btn-row">
        <button class={p.danger ? 'btn danger' : 'btn'} type="submit">
          {meta.button}
        </button>
      </div>
    </form>
  );
  if (isPrimaryAction(p.action, p.view)) {
    return (
      <section class="action next" aria-labelledby={`a-${p.action}-title`}>
        <h3 id={`a-${p.action}-title`}>{meta.title}</h3>
        {form}
      </section>
    );
  }
  return (
    <details class="action" open={failed !== undefined}>
      <summary>{meta.title}</summary>
      {form}
    </details>
  );
}

function DateField({ v, e, today, id }: { v: Record<string, string>; e: Record<string, string>; today: string; id: (name: string) => string }): SafeHtml {
  return <Field name="on" id={id('on')} type="date" label={F.onLabel} value={v.on ?? today} error={e.on} required />;
}

/** The forms of the actions available today, in the order of the procedure. */
export function ActionForms(p: ActionProps): SafeHtml {
  const { view } = p;
  const today = view.today;
  const late = view.correctionNoticeDue !== null && today > view.correctionNoticeDue;
  const request = view.snapshot.extensionRequest;
  const forms: Record<string, () => SafeHtml> = {
    confirm: () => (
      <ActionForm {...p} action="confirm">
        {(v, e, id) => <DateField v={v} e={e} today={today} id={id} />}
      </ActionForm>
    ),
    discard: () => (
      <ActionForm {...p} action="discard" danger>
        {(v, e, id) => <TextAreaField name="reason" id={id('reason')} label={F.reasonLabel} value={v.reason} error={e.reason} rows={2} required />}
      </ActionForm>
    ),
    request_correction: () => (
      <ActionForm {...p} action="request_correction">
        {(v, e, id) => (
          <>
            {late && view.correctionNoticeDue ? <Alert kind="warn">{C.lateCorrection(view.correctionNoticeDue)}</Alert> : null}
            <DateField v={v} e={e} today={today} id={id} />
            <TextAreaField name="items" id={id('items')} label={F.itemsLabel} hint={F.itemsHint} value={v.items} error={e.items} rows={4} required />
            <Field name="replyBy" id={id('replyBy')} type="date" label={F.replyByLabel} hint={F.replyByHint} value={v.replyBy} error={e.replyBy} />
            <TextAreaField
              name="lateReason"
              id={id('lateReason')}
              label={F.lateReasonLabel}
              hint={F.lateReasonHint}
              value={v.lateReason}
              error={e.lateReason}
              rows={2}
              required={late}
            />
          </>
        )}
      </ActionForm>
    ),
    receive_correction: () => (
      <ActionForm {...p} action="receive_correction">
        {(v, e, id) => (
          <>
            <DateField v={v} e={e} today={today} id={id} />
            <TextAreaField name="note" id={id('note')} label={F.noteLabel} value={v.note} error={e.note} rows={2} />
          </>
        )}
      </ActionForm>
    ),
    start_consultation: () => (
      <ActionForm {...p} action="start_consultation">
        {(v, e, id) => (
          <>
            <DateField v={v} e={e} today={today} id={id} />
            <RadioGroup
              name="party"
              id={id('party')}
              label={F.partyLabel}
              value={v.party ?? 'third_party'}
              error={e.party}
              options={[
                { value: 'third_party', label: A.parties.third_party },
                { value: 'agency', label: A.parties.agency },
              ]}
              required
            />
            <Field name="partyName" id={id('partyName')} label={F.partyNameLabel} value={v.partyName} error={e.partyName} />
            <Field
              name="receivedOn"
              id={id('receivedOn')}
              type="date"
              label={K.form.consultationReceivedOnLabel}
              hint={K.form.consultationReceivedOnHint}
              value={v.receivedOn}
              error={e.receivedOn}
            />
            <TextAreaField name="note" id={id('note')} label={F.noteLabel} value={v.note} error={e.note} rows={2} />
          </>
        )}
      </ActionForm>
    ),
    end_consultation: () => (
      <ActionForm {...p} action="end_consultation">
        {(v, e, id) => (
          <>
            <DateField v={v} e={e} today={today} id={id} />
            <TextAreaField name="note" id={id('note')} label={F.noteLabel} value={v.note} error={e.note} rows={2} />
          </>
        )}
      </ActionForm>
    ),
    request_extension: () => (
      <ActionForm {...p} action="request_extension">
        {(v, e, id) => (
          <>
            <DateField v={v} e={e} today={today} id={id} />
            <Field
              name="days"
              id={id('days')}
              type="number"
              label={F.daysLabel}
              value={v.days ?? String(MAX_EXTENSION_DAYS - view.row.extendedDays)}
              error={e.days}
              inputmode="numeric"
              required
            />
            <TextAreaField name="reason" id={id('reason')} label={F.extensionReasonLabel} value={v.reason} error={e.reason} rows={2} required />
          </>
        )}
      </ActionForm>
    ),
    approve_extension: () => (
      <ActionForm {...p} action="approve_extension">
        {(v, e, id) => (
          <>
            {request ? <p>{C.pendingExtension(request.days, request.reason, request.by, request.on)}</p> : null}
            <DateField v={v} e={e} today={today} id={id} />
          </>
        )}
      </ActionForm>
    ),
    refuse_extension: () => (
      <ActionForm {...p} action="refuse_extension" danger>
        {(v, e, id) => <TextAreaField name="note" id={id('note')} label={F.noteLabel} value={v.note} error={e.note} rows={2} required />}
      </ActionForm>
    ),
    withdraw_extension: () => (
      <ActionForm {...p} action="withdraw_extension">
        {(v, e, id) => <TextAreaField name="note" id={id('note')} label={F.noteLabel} value={v.note} error={e.note} rows={2} />}
      </ActionForm>
    ),
    issue_fee_notice: () => (
      <ActionForm {...p} action="issue_fee_notice">
        {(v, e, id) => (
          <>
            <DateField v={v} e={e} today={today} id={id} />
            <RadioGroup
              name="schedule"
              id={id('schedule')}
              label={F.scheduleLabel}
              value={v.schedule ?? 'per_application'}
              error={e.schedule}
              options={[
                { value: 'per_application', label: A.feeSchedules.per_application },
                { value: 'per_page', label: A.feeSchedules.per_page },
              ]}
              required
            />
            <Field name="pages" id={id('pages')} type="number" label={F.pagesLabel} hint={F.pagesHint} value={v.pages} error={e.pages} inputmode="numeric" />
            <TextAreaField
              name="howToPay"
              id={id('howToPay')}
              label={F.howToPayLabel}
              value={v.howToPay ?? F.howToPayDefault}
              error={e.howToPay}
              rows={2}
              required
            />
          </>
        )}
      </ActionForm>
    ),
    record_fee_payment: () => (
      <ActionForm {...p} action="record_fee_payment">
        {(v, e, id) => <DateField v={v} e={e} today={today} id={id} />}
      </ActionForm>
    ),
    record_fee_notice_delivery: () => (
      <ActionForm {...p} action="record_fee_notice_delivery">
        {(v, e, id) => (
          <>
            <DateField v={v} e={e} today={today} id={id} />
            <Field name="method" id={id('method')} label={F.deliveryMethodLabel} value={v.method} error={e.method} />
          </>
        )}
      </ActionForm>
    ),
    set_longer_period: () => (
      <ActionForm {...p} action="set_longer_period">
        {(v, e, id) => (
          <>
            <DateField v={v} e={e} today={today} id={id} />
            <Field
              name="dueOn"
              id={id('dueOn')}
              type="date"
              label={K.form.longerDueOnLabel}
              hint={K.form.longerDueOnHint}
              value={v.dueOn}
              error={e.dueOn}
              required
            />
            <TextAreaField
              name="reason"
              id={id('reason')}
              label={K.form.longerReasonLabel}
              hint={K.form.longerReasonHint}
              value={v.reason}
              error={e.reason}
              rows={3}
              required
            />
          </>
        )}
      </ActionForm>
    ),
    draft_answer: () => (
      <ActionForm {...p} action="draft_answer">
        {(v, e, id) => (
          <OutcomeSelect name="outcome" id={id('outcome')} label={F.outcomeLabel} value={v.outcome ?? view.row.outcome ?? 'granted'} error={e.outcome} />
        )}
      </ActionForm>
    ),
    send_answer: () => (
      <ActionForm {...p} action="send_answer">
        {(v, e, id) => <DateField v={v} e={e} today={today} id={id} />}
      </ActionForm>
    ),
    deliver: () => (
      <ActionForm {...p} action="deliver">
        {(v, e, id) => (
          <>
            <DateField v={v} e={e} today={today} id={id} />
            <Field
              name="method"
              id={id('method')}
              label={F.deliveryMethodLabel}
              value={v.method ?? (view.row.wayWanted ? A.waysWanted[view.row.wayWanted as keyof typeof A.waysWanted] : '')}
              error={e.method}
              required
            />
          </>
        )}
      </ActionForm>
    ),
    archive: () => (
      <ActionForm {...p} action="archive">
        {(v, e, id) => <DateField v={v} e={e} today={today} id={id} />}
      </ActionForm>
    ),
  };
  const shown = view.actions.filter((a) => a in forms);
  const next = shown.filter((a) => isPrimaryAction(a, view));
  const more = shown.filter((a) => !isPrimaryAction(a, view));
  const answerStep = answerStepOf(view);
  return (
    <>
      {request ? <Alert kind="warn">{S.extensionBlocks}</Alert> : null}
      {answerStep ? (
        <p class="next-link">
          <a href="#answer-title">{answerStep}</a>
        </p>
      ) : null}
      {next.length > 0 ? <div class="actions">{next.map((a) => forms[a]?.())}</div> : null}
      {more.length > 0 ? (
        <>
          {next.length > 0 || answerStep ? <h3 class="more-actions">{S.moreActions}</h3> : null}
          <div class="actions">{more.map((a) => forms[a]?.())}</div>
        </>
      ) : null}
      {shown.length === 0 && !answerStep ? <p class="muted">{C.noActions}</p> : null}
    </>
  );
}

/** The answer's next step for this user when it is the letter itself (edit the draft, sign it), as a link to it. */
function answerStepOf(view: CaseView): string | null {
  if (!view.row.isOpen) return null;
  if (view.row.answerState === 'draft' && view.canHandle) return S.editDraft;
  if (view.row.answerState === 'pending_signoff' && view.actions.includes('sign_answer')) return S.signDraft;
  return null;
}
