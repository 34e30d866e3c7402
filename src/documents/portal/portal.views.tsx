import { raw, type SafeHtml } from '#jsx/jsx-runtime';
import type { Agency } from '../../db/schema.ts';
import { agencyNav } from '../../portal/nav.ts';
import { PublishedReportList } from '../../reports/reports.portal.tsx';
import type { Highlighted } from '../../search/search.service.ts';
import { t } from '../../shared/i18n/zh-CN.ts';
import { Crumbs, Empty, Section } from '../../web/components.tsx';
import { PortalLayout } from '../../web/layout.tsx';
import { ARTICLE_ITEM_OF, type PublicDocument, type PublicDocumentSummary } from '../documents.queries.ts';
import { CATEGORIES, type Category, VALIDITIES, type Validity } from '../documents.tables.ts';

const T = t.documents;
const P = T.portal;

export const docPath = (code: string, id: number) => `/gk/${code}/d/${id}`;
export const categoryPath = (code: string, c: Category) => `/gk/${code}/c/${c}`;

const VALIDITY_CLASS: Record<Validity, string> = { in_force: 'ok', amended: 'warn', repealed: 'danger', expired: 'danger' };

/** The validity of a normative document as a badge (lists) or a banner (document pages). */
export function ValidityBadge({ validity, big }: { validity: Validity | null; big?: boolean }): SafeHtml | null {
  if (!validity) return null;
  return <span class={`badge ${VALIDITY_CLASS[validity]}${big ? ' big' : ''}`}>{T.validity[validity]}</span>;
}

/** Previous/next links and the page count; keeps the other query parameters. */
export function Pager({ page, total, pageSize, href }: { page: number; total: number; pageSize: number; href: (page: number) => string }): SafeHtml | null {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={P.pagination}>
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          {P.prev}
        </a>
      ) : (
        <span class="disabled">{P.prev}</span>
      )}
      <span>{P.page(page, pages)}</span>
      {page < pages ? (
        <a href={href(page + 1)} rel="next">
          {P.next}
        </a>
      ) : (
        <span class="disabled">{P.next}</span>
      )}
    </nav>
  );
}

/** A list of documents: title, 文号, validity, date. */
export function DocumentList({ code, items }: { code: string; items: PublicDocumentSummary[] }): SafeHtml {
  return (
    <ul class="list doc-list">
      {items.map((d) => (
        <li>
          <span class="doc-title">
            <a href={docPath(code, d.id)}>{d.title}</a>
            {d.docNo ? <span class="muted doc-no">{d.docNo}</span> : null}
            <ValidityBadge validity={d.validity} />
          </span>
          <span class="date">{d.publishedOn}</span>
        </li>
      ))}
    </ul>
  );
}

function Feeds({ base }: { base: string }): SafeHtml {
  return (
    <p class="feeds">
      {P.feed}：<a href={`${base}/feed.xml`}>{P.rss}</a> · <a href={`${base}/atom.xml`}>{P.atom}</a>
    </p>
  );
}

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

type FrameProps = {
  agency: Agency;
  elder: boolean;
  currentPath: string;
  canonical: string;
  title: string;
  crumbs: { label: string; href?: string }[];
  children?: SafeHtml | (SafeHtml | null)[] | null;
};

function AgencyPage(p: FrameProps): SafeHtml {
  return (
    <PortalLayout title={p.title} agency={p.agency} nav={agencyNav(p.agency.code)} currentPath={p.currentPath} elder={p.elder} canonical={p.canonical}>
      <Crumbs items={[{ label: t.site.home, href: '/' }, { label: p.agency.name, href: `/gk/${p.agency.code}/` }, ...p.crumbs]} />
      {p.children}
    </PortalLayout>
  );
}

