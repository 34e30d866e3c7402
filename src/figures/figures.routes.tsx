import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { agencyParams, type ConsoleBase, consolePage, consoleRoutes } from '../console/console-page.tsx';
import { workingYear } from '../console/console-ui.tsx';
import { emptyForm, type FormState, formValues, sendPage, submitForm } from '../web/http.ts';
import { textQuery, WORK_YEARS, yearParam, type ZodRoutes } from '../web/params.ts';
import { canEditFigures } from './figures.policy.ts';
import { figuresForm, getFigures, listFigures, saveFigures } from './figures.service.ts';
import { FiguresFormPage, FiguresListPage } from './figures.views.tsx';

/** The console pages of the yearly figures: the years entered, and one year's form. */
export async function registerFiguresRoutes(admin: FastifyInstance): Promise<void> {
  await admin.register(async (scope) => figuresRoutes(consoleRoutes(scope)));
}

function figuresRoutes(app: ZodRoutes): void {
  const deps = app.deps;
  const page = (request: FastifyRequest, reply: FastifyReply) => consolePage(request, reply, '/figures');

  app.get('/:agency/figures', { schema: { params: agencyParams } }, async (request, reply) => {
    const b = await page(request, reply);
    const list = await listFigures(deps.db, b.agency.id);
    const years = new Set(list.map((g) => g.year));
    let nextYear = workingYear(deps.clock.today());
    while (years.has(nextYear)) nextYear--;
    return sendPage(reply, <FiguresListPage {...b} list={list} nextYear={nextYear} canEdit={canEditFigures(b.actor, b.agency.id)} />);
  });

  const formPage = (b: ConsoleBase, year: number, form: FormState, saved: boolean) => (
    <FiguresFormPage {...b} year={year} form={form} saved={saved} canEdit={canEditFigures(b.actor, b.agency.id)} />
  );

  const yearParams = agencyParams.extend({ year: yearParam(undefined, WORK_YEARS) });
  app.get('/:agency/figures/:year', { schema: { params: yearParams, querystring: z.object({ saved: textQuery }) } }, async (request, reply) => {
    const b = await page(request, reply);
    const { year } = request.params;
    return sendPage(reply, formPage(b, year, emptyForm(figuresForm(await getFigures(deps.db, b.agency.id, year))), request.query.saved === '1'));
  });

  // The year of a POST is the form's to check (a refused year comes back with its message).
  app.post('/:agency/figures/:year', { schema: { params: agencyParams.extend({ year: z.string() }) } }, async (request, reply) => {
    const b = await page(request, reply);
    const values = { ...formValues(request), year: request.params.year };
    return submitForm(
      reply,
      values,
      () => saveFigures(deps, b.actor, b.agency.id, values),
      (saved) => `/admin/${b.agency.code}/figures/${saved.year}?saved=1`,
      (form) => formPage(b, Number(request.params.year), form, false),
    );
  });
}
