import type { FastifyInstance } from 'fastify';
import { canOnAgency } from '../agencies/agencies.policy.ts';
import { consoleAgency, csrfToken } from '../console/console.ts';
import { workingYear, yearParam } from '../console/console-ui.tsx';
import { notFound } from '../shared/errors.ts';
import { sendPage } from '../web/http.ts';
import { cityCsv } from './city.csv.ts';
import { cityAgencyCheck, cityOverview } from './city.service.ts';
import { CityAgencyCheckPage, CityPage } from './city.views.tsx';

type Params = { Params: { agency: string }; Querystring: { year?: string } };

/** The city view of a people's government (所属机关概览) and its CSV, for the government's members. */
export async function registerCityRoutes(admin: FastifyInstance): Promise<void> {
  const { db, clock } = admin.deps;

  /** The government named in the URL for one of its members; any other agency has no city view (not found). */
  const cityOf = async (request: Parameters<typeof consoleAgency>[0]) => {
    const { actor, agency } = await consoleAgency(request);
    if (!canOnAgency(actor, 'view-city', agency)) throw notFound();
    return { actor, agency };
  };

  admin.get<Params>('/:agency/city', async (request, reply) => {
    const { actor, agency } = await cityOf(request);
    const year = yearParam(request.query.year, clock.today());
    const overview = await cityOverview({ db, clock }, actor, agency, year);
    const current = workingYear(clock.today());
    const years = [0, 1, 2, 3, 4].map((i) => current - i);
    return sendPage(reply, <CityPage actor={actor} csrf={csrfToken(reply)} agency={agency} overview={overview} years={years} />);
  });

  // The findings behind one agency's score, read only.
  admin.get<{ Params: { agency: string; child: string }; Querystring: { year?: string } }>('/:agency/city/:child/compliance', async (request, reply) => {
    const { actor, agency } = await cityOf(request);
    const year = yearParam(request.query.year, clock.today());
    const { agency: child, run } = await cityAgencyCheck({ db, clock }, actor, agency, request.params.child, year);
    return sendPage(reply, <CityAgencyCheckPage actor={actor} csrf={csrfToken(reply)} agency={agency} child={child} year={year} run={run} />);
  });

  admin.get<Params>('/:agency/city/figures.csv', async (request, reply) => {
    const { actor, agency } = await cityOf(request);
    const overview = await cityOverview({ db, clock }, actor, agency, yearParam(request.query.year, clock.today()));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${agency.code}-${overview.year}-city.csv"`)
      .send(`\uFEFF${cityCsv(overview)}`);
  });
}
