/** The console routes of a record module: a year's list, create, update and delete, each one thin over its service. */
import type { FastifyInstance } from 'fastify';
import type { Child } from '#jsx/jsx-runtime';
import { consoleAgency, csrfToken } from '../console/console.ts';
import { yearParam } from '../console/console-ui.tsx';
import type { DbOrTrx } from '../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { emptyForm, type FormState, formValues, runForm, sendPage } from '../web/http.ts';
import type { RecordDeps } from './crud.ts';
import { RecordsPage, type RecordView, type Row } from './record-page.tsx';

const r = t.reports.records;

/** A record module as its routes serve it: how it shows, who may edit (its policy), and its use cases. */
export type RecordModule<R extends Row> = {
  view: RecordView<R>;
  canEdit(actor: Actor, agencyId: number): boolean;
  list(db: DbOrTrx, agencyId: number, year: number): Promise<R[]>;
  create(deps: RecordDeps, actor: Actor, agencyId: number, values: Record<string, string>): Promise<unknown>;
  update(deps: RecordDeps, actor: Actor, agencyId: number, id: number, values: Record<string, string>): Promise<unknown>;
  remove(deps: RecordDeps, actor: Actor, agencyId: number, id: number): Promise<void>;
  /** Content above the list (the 工作要点 title form). */
  extra?(p: { deps: RecordDeps; agencyId: number; year: number; csrf: string; canEdit: boolean; base: string }): Promise<Child>;
};

type AgencyParams = { Params: { agency: string }; Querystring: { year?: string; edit?: string; saved?: string } };
type ItemParams = { Params: { agency: string; id: string }; Querystring: { year?: string } };

/** Serves one record module: list, create, update, delete (its own routes add its extra actions). */
export function registerRecordModule<R extends Row>(admin: FastifyInstance, m: RecordModule<R>): void {
  const clock = admin.deps.clock;
  const deps: RecordDeps = { db: admin.deps.db, clock };
  const v = m.view;
  const send = async (
    request: Parameters<typeof consoleAgency>[0],
    reply: Parameters<typeof sendPage>[0],
    year: number,
    form: FormState | null,
    status = 200,
    editId?: number,
    notice?: string,
  ) => {
    const { actor, agency } = await consoleAgency(request);
    const rows = await m.list(deps.db, agency.id, year);
    const editing = editId === undefined ? null : (rows.find((x) => x.id === editId) ?? null);
    const canEdit = m.canEdit(actor, agency.id);
    const csrf = csrfToken(reply);
    const base = `/admin/${agency.code}/${v.path}`;
    const extra = m.extra ? await m.extra({ deps, agencyId: agency.id, year, csrf, canEdit, base }) : null;
    const page = (
      <RecordsPage
        actor={actor}
        csrf={csrf}
        agency={agency}
        currentPath={base}
        module={v}
        year={year}
        rows={rows}
        form={form ?? emptyForm(editing ? v.toForm(editing) : v.blank(year))}
        editing={editing}
        canEdit={canEdit}
        notice={notice}
        extra={extra}
        today={clock.today()}
      />
    );
    return sendPage(reply, page, status);
  };

  admin.get<AgencyParams>(`/:agency/${v.path}`, async (request, reply) => {
    const year = yearParam(request.query.year, clock.today());
    const edit = request.query.edit ? Number(request.query.edit) : undefined;
    return send(request, reply, year, null, 200, edit, request.query.saved === '1' ? r.saved : request.query.saved === '0' ? r.removed : undefined);
  });
  admin.post<AgencyParams>(`/:agency/${v.path}`, async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const values = formValues(request);
    const fallback = yearParam(request.query.year, clock.today());
    const outcome = await runForm(values, () => m.create(deps, actor, agency.id, values));
    if (outcome.ok) return reply.redirect(`/admin/${agency.code}/${v.path}?year=${v.yearOfValues(values, fallback)}&saved=1`, 303);
    return send(request, reply, v.yearOfValues(values, fallback), outcome.state, 400);
  });
  admin.post<ItemParams>(`/:agency/${v.path}/:id`, async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const values = formValues(request);
    const id = Number(request.params.id);
    const fallback = yearParam(request.query.year, clock.today());
    const outcome = await runForm(values, () => m.update(deps, actor, agency.id, id, values));
    if (outcome.ok) return reply.redirect(`/admin/${agency.code}/${v.path}?year=${v.yearOfValues(values, fallback)}&saved=1`, 303);
    return send(request, reply, v.yearOfValues(values, fallback), outcome.state, 400, id);
  });
  admin.post<ItemParams>(`/:agency/${v.path}/:id/delete`, async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    await m.remove(deps, actor, agency.id, Number(request.params.id));
    return reply.redirect(`/admin/${agency.code}/${v.path}?year=${yearParam(request.query.year, clock.today())}&saved=0`, 303);
  });
}
