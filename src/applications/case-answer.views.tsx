/** The answer section of the case page: the letter as a draft (handler), under review (leader), or as sent. */
import type { SafeHtml } from '#jsx/jsx-runtime';
import { chinaDate } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { OUTCOME_LABELS, type OutcomeCode } from '../vocabulary/codes.ts';
import { Alert, CsrfField, Field, FormErrors, TextAreaField } from '../web/components.tsx';
import type { ActionProps, FailedAction } from './case-actions.views.tsx';
import { answerStageOf } from './case-status.ts';
import { casesPath as base, OutcomeSelect } from './console.parts.tsx';

const A = t.applications;
const C = A.console;
const F = A.form;

/** The answer letter: editable while a draft (handler) or under review (leader); read-only once signed. */
export function AnswerSection(p: ActionProps): SafeHtml {
  const { view } = p;
  const row = view.row;
  const failed = p.failed && ['save_answer', 'sign_answer', 'return_answer'].includes(p.failed.action) ? p.failed : undefined;
  const v = failed?.state.values ?? {};
  const e = failed?.state.fields ?? {};
  const href = `${base(p.agency)}/${row.id}`;
  if (row.answerState === 'none') return <p class="muted">{C.noAnswer}</p>;
  const outcome = (row.outcome ?? 'granted') as OutcomeCode;
  const hidden = (
    <>
      <CsrfField token={p.csrf} />
      <input type="hidden" name="version" value={String(row.version)} />
    </>
  );
  return (
    <>
      <dl class="facts">
        <dt>{C.answerState}</dt>
        <dd>{answerStageOf(row)}</dd>
        <dt>{F.outcomeLabel}</dt>
        <dd>{OUTCOME_LABELS[outcome]}</dd>
        <dt>{F.legalBasisLabel}</dt>
        <dd>{row.legalBasis || '—'}</dd>
        <dt>{A.officialLetter.docNumberLabel}</dt>
        <dd class="num">{view.docNumber ?? A.officialLetter.numberPending}</dd>
        {view.signedByName && row.answerSignedAt ? (
          <>
            <dt>{A.events.answer_signed}</dt>
            <dd>{C.signedBy(view.signedByName, chinaDate(row.answerSignedAt))}</dd>
          </>
        ) : null}
      </dl>
      {row.answerNote ? (
        <Alert kind="warn">
          {C.returnedNote}：{row.answerNote}
        </Alert>
      ) : null}
      <FormErrors message={failed?.state.message} />
      {row.answerState === 'draft' && view.canHandle && view.row.isOpen ? (
        <form method="post" action={`${href}/save_answer`} class="stack wide" novalidate>
          {hidden}
          <OutcomeSelect name="outcome" label={F.outcomeLabel} value={v.outcome ?? outcome} error={e.outcome} />
          <Field name="legalBasis" label={F.legalBasisLabel} value={v.legalBasis ?? row.legalBasis ?? ''} error={e.legalBasis} />
          <TextAreaField name="letter" label={F.letterLabel} value={v.letter ?? row.answerLetter ?? ''} error={e.letter} rows={16} required />
          <div class="btn-row">
            <button class="btn secondary" type="submit" name="submit" value="0">
              {C.saveDraft}
            </button>
            <button class="btn" type="submit" name="submit" value="1">
              {C.submitForSignoff}
            </button>
          </div>
        </form>
      ) : view.actions.includes('sign_answer') ? (
        <>
          <form method="post" action={`${href}/sign_answer`} class="stack wide" novalidate>
            {hidden}
            <TextAreaField name="letter" label={F.letterLabel} value={v.letter ?? row.answerLetter ?? ''} error={e.letter} rows={16} />
            <div class="btn-row">
              <button class="btn" type="submit">
                {C.sign}
              </button>
            </div>
          </form>
          <ReturnForm {...p} hidden={hidden} failed={failed} v={v} e={e} />
        </>
      ) : (
        <>
          {row.answerState === 'pending_signoff' ? (
            <p class="muted">{view.snapshot.extensionRequest ? A.caseStatus.extensionBlocks : C.waitingSignoff}</p>
          ) : null}
          {view.actions.includes('return_answer') ? <ReturnForm {...p} hidden={hidden} failed={failed} v={v} e={e} /> : null}
          {row.answerLetter ? <div class="letter">{row.answerLetter}</div> : <p class="muted">{A.interchange.noLetter}</p>}
          {row.answerLetter ? (
            <p class="no-print">
              <a href={`${href}/letter`}>{C.printLetter}</a>
            </p>
          ) : null}
        </>
      )}
    </>
  );
}

/** The leader's 退回修改 with a note, folded under the sign-off. */
function ReturnForm(p: ActionProps & { hidden: SafeHtml; failed: FailedAction | undefined; v: Record<string, string>; e: Record<string, string> }): SafeHtml {
  const { failed, v, e, hidden } = p;
  const href = `${base(p.agency)}/${p.view.row.id}`;
  return (
    <details class="action" open={failed?.action === 'return_answer'}>
      <summary>{C.returnDraft}</summary>
      <form method="post" action={`${href}/return_answer`} class="stack" novalidate>
        {hidden}
        <TextAreaField name="note" label={C.returnNote} value={v.note} error={e.note} rows={2} required />
        <div class="btn-row">
          <button class="btn danger" type="submit">
            {C.returnDraft}
          </button>
        </div>
      </form>
    </details>
  );
}
