import type { SafeHtml } from '#jsx/jsx-runtime';
import type { ProbeResult } from '../applications/probe.service.ts';
import { type ConsoleBase, ConsoleFrame } from '../console/console-page.tsx';
import { chinaTime } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { Alert, CsrfField, Empty, Field, FormErrors, Section, TextAreaField } from '../web/components.tsx';
import { DataTable } from '../web/data-table.tsx';
import type { FormState } from '../web/http.ts';
import type { YearResults } from './compliance.queries.ts';
import type { CheckRun } from './compliance.service.ts';
import { fixLink } from './fix-links.ts';
import type { Finding, Indicator } from './indicator.ts';
import { ProbeSection } from './probe.views.tsx';
import { ResultsTable, RunBadge, slug } from './results.views.tsx';

const when = (iso: string) => chinaTime(iso);

/** A finding's rectification item, when it has an open one. */
export type ListedItem = { findingKey: string | null; dueOn: string; foundOn: string; id: number };

/** What the self-check page shows beyond the runs: items, the rectify form, what the last run closed. */
export type RectifyState = {
  canRectify: boolean;
  listed: ListedItem[];
  today: string;
  defaultDueOn: string;
  /** The finding whose form failed, with its values and errors. */
  failed?: { key: string; form: FormState } | undefined;
  closedCount?: number | undefined;
  remainsCount?: number | undefined;
};

/** The self-check page: run it, see the score, every finding and its rectification, and the history. */
export function CompliancePage(
  p: ConsoleBase & {
    runs: CheckRun[];
    year: number;
    canConfigure: boolean;
    canSubmit: boolean;
    results: YearResults;
    submitted?: boolean;
    rectify: RectifyState;
    probe?: ProbeResult | null;
  },
): SafeHtml {
  const last = p.runs[0];
  const base = `/admin/${p.agency.code}`;
  const C = t.compliance;
  const failing = last ? last.results.filter((r) => r.findings.length > 0) : [];
  return (
    <ConsoleFrame {...p} title={C.title}>
      <h1>{C.title}</h1>
      <p class="lead">{C.lead}</p>
      {p.rectify.closedCount ? <Alert kind="ok">{C.closedByRun(p.rectify.closedCount)}</Alert> : null}
      {p.rectify.remainsCount ? <Alert kind="warn">{C.closedRemains(p.rectify.remainsCount)}</Alert> : null}
      {p.submitted ? <Alert kind="ok">{C.submitDone}</Alert> : null}
      <form method="post" action={`${base}/compliance`} class="btn-row no-print">
        <CsrfField token={p.csrf} />
        <label for="f-year">{C.year}</label>
        <input id="f-year" name="year" type="number" value={String(p.year)} min="2019" max="2299" class="narrow" />
        <button class="btn" type="submit">
          {C.run}
        </button>
        {p.canConfigure ? <a href={`${base}/compliance/settings`}>{C.settings}</a> : null}
        <a href={`${base}/rectification`}>{C.rectificationList}</a>
      </form>
      {!last ? (
        <Empty>{C.neverRun}</Empty>
      ) : (
        <>
          <Section title={C.lastRunOf(last.year, when(last.ranAt))} id="last">
            <p>
              {C.score}：<span class="stat">{last.score}</span> / 100 <RunBadge label={p.results.labels.get(last.id)} />
            </p>
            <YearStatus run={last} results={p.results} canSubmit={p.canSubmit} csrf={p.csrf} base={base} />
            <ResultsTable run={last} />
          </Section>
          <Section title={C.findingsOf(last.year)} id="findings">
            {failing.length === 0 ? <Empty>{C.noFindings}</Empty> : null}
            {failing.map((r) => (
              <div class="finding-group" id={`ind-${slug(r.code)}`}>
                <h3>{r.title}</h3>
                <ul class="findings">
                  {r.findings.map((f, i) => (
                    <FindingItem base={base} run={last} finding={f} index={`${slug(r.code)}-${i}`} {...fixLink(p.actor, p.agency, base, f)} {...p} />
                  ))}
                </ul>
              </div>
            ))}
          </Section>
          <Section title={C.history} id="history">
            <ul class="list">
              {p.runs.map((r) => (
                <li>
                  <span>
                    {C.historyRow(r.year, r.score)} <RunBadge label={p.results.labels.get(r.id)} />
                  </span>
                  <span class="date">{when(r.ranAt)}</span>
                </li>
              ))}
            </ul>
          </Section>
        </>
      )}
      {p.probe !== undefined ? <ProbeSection agencyCode={p.agency.code} csrf={p.csrf} probe={p.probe} /> : null}
    </ConsoleFrame>
  );
}

