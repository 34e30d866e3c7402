/** The portal's 公开年报 column: the agency's published reports, each as a page with its tables, charts and downloads. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SafeHtml } from '#jsx/jsx-runtime';
import { getAgencyByCode } from '../agencies/agencies.service.ts';
import type { Agency } from '../db/schema.ts';
import { agencyNav } from '../portal/nav.ts';
import { chinaDate } from '../shared/clock.ts';
import { notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { Crumbs, Empty } from '../web/components.tsx';
import { sendCachedPage } from '../web/http.ts';
import { PortalLayout } from '../web/layout.tsx';
import { agencyCodeParam, pathParam, yearParam, type ZodRoutes, zodRoutes } from '../web/params.ts';
import { frozenWorkspace, getStoredReport, prepareReport, type ReportWorkspace } from './build-report.ts';
import { ReportArticle, type ReportChartSvgs, reportChartSvgs } from './render/html.tsx';
import type { ReportFileFormat } from './render/index.ts';
import { getVersion, listVersions, type VersionSummary } from './report-versions.ts';
import { sendReportFile } from './reports.routes.tsx';
import { listPublishedReports } from './reports.service.ts';
import { emptySources } from './sources.ts';

const P = t.reports.page;
const V = t.reports.portalVersions;
const DOWNLOADS = ['docx', 'csv', 'json', 'md'] as const satisfies readonly ReportFileFormat[];

/** The published reports as a list of links (the agency home's 年报 section and the column page). */
export function PublishedReportList({ code, reports }: { code: string; reports: { year: number; publishedAt: string | null }[] }): SafeHtml {
  if (reports.length === 0) return <Empty>{P.none}</Empty>;
  return (
    <ul class="report-list">
      {reports.map((r) => (
        <li>
          <a href={`/gk/${code}/reports/${r.year}`}>{P.title(r.year)}</a>
          {r.publishedAt ? (
            <span class="muted">
              {' '}
              {P.publishedOn}：{chinaDate(r.publishedAt)}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function ReportsColumnPage({ agency, reports, elder }: { agency: Agency; reports: { year: number; publishedAt: string | null }[]; elder: boolean }): SafeHtml {
  const path = `/gk/${agency.code}/reports`;
  return (
    <PortalLayout title={P.listTitle} agency={agency} nav={agencyNav(agency.code)} currentPath={path} elder={elder}>
      <Crumbs items={[{ label: t.site.home, href: '/' }, { label: agency.name, href: `/gk/${agency.code}/` }, { label: t.nav.reports }]} />
      <section class="card" aria-labelledby="reports-title">
        <h1 id="reports-title">{P.listTitle}</h1>
        <PublishedReportList code={agency.code} reports={reports} />
      </section>
    </PortalLayout>
  );
}

/** How a version stands among the report's versions: the one it corrects, or the one that corrected it. */
export type VersionLinks = { previous: VersionSummary | null; supersededOn: string | null; archived: boolean };

/** Above a correction: its 更正说明 and the version it replaces; above a superseded version: 已更正 and the way on. */
function VersionNotice({ agency, ws, links }: { agency: Agency; ws: ReportWorkspace; links: VersionLinks }): SafeHtml | null {
  const base = `/gk/${agency.code}/reports/${ws.report.year}`;
  if (links.supersededOn)
    return (
      <div class="alert warn" role="status">
        <strong>{V.superseded}</strong>
        <p>{V.supersededLead(links.supersededOn)}</p>
        <p>
          <a href={base}>{V.current}</a>
        </p>
      </div>
    );
  const note = ws.stored?.correctionNote;
  if (!note || !links.previous) return null;
  return (
    <div class="alert info" role="status">
      <strong>{V.corrected}</strong>
      <p>{note}</p>
      <p>
        {ws.stored?.publishedAt ? `${V.correctedOn(chinaDate(ws.stored.publishedAt))}` : null}
        <a href={`${base}/versions/${links.previous.version}`}>{V.previous(links.previous.version, chinaDate(links.previous.publishedAt))}</a>
      </p>
    </div>
  );
}

function PublishedReportPage({
  agency,
  ws,
  charts,
  elder,
  links,
}: {
  agency: Agency;
  ws: ReportWorkspace;
  charts: ReportChartSvgs;
  elder: boolean;
  links: VersionLinks;
}): SafeHtml {
  const year = ws.report.year;
  const path = links.archived ? `/gk/${agency.code}/reports/${year}/versions/${ws.stored?.version}` : `/gk/${agency.code}/reports/${year}`;
  const title = links.supersededOn && ws.stored ? V.versionTitle(year, ws.stored.version) : P.title(year);
  return (
    <PortalLayout title={title} agency={agency} nav={agencyNav(agency.code)} currentPath={path} elder={elder} description={`${agency.name}${P.title(year)}`}>
      <Crumbs
        items={[
          { label: t.site.home, href: '/' },
          { label: agency.name, href: `/gk/${agency.code}/` },
          { label: t.nav.reports, href: `/gk/${agency.code}/reports` },
          { label: title },
        ]}
      />
      <div class="card report-card">
        <VersionNotice agency={agency} ws={ws} links={links} />
        {ws.stored?.origin === 'imported' ? <p class="muted">{P.imported}</p> : null}
        <ReportArticle report={ws.report} charts={charts} />
        {links.archived ? null : (
          <nav class="report-downloads" aria-label={P.downloads}>
            <h2>{P.downloads}</h2>
            <ul>
              {DOWNLOADS.map((f) => (
                <li>
                  <a href={`${path}/download/${f}`}>{P.download[f]}</a>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </div>
    </PortalLayout>
  );
}

/** The public routes of the 公开年报 column; only published reports are visible. */
export async function registerReportPortalRoutes(parent: FastifyInstance): Promise<void> {
  await parent.register(async (scope) => reportPortalRoutes(zodRoutes(scope)));
}

const codeParams = z.object({ code: agencyCodeParam });
const yearParams = codeParams.extend({ year: yearParam() });
const versionParams = yearParams.extend({ version: pathParam(z.coerce.number().int().min(1).max(999)) });
const downloadParams = yearParams.extend({ format: pathParam(z.enum(DOWNLOADS)) });

function reportPortalRoutes(app: ZodRoutes): void {
  const { db, clock } = app.deps;
  // A published report is frozen: building it never reads the sources.
  const deps = { db, clock, sources: emptySources };
  // What the public reads of an agency-year: the published report, or (a correction under way) its last published
  // version; with the versions around it.
  const published = async (code: string, year: number) => {
    const agency = await getAgencyByCode(db, code);
    const stored = await getStoredReport(db, agency.id, year);
    if (!stored || (stored.status !== 'published' && stored.version === 1)) throw notFound();
    const versions = stored.version > 1 ? await listVersions(db, agency.id, year) : [];
    const links: VersionLinks = { previous: versions.at(-1) ?? null, supersededOn: null, archived: false };
    if (stored.status === 'published') return { agency, ws: await prepareReport(deps, agency, year), links };
    const last = versions.at(-1);
    const shown = last ? await getVersion(db, agency.id, year, last.version) : null;
    if (!shown) throw notFound();
    return { agency, ws: await frozenWorkspace(db, agency, shown), links: { previous: versions.at(-2) ?? null, supersededOn: null, archived: false } };
  };

  /** A superseded version, marked 已更正 once a newer version is published. */
  const archived = async (code: string, year: number, version: number) => {
    const agency = await getAgencyByCode(db, code);
    const [stored, shown, versions] = await Promise.all([
      getStoredReport(db, agency.id, year),
      getVersion(db, agency.id, year, version),
      listVersions(db, agency.id, year),
    ]);
    if (!stored || !shown) throw notFound();
    const next = versions.find((v) => v.version === version + 1) ?? (stored.status === 'published' && stored.version === version + 1 ? stored : null);
    const supersededOn = next?.publishedAt ? chinaDate(next.publishedAt) : null;
    const previous = versions.find((v) => v.version === version - 1) ?? null;
    return { agency, ws: await frozenWorkspace(db, agency, shown), links: { previous, supersededOn, archived: true } };
  };

  app.get('/gk/:code/reports', { schema: { params: codeParams } }, async (request, reply) =>
    sendCachedPage(request, reply, async () => {
      const agency = await getAgencyByCode(db, request.params.code);
      return <ReportsColumnPage agency={agency} reports={await listPublishedReports(db, agency.id)} elder={request.elder} />;
    }),
  );

  app.get('/gk/:code/reports/:year', { schema: { params: yearParams } }, async (request, reply) =>
    sendCachedPage(request, reply, async () => {
      const { agency, ws, links } = await published(request.params.code, request.params.year);
      const charts = await reportChartSvgs(ws.report, ws.comparison);
      return <PublishedReportPage agency={agency} ws={ws} charts={charts} elder={request.elder} links={links} />;
    }),
  );

  app.get('/gk/:code/reports/:year/versions/:version', { schema: { params: versionParams } }, async (request, reply) =>
    sendCachedPage(request, reply, async () => {
      const { agency, ws, links } = await archived(request.params.code, request.params.year, request.params.version);
      const charts = await reportChartSvgs(ws.report, ws.comparison);
      return <PublishedReportPage agency={agency} ws={ws} charts={charts} elder={request.elder} links={links} />;
    }),
  );

  app.get('/gk/:code/reports/:year/download/:format', { schema: { params: downloadParams } }, async (request, reply) => {
    const { agency, ws } = await published(request.params.code, request.params.year);
    return sendReportFile(reply, ws, agency.code, request.params.format);
  });
}
