/** The 政府信息公开 column: its home (国办公开办函〔2019〕61号 layout), the guide, the rules, categories, the catalogue. */
import type { SafeHtml } from '#jsx/jsx-runtime';
import type { Agency } from '../../db/schema.ts';
import { agencyNav } from '../../portal/nav.ts';
import { PublishedReportList } from '../../reports/reports.portal.tsx';
import { t } from '../../shared/i18n/zh-CN.ts';
import { Crumbs, Empty, Section } from '../../web/components.tsx';
import { DataTable } from '../../web/data-table.tsx';
import { PortalLayout } from '../../web/layout.tsx';
import { ARTICLE_ITEM_OF, type PublicDocumentSummary } from '../documents.queries.ts';
import { CATEGORIES, type Category } from '../documents.tables.ts';
import { AgencyPage, categoryPath, DocumentList, docPath, Feeds, type FrameProps, Pager, SearchBox, ValidityBadge } from './portal-parts.tsx';

const T = t.documents;
const P = T.portal;

type ColumnProps = {
  agency: Agency;
  elder: boolean;
  currentPath: string;
  canonical: string;
  counts: Map<Category, number>;
  latest: PublicDocumentSummary[];
  guideUpdatedOn: string;
  rulesUpdatedOn: string | null;
  cleanupRounds: { id: number; title: string; effectiveOn: string | null }[];
  /** Published annual reports, newest first. */
  reports: { year: number; publishedAt: string | null }[];
};