/** One finding: its link, its rectification item if listed, else (for record keepers) the form to list it. */
function FindingItem(p: {
  base: string;
  csrf: string;
  run: CheckRun;
  finding: Finding;
  index: string;
  href: string | null;
  who: string | null;
  rectify: RectifyState;
}): SafeHtml {
  const C = t.compliance;
  const R = t.reports.records.rectification;
  const f = p.finding;
  const item = p.rectify.listed.find((i) => i.findingKey === f.key);
  const failed = p.rectify.failed?.key === f.key ? p.rectify.failed.form : undefined;
  const value = (name: string) => failed?.values[name];
  const id = (name: string) => `f-${name}-${p.index}`;
  return (
    <li class={f.info ? 'muted' : undefined}>
      <p>
        {f.info ? (
          <>
            <span class="badge info">{C.infoOnly}</span>{' '}
          </>
        ) : null}
        {p.href ? <a href={p.href}>{f.message}</a> : f.message}
        {p.who ? (
          <>
            {' '}
            <span class="muted">（{C.fixBy(p.who)}）</span>
          </>
        ) : null}
      </p>
      {f.info ? null : item ? (
        <p>
          <a href={`${p.base}/rectification?year=${item.foundOn.slice(0, 4)}`} class={item.dueOn < p.rectify.today ? 'badge danger' : 'badge info'}>
            {item.dueOn < p.rectify.today ? C.listedOverdue(item.dueOn) : C.listed(item.dueOn)}
          </a>
        </p>
      ) : p.rectify.canRectify ? (
        <details class="action" open={failed !== undefined}>
          <summary>{C.rectify}</summary>
          <form method="post" action={`${p.base}/compliance/rectify`} class="action-form">
            <CsrfField token={p.csrf} />
            <input type="hidden" name="runId" value={String(p.run.id)} />
            <input type="hidden" name="key" value={f.key} />
            <p class="hint">{C.rectifyHint}</p>
            <FormErrors message={failed?.message} />
            <TextAreaField name="measure" id={id('measure')} label={R.measure} rows={3} required value={value('measure')} error={failed?.fields.measure} />
            <Field name="owner" id={id('owner')} label={R.owner} required value={value('owner')} error={failed?.fields.owner} />
            <Field
              name="dueOn"
              id={id('dueOn')}
              type="date"
              label={R.dueOn}
              required
              value={value('dueOn') ?? p.rectify.defaultDueOn}
              error={failed?.fields.dueOn}
            />
            <button class="btn" type="submit">
              {C.rectify}
            </button>
          </form>
        </details>
      ) : null}
    </li>
  );
}

