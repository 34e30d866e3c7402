/** The workbench: the agency's queue of applications. */
import type { SafeHtml } from '#jsx/jsx-runtime';
import { type ConsoleBase, ConsoleFrame } from '../console/console-page.tsx';
import type { Agency } from '../db/schema.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { Field, SelectField } from '../web/components.tsx';
import { DataTable } from '../web/data-table.tsx';
import type { QueueFilter, QueueRow, QueueSummary } from './applications.queries.ts';
import { QUEUE_STATUSES } from './applications.queries.ts';
import { casesPath as base, OutcomeSelect, UrgencyBadge } from './console.parts.tsx';

const A = t.applications;
const C = A.console;
const _F = A.form;

function queueHref(agency: Agency, filter: Partial<Record<keyof QueueFilter, string | number | boolean | undefined>>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '' && v !== false) params.set(k, v === true ? '1' : String(v));
  const s = params.toString();
  return s ? `${base(agency)}?${s}` : base(agency);
}

function SummaryTiles({ agency, s }: { agency: Agency; s: QueueSummary }): SafeHtml {
  const tiles: { label: string; n: number; href: string; alert?: boolean }[] = [
    { label: C.summary.pending, n: s.pending, href: queueHref(agency, { status: 'pending' }) },
    { label: C.summary.open, n: s.open, href: queueHref(agency, {}) },
    { label: C.summary.overdue, n: s.overdue, href: queueHref(agency, { overdue: true }), alert: s.overdue > 0 },
    { label: C.summary.dueSoon, n: s.dueSoon, href: queueHref(agency, { dueWithin: 3 }), alert: s.dueSoon > 0 },
    { label: C.summary.signoff, n: s.signoff, href: queueHref(agency, { status: 'signoff' }) },
    { label: C.summary.extension, n: s.extension, href: queueHref(agency, { status: 'extension' }) },
  ];
  return (
    <ul class="stat-tiles">
      {tiles.map((x) => (
        <li>
          <a href={x.href} class={x.alert ? 'alert-tile' : undefined}>
            <span class="stat">{x.n}</span>
            <span>
              {x.alert ? '！' : ''}
              {x.label}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}

const statusLabel = (r: Pick<QueueRow, 'status'>) => A.statuses[r.status];

/** The workbench: the agency's applications, filtered, sorted by the next due date, paged. */
export function QueuePage(
  p: ConsoleBase & { filter: QueueFilter; items: QueueRow[]; total: number; pages: number; summary: QueueSummary; years: number[]; canHandle: boolean },
): SafeHtml {
  const f = p.filter;
  return (
    <ConsoleFrame {...p} title={C.queueTitle}>
      <div class="page-head">
        <h1>{C.queueTitle}</h1>
        <div class="btn-row">
          <a class="btn secondary" href={`${base(p.agency)}/settings`}>
            {t.applications.settings.link}
          </a>
          <a class="btn secondary" href={`${base(p.agency)}/letters.csv`} download>
            {t.applications.register.link}
          </a>
          {p.canHandle ? (
            <a class="btn" href={`${base(p.agency)}/new`}>
              {C.registerTitle}
            </a>
          ) : null}
        </div>
      </div>
      <SummaryTiles agency={p.agency} s={p.summary} />
      <form method="get" action={base(p.agency)} class="filters" aria-label={C.filters}>
        <SelectField name="status" label={C.filterStatus} value={f.status} options={QUEUE_STATUSES.map((s) => ({ value: s, label: C.queueStatuses[s] }))} />
        <Field name="dueWithin" type="number" label={C.filterDueWithin} value={f.dueWithin} inputmode="numeric" />
        <OutcomeSelect name="outcome" label={C.filterOutcome} value={f.outcome} withAny />
        <SelectField
          name="year"
          label={C.filterYear}
          value={f.year ?? ''}
          options={[{ value: '', label: C.any }, ...p.years.map((y) => ({ value: String(y), label: `${y}` }))]}
        />
        <Field name="q" label={C.filterQ} value={f.q} />
        <label class="choice">
          <input type="checkbox" name="overdue" value="1" checked={f.overdue} />
          <span>{C.filterOverdue}</span>
        </label>
        <div class="btn-row">
          <button class="btn" type="submit">
            {C.filterApply}
          </button>
          <a href={base(p.agency)}>{C.filterClear}</a>
        </div>
      </form>
      <p class="muted" aria-live="polite">
        {C.total(p.total, f.page, p.pages)}
      </p>
      <DataTable
        caption={C.queueTitle}
        class="queue"
        rows={p.items}
        empty={C.empty}
        rowClass={(r) => (r.urgency?.kind === 'overdue' || r.urgency?.kind === 'today' ? 'row-overdue' : r.urgency?.kind === 'soon' ? 'row-soon' : undefined)}
        columns={[
          {
            header: C.columns.ref,
            cell: (r) => (
              <>
                <a href={`${base(p.agency)}/${r.id}`} class="nowrap">
                  {r.ref}
                </a>
                <span class="subject">{r.subject}</span>
              </>
            ),
          },
          { header: C.columns.receivedOn, headClass: 'hide-sm', cellClass: 'hide-sm nowrap', cell: (r) => r.receivedOn ?? C.notReceivedYet },
          {
            header: C.columns.status,
            cell: (r) => (
              <>
                {statusLabel(r)}
                {r.answerState === 'pending_signoff' ? <span class="badge info">{C.summary.signoff}</span> : null}
                {r.hasExtensionRequest ? <span class="badge info">{C.summary.extension}</span> : null}
              </>
            ),
          },
          {
            header: C.columns.due,
            cell: (r) =>
              r.status === 'closed' ? (
                <>
                  <span class="muted nowrap">{r.closedOn ? C.closedOn(r.closedOn) : ''}</span>
                  {r.lateDays !== null ? <strong class="badge danger">！{A.caseStatus.lateBadge(r.lateDays)}</strong> : null}
                </>
              ) : (
                <>
                  {r.status !== 'processing' ? <span class="due-kind">{C.dueKinds[r.status] ?? ''}</span> : null}
                  <span class="nowrap">{r.nextDueOn ?? '—'}</span> <UrgencyBadge u={r.urgency} provisional={r.provisional === 1} />
                </>
              ),
          },
          { header: C.columns.handler, class: 'hide-sm', cell: (r) => r.handlerName ?? '—' },
        ]}
      />
      {p.pages > 1 ? (
        <nav class="pager" aria-label={C.pagination}>
          {f.page > 1 ? <a href={queueHref(p.agency, { ...f, page: f.page - 1 })}>{C.prev}</a> : null}
          <span>
            {f.page} / {p.pages}
          </span>
          {f.page < p.pages ? <a href={queueHref(p.agency, { ...f, page: f.page + 1 })}>{C.next}</a> : null}
        </nav>
      ) : null}
    </ConsoleFrame>
  );
}
