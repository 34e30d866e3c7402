/**
 * The console pages of the records the annual report speaks of: 建议提案办理, 培训与会议, 政务公开工作要点, 问题整改清单.
 * Each is a list for one year with an add/edit form, described once as a RecordModule and served by the same routes.
 */
import type { FastifyInstance } from 'fastify';
import type { Child, SafeHtml } from '#jsx/jsx-runtime';
import { consoleAgency, csrfToken } from '../admin/console.ts';
import {
  createProposal,
  deleteProposal,
  formatRate,
  listProposals,
  type Proposal,
  proposalForm,
  summarizeProposals,
  updateProposal,
} from '../proposals/proposals.service.ts';
import {
  closeRectificationItem,
  createRectificationItem,
  deleteRectificationItem,
  isOverdue,
  listRectificationItems,
  type RectificationItem,
  rectificationForm,
  updateRectificationItem,
} from '../rectification/rectification.service.ts';
import type { Clock } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { createTraining, deleteTraining, listTrainings, type Training, trainingForm, updateTraining } from '../trainings/trainings.service.ts';
import { Alert, CsrfField, Empty, Field, FormErrors, Section } from '../web/components.tsx';
import { emptyForm, type FormState, formValues, runForm, sendPage } from '../web/http.ts';
import {
  createWorkTask,
  deleteWorkTask,
  getWorkPlanTitle,
  listWorkTasks,
  saveWorkPlanTitle,
  updateWorkTask,
  type WorkTask,
  workTaskForm,
} from '../workpoints/workpoints.service.ts';
import { PROPOSAL_KINDS, RECTIFICATION_SOURCES, SATISFACTION, TASK_STATUSES, TRAINING_KINDS } from './records.schema.ts';
import { canKeepRecords, type RecordDeps } from './records.ts';
import { ConsoleFrame, type ConsolePageBase, type FieldSpec, SpecField, YearSwitch, yearParam } from './ui.tsx';

const r = t.reports.records;
type Row = { id: number };
type Column<R> = { label: string; cell: (row: R, today: string) => Child; num?: boolean; wide?: boolean };

/** A record list as data: its path, texts, columns, form fields and use cases. */
export type RecordModule<R extends Row> = {
  path: string;
  title: string;
  lead: string;
  list(deps: RecordDeps, agencyId: number, year: number): Promise<R[]>;
  create(deps: RecordDeps, actor: Parameters<typeof createProposal>[1], agencyId: number, values: Record<string, string>): Promise<unknown>;
  update(deps: RecordDeps, actor: Parameters<typeof createProposal>[1], agencyId: number, id: number, values: Record<string, string>): Promise<unknown>;
  remove(deps: RecordDeps, actor: Parameters<typeof createProposal>[1], agencyId: number, id: number): Promise<void>;
  columns: Column<R>[];
  fields: FieldSpec[];
  /** The form's values for a row being edited, and for a new record of a year. */
  toForm(row: R): Record<string, string>;
  blank(year: number): Record<string, string>;
  /** The year a submitted form belongs to (to return to its list). */
  yearOfValues(values: Record<string, string>, fallback: number): number;
  summary?(rows: R[]): Child;
  /** Extra content above the list (the 工作要点 title form). */
  extra?(p: { deps: RecordDeps; agencyId: number; year: number; csrf: string; canEdit: boolean; base: string }): Promise<Child>;
  /** Extra per-row actions (销号). */
  rowActions?(row: R, p: { csrf: string; base: string; year: number; today: string }): Child;
};

const yes = (b: number) => (b === 1 ? t.common.yes : t.common.no);
const options = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => ({ value: k, label: labels[k] }));
const yearFrom = (v: string | undefined, fallback: number) => (v && /^\d{4}/.test(v) ? Number(v.slice(0, 4)) : fallback);