/** Where the run shown stands for its year: the year's result, a re-run after the deadline, and the submit button. */
function YearStatus(p: { run: CheckRun; results: YearResults; canSubmit: boolean; csrf: string; base: string }): SafeHtml {
  const C = t.compliance;
  const due = p.results.due.get(p.run.year) ?? '';
  const counted = p.results.counted.get(p.run.year) ?? null;
  const label = p.results.labels.get(p.run.id);
  return (
    <>
      {label === 'after_deadline' ? (
        <Alert kind="warn">{counted ? C.rerunNote(p.run.year, due, counted.score) : C.rerunNoResult(p.run.year, due)}</Alert>
      ) : null}
      {p.run.submittedAt ? <p class="muted">{C.submittedOn(when(p.run.submittedAt))}</p> : null}
      {p.canSubmit && label !== 'submitted' ? (
        <form method="post" action={`${p.base}/compliance/submit`} class="stack no-print">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="runId" value={String(p.run.id)} />
          <p class="hint">{C.submitHint(due)}</p>
          <div class="btn-row">
            <button class="btn secondary" type="submit">
              {C.submit}
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}

type SettingRow = { indicator: Indicator; enabled: boolean; weight: number };
type ManualRow = { code: string; title: string; rule: string; weight: number; passed: number; note: string | null };

/** Indicator switches and weights, and the agency's manual indicators (admins). */
export function ComplianceSettingsPage(p: ConsoleBase & { settings: SettingRow[]; manual: ManualRow[]; form: FormState; saved: boolean }): SafeHtml {
  const base = `/admin/${p.agency.code}/compliance`;
  return (
    <ConsoleFrame {...p} title={t.compliance.settings}>
      <h1>{t.compliance.settings}</h1>
      <p>
        <a href={base}>{t.compliance.back}</a>
      </p>
      {p.saved ? <Alert kind="ok">{t.compliance.saved}</Alert> : null}
      <Section title={t.compliance.automatic} id="auto">
        <DataTable
          caption={t.compliance.automatic}
          rows={p.settings.map((s) => ({ ...s, id: `w-${s.indicator.code.replace(/[^a-z0-9]/g, '-')}` }))}
          columns={[
            {
              header: t.compliance.indicator,
              cell: (s) => (
                <>
                  {s.indicator.title}
                  <br />
                  <span class="muted">
                    {s.indicator.code} · {s.indicator.rule}
                  </span>
                </>
              ),
            },
            {
              header: t.compliance.enabled,
              cell: (s) => (
                <>
                  <input type="hidden" name="enabled" value="0" form={`${s.id}-form`} />
                  <input
                    type="checkbox"
                    name="enabled"
                    value="1"
                    checked={s.enabled}
                    form={`${s.id}-form`}
                    aria-label={`${t.compliance.enabled}：${s.indicator.title}`}
                  />
                </>
              ),
            },
            {
              header: t.compliance.weight,
              cell: (s) => (
                <input
                  type="number"
                  name="weight"
                  value={String(s.weight)}
                  min="0"
                  max="100"
                  class="narrow"
                  form={`${s.id}-form`}
                  aria-label={`${t.compliance.weight}：${s.indicator.title}`}
                />
              ),
            },
            {
              header: t.common.actions,
              cell: (s) => (
                <form method="post" action={`${base}/settings`} id={`${s.id}-form`}>
                  <CsrfField token={p.csrf} />
                  <input type="hidden" name="code" value={s.indicator.code} />
                  <button class="btn secondary" type="submit">
                    {t.common.save}
                  </button>
                </form>
              ),
            },
          ]}
        />
      </Section>
      <Section title={t.compliance.manual} id="manual">
        <p class="muted">{t.compliance.manualHint}</p>
        {p.manual.length === 0 ? (
          <Empty>{t.compliance.noManual}</Empty>
        ) : (
          <ul class="list">
            {p.manual.map((m) => (
              <li>
                <span>
                  {m.title}
                  <span class="muted">
                    （{m.code}，{t.compliance.weight} {m.weight}）
                  </span>
                </span>
                {m.passed ? <span class="badge ok">{t.compliance.passed}</span> : <span class="badge danger">{t.compliance.failed}</span>}
              </li>
            ))}
          </ul>
        )}
        <h3>{t.compliance.addManual}</h3>
        <FormErrors message={p.form.message} fields={p.form.fields} />
        <form method="post" action={`${base}/manual`} class="stack">
          <CsrfField token={p.csrf} />
          <Field name="code" label={t.compliance.code} hint={t.compliance.codeRule} value={p.form.values.code} error={p.form.fields.code} required />
          <Field name="title" label={t.compliance.titleField} value={p.form.values.title} error={p.form.fields.title} required />
          <Field name="rule" label={t.compliance.rule} value={p.form.values.rule} error={p.form.fields.rule} />
          <Field name="weight" label={t.compliance.weight} type="number" value={p.form.values.weight ?? '5'} error={p.form.fields.weight} required />
          <div class="field">
            <label>
              <input type="checkbox" name="passed" value="1" checked={p.form.values.passed === '1'} /> {t.compliance.markPassed}
            </label>
          </div>
          <Field name="note" label={t.compliance.note} value={p.form.values.note} error={p.form.fields.note} />
          <div class="btn-row">
            <button class="btn" type="submit">
              {t.common.save}
            </button>
          </div>
        </form>
      </Section>
    </ConsoleFrame>
  );
}
