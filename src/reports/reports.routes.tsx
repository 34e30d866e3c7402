import type { FastifyInstance, FastifyReply } from 'fastify';
import { consoleAgency, csrfToken } from '../console/console.ts';
import { workingYear } from '../console/console-ui.tsx';
import { hasRole } from '../shared/actor.ts';
import { DomainError } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { emptyForm, type FormState, formValues, runForm, sendPage } from '../web/http.ts';
import { getReportSettings, prepareReport, type ReportDeps } from './build-report.ts';
import { CONTENT_TYPES, REPORT_FORMATS, type ReportFileFormat, renderReport, reportFileName } from './render/index.ts';
import { advanceReport, canTake, listReports, reportSettingsForm, saveReportSettings, saveSections, startReport } from './reports.service.ts';
import { ReportPage, ReportsListPage } from './reports.views.tsx';

type AgencyParams = { Params: { agency: string }; Querystring: { saved?: string } };
type YearParams = { Params: { agency: string; year: string }; Querystring: { moved?: string; saved?: string } };
const STEPS = ['review', 'approve', 'publish', 'reopen'] as const;

/** Sends a report file as a download. */
export async function sendReportFile(
  reply: FastifyReply,
  ws: Parameters<typeof renderReport>[0],
  code: string,
  format: ReportFileFormat,
): Promise<FastifyReply> {
  const body = await renderReport(ws, format);
  const name = reportFileName(code, ws.report.year, format);
  return reply
    .type(CONTENT_TYPES[format])
    .header('content-disposition', `${format === 'html' ? 'inline' : 'attachment'}; filename="${name}"`)
    .send(body);
}

/** The console pages of the annual report: the list, an agency-year's report with its workflow, exports, settings. */
export async function registerReportRoutes(admin: FastifyInstance): Promise<void> {
  const { db, clock } = admin.deps;
  const deps: ReportDeps = { db, clock, sources: admin.deps.registries.reportSources(db) };

  const listPage = async (request: Parameters<typeof consoleAgency>[0], reply: FastifyReply, settingsForm: FormState | null, status = 200, notice?: string) => {
    const { actor, agency } = await consoleAgency(request);
    const settings = await getReportSettings(db, agency.id);
    const page = (
      <ReportsListPage
        actor={actor}
        csrf={csrfToken(reply)}
        agency={agency}
        currentPath={`/admin/${agency.code}/reports`}
        reports={await listReports(db, agency.id)}
        startYear={workingYear(clock.today())}
        canStart={canTake(actor, agency.id, 'edit')}
        canSettings={hasRole(actor, agency.id, ['admin'])}
        settingsForm={settingsForm ?? emptyForm(reportSettingsForm(settings))}
        notice={notice}
      />
    );
    return sendPage(reply, page, status);
  };

  admin.get<AgencyParams>('/:agency/reports', async (request, reply) =>
    listPage(request, reply, null, 200, request.query.saved === '1' ? t.reports.console.settingsSaved : undefined),
  );

  admin.post<AgencyParams>('/:agency/reports/settings', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const values = formValues(request);
    const outcome = await runForm(values, () => saveReportSettings(deps, actor, agency.id, values));
    if (outcome.ok) return reply.redirect(`/admin/${agency.code}/reports?saved=1`, 303);
    return listPage(request, reply, outcome.state, 400);
  });

  admin.post<AgencyParams>('/:agency/reports/start', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const values = formValues(request);
    const stored = await startReport(deps, actor, agency, values.year);
    return reply.redirect(`/admin/${agency.code}/reports/${stored.year}`, 303);
  });

  const yearOf = (raw: string) => {
    const year = Number(raw);
    if (!/^\d{4}$/.test(raw) || year < 2008 || year > 2299) throw new DomainError('NOT_FOUND', t.errors.notFound);
    return year;
  };

  const reportPage = async (
    request: Parameters<typeof consoleAgency>[0] & { params: { year: string } },
    reply: FastifyReply,
    form: FormState | null,
    status = 200,
    notice?: string,
    error?: string,
  ) => {
    const { actor, agency } = await consoleAgency(request);
    const ws = await prepareReport(deps, agency, yearOf(request.params.year));
    const page = (
      <ReportPage
        actor={actor}
        csrf={csrfToken(reply)}
        agency={agency}
        currentPath={`/admin/${agency.code}/reports`}
        ws={ws}
        form={form}
        notice={notice}
        error={error}
        today={clock.today()}
      />
    );
    return sendPage(reply, page, status);
  };

  admin.get<YearParams>('/:agency/reports/:year', async (request, reply) => {
    const moved = request.query.moved as keyof typeof t.reports.status | undefined;
    const notice =
      request.query.saved === '1' ? t.reports.console.saved : moved && moved in t.reports.status ? t.reports.console.moved(t.reports.status[moved]) : undefined;
    return reportPage(request, reply, null, 200, notice);
  });

  admin.post<YearParams>('/:agency/reports/:year/sections', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const values = formValues(request);
    const outcome = await runForm(values, () => saveSections(deps, actor, agency, yearOf(request.params.year), values));
    if (outcome.ok) return reply.redirect(`/admin/${agency.code}/reports/${request.params.year}?saved=1#editor`, 303);
    return reportPage(request, reply, outcome.state, 400);
  });

  admin.post<YearParams>('/:agency/reports/:year/redraft', async (request, reply) => {
    const { actor, agency } = await consoleAgency(request);
    const values = formValues(request);
    if (values.confirm !== 'on') throw new DomainError('VALIDATION', t.reports.console.redraftConfirm);
    await startReport(deps, actor, agency, yearOf(request.params.year), { redraft: true });
    return reply.redirect(`/admin/${agency.code}/reports/${request.params.year}?saved=1#editor`, 303);
  });

  for (const step of STEPS) {
    admin.post<YearParams>(`/:agency/reports/:year/${step}`, async (request, reply) => {
      const { actor, agency } = await consoleAgency(request);
      try {
        const stored = await advanceReport(deps, actor, agency, yearOf(request.params.year), step);
        return reply.redirect(`/admin/${agency.code}/reports/${stored.year}?moved=${stored.status}`, 303);
      } catch (error) {
        // A step the report is not ready for: show why on the report itself.
        if (error instanceof DomainError && error.code === 'INVALID_STATE') return reportPage(request, reply, null, 409, undefined, error.message);
        throw error;
      }
    });
  }

  admin.get<{ Params: { agency: string; year: string; format: string } }>('/:agency/reports/:year/export/:format', async (request, reply) => {
    const { agency } = await consoleAgency(request);
    const format = request.params.format as ReportFileFormat;
    if (!REPORT_FORMATS.includes(format)) return reply.callNotFound();
    const ws = await prepareReport(deps, agency, yearOf(request.params.year));
    return sendReportFile(reply, ws, agency.code, format);
  });
}
