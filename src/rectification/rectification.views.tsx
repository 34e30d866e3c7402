/** How the 问题整改清单 shows: its columns (open, overdue or closed), its form's fields and the 销号 action. */
import { options, type RecordView, yearFrom } from '../records/record-page.tsx';
import { t } from '../shared/i18n/zh-CN.ts';
import { CsrfField } from '../web/components.tsx';
import { RECTIFICATION_SOURCES } from './rectification.schema.ts';
import { isOverdue, type RectificationItem, rectificationForm } from './rectification.service.ts';

const R = t.reports.records.rectification;

export const rectificationView: RecordView<RectificationItem> = {
  path: 'rectification',
  title: R.heading,
  lead: R.lead,
  columns: [
    { label: R.problem, cell: (x) => x.problem, wide: true },
    { label: R.source, cell: (x) => (x.sourceDetail ? `${R.sources[x.source]}（${x.sourceDetail}）` : R.sources[x.source]) },
    { label: R.foundOn, cell: (x) => x.foundOn },
    { label: R.measure, cell: (x) => x.measure, wide: true },
    { label: R.owner, cell: (x) => x.owner },
    { label: R.dueOn, cell: (x) => x.dueOn },
    {
      label: R.closedOn,
      cell: (x, today) =>
        x.closedOn ? (
          // Closed by a check while its record still fails the indicator: rectified, never shown as fixed (销号).
          <span class={x.closure === 'remains' ? 'badge warn' : 'badge status-done'}>
            {x.closure === 'remains' ? t.compliance.remains : R.closed} {x.closedOn}
          </span>
        ) : (
          <span class={isOverdue(x, today) ? 'badge status-overdue' : 'badge status-in_progress'}>{isOverdue(x, today) ? R.overdue : R.open}</span>
        ),
    },
  ],
  fields: [
    { name: 'problem', label: R.problem, kind: 'textarea', rows: 2, required: true },
    { name: 'source', label: R.source, kind: 'select', options: options(RECTIFICATION_SOURCES, R.sources), required: true },
    { name: 'sourceDetail', label: R.sourceDetail, kind: 'text' },
    { name: 'foundOn', label: R.foundOn, kind: 'date', required: true },
    { name: 'measure', label: R.measure, kind: 'textarea', rows: 3, required: true },
    { name: 'owner', label: R.owner, kind: 'text', required: true },
    { name: 'dueOn', label: R.dueOn, kind: 'date', required: true },
    { name: 'closedOn', label: R.closedOn, kind: 'date', hint: R.closedOnHint },
  ],
  toForm: rectificationForm,
  blank: () => ({ source: 'inspection' }),
  yearOfValues: (v, fallback) => yearFrom(v.foundOn, fallback),
  summary: (rows) => <p>{R.openCount(rows.filter((x) => x.closedOn === null).length)}</p>,
  rowActions: (x, { csrf, base, year, today }) =>
    x.closedOn ? null : (
      <form method="post" action={`${base}/${x.id}/close?year=${year}`} class="row-form">
        <CsrfField token={csrf} />
        <label for={`close-${x.id}`} class="visually-hidden">
          {R.closedOn}
        </label>
        <input type="date" id={`close-${x.id}`} name="closedOn" value={today} required />
        <button class="btn secondary small" type="submit">
          {R.close}
        </button>
      </form>
    ),
};