const P = r.proposals;
export const proposalsModule: RecordModule<Proposal> = {
  path: 'proposals',
  title: P.heading,
  lead: P.lead,
  list: (deps, agencyId, year) => listProposals(deps.db, agencyId, year),
  create: createProposal,
  update: updateProposal,
  remove: deleteProposal,
  columns: [
    { label: P.kind, cell: (x) => P.kinds[x.kind] },
    { label: P.number, cell: (x) => x.number },
    { label: P.title, cell: (x) => x.title, wide: true },
    { label: P.session, cell: (x) => x.session },
    { label: P.handledOn, cell: (x) => x.handledOn ?? '—' },
    { label: P.onTime, cell: (x) => yes(x.onTime) },
    { label: P.replyPublished, cell: (x) => yes(x.replyPublished) },
    { label: P.satisfaction, cell: (x) => (x.satisfaction ? P.satisfactions[x.satisfaction] : P.noSatisfaction) },
  ],
  fields: [
    { name: 'year', label: r.year, kind: 'number', required: true },
    { name: 'kind', label: P.kind, kind: 'select', options: options(PROPOSAL_KINDS, P.kinds), required: true },
    { name: 'number', label: P.number, kind: 'text', required: true },
    { name: 'title', label: P.title, kind: 'text', required: true },
    { name: 'session', label: P.session, kind: 'text', hint: P.sessionHint, required: true },
    { name: 'handledOn', label: P.handledOn, kind: 'date' },
    { name: 'onTime', label: P.onTime, kind: 'checkbox' },
    { name: 'replyPublished', label: P.replyPublished, kind: 'checkbox' },
    {
      name: 'satisfaction',
      label: P.satisfaction,
      kind: 'select',
      options: [{ value: '', label: P.noSatisfaction }, ...options(SATISFACTION, P.satisfactions)],
    },
  ],
  toForm: proposalForm,
  blank: (year) => ({ year: String(year), kind: 'cppcc', onTime: 'on' }),
  yearOfValues: (v, fallback) => yearFrom(v.year, fallback),
  summary: (rows) => {
    const s = summarizeProposals(rows);
    return (
      <ul class="summary">
        <li>{P.summary(P.kinds.cppcc, s.cppcc.count, s.cppcc.onTime, s.cppcc.published, formatRate(s.cppcc.rate))}</li>
        <li>{P.summary(P.kinds.npc, s.npc.count, s.npc.onTime, s.npc.published, formatRate(s.npc.rate))}</li>
      </ul>
    );
  },
};

const T = r.trainings;
export const trainingsModule: RecordModule<Training> = {
  path: 'trainings',
  title: T.heading,
  lead: T.lead,
  list: (deps, agencyId, year) => listTrainings(deps.db, agencyId, year),
  create: createTraining,
  update: updateTraining,
  remove: deleteTraining,
  columns: [
    { label: T.heldOn, cell: (x) => x.heldOn },
    { label: T.kind, cell: (x) => T.kinds[x.kind] },
    { label: T.topic, cell: (x) => x.topic, wide: true },
    { label: T.attendance, cell: (x) => x.attendance, num: true },
    { label: T.notes, cell: (x) => x.notes ?? '', wide: true },
  ],
  fields: [
    { name: 'heldOn', label: T.heldOn, kind: 'date', required: true },
    { name: 'kind', label: T.kind, kind: 'select', options: options(TRAINING_KINDS, T.kinds), required: true },
    { name: 'topic', label: T.topic, kind: 'text', hint: T.topicHint, required: true },
    { name: 'attendance', label: T.attendance, kind: 'number', required: true },
    { name: 'notes', label: T.notes, kind: 'textarea', rows: 3 },
  ],
  toForm: trainingForm,
  blank: () => ({ kind: 'training' }),
  yearOfValues: (v, fallback) => yearFrom(v.heldOn, fallback),
};

const W = r.workPoints;
export const workPointsModule: RecordModule<WorkTask> = {
  path: 'work-points',
  title: W.heading,
  lead: W.lead,
  list: (deps, agencyId, year) => listWorkTasks(deps.db, agencyId, year),
  create: createWorkTask,
  update: updateWorkTask,
  remove: deleteWorkTask,
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
  extra: async ({ deps, agencyId, year, csrf, canEdit, base }) => {
    const title = await getWorkPlanTitle(deps.db, agencyId, year);
    if (!canEdit) return <p>{title ? `《${title}》` : W.noPlan}</p>;
    return (
      <form method="post" action={`${base}/plan`} class="stack inline-form">
        <CsrfField token={csrf} />
        <input type="hidden" name="year" value={String(year)} />
        <Field name="title" label={W.planTitle} hint={W.planTitleHint} value={title ?? ''} required />
        <div class="btn-row">
          <button class="btn secondary" type="submit">
            {t.common.save}
          </button>
        </div>
      </form>
    );
  },
};

