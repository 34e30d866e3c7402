/** How the 政务公开工作要点 page shows: the plan's title (a form for those who keep it) and the tasks' checklist. */
import type { SafeHtml } from '#jsx/jsx-runtime';
import { options, type RecordView, yearFrom } from '../records/record-page.tsx';
import { t } from '../shared/i18n/zh-CN.ts';
import { CsrfField, Field } from '../web/components.tsx';
import { TASK_STATUSES } from './workpoints.schema.ts';
import { type WorkTask, workTaskForm } from './workpoints.service.ts';

const r = t.reports.records;
const W = r.workPoints;

export const workPointsView: RecordView<WorkTask> = {
  path: 'work-points',
  title: W.heading,
  lead: W.lead,
  columns: [
    { label: W.task, cell: (x) => x.task, wide: true },
    { label: W.owner, cell: (x) => x.owner },
    { label: W.status, cell: (x) => <span class={`badge status-${x.status}`}>{W.statuses[x.status]}</span> },
    { label: W.note, cell: (x) => x.note ?? '' },
  ],
  fields: [
    { name: 'year', label: r.year, kind: 'number', required: true },
    { name: 'task', label: W.task, kind: 'textarea', rows: 2, required: true },
    { name: 'owner', label: W.owner, kind: 'text', required: true },
    { name: 'status', label: W.status, kind: 'select', options: options(TASK_STATUSES, W.statuses), required: true },
    { name: 'note', label: W.note, kind: 'text' },
  ],
  toForm: workTaskForm,
  blank: (year) => ({ year: String(year), status: 'pending' }),
  yearOfValues: (v, fallback) => yearFrom(v.year, fallback),
  summary: (rows) => <p>{W.progress(rows.filter((x) => x.status === 'done').length, rows.length)}</p>,
};

/** The plan's title above the list: a form for those who keep the records, else the title (or that there is none). */
export function WorkPlanTitle(p: { title: string | null; year: number; csrf: string; canEdit: boolean; base: string }): SafeHtml {
  if (!p.canEdit) return <p>{p.title ? `《${p.title}》` : W.noPlan}</p>;
  return (
    <form method="post" action={`${p.base}/plan`} class="stack inline-form">
      <CsrfField token={p.csrf} />
      <input type="hidden" name="year" value={String(p.year)} />
      <Field name="title" label={W.planTitle} hint={W.planTitleHint} value={p.title ?? ''} required />
      <div class="btn-row">
        <button class="btn secondary" type="submit">
          {t.common.save}
        </button>
      </div>
    </form>
  );
}