/** The 政府信息公开指南: the agency's own text, or one generated from its facts; with its update date. */
export function GuidePage(p: Omit<FrameProps, 'title' | 'crumbs'> & { text: string | null; updatedOn: string }): SafeHtml {
  const a = p.agency;
  const orNone = (v: string | null) => v ?? t.portal.notProvided;
  return (
    <AgencyPage {...p} title={P.guide} crumbs={[{ label: P.guide }]}>
      <article class="card prose" aria-labelledby="guide-title">
        <h1 id="guide-title">
          {a.name}
          {P.guide}
        </h1>
        <p class="muted">{P.updatedOn(p.updatedOn)}</p>
        {p.text ? (
          p.text.split(/\n+/).map((para) => <p>{para}</p>)
        ) : (
          <>
            <p>{T.guide.intro(a.name)}</p>
            <h2>{T.guide.h1}</h2>
            <p>{T.guide.p1}</p>
            <p>
              {T.portal.statutory}：{CATEGORIES.map((c) => T.categories[c]).join('、')}。
            </p>
            <h2>{T.guide.h2}</h2>
            <p>{T.guide.p2}</p>
            <h2>{T.guide.h3}</h2>
            <dl class="facts">
              <dt>{t.portal.officeName}</dt>
              <dd>{orNone(a.officeName)}</dd>
              <dt>{t.portal.address}</dt>
              <dd>{orNone(a.address)}</dd>
              <dt>{t.portal.officeHours}</dt>
              <dd>{orNone(a.officeHours)}</dd>
              <dt>{t.portal.phone}</dt>
              <dd>{orNone(a.phone)}</dd>
              <dt>{t.portal.fax}</dt>
              <dd>{orNone(a.fax)}</dd>
              <dt>{t.portal.email}</dt>
              <dd>{orNone(a.email)}</dd>
              <dt>{t.portal.postcode}</dt>
              <dd>{orNone(a.postcode)}</dd>
            </dl>
            <h2>{T.guide.h4}</h2>
            <p>{T.guide.p4}</p>
            <p class="muted">{P.guideGenerated}</p>
          </>
        )}
      </article>
    </AgencyPage>
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
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{P.catalogue}</caption>
              <thead>
                <tr>
                  <th scope="col">{T.fields.indexNo}</th>
                  <th scope="col">{T.fields.title}</th>
                  <th scope="col">{T.fields.category}</th>
                  <th scope="col">{T.fields.issuedOn}</th>
                  <th scope="col">{T.fields.publishedOn}</th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((d) => (
                  <tr>
                    <td class="nowrap small">{d.indexNo}</td>
                    <td>
                      <a href={docPath(code, d.id)}>{d.title}</a> <ValidityBadge validity={d.validity} />
                    </td>
                    <td class="nowrap">{T.categories[d.category]}</td>
                    <td class="nowrap">{d.issuedOn}</td>
                    <td class="nowrap">{d.publishedOn}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager page={p.page} total={p.total} pageSize={p.pageSize} href={(n) => `/gk/${code}/list?page=${n}`} />
        <Feeds base={`/gk/${code}`} />
      </section>
    </AgencyPage>
  );
}

const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** A document's page: the 信息索引 table with validity shown prominently, the body, attachments, interpretation links, versions. */
export function DocumentPage(p: Omit<FrameProps, 'title' | 'crumbs'> & { doc: PublicDocument }): SafeHtml {
  const d = p.doc;
  const code = p.agency.code;
  return (
    <AgencyPage
      {...p}
      title={d.title}
      crumbs={[
        { label: T.categories[d.category], href: categoryPath(code, d.category) },
        { label: d.title.length > 24 ? `${d.title.slice(0, 24)}…` : d.title },
      ]}
    >
      <article class="card document" aria-labelledby="doc-title">
        <table class="doc-meta">
          <caption class="visually-hidden">{P.indexTable}</caption>
          <tbody>
            <tr>
              <th scope="row">{T.fields.indexNo}</th>
              <td>{d.indexNo}</td>
              <th scope="row">{T.fields.category}</th>
              <td>
                {T.categories[d.category]}
                {d.topic ? ` · ${d.topic}` : ''}
              </td>
            </tr>
            <tr>
              <th scope="row">{T.fields.issuingBody}</th>
              <td>{d.issuingBody}</td>
              <th scope="row">{T.fields.docNo}</th>
              <td>{d.docNo ?? t.common.none}</td>
            </tr>
            <tr>
              <th scope="row">{T.fields.issuedOn}</th>
              <td>{d.issuedOn}</td>
              <th scope="row">{T.fields.publishedOn}</th>
              <td>{d.publishedOn}</td>
            </tr>
            {d.validity ? (
              <tr>
                <th scope="row">{T.fields.validity}</th>
                <td colspan="3">
                  <ValidityBadge validity={d.validity} big />
                  {d.validityChangedOn ? <span class="muted"> （{d.validityChangedOn}）</span> : null}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
        <h1 id="doc-title" class="doc-heading">
          {d.title}
        </h1>
        {d.docNo ? <p class="doc-number">{d.docNo}</p> : null}
        {d.version > 1 ? <p class="alert info">{P.correctedNote(d.version)}</p> : null}
        {d.interprets ? (
          <p class="relation">
            {P.interpretedDoc}：<a href={docPath(code, d.interprets.id)}>{d.interprets.title}</a>
          </p>
        ) : null}
        <div class="doc-body">{raw(d.bodyHtml)}</div>
        {d.attachments.length > 0 ? (
          <section aria-labelledby="att-title">
            <h2 id="att-title">{T.fields.attachments}</h2>
            <ul class="attachments">
              {d.attachments.map((a) => (
                <li>
                  <a href={`${docPath(code, d.id)}/files/${a.id}`} download={a.fileName}>
                    {a.fileName}
                  </a>{' '}
                  <span class="muted">（{kb(a.size)}）</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {d.interpretations.length > 0 ? (
          <section aria-labelledby="interp-title">
            <h2 id="interp-title">{P.relatedInterpretations}</h2>
            <ul class="list">
              {d.interpretations.map((i) => (
                <li>
                  <a href={docPath(code, i.id)}>{i.title}</a>
                  <span class="date">
                    {i.interpretationForm ? `${T.forms[i.interpretationForm as keyof typeof T.forms] ?? ''} · ` : ''}
                    {i.publishedOn}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {d.versions.length > 0 ? (
          <section aria-labelledby="ver-title">
            <h2 id="ver-title">{P.versions}</h2>
            <ul class="list">
              {d.versions.map((v) => (
                <li>
                  <span>
                    {v.title}
                    <span class="muted"> — {P.versionNote(v.version, v.replacedOn, v.reason)}</span>
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </article>
    </AgencyPage>
  );
}

/** The search box (GET, works without JavaScript). */
export function SearchBox({ action, q }: { action: string; q: string }): SafeHtml {
  return (
    <form method="get" action={action} class="search-box">
      <label for="q-top" class="visually-hidden">
        {T.search.label}
      </label>
      <input id="q-top" type="search" name="q" value={q} maxlength={100} placeholder={T.search.hint} />
      <button type="submit" class="btn">
        {T.search.submit}
      </button>
    </form>
  );
}

function Marked({ parts }: { parts: Highlighted }): SafeHtml {
  return <>{parts.map((p) => (p.mark ? <mark>{p.text}</mark> : p.text))}</>;
}

export type SearchResult = PublicDocumentSummary & {
  agencyCode: string;
  agencyName: string;
  titleParts: Highlighted;
  snippetParts: Highlighted;
  docNoParts: Highlighted;
};

type SearchPageProps = {
  agency?: Agency | undefined;
  elder: boolean;
  currentPath: string;
  canonical: string;
  query: { q: string; category?: string | undefined; year?: number | undefined; validity?: string | undefined; issuingBody?: string | undefined };
  years: number[];
  bodies: string[];
  total: number;
  capped: boolean;
  page: number;
  pageSize: number;
  results: SearchResult[];
};

/** The search page of an agency, or of the whole platform when no agency is given. */
export function SearchPage(p: SearchPageProps): SafeHtml {
  const action = p.agency ? `/gk/${p.agency.code}/search` : '/search';
  const title = p.agency ? T.search.title : T.search.platformTitle;
  const qs = (page: number) => {
    const params = new URLSearchParams();
    params.set('q', p.query.q);
    if (p.query.category) params.set('category', p.query.category);
    if (p.query.year) params.set('year', String(p.query.year));
    if (p.query.validity) params.set('validity', p.query.validity);
    if (p.query.issuingBody) params.set('body', p.query.issuingBody);
    params.set('page', String(page));
    return `${action}?${params.toString()}`;
  };
  const content = (
    <section class="card" aria-labelledby="search-title">
      <h1 id="search-title">{title}</h1>
      <form method="get" action={action} class="search-form">
        <div class="field search-q">
          <label for="f-q">{T.search.label}</label>
          <span class="hint" id="f-q-hint">
            {T.search.hint}
          </span>
          <input id="f-q" type="search" name="q" value={p.query.q} maxlength={100} aria-describedby="f-q-hint" />
        </div>
        <div class="filters">
          <div class="field">
            <label for="f-category">{T.fields.category}</label>
            <select id="f-category" name="category">
              <option value="">{T.search.allCategories}</option>
              {CATEGORIES.map((c) => (
                <option value={c} selected={p.query.category === c}>
                  {T.categories[c]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-year">{T.search.year}</label>
            <select id="f-year" name="year">
              <option value="">{T.search.allYears}</option>
              {p.years.map((y) => (
                <option value={String(y)} selected={p.query.year === y}>
                  {y}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="f-validity">{T.fields.validity}</label>
            <select id="f-validity" name="validity">
              <option value="">{T.search.allValidity}</option>
              {VALIDITIES.map((v) => (
                <option value={v} selected={p.query.validity === v}>
                  {T.validity[v]}
                </option>
              ))}
            </select>
          </div>
          {p.agency && p.bodies.length > 1 ? (
            <div class="field">
              <label for="f-body">{T.search.issuingBody}</label>
              <select id="f-body" name="body">
                <option value="">{t.documents.admin.all}</option>
                {p.bodies.map((b) => (
                  <option value={b} selected={p.query.issuingBody === b}>
                    {b}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </div>
        <div class="btn-row">
          <button type="submit" class="btn">
            {T.search.submit}
          </button>
        </div>
      </form>
      {p.query.q.trim() === '' ? (
        <p class="muted">{T.search.prompt}</p>
      ) : p.total === 0 ? (
        <Empty>{T.search.none}</Empty>
      ) : (
        <>
          <p role="status">{p.capped ? T.search.resultsMany(p.total, p.query.q) : T.search.results(p.total, p.query.q)}</p>
          <ol class="results">
            {p.results.map((r) => (
              <li>
                <h2>
                  <a href={docPath(r.agencyCode, r.id)}>
                    <Marked parts={r.titleParts} />
                  </a>
                </h2>
                <p class="snippet">
                  <Marked parts={r.snippetParts} />
                </p>
                <p class="meta">
                  {p.agency ? null : <span>{r.agencyName}</span>}
                  <span>{T.categories[r.category]}</span>
                  {r.docNo ? (
                    <span>
                      <Marked parts={r.docNoParts} />
                    </span>
                  ) : null}
                  <span>
                    {T.fields.publishedOn}：{r.publishedOn}
                  </span>
                  <ValidityBadge validity={r.validity} />
                </p>
              </li>
            ))}
          </ol>
          <Pager page={p.page} total={p.total} pageSize={p.pageSize} href={qs} />
        </>
      )}
    </section>
  );
  if (p.agency) {
    return (
      <AgencyPage agency={p.agency} elder={p.elder} currentPath={p.currentPath} canonical={p.canonical} title={title} crumbs={[{ label: title }]}>
        {content}
      </AgencyPage>
    );
  }
  return (
    <PortalLayout title={title} currentPath={p.currentPath} elder={p.elder} canonical={p.canonical}>
      <Crumbs items={[{ label: t.site.home, href: '/' }, { label: title }]} />
      {content}
    </PortalLayout>
  );
}

/** A published cleanup round's result list. */
export function CleanupResultPage(
  p: Omit<FrameProps, 'title' | 'crumbs'> & {
    round: { title: string; effectiveOn: string | null };
    items: { id: number; title: string; docNo: string | null; decision: string | null; note: string | null }[];
  },
): SafeHtml {
  const code = p.agency.code;
  return (
    <AgencyPage {...p} title={p.round.title} crumbs={[{ label: P.cleanupResults }]}>
      <section class="card" aria-labelledby="round-title">
        <h1 id="round-title">{p.round.title}</h1>
        <p class="muted">
          {t.documents.admin.effectiveOn}：{p.round.effectiveOn}
        </p>
        <div class="table-wrap">
          <table>
            <caption class="visually-hidden">{p.round.title}</caption>
            <thead>
              <tr>
                <th scope="col">{T.fields.title}</th>
                <th scope="col">{T.fields.docNo}</th>
                <th scope="col">{P.cleanupResult}</th>
              </tr>
            </thead>
            <tbody>
              {p.items.map((i) => (
                <tr>
                  <td>
                    <a href={docPath(code, i.id)}>{i.title}</a>
                  </td>
                  <td class="nowrap">{i.docNo ?? t.common.none}</td>
                  <td>
                    {i.decision ? T.admin.decisions[i.decision as 'keep' | 'amend' | 'repeal'] : ''}
                    {i.note ? <span class="muted">（{i.note}）</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </AgencyPage>
  );
}

/** The page of a withdrawn document: says so in words, without the reason (which may concern internal matters). */
export function WithdrawnPage(p: Omit<FrameProps, 'title' | 'crumbs'>): SafeHtml {
  return (
    <AgencyPage {...p} title={T.errors.withdrawn} crumbs={[{ label: T.errors.withdrawn }]}>
      <section class="card">
        <h1>{T.errors.withdrawn}</h1>
        <p>
          <a href={`/gk/${p.agency.code}/`}>{t.site.backHome}</a>
        </p>
      </section>
    </AgencyPage>
  );
}