const R = r.rectification;
export const rectificationModule: RecordModule<RectificationItem> = {
  path: 'rectification',
  title: R.heading,
  lead: R.lead,
  list: (deps, agencyId, year) => listRectificationItems(deps.db, agencyId, year),
  create: createRectificationItem,
  update: updateRectificationItem,
  remove: deleteRectificationItem,
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
          <span class="badge status-done">
            {R.closed} {x.closedOn}
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

export const RECORD_MODULES = [proposalsModule, trainingsModule, workPointsModule, rectificationModule] as const;

type PageProps<R extends Row> = ConsolePageBase & {
  module: RecordModule<R>;
  year: number;
  rows: R[];
  form: FormState;
  editing: R | null;
  canEdit: boolean;
  notice?: string | undefined;
  extra: Child;
  today: string;
};

/** A record list of one year, with the add (or edit) form for those who keep the records. */
export function RecordsPage<R extends Row>(p: PageProps<R>): SafeHtml {
  const m = p.module;
  const base = `/admin/${p.agency.code}/${m.path}`;
  const formAction = p.editing ? `${base}/${p.editing.id}` : base;
  return (
    <ConsoleFrame {...p} title={m.title}>
      <h1>{m.title}</h1>
      <p class="muted">{m.lead}</p>
      <YearSwitch base={base} year={p.year} years={[p.year - 2, p.year - 1, p.year, p.year + 1]} />
      {p.notice ? <Alert kind="ok">{p.notice}</Alert> : null}
      {p.extra}
      <Section title={`${p.year}${r.year}${m.title}`} id="list">
        {m.summary ? m.summary(p.rows) : null}
        {p.rows.length === 0 ? (
          <Empty>{r.empty}</Empty>
        ) : (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">
                {p.year}
                {r.year}
                {m.title}
              </caption>
              <thead>
                <tr>
                  {m.columns.map((c) => (
                    <th scope="col" class={c.num ? 'num' : undefined}>
                      {c.label}
                    </th>
                  ))}
                  {p.canEdit ? <th scope="col">{t.common.actions}</th> : null}
                </tr>
              </thead>
              <tbody>
                {p.rows.map((row) => (
                  <tr>
                    {m.columns.map((c) => (
                      <td class={c.num ? 'num' : c.wide ? 'wide' : undefined}>{c.cell(row, p.today)}</td>
                    ))}
                    {p.canEdit ? (
                      <td class="actions">
                        <a href={`${base}?year=${p.year}&edit=${row.id}#form`}>{r.edit}</a>
                        {m.rowActions ? m.rowActions(row, { csrf: p.csrf, base, year: p.year, today: p.today }) : null}
                        <form method="post" action={`${base}/${row.id}/delete?year=${p.year}`} class="row-form">
                          <CsrfField token={p.csrf} />
                          <button class="linkish danger-link" type="submit">
                            {r.remove}
                          </button>
                        </form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      {p.canEdit ? (
        <Section title={p.editing ? r.edit : r.add} id="form">
          <FormErrors message={p.form.message} fields={p.form.fields} />
          <form method="post" action={formAction} class="stack">
            <CsrfField token={p.csrf} />
            {m.fields.map((f) => (
              <SpecField spec={f} values={p.form.values} errors={p.form.fields} />
            ))}
            <div class="btn-row">
              <button class="btn" type="submit">
                {t.common.save}
              </button>
              {p.editing ? (
                <a class="btn secondary" href={`${base}?year=${p.year}`}>
                  {t.common.cancel}
                </a>
              ) : null}
            </div>
          </form>
        </Section>
      ) : (
        <p class="muted">{r.canEditHint}</p>
      )}
    </ConsoleFrame>
  );
}

type AgencyParams = { Params: { agency: string }; Querystring: { year?: string; edit?: string; saved?: string } };
type ItemParams = { Params: { agency: string; id: string }; Querystring: { year?: string } };

/** Serves one record module: list, create, update, delete (and its extra actions). */
function registerModule<R extends Row>(admin: FastifyInstance, m: RecordModule<R>, clock: Clock): void {
  const deps: RecordDeps = { db: admin.deps.db, clock };
  const render = async (
    request: { params: { agency: string } } & Parameters<typeof consoleAgency>[0],
    year: number,
    form: FormState | null,
    editId?: number,
    notice?: string,
  ) => {
    const { actor, agency } = await consoleAgency(request);
    const rows = await m.list(deps, agency.id, year);
    const editing = editId === undefined ? null : (rows.find((x) => x.id === editId) ?? null);
    const canEdit = canKeepRecords(actor, agency.id);
    return {
      actor,
      agency,
      page: (csrf: string) => (extra: Child) => (
        <RecordsPage
          actor={actor}
          csrf={csrf}
          agency={agency}
          currentPath={`/admin/${agency.code}/${m.path}`}
          module={m}
          year={year}
          rows={rows}
          form={form ?? emptyForm(editing ? m.toForm(editing) : m.blank(year))}
          editing={editing}
          canEdit={canEdit}
          notice={notice}
          extra={extra}
          today={clock.today()}
        />
      ),
      canEdit,
    };
  };
  const send = async (
    request: Parameters<typeof consoleAgency>[0],
    reply: Parameters<typeof sendPage>[0],
    year: number,
    form: FormState | null,
    status = 200,
    editId?: number,
    notice?: string,
  ) => {
    const view = await render(request, year, form, editId, notice);
    const csrf = csrfToken(reply);
    const base = `/admin/${view.agency.code}/${m.path}`;
    const extra = m.extra ? await m.extra({ deps, agencyId: view.agency.id, year, csrf, canEdit: view.canEdit, base }) : null;
    return sendPage(reply, view.page(csrf)(extra), status);
  };

  admin.get<AgencyParams>(`/:agency/${m.path}`, async (request, reply) => {
    const year = yearParam(request.query.year, clock.today());
    const edit = request.query.edit ? Number(request.query.edit) : undefined;
    return send(request, reply, year, null, 200, edit, request.query.saved === '1' ? r.saved : request.query.saved === '0' ? r.removed : undefined);
  });
  admin.post<AgencyParams>(`/:agency/${m.path}`, async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const values = formValues(request);
    const fallback = yearParam(request.query.year, clock.today());
    const outcome = await runForm(values, () => m.create(deps, actor, agency.id, values));
    if (outcome.ok) return reply.redirect(`/admin/${agency.code}/${m.path}?year=${m.yearOfValues(values, fallback)}&saved=1`, 303);
    return send(request, reply, m.yearOfValues(values, fallback), outcome.state, 400);
  });
  admin.post<ItemParams>(`/:agency/${m.path}/:id`, async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const values = formValues(request);
    const id = Number(request.params.id);
    const fallback = yearParam(request.query.year, clock.today());
    const outcome = await runForm(values, () => m.update(deps, actor, agency.id, id, values));
    if (outcome.ok) return reply.redirect(`/admin/${agency.code}/${m.path}?year=${m.yearOfValues(values, fallback)}&saved=1`, 303);
    return send(request, reply, m.yearOfValues(values, fallback), outcome.state, 400, id);
  });
  admin.post<ItemParams>(`/:agency/${m.path}/:id/delete`, async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    await m.remove(deps, actor, agency.id, Number(request.params.id));
    return reply.redirect(`/admin/${agency.code}/${m.path}?year=${yearParam(request.query.year, clock.today())}&saved=0`, 303);
  });
}

/** The console routes of the report's record modules. */
export async function registerRecordRoutes(admin: FastifyInstance): Promise<void> {
  const clock = admin.deps.clock;
  for (const m of RECORD_MODULES) registerModule(admin, m as unknown as RecordModule<Row>, clock);
  const deps: RecordDeps = { db: admin.deps.db, clock };
  admin.post<ItemParams>('/:agency/rectification/:id/close', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const values = formValues(request);
    await closeRectificationItem(deps, actor, agency.id, Number(request.params.id), values.closedOn ?? '');
    return reply.redirect(`/admin/${agency.code}/rectification?year=${yearParam(request.query.year, clock.today())}&saved=1`, 303);
  });
  admin.post<{ Params: { agency: string } }>('/:agency/work-points/plan', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const values = formValues(request);
    await saveWorkPlanTitle(deps, actor, agency.id, values);
    return reply.redirect(`/admin/${agency.code}/work-points?year=${yearParam(values.year, clock.today())}&saved=1`, 303);
  });
}
