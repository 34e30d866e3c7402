import type { SafeHtml } from '#jsx/jsx-runtime';
import type { Agency } from '../db/schema.ts';
import { PublishedReportList } from '../reports/reports.portal.tsx';
import { t } from '../shared/i18n/zh-CN.ts';
import { Crumbs, Empty, Section } from '../web/components.tsx';
import { PortalLayout } from '../web/layout.tsx';
import { agencyNav } from './nav.ts';

/** The platform's home: what it is, and every agency's disclosure column. */
export function PlatformHomePage({ agencies, elder }: { agencies: Agency[]; elder: boolean }): SafeHtml {
  const groups = [
    { kind: 'government', label: t.portal.agencyKind.government },
    { kind: 'department', label: t.portal.agencyKind.department },
  ] as const;
  return (
    <PortalLayout title={t.site.home} currentPath="/" elder={elder}>
      <section class="card" aria-labelledby="intro-title">
        <h1 id="intro-title">{t.portal.welcome}</h1>
        <p class="lead">{t.portal.intro}</p>
      </section>
      <Section title={t.portal.agencies} id="agencies">
        {agencies.length === 0 ? (
          <Empty>{t.portal.noAgencies}</Empty>
        ) : (
          groups.map((g) => {
            const list = agencies.filter((a) => a.kind === g.kind);
            return list.length === 0 ? null : (
              <>
                <h3>{g.label}</h3>
                <div class="grid">
                  {list.map((a) => (
                    <a class="tile" href={`/gk/${a.code}/`}>
                      <strong>{a.name}</strong>
                      <span>{t.nav.disclosureColumn}</span>
                    </a>
                  ))}
                </div>
              </>
            );
          })
        )}
      </Section>
    </PortalLayout>
  );
}

const orNone = (v: string | null) => v ?? t.portal.notProvided;

/** An agency's 政府信息公开 column: one column, one name, one format (国办公开办函〔2019〕61号). */
export function AgencyHomePage({
  agency,
  elder,
  currentPath,
  reports = [],
}: {
  agency: Agency;
  elder: boolean;
  currentPath: string;
  /** Published annual reports, newest first. */
  reports?: { year: number; publishedAt: string | null }[];
}): SafeHtml {
  return (
    <PortalLayout title={t.nav.disclosureColumn} agency={agency} nav={agencyNav(agency.code)} currentPath={currentPath} elder={elder}>
      <Crumbs items={[{ label: t.site.home, href: '/' }, { label: agency.name }]} />
      <div class="grid-2">
        <div>
          <section class="card" aria-labelledby="col-title">
            <h1 id="col-title">
              {agency.name}
              {t.nav.disclosureColumn}
            </h1>
            <p class="lead">{t.portal.columnLead}</p>
          </section>
          <Section title={t.nav.guide} id="guide">
            <Empty>{t.portal.comingSoon}</Empty>
          </Section>
          <Section title="法定主动公开内容" id="statutory">
            <Empty>{t.portal.comingSoon}</Empty>
          </Section>
          <Section title={t.nav.reports} id="reports">
            <PublishedReportList code={agency.code} reports={reports} />
          </Section>
        </div>
        <div>
          <Section title={t.nav.apply} id="apply">
            <p>{t.applications.portal.columnApplyLead}</p>
            <div class="btn-row">
              <a class="btn" href={`/gk/${agency.code}/apply`}>
                {t.applications.portal.applyOnline}
              </a>
              <a class="btn secondary" href={`/gk/${agency.code}/track`}>
                {t.applications.portal.trackOnline}
              </a>
            </div>
          </Section>
          <Section title={t.portal.contact} id="contact">
            <dl class="facts">
              <dt>{t.portal.officeName}</dt>
              <dd>{orNone(agency.officeName)}</dd>
              <dt>{t.portal.address}</dt>
              <dd>{orNone(agency.address)}</dd>
              <dt>{t.portal.officeHours}</dt>
              <dd>{orNone(agency.officeHours)}</dd>
              <dt>{t.portal.phone}</dt>
              <dd>{orNone(agency.phone)}</dd>
              <dt>{t.portal.fax}</dt>
              <dd>{orNone(agency.fax)}</dd>
              <dt>{t.portal.email}</dt>
              <dd>{orNone(agency.email)}</dd>
              <dt>{t.portal.postcode}</dt>
              <dd>{orNone(agency.postcode)}</dd>
            </dl>
          </Section>
        </div>
      </div>
    </PortalLayout>
  );
}