/** The 政府信息公开 column home: guide, rules, the 15 statutory items, annual reports, the application entrance. */
export function ColumnHomePage(p: ColumnProps): SafeHtml {
  const code = p.agency.code;
  const orNone = (v: string | null) => v ?? t.portal.notProvided;
  return (
    <PortalLayout
      title={t.nav.disclosureColumn}
      agency={p.agency}
      nav={agencyNav(code)}
      currentPath={p.currentPath}
      elder={p.elder}
      canonical={p.canonical}
      description={`${p.agency.name}${t.nav.disclosureColumn}`}
    >
      <Crumbs items={[{ label: t.site.home, href: '/' }, { label: p.agency.name }]} />
      <section class="card column-head" aria-labelledby="col-title">
        <h1 id="col-title">
          {p.agency.name}
          {t.nav.disclosureColumn}
        </h1>
        <p class="lead">{t.portal.columnLead}</p>
        <SearchBox action={`/gk/${code}/search`} q="" />
      </section>
      <div class="grid-2">
        <div>
          <Section title={P.guide} id="guide" action={<a href={`/gk/${code}/guide`}>{P.more}</a>}>
            <p>{T.guide.intro(p.agency.name)}</p>
            <p class="muted">{P.updatedOn(p.guideUpdatedOn)}</p>
          </Section>
          <Section title={P.rules} id="rules" action={p.rulesUpdatedOn ? <a href={`/gk/${code}/rules`}>{P.more}</a> : undefined}>
            {p.rulesUpdatedOn ? (
              <p>
                <a href={`/gk/${code}/rules`}>{P.rules}</a> <span class="muted">{P.updatedOn(p.rulesUpdatedOn)}</span>
              </p>
            ) : (
              <Empty>{P.emptyCategory}</Empty>
            )}
          </Section>
          <Section title={P.statutory} id="statutory">
            <ol class="items">
              {T.articleItems.map((label, i) => {
                const cats = CATEGORIES.filter((c) => ARTICLE_ITEM_OF[c] === i);
                return (
                  <li>
                    <h3>
                      <span class="item-no">（{T.articleItemNo[i]}）</span>
                      {label}
                    </h3>
                    {cats.length === 0 ? (
                      <p class="muted">{P.emptyItem}</p>
                    ) : (
                      <ul class="subcats">
                        {cats.map((c) => (
                          <li>
                            <a href={categoryPath(code, c)}>{T.categories[c]}</a> <span class="count">（{p.counts.get(c) ?? 0}）</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ol>
          </Section>
          <Section title={P.latest} id="latest" action={<a href={`/gk/${code}/list`}>{P.more}</a>}>
            {p.latest.length === 0 ? <Empty>{P.emptyCategory}</Empty> : <DocumentList code={code} items={p.latest} />}
            <Feeds base={`/gk/${code}`} />
          </Section>
          <Section title={P.reports} id="reports">
            <PublishedReportList code={code} reports={p.reports} />
          </Section>
        </div>
        <div>
          <Section title={P.apply} id="apply">
            <p>{t.applications.portal.columnApplyLead}</p>
            <div class="btn-row">
              <a class="btn" href={`/gk/${code}/apply`}>
                {t.applications.portal.applyOnline}
              </a>
              <a class="btn secondary" href={`/gk/${code}/track`}>
                {t.applications.portal.trackOnline}
              </a>
            </div>
            <p class="muted">{P.applyContact}</p>
          </Section>
          <Section title={t.portal.contact} id="contact">
            <dl class="facts">
              <dt>{t.portal.officeName}</dt>
              <dd>{orNone(p.agency.officeName)}</dd>
              <dt>{t.portal.address}</dt>
              <dd>{orNone(p.agency.address)}</dd>
              <dt>{t.portal.officeHours}</dt>
              <dd>{orNone(p.agency.officeHours)}</dd>
              <dt>{t.portal.phone}</dt>
              <dd>{orNone(p.agency.phone)}</dd>
              <dt>{t.portal.fax}</dt>
              <dd>{orNone(p.agency.fax)}</dd>
              <dt>{t.portal.email}</dt>
              <dd>{orNone(p.agency.email)}</dd>
              <dt>{t.portal.postcode}</dt>
              <dd>{orNone(p.agency.postcode)}</dd>
            </dl>
          </Section>
          <Section title={P.cleanupResults} id="cleanup">
            {p.cleanupRounds.length === 0 ? (
              <Empty>{P.emptyCategory}</Empty>
            ) : (
              <ul class="list">
                {p.cleanupRounds.map((r) => (
                  <li>
                    <a href={`/gk/${code}/cleanup/${r.id}`}>{r.title}</a>
                    <span class="date">{r.effectiveOn}</span>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </div>
      </div>
    </PortalLayout>
  );
}

/** The 政府信息公开制度 page. */
export function RulesPage(p: Omit<FrameProps, 'title' | 'crumbs'> & { text: string | null; updatedOn: string | null }): SafeHtml {
  return (
    <AgencyPage {...p} title={P.rules} crumbs={[{ label: P.rules }]}>
      <article class="card prose" aria-labelledby="rules-title">
        <h1 id="rules-title">{P.rules}</h1>
        {p.updatedOn ? <p class="muted">{P.updatedOn(p.updatedOn)}</p> : null}
        {p.text ? p.text.split(/\n+/).map((para) => <p>{para}</p>) : <Empty>{P.emptyCategory}</Empty>}
      </article>
    </AgencyPage>
  );
}

/** A category's document list with paging. */
export function CategoryPage(
  p: Omit<FrameProps, 'title' | 'crumbs'> & {
    category: Category;
    total: number;
    page: number;
    pageSize: number;
    items: PublicDocumentSummary[];
    /** The agency's reason why the category is empty, shown instead of the bare empty line. */
    note?: string | null;
  },
): SafeHtml {
  const code = p.agency.code;
  const label = T.categories[p.category];
  const item = ARTICLE_ITEM_OF[p.category];
  return (
    <AgencyPage {...p} title={label} crumbs={[{ label: P.statutory, href: `/gk/${code}/#statutory` }, { label }]}>
      <section class="card" aria-labelledby="cat-title">
        <h1 id="cat-title">{label}</h1>
        <p class="muted">
          {P.articleNote(T.articleItemNo[item] ?? '', T.articleItems[item] ?? '')}
          {P.count(p.total)}
        </p>
        {p.items.length === 0 ? <Empty>{p.note ?? P.emptyCategory}</Empty> : <DocumentList code={code} items={p.items} />}
        <Pager page={p.page} total={p.total} pageSize={p.pageSize} href={(n) => `${categoryPath(code, p.category)}?page=${n}`} />
        <Feeds base={categoryPath(code, p.category)} />
      </section>
    </AgencyPage>
  );
}

/** The 政府信息公开目录: every published document with 索引号, 名称, 生成日期 and 发布日期. */
export function CataloguePage(
  p: Omit<FrameProps, 'title' | 'crumbs'> & { total: number; page: number; pageSize: number; items: PublicDocumentSummary[] },
): SafeHtml {
  const code = p.agency.code;
  return (
    <AgencyPage {...p} title={P.catalogue} crumbs={[{ label: P.catalogue }]}>
      <section class="card" aria-labelledby="cat-title">
        <h1 id="cat-title">{P.catalogue}</h1>
        <p class="muted">{P.count(p.total)}</p>
        {p.items.length === 0 ? (
          <Empty>{P.emptyCategory}</Empty>
        ) : (
          <DataTable
            caption={P.catalogue}
            rows={p.items}
            columns={[
              { header: T.fields.indexNo, cellClass: 'nowrap small', cell: (d) => d.indexNo },
              {
                header: T.fields.title,
                cell: (d) => (
                  <>
                    <a href={docPath(code, d.id)}>{d.title}</a> <ValidityBadge validity={d.validity} />
                  </>
                ),
              },
              { header: T.fields.category, cellClass: 'nowrap', cell: (d) => T.categories[d.category] },
              { header: T.fields.issuedOn, cellClass: 'nowrap', cell: (d) => d.issuedOn },
              { header: T.fields.publishedOn, cellClass: 'nowrap', cell: (d) => d.publishedOn },
            ]}
          />
        )}
        <Pager page={p.page} total={p.total} pageSize={p.pageSize} href={(n) => `/gk/${code}/list?page=${n}`} />
        <Feeds base={`/gk/${code}`} />
      </section>
    </AgencyPage>
  );
}
