/** The report page's workflow section (the steps, the forms of each role, the gate's risks) and its history. */
import type { SafeHtml } from '#jsx/jsx-runtime';
import type { ConsoleBase } from '../console/console-page.tsx';
import { chinaDate, chinaTime } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { Alert, CheckboxField, CsrfField, Section, TextAreaField } from '../web/components.tsx';
import { DataTable } from '../web/data-table.tsx';
import type { FormState } from '../web/http.ts';
import type { ReportWorkspace } from './build-report.ts';
import { DeadlineText, PublishedAgainstDeadline } from './report-deadline.views.tsx';
import type { ReportGate } from './report-gates.ts';
import { currentRound, type ReportEvent } from './report-history.ts';
import type { ReportStatus } from './report-model.ts';
import type { AdvanceStep } from './report-workflow.ts';
import { canTake, type WorkflowStep } from './reports.policy.ts';

const C = t.reports.console;
const F = t.reports.flow;
const when = (iso: string | null) => (iso ? chinaTime(iso) : '—');

export type WorkflowProps = ConsoleBase & {
  ws: ReportWorkspace;
  base: string;
  today: string;
  gate: ReportGate;
  events: ReportEvent[];
  /** The values of a step form refused (the reason, the confirmation) to show again. */
  form: FormState | null;
};

/** A step's form: the button, and for review and approval with risks the confirmation and its note. */
function StepForm(p: { base: string; step: AdvanceStep; csrf: string; risks?: ReportGate['risks']; form: FormState | null; secondary?: boolean }): SafeHtml {
  const risks = p.risks ?? [];
  const label = t.reports.workflow.steps[p.step];
  return (
    <form method="post" action={`${p.base}/${p.step}`} class={risks.length > 0 ? 'stack wide' : 'row-form'}>
      <CsrfField token={p.csrf} />
      {risks.length > 0 ? (
        <div class="alert warn" role="status">
          <strong>{F.risks}</strong>
          <p>{F.risksLead}</p>
          <ul>
            {risks.map((r) => (
              <li>{r.message}</li>
            ))}
          </ul>
          <CheckboxField name="confirmRisks" label={F.confirmRisks(label)} checked={p.form?.values.confirmRisks === 'on'} />
          <TextAreaField name="riskNote" label={F.riskNote} hint={F.riskNoteHint} rows={3} value={p.form?.values.riskNote} error={p.form?.fields.riskNote} />
        </div>
      ) : null}
      <div class="btn-row">
        <button class={p.secondary ? 'btn secondary' : 'btn'} type="submit">
          {label}
        </button>
      </div>
    </form>
  );
}

/** 退回修改 with its required reason, folded under the step (open again when it was refused). */
function ReturnForm(p: { base: string; csrf: string; form: FormState | null }): SafeHtml {
  return (
    <details class="action" open={p.form?.fields.reason !== undefined}>
      <summary>{t.reports.workflow.steps.reopen}</summary>
      <form method="post" action={`${p.base}/reopen`} class="stack wide" novalidate>
        <CsrfField token={p.csrf} />
        <TextAreaField name="reason" label={F.reason} hint={F.reasonHint} rows={3} value={p.form?.values.reason} error={p.form?.fields.reason} required />
        <div class="btn-row">
          <button class="btn secondary" type="submit">
            {t.reports.workflow.steps.reopen}
          </button>
        </div>
      </form>
    </details>
  );
}

/** 更正 with its required 更正说明, folded (open again when it was refused). */
function CorrectForm(p: { base: string; csrf: string; form: FormState | null }): SafeHtml {
  return (
    <details class="action" open={p.form?.fields.note !== undefined}>
      <summary>{F.correction}</summary>
      <form method="post" action={`${p.base}/correct`} class="stack wide" novalidate>
        <CsrfField token={p.csrf} />
        <p class="muted">{F.correctionLead}</p>
        <TextAreaField
          name="note"
          label={F.correctionNote}
          hint={F.correctionNoteHint}
          rows={3}
          value={p.form?.values.note}
          error={p.form?.fields.note}
          required
        />
        <div class="btn-row">
          <button class="btn secondary" type="submit">
            {F.correction}
          </button>
        </div>
      </form>
    </details>
  );
}

