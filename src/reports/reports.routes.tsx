import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { agencyParams, type ConsoleBase, consoleMember, consolePage, consoleRoutes } from '../console/console-page.tsx';
import { workingYear } from '../console/console-ui.tsx';
import { DomainError } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { emptyForm, type FormState, formValues, sendPage, submitForm } from '../web/http.ts';
import { pathParam, textQuery, WORK_YEARS, yearParam, type ZodRoutes } from '../web/params.ts';
import { getReportSettings, prepareReport, type ReportDeps } from './build-report.ts';
import { CONTENT_TYPES, CSV_LAYOUTS, type CsvLayout, REPORT_FORMATS, type ReportFileFormat, renderReport, reportFileName } from './render/index.ts';
import { listReportEvents } from './report-history.ts';
import { advanceReport, correctReport, workspaceGate } from './report-workflow.ts';
import { canEditReportSettings, canTake } from './reports.policy.ts';
import { listReports, reportSettingsForm, saveReportSettings, saveSections, startReport } from './reports.service.ts';
import { ReportPage, ReportsListPage } from './reports.views.tsx';

const STEPS = ['submit', 'review', 'approve', 'publish', 'reopen'] as const;

/** Sends a report file as a download. */
export async function sendReportFile(
  reply: FastifyReply,
  ws: Parameters<typeof renderReport>[0],
  code: string,
  format: ReportFileFormat,
  layout?: CsvLayout,
): Promise<FastifyReply> {
  const csvLayout = format === 'csv' ? layout : undefined;
  const body = await renderReport(ws, format, csvLayout ? { layout: csvLayout } : {});
  const name = reportFileName(code, ws.report.year, format, csvLayout);
  return reply
    .type(CONTENT_TYPES[format])
    .header('content-disposition', `${format === 'html' ? 'inline' : 'attachment'}; filename="${name}"`)
    .send(body);
}

/** The console pages of the annual report: the list, an agency-year's report with its workflow, exports, settings. */
export async function registerReportRoutes(admin: FastifyInstance): Promise<void> {
  await admin.register(async (scope) => reportRoutes(consoleRoutes(scope)));
}

const yearParams = agencyParams.extend({ year: yearParam(undefined, WORK_YEARS) });
const exportParams = yearParams.extend({ format: pathParam(z.enum(REPORT_FORMATS)) });

