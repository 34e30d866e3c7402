/**
 * The performance pages: in the console (/admin/:agency/performance, any member of the agency) and in the agency's
 * public column (/gk/:code/performance), each with its CSV at …/performance.csv?year=Y.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { getAgencyByCode } from '../agencies/agencies.service.ts';
import type { AppDeps } from '../app.tsx';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import { consoleAgency, csrfToken } from '../console/console.ts';
import type { Agency } from '../db/schema.ts';
import { notFound } from '../shared/errors.ts';
import { sendCachedPage, sendPage } from '../web/http.ts';
import { performanceCharts } from './charts.ts';
import { performanceCsv } from './figure-rows.ts';
import { agencyPerformance, type PerformanceFigures } from './performance.service.ts';
import { ConsolePerformancePage, PortalPerformancePage } from './performance.views.tsx';

/** The first year offered: the revised 条例 took effect in 2019 (an earlier year can still be asked for by URL). */
const FIRST_YEAR = 2019;
/** The 条例 took effect on 1 May 2008: no disclosure figures before. */
const EARLIEST_YEAR = 2008;

type YearQuery = { Querystring: { year?: string } };

/** The year asked for: the current one when none is given; NOT_FOUND for anything but a year 2008…current. */
export function requestedYear(raw: string | undefined, today: string): number {
  const current = Number(today.slice(0, 4));
  if (raw === undefined || raw === '') return current;
  if (!/^\d{4}$/.test(raw)) throw notFound();
  const year = Number(raw);
  if (year < EARLIEST_YEAR || year > current) throw notFound();
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
  const deps = admin.deps;
  type Params = { Params: { agency: string } } & YearQuery;

  admin.get<Params>('/:agency/performance', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const figures = await figuresOf(deps, agency, request.query.year);
    const years = yearChoices(deps.clock.today(), figures.year);
    const charts = await performanceCharts(figures);
    return sendPage(reply, <ConsolePerformancePage actor={actor} csrf={csrfToken(reply)} agency={agency} figures={figures} charts={charts} years={years} />);
  });

  admin.get<Params>('/:agency/performance.csv', async (request, reply) => {
    const { agency } = await consoleAgency(request);
    return sendCsv(reply, agency, await figuresOf(deps, agency, request.query.year));
  });
}

/** The public pages of the agency's column. */
export async function registerPerformancePortalRoutes(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  type Params = { Params: { code: string } } & YearQuery;

  app.get<Params>('/gk/:code/performance', async (request, reply) =>
    sendCachedPage(request, reply, async () => {
      const agency = await getAgencyByCode(deps.db, request.params.code);
      const figures = await figuresOf(deps, agency, request.query.year);
      const charts = await performanceCharts(figures);
      return (
        <PortalPerformancePage agency={agency} figures={figures} charts={charts} years={yearChoices(deps.clock.today(), figures.year)} elder={request.elder} />
      );
    }),
  );

  app.get<Params>('/gk/:code/performance.csv', async (request, reply) => {
    const agency = await getAgencyByCode(deps.db, request.params.code);
    return sendCsv(reply, agency, await figuresOf(deps, agency, request.query.year));
  });
}