export function Workflow(p: WorkflowProps): SafeHtml {
  const stored = p.ws.stored;
  const status = stored?.status ?? null;
  const order: ReportStatus[] = ['draft', 'submitted', 'reviewed', 'approved', 'published'];
  const reached = status ? order.indexOf(status) : -1;
  const round = stored ? currentRound(p.events, stored.year, stored.version) : null;
  const done = (s: ReportStatus): string | null => {
    if (!stored) return null;
    if (s === 'submitted' && status !== 'draft' && round?.submitted) return C.stepDone(round.submitted.actorName, when(round.submitted.createdAt));
    if (s === 'reviewed' && stored.reviewedAt) return C.stepDone(stored.reviewedBy ?? '', when(stored.reviewedAt));
    if (s === 'approved' && stored.approvedAt) return C.stepDone(stored.approvedBy ?? '', when(stored.approvedAt));
    if (s === 'published' && status === 'published' && stored.publishedAt) return C.stepDone(stored.publishedBy ?? '', when(stored.publishedAt));
    return null;
  };
  const can = (step: WorkflowStep) => canTake(p.actor, p.agency.id, step);
  const returned = status === 'draft' ? (round?.returned ?? null) : null;
  return (
    <Section title={C.workflow} id="workflow">
      {stored && stored.version > 1 && status !== 'published' ? (
        <Alert kind="info">
          <strong>{F.correctionUnderway(stored.version)}</strong>
          <p>
            {F.correctionNote}：{stored.correctionNote}
          </p>
        </Alert>
      ) : null}
      {returned ? (
        <Alert kind="warn">
          <strong>{F.returned(returned.actorName, when(returned.createdAt))}</strong>
          <p>
            {F.returnedLead}
            {returned.note}
          </p>
        </Alert>
      ) : null}
      <ol class="steps">
        {order.map((s, i) => (
          <li class={i <= reached ? 'done' : undefined} aria-current={i === reached ? 'step' : undefined}>
            <strong>{C.steps[s]}</strong>
            {done(s) ? <span class="muted"> {done(s)}</span> : null}
          </li>
        ))}
      </ol>
      <p>
        {C.deadline}：
        {status === 'published' && stored?.publishedAt ? (
          <PublishedAgainstDeadline deadline={p.ws.deadline} publishedOn={chinaDate(new Date(stored.publishedAt))} />
        ) : (
          <DeadlineText deadline={p.ws.deadline} today={p.today} />
        )}
      </p>
      {p.gate.blocking.length > 0 && (status === 'submitted' || status === 'reviewed') ? <Alert kind="error">{p.gate.blocking.join('')}</Alert> : null}
      <div class="btn-row">
        {!stored && can('edit') ? (
          <form method="post" action={`${p.base.replace(/\/\d+$/, '')}/start`} class="row-form">
            <CsrfField token={p.csrf} />
            <input type="hidden" name="year" value={String(p.ws.report.year)} />
            <button class="btn" type="submit">
              {C.start}
            </button>
          </form>
        ) : null}
        {status === 'draft' && can('submit') ? <StepForm base={p.base} step="submit" csrf={p.csrf} form={null} /> : null}
        {status === 'approved' && can('publish') ? <StepForm base={p.base} step="publish" csrf={p.csrf} form={null} /> : null}
        {status === 'published' ? (
          <a class="btn secondary" href={`/gk/${p.agency.code}/reports/${p.ws.report.year}`}>
            {C.viewPublished}
          </a>
        ) : null}
      </div>
      {status === 'submitted' && can('review') ? <StepForm base={p.base} step="review" csrf={p.csrf} risks={p.gate.risks} form={p.form} /> : null}
      {status === 'reviewed' && can('approve') ? <StepForm base={p.base} step="approve" csrf={p.csrf} risks={p.gate.risks} form={p.form} /> : null}
      {(status === 'submitted' || status === 'reviewed' || status === 'approved') && can('reopen') ? (
        <ReturnForm base={p.base} csrf={p.csrf} form={p.form} />
      ) : null}
      {status === 'published' && stored?.origin === 'generated' && can('correct') ? <CorrectForm base={p.base} csrf={p.csrf} form={p.form} /> : null}
    </Section>
  );
}

/** Every step of the report's versions, with the reasons, confirmations and 更正说明. */
export function History({ events }: { events: ReportEvent[] }): SafeHtml {
  const multi = events.some((e) => e.version > 1);
  return (
    <Section title={F.history} id="history">
      <DataTable
        caption={F.history}
        rows={[...events].reverse()}
        empty={F.historyNone}
        columns={[
          { header: F.historyWhen, rowHeader: true, cell: (e) => when(e.createdAt) },
          { header: F.historyWho, cell: (e) => e.actorName },
          { header: F.historyWhat, cell: (e) => (multi ? `${F.actions[e.action]}（${F.version(e.version)}）` : F.actions[e.action]) },
          {
            header: F.historyNote,
            cell: (e) => (
              <>
                {e.risks.length > 0 ? <p>{F.risksConfirmed(e.risks.map((r) => r.message).join('；'))}</p> : null}
                {e.note ? <p>{e.note}</p> : null}
              </>
            ),
          },
        ]}
      />
    </Section>
  );
}
