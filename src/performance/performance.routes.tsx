/**
 * The performance pages: in the console (/admin/:agency/performance, any member of the agency) and in the agency's
 * public column (/gk/:code/performance), each with its CSV at …/performance.csv?year=Y.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { getAgencyByCode } from '../agencies/agencies.service.ts';
import type { AppDeps } from '../app.tsx';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import { agencyParams, consoleMember, consolePage, consoleRoutes } from '../console/console-page.tsx';
import type { Agency } from '../db/schema.ts';
import { notFound } from '../shared/errors.ts';
import { sendCachedPage, sendPage } from '../web/http.ts';
import { agencyCodeParam, yearQuery, type ZodRoutes, zodRoutes } from '../web/params.ts';
import { performanceCharts } from './charts.ts';
import { performanceCsv } from './figure-rows.ts';
import { agencyPerformance, type PerformanceFigures } from './performance.service.ts';
import { ConsolePerformancePage, PortalPerformancePage } from './performance.views.tsx';

/** The first year offered: the revised 条例 took effect in 2019 (an earlier year can still be asked for by URL). */
const FIRST_YEAR = 2019;
/** The 条例 took effect on 1 May 2008: no disclosure figures before. */
const EARLIEST_YEAR = 2008;

/** `?year=`: read by `requestedYear`, since what is a year here depends on today. */
const yearQuerystring = z.object({ year: z.string().optional() });

/** The year asked for: the current one when none is given; NOT_FOUND for anything but a year 2008…current. */
export function requestedYear(raw: string | undefined, today: string): number {
  const current = Number(today.slice(0, 4));
  if (raw === undefined || raw === '') return current;
  const year = yearQuery.parse(raw);
  if (year === undefined || year < EARLIEST_YEAR || year > current) throw notFound();
  return year;
}

/** The years the year links offer: 2019 to this year, and the one shown. */
export function yearChoices(today: string, shown: number): number[] {
  const current = Number(today.slice(0, 4));
  const years: number[] = [];
  for (let y = current; y >= FIRST_YEAR; y--) years.push(y);
  return years.includes(shown) ? years : [...years, shown];
}

function sendCsv(reply: FastifyReply, agency: Agency, figures: PerformanceFigures): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${agency.code}-performance-${figures.year}.csv"`)
    .send(performanceCsv([{ agency, figures }]));
}

async function figuresOf(deps: Pick<AppDeps, 'db' | 'clock'>, agency: Agency, rawYear: string | undefined): Promise<PerformanceFigures> {
  const today = deps.clock.today();
  const year = requestedYear(rawYear, today);
  return agencyPerformance(deps.db, await loadWorkCalendar(deps.db), agency.id, year, today);
}

/** The console pages (registered under /admin). */
export async function registerPerformanceConsoleRoutes(admin: FastifyInstance): Promise<void> {
  await admin.register(async (scope) => consolePerformanceRoutes(consoleRoutes(scope)));
}

function consolePerformanceRoutes(app: ZodRoutes): void {
  const deps = app.deps;
  const schema = { params: agencyParams, querystring: yearQuerystring };

  app.get('/:agency/performance', { schema }, async (request, reply) => {
    const b = await consolePage(request, reply, '/performance');
    const figures = await figuresOf(deps, b.agency, request.query.year);
    const years = yearChoices(deps.clock.today(), figures.year);
    return sendPage(reply, <ConsolePerformancePage {...b} figures={figures} charts={await performanceCharts(figures)} years={years} />);
  });

  app.get('/:agency/performance.csv', { schema }, async (request, reply) => {
    const { agency } = await consoleMember(request);
    return sendCsv(reply, agency, await figuresOf(deps, agency, request.query.year));
  });
}

/** The public pages of the agency's column. */
export async function registerPerformancePortalRoutes(parent: FastifyInstance): Promise<void> {
  await parent.register(async (scope) => portalPerformanceRoutes(zodRoutes(scope)));
}

function portalPerformanceRoutes(app: ZodRoutes): void {
  const deps = app.deps;
  const schema = { params: z.object({ code: agencyCodeParam }), querystring: yearQuerystring };

  app.get('/gk/:code/performance', { schema }, async (request, reply) =>
    sendCachedPage(request, reply, async () => {
      const agency = await getAgencyByCode(deps.db, request.params.code);
      const figures = await figuresOf(deps, agency, request.query.year);
      const charts = await performanceCharts(figures);
      return (
        <PortalPerformancePage agency={agency} figures={figures} charts={charts} years={yearChoices(deps.clock.today(), figures.year)} elder={request.elder} />
      );
    }),
  );

  app.get('/gk/:code/performance.csv', { schema }, async (request, reply) => {
    const agency = await getAgencyByCode(deps.db, request.params.code);
    return sendCsv(reply, agency, await figuresOf(deps, agency, request.query.year));
  });
}
