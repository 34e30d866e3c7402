import type { SafeHtml } from '#jsx/jsx-runtime';
import { type ConsoleBase, ConsoleFrame } from '../console/console-page.tsx';
import { chinaTime } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { Alert, CheckboxField, CsrfField, Field, FormErrors, Section, TextAreaField } from '../web/components.tsx';
import { DataTable } from '../web/data-table.tsx';
import type { FormState } from '../web/http.ts';
import type { ReportWorkspace } from './build-report.ts';
import { type Deadline, daysBetween } from './deadline.ts';
import { labelledTexts, type NarrativeWarning } from './narrative.ts';
import { GridTable } from './render/html.tsx';
import { REPORT_FORMATS } from './render/index.ts';
import { tableGrid } from './render/layout.ts';
import { DeadlineText } from './report-deadline.views.tsx';
import type { ReportGate } from './report-gates.ts';
import type { ReportEvent } from './report-history.ts';
import type { ReportStatus } from './report-model.ts';
import { History, Workflow } from './report-workflow.views.tsx';
import { canTake } from './reports.policy.ts';

const C = t.reports.console;
const S = t.reports.status;

/** The console home's reminder of the year's report, from December until it is published. */
export function ReportReminder(p: { agencyCode: string; year: number; deadline: Deadline; status: ReportStatus | null; today: string }): SafeHtml {
  const overdue = daysBetween(p.today, p.deadline.due) < 0;
  return (
    <Alert kind={overdue ? 'error' : 'warn'}>
      <strong>{C.reminder(p.year)}</strong>
      <p>{C.reminderLead(p.year, p.deadline.due)}</p>
      <p>
        {C.deadline}：<DeadlineText deadline={p.deadline} today={p.today} />；{C.status}：{p.status ? S[p.status] : C.notStarted}
      </p>
      <p>
        <a href={`/admin/${p.agencyCode}/reports/${p.year}`}>{C.goToReport}</a>
      </p>
    </Alert>
  );
}

type ReportRow = { year: number; status: ReportStatus; origin: string; updatedAt: string; publishedAt: string | null };
const when = (iso: string | null) => (iso ? chinaTime(iso) : '—');

/** The list of the agency's reports, the form to start one, and the report settings. */
export function ReportsListPage(
  p: ConsoleBase & {
    reports: ReportRow[];
    startYear: number;
    canStart: boolean;
    canSettings: boolean;
    settingsForm: FormState;
    notice?: string | undefined;
  },
): SafeHtml {
  const base = `/admin/${p.agency.code}/reports`;
  return (
    <ConsoleFrame {...p} title={C.title}>
      <h1>{C.title}</h1>
      <p class="muted">{C.lead}</p>
      {p.notice ? <Alert kind="ok">{p.notice}</Alert> : null}
      <p>
        <a class="btn secondary" href={`${base}/check-file`}>
          {t.reports.fileCheck.link}
        </a>
      </p>
      <Section title={C.list} id="reports">
        <DataTable
          caption={C.list}
          rows={p.reports}
          empty={C.none}
          columns={[
            { header: t.reports.records.year, rowHeader: true, cell: (r) => <a href={`${base}/${r.year}`}>{C.yearTitle(r.year)}</a> },
            { header: C.status, cell: (r) => <span class={`badge status-${r.status}`}>{S[r.status]}</span> },
            { header: C.updatedAt, cell: (r) => when(r.updatedAt) },
            { header: C.publishedAt, cell: (r) => when(r.publishedAt) },
          ]}
        />
      </Section>
      {p.canStart ? (
        <Section title={C.start} id="start">
          <p class="muted">{C.startLead}</p>
          <form method="post" action={`${base}/start`} class="stack inline-form">
            <CsrfField token={p.csrf} />
            <Field name="year" label={C.startYear} type="number" value={p.startYear} inputmode="numeric" required />
            <div class="btn-row">
              <button class="btn" type="submit">
                {C.start}
              </button>
            </div>
          </form>
        </Section>
      ) : null}
      {p.canSettings ? (
        <Section title={C.settings} id="settings">
          <p class="muted">{C.settingsLead}</p>
          <FormErrors message={p.settingsForm.message} fields={p.settingsForm.fields} />
          <form method="post" action={`${base}/settings`} class="stack">
            <CsrfField token={p.csrf} />
            <Field
              name="localDeadline"
              label={C.localDeadlineField}
              hint={C.localDeadlineHint}
              value={p.settingsForm.values.localDeadline}
              error={p.settingsForm.fields.localDeadline}
            />
            <CheckboxField name="appealsIncludeCarried" label={C.appealsCarriedField} checked={p.settingsForm.values.appealsIncludeCarried === 'on'} />
            <div class="btn-row">
              <button class="btn secondary" type="submit">
                {t.common.save}
              </button>
            </div>
          </form>
        </Section>
      ) : null}
    </ConsoleFrame>
  );
}

