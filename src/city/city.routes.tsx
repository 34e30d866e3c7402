import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { agencyParams, consoleMember, consolePage, consoleRoutes } from '../console/console-page.tsx';
import { workingYear } from '../console/console-ui.tsx';
import { offeredYears } from '../console/years.ts';
import type { Agency } from '../db/schema.ts';
import type { Actor } from '../shared/actor.ts';
import { notFound } from '../shared/errors.ts';
import { sendPage } from '../web/http.ts';
import { workYearQuery, type ZodRoutes } from '../web/params.ts';
import { cityCsv } from './city.csv.ts';
import { canViewCity } from './city.policy.ts';
import { cityAgencyCheck, cityOverview } from './city.service.ts';
import { CityAgencyCheckPage, CityPage } from './city.views.tsx';
import { cityReportChecksCsv } from './report-checks.csv.ts';
import { cityReportChecks } from './report-checks.service.ts';
import { CityReportChecksPage } from './report-checks.views.tsx';

const yearQuery = z.object({ year: workYearQuery });

/** The city view of a people's government (所属机关概览) and its CSV, for the government's members. */
export async function registerCityRoutes(admin: FastifyInstance): Promise<void> {
  await admin.register(async (scope) => cityRoutes(consoleRoutes(scope)));
}

function cityRoutes(app: ZodRoutes): void {
  const { db, clock } = app.deps;
  const yearOf = (year: number | undefined) => year ?? workingYear(clock.today());

  /** The government named in the URL for one of its members; any other agency has no city view (not found). */
  const cityOnly = <B extends { actor: Actor; agency: Agency }>(b: B) => {
    if (!canViewCity(b.actor, b.agency)) throw notFound();
    return b;
  };
  const cityPage = async (request: FastifyRequest, reply: FastifyReply) => cityOnly(await consolePage(request, reply, '/city'));

  app.get('/:agency/city', { schema: { params: agencyParams, querystring: yearQuery } }, async (request, reply) => {
    const b = await cityPage(request, reply);
    const overview = await cityOverview({ db, clock }, b.actor, b.agency, yearOf(request.query.year));
    // The years with data of any of the city's agencies, up to the current one (the same rule as the record lists).
    const years = await offeredYears(
      db,
      overview.agencies.map((a) => a.id),
      clock.today(),
    );
    return sendPage(reply, <CityPage {...b} overview={overview} years={years} />);
  });

  // The findings behind one agency's score, read only.
  const childParams = agencyParams.extend({ child: z.string() });
  app.get('/:agency/city/:child/compliance', { schema: { params: childParams, querystring: yearQuery } }, async (request, reply) => {
    const b = await cityPage(request, reply);
    const year = yearOf(request.query.year);
    const { agency: child, run } = await cityAgencyCheck({ db, clock }, b.actor, b.agency, request.params.child, year);
    return sendPage(reply, <CityAgencyCheckPage {...b} child={child} year={year} run={run} />);
  });

  // Each agency's published report of the year checked (issue 15), and its findings as CSV.
  app.get('/:agency/city/report-checks', { schema: { params: agencyParams, querystring: yearQuery } }, async (request, reply) => {
    const b = await cityPage(request, reply);
    const checks = await cityReportChecks({ db }, b.actor, b.agency, yearOf(request.query.year));
    const current = workingYear(clock.today());
    return sendPage(reply, <CityReportChecksPage {...b} checks={checks} years={[0, 1, 2, 3, 4].map((i) => current - i)} />);
  });
  app.get('/:agency/city/report-checks.csv', { schema: { params: agencyParams, querystring: yearQuery } }, async (request, reply) => {
    const { actor, agency } = cityOnly(await consoleMember(request));
    const checks = await cityReportChecks({ db }, actor, agency, yearOf(request.query.year));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${agency.code}-${checks.year}-report-checks.csv"`)
      .send(cityReportChecksCsv(checks));
  });

  app.get('/:agency/city/figures.csv', { schema: { params: agencyParams, querystring: yearQuery } }, async (request, reply) => {
    // A download, so no CSRF token (which would set a cookie).
    const { actor, agency } = cityOnly(await consoleMember(request));
    const overview = await cityOverview({ db, clock }, actor, agency, yearOf(request.query.year));
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${agency.code}-${overview.year}-city.csv"`)
      .send(`\uFEFF${cityCsv(overview)}`);
  });
}