function reportRoutes(app: ZodRoutes): void {
  const { db, clock } = app.deps;
  const deps: ReportDeps = { db, clock, sources: app.deps.registries.reportSources(db) };
  const page = (request: FastifyRequest, reply: FastifyReply) => consolePage(request, reply, '/reports');

  const listPage = async (b: ConsoleBase, settingsForm: FormState | null, notice?: string) => (
    <ReportsListPage
      {...b}
      reports={await listReports(db, b.agency.id)}
      startYear={workingYear(clock.today())}
      canStart={canTake(b.actor, b.agency.id, 'edit')}
      canSettings={canEditReportSettings(b.actor, b.agency.id)}
      settingsForm={settingsForm ?? emptyForm(reportSettingsForm(await getReportSettings(db, b.agency.id)))}
      notice={notice}
    />
  );

  app.get('/:agency/reports', { schema: { params: agencyParams, querystring: z.object({ saved: textQuery }) } }, async (request, reply) => {
    const b = await page(request, reply);
    return sendPage(reply, await listPage(b, null, request.query.saved === '1' ? t.reports.console.settingsSaved : undefined));
  });

  app.post('/:agency/reports/settings', { schema: { params: agencyParams } }, async (request, reply) => {
    const b = await page(request, reply);
    const values = formValues(request);
    return submitForm(
      reply,
      values,
      () => saveReportSettings(deps, b.actor, b.agency.id, values),
      () => `/admin/${b.agency.code}/reports?saved=1`,
      (form) => listPage(b, form),
    );
  });

  app.post('/:agency/reports/start', { schema: { params: agencyParams } }, async (request, reply) => {
    const { actor, agency } = await consoleMember(request);
    const stored = await startReport(deps, actor, agency, formValues(request).year);
    return reply.redirect(`/admin/${agency.code}/reports/${stored.year}`, 303);
  });

  const reportPage = async (
    b: ConsoleBase,
    year: number,
    opts: { form?: FormState; stepForm?: FormState; notice?: string | undefined; error?: string } = {},
  ) => {
    const ws = await prepareReport(deps, b.agency, year);
    return (
      <ReportPage
        {...b}
        ws={ws}
        form={opts.form ?? null}
        stepForm={opts.stepForm ?? null}
        notice={opts.notice}
        error={opts.error}
        today={clock.today()}
        gate={workspaceGate(ws, b.agency.kind)}
        events={await listReportEvents(db, b.agency.id, [year])}
      />
    );
  };

  const yearQuery = z.object({ moved: z.string().optional(), saved: textQuery });
  app.get('/:agency/reports/:year', { schema: { params: yearParams, querystring: yearQuery } }, async (request, reply) => {
    const b = await page(request, reply);
    const moved = request.query.moved as keyof typeof t.reports.status | undefined;
    const notice =
      request.query.saved === '1' ? t.reports.console.saved : moved && moved in t.reports.status ? t.reports.console.moved(t.reports.status[moved]) : undefined;
    return sendPage(reply, await reportPage(b, request.params.year, { notice }));
  });

  app.post('/:agency/reports/:year/sections', { schema: { params: yearParams } }, async (request, reply) => {
    const b = await page(request, reply);
    const { year } = request.params;
    const values = formValues(request);
    return submitForm(
      reply,
      values,
      () => saveSections(deps, b.actor, b.agency, year, values),
      () => `/admin/${b.agency.code}/reports/${year}?saved=1#editor`,
      (form) => reportPage(b, year, { form }),
    );
  });

  app.post('/:agency/reports/:year/redraft', { schema: { params: yearParams } }, async (request, reply) => {
    const { actor, agency } = await consoleMember(request);
    const values = formValues(request);
    if (values.confirm !== 'on') throw new DomainError('VALIDATION', t.reports.console.redraftConfirm);
    await startReport(deps, actor, agency, request.params.year, { redraft: true });
    return reply.redirect(`/admin/${agency.code}/reports/${request.params.year}?saved=1#editor`, 303);
  });

  /** A step's post: on to the report, or back to it saying why not (409), with a refused form's values (400). */
  const step = (name: string, run: (b: ConsoleBase, year: number, values: Record<string, string>) => Promise<{ year: number; status: string }>) =>
    app.post(`/:agency/reports/:year/${name}`, { schema: { params: yearParams } }, async (request, reply) => {
      const b = await page(request, reply);
      const { year } = request.params;
      const values = formValues(request);
      try {
        const stored = await run(b, year, values);
        return reply.redirect(`/admin/${b.agency.code}/reports/${stored.year}?moved=${stored.status}`, 303);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'INVALID_STATE') return sendPage(reply, await reportPage(b, year, { error: error.message }), 409);
        if (error instanceof DomainError && error.code === 'VALIDATION')
          return sendPage(reply, await reportPage(b, year, { stepForm: { values, message: error.message, fields: error.fields } }), 400);
        throw error;
      }
    });
  for (const name of STEPS) step(name, (b, year, values) => advanceReport(deps, b.actor, b.agency, year, name, values));
  step('correct', (b, year, values) => correctReport(deps, b.actor, b.agency, year, values));

  const exportQuery = z.object({ layout: z.enum(CSV_LAYOUTS).optional() });
  app.get('/:agency/reports/:year/export/:format', { schema: { params: exportParams, querystring: exportQuery } }, async (request, reply) => {
    const { agency } = await consoleMember(request);
    const ws = await prepareReport(deps, agency, request.params.year);
    return sendReportFile(reply, ws, agency.code, request.params.format, request.query.layout);
  });
}