function Checks({ ws }: { ws: ReportWorkspace }): SafeHtml {
  const names = t.reports.check.names;
  return (
    <Section title={C.checks} id="checks">
      <p class="muted">{C.checksLead}</p>
      <ul class="checks">
        {ws.report.checks.map((c) => (
          <li class={c.ok ? 'ok' : 'failed'}>
            <strong>{c.skipped ? t.reports.check.skipped : c.ok ? t.reports.check.passed : t.reports.check.failed}</strong> {names[c.rule]}
            {c.problems.length > 0 ? (
              <ul>
                {c.problems.map((m) => (
                  <li>{m}</li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function Warnings({ warnings }: { warnings: NarrativeWarning[] }): SafeHtml {
  return (
    <Section title={C.warnings} id="warnings">
      {warnings.length === 0 ? (
        <p>{C.warningsNone}</p>
      ) : (
        <>
          <p class="muted">{C.warningsLead}</p>
          <ul class="warnings">
            {warnings.map((w) => (
              <li class={`warning-${w.kind}`}>
                <strong>{w.section}</strong>：{w.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

/** An agency-year's report in the console: workflow, checks, warnings, the narrative editor and the tables. */
export function ReportPage(
  p: ConsoleBase & {
    ws: ReportWorkspace;
    form: FormState | null;
    /** A refused step's form (reason, confirmation, 更正说明), shown again with its messages. */
    stepForm?: FormState | null;
    notice?: string | undefined;
    error?: string | undefined;
    today: string;
    gate: ReportGate;
    events: ReportEvent[];
  },
): SafeHtml {
  const { ws } = p;
  const year = ws.report.year;
  const base = `/admin/${p.agency.code}/reports/${year}`;
  const editable = (ws.stored === null || ws.stored.status === 'draft') && ws.stored?.origin !== 'imported' && canTake(p.actor, p.agency.id, 'edit');
  const texts = labelledTexts(ws.sections, p.agency.kind);
  const values = p.form?.values ?? Object.fromEntries(texts.map((x) => [x.key, x.text]));
  const byLabel = (label: string) => ws.warnings.filter((w) => w.section === label).map((w) => w.message);
  return (
    <ConsoleFrame {...p} title={C.yearTitle(year)}>
      <p>
        <a href={`/admin/${p.agency.code}/reports`}>
          {t.common.back}
          {C.list}
        </a>
      </p>
      <h1>
        {C.yearTitle(year)} <span class={`badge status-${ws.stored?.status ?? 'none'}`}>{ws.stored ? S[ws.stored.status] : C.notStarted}</span>
      </h1>
      {p.notice ? <Alert kind="ok">{p.notice}</Alert> : null}
      <FormErrors message={p.error ?? p.stepForm?.message} fields={p.stepForm?.fields ?? {}} />
      <Workflow {...p} ws={ws} base={base} today={p.today} gate={p.gate} events={p.events} form={p.stepForm ?? null} />
      <Checks ws={ws} />
      {ws.facts ? <Warnings warnings={ws.warnings} /> : null}
      <Section title={C.editor} id="editor">
        {editable ? (
          <>
            <p class="muted">{C.editorLead}</p>
            <FormErrors message={p.form?.message} fields={p.form?.fields ?? {}} />
            <form method="post" action={`${base}/sections`} class="stack wide">
              <CsrfField token={p.csrf} />
              {texts.map((x) => {
                const notes = byLabel(x.label);
                return (
                  <TextAreaField
                    name={x.key}
                    label={x.label}
                    value={values[x.key]}
                    rows={x.key === 'problems' || x.key === 'other' ? 10 : 6}
                    hint={notes.length > 0 ? `${C.sectionWarnings}：${notes.join('；')}` : undefined}
                    error={p.form?.fields[x.key]}
                  />
                );
              })}
              <div class="btn-row">
                <button class="btn" type="submit">
                  {C.save}
                </button>
              </div>
            </form>
            {ws.stored ? (
              <form method="post" action={`${base}/redraft`} class="stack inline-form">
                <CsrfField token={p.csrf} />
                <CheckboxField name="confirm" label={C.redraftConfirm} checked={false} />
                <div class="btn-row">
                  <button class="btn secondary" type="submit">
                    {C.redraft}
                  </button>
                </div>
              </form>
            ) : null}
          </>
        ) : (
          <>
            <p class="muted">
              {ws.stored?.status === 'published' ? t.reports.flow.publishedReadOnly : ws.stored && ws.stored.status !== 'draft' ? t.reports.flow.submitted : ''}
            </p>
            {texts.map((x) => (
              <div class="report-section">
                <h3>{x.label}</h3>
                {x.text
                  .split('\n')
                  .filter(Boolean)
                  .map((para) => (
                    <p>{para}</p>
                  ))}
              </div>
            ))}
          </>
        )}
      </Section>
      <Section title={C.tables} id="tables">
        {ws.stored?.frozen ? <p class="muted">{C.frozen}</p> : null}
        {(['proactive', 'applications', 'appeals'] as const).map((table) => (
          <GridTable grid={tableGrid(ws.report, table)} />
        ))}
      </Section>
      <History events={p.events} />
      <Section title={C.downloads} id="downloads">
        <ul class="downloads">
          {REPORT_FORMATS.map((f) => (
            <li>
              <a href={`${base}/export/${f}`}>{f === 'html' ? 'HTML' : t.reports.page.download[f]}</a>
            </li>
          ))}
          <li>
            <a href={`${base}/export/csv?layout=printed`}>{t.reports.page.downloadPrintedCsv}</a>
          </li>
        </ul>
      </Section>
    </ConsoleFrame>
  );
}
