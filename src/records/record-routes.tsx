/** The console routes of a record module: a year's list, create, update and delete, each one thin over its service. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Child } from '#jsx/jsx-runtime';
import { csrfToken } from '../console/console.ts';
import { agencyParams, consoleMember, consoleRoutes, recordParams } from '../console/console-page.tsx';
import { workingYear } from '../console/console-ui.tsx';
import { offeredYears } from '../console/years.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Actor } from '../shared/actor.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { emptyForm, type FormState, formValues, runForm, sendPage } from '../web/http.ts';
import { textQuery, workYearQuery } from '../web/params.ts';
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

/** The year a record page shows (the working year when the query names none), and the other query fields. */
export const recordYearQuery = z.object({ year: workYearQuery });
const listQuery = recordYearQuery.extend({
  edit: z.coerce.number().int().min(1).optional().catch(undefined),
  saved: textQuery,
});

/** Serves one record module: list, create, update, delete (its own routes add its extra actions). */
export async function registerRecordModule<R extends Row>(admin: FastifyInstance, m: RecordModule<R>): Promise<void> {
  await admin.register(async (scope) => recordRoutes(scope, m));
}

function recordRoutes<R extends Row>(scope: FastifyInstance, m: RecordModule<R>): void {
  const app = consoleRoutes(scope);
  const clock = app.deps.clock;
  const deps: RecordDeps = { db: app.deps.db, clock };
  const v = m.view;
  const yearOf = (year: number | undefined) => year ?? workingYear(clock.today());
  const send = async (request: FastifyRequest, reply: FastifyReply, year: number, form: FormState | null, status = 200, editId?: number, notice?: string) => {
    const { actor, agency } = await consoleMember(request);
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
        years={await offeredYears(deps.db, [agency.id], clock.today())}
      />
    );
    return sendPage(reply, page, status);
  };

  app.get(`/:agency/${v.path}`, { schema: { params: agencyParams, querystring: listQuery } }, async (request, reply) => {
    const { year, edit, saved } = request.query;
    return send(request, reply, yearOf(year), null, 200, edit, saved === '1' ? r.saved : saved === '0' ? r.removed : undefined);
  });
  app.post(`/:agency/${v.path}`, { schema: { params: agencyParams, querystring: recordYearQuery } }, async (request, reply) => {
    const { actor, agency } = await consoleMember(request);
    const values = formValues(request);
    const fallback = yearOf(request.query.year);
    const outcome = await runForm(values, () => m.create(deps, actor, agency.id, values));
    if (outcome.ok) return reply.redirect(`/admin/${agency.code}/${v.path}?year=${v.yearOfValues(values, fallback)}&saved=1`, 303);
    return send(request, reply, v.yearOfValues(values, fallback), outcome.state, 400);
  });
  app.post(`/:agency/${v.path}/:id`, { schema: { params: recordParams, querystring: recordYearQuery } }, async (request, reply) => {
    const { actor, agency } = await consoleMember(request);
    const values = formValues(request);
    const id = request.params.id;
    const fallback = yearOf(request.query.year);
    const outcome = await runForm(values, () => m.update(deps, actor, agency.id, id, values));
    if (outcome.ok) return reply.redirect(`/admin/${agency.code}/${v.path}?year=${v.yearOfValues(values, fallback)}&saved=1`, 303);
    return send(request, reply, v.yearOfValues(values, fallback), outcome.state, 400, id);
  });
  app.post(`/:agency/${v.path}/:id/delete`, { schema: { params: recordParams, querystring: recordYearQuery } }, async (request, reply) => {
    const { actor, agency } = await consoleMember(request);
    await m.remove(deps, actor, agency.id, request.params.id);
    return reply.redirect(`/admin/${agency.code}/${v.path}?year=${yearOf(request.query.year)}&saved=0`, 303);
  });
}
