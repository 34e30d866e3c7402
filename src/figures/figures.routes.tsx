import type { FastifyInstance } from 'fastify';
import { consoleAgency, csrfToken } from '../console/console.ts';
import { workingYear } from '../console/console-ui.tsx';
import { emptyForm, formValues, runForm, sendPage } from '../web/http.ts';
import { canEditFigures } from './figures.policy.ts';
import { figuresForm, getFigures, listFigures, saveFigures } from './figures.service.ts';
import { FiguresFormPage, FiguresListPage } from './figures.views.tsx';

type YearParams = { Params: { agency: string; year: string }; Querystring: { saved?: string } };

/** The console pages of the yearly figures: the years entered, and one year's form. */
export async function registerFiguresRoutes(admin: FastifyInstance): Promise<void> {
  const deps = admin.deps;
  admin.get<{ Params: { agency: string } }>('/:agency/figures', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const list = await listFigures(deps.db, agency.id);
    const years = new Set(list.map((g) => g.year));
    let nextYear = workingYear(deps.clock.today());
    while (years.has(nextYear)) nextYear--;
    const page = (
      <FiguresListPage
        actor={actor}
        csrf={csrfToken(reply)}
        agency={agency}
        currentPath={`/admin/${agency.code}/figures`}
        list={list}
        nextYear={nextYear}
        canEdit={canEditFigures(actor, agency.id)}
      />
    );
    return sendPage(reply, page);
  });
  admin.get<YearParams>('/:agency/figures/:year', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const year = Number(request.params.year);
    if (!Number.isInteger(year) || year < 2008 || year > 2299) return reply.callNotFound();
    const page = (
      <FiguresFormPage
        actor={actor}
        csrf={csrfToken(reply)}
        agency={agency}
        currentPath={`/admin/${agency.code}/figures`}
        year={year}
        form={emptyForm(figuresForm(await getFigures(deps.db, agency.id, year)))}
        saved={request.query.saved === '1'}
        canEdit={canEditFigures(actor, agency.id)}
      />
    );
    return sendPage(reply, page);
  });
  admin.post<YearParams>('/:agency/figures/:year', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const values = { ...formValues(request), year: request.params.year };
    const outcome = await runForm(values, () => saveFigures(deps, actor, agency.id, values));
    if (outcome.ok) return reply.redirect(`/admin/${agency.code}/figures/${outcome.result.year}?saved=1`, 303);
    const page = (
      <FiguresFormPage
        actor={actor}
        csrf={csrfToken(reply)}
        agency={agency}
        currentPath={`/admin/${agency.code}/figures`}
        year={Number(request.params.year)}
        form={outcome.state}
        saved={false}
        canEdit
      />
    );
    return sendPage(reply, page, 400);
  });
}
