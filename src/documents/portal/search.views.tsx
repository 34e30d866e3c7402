import type { SafeHtml } from '#jsx/jsx-runtime';
import type { Agency } from '../../db/schema.ts';
import type { Highlighted } from '../../search/search.service.ts';
import { t } from '../../shared/i18n/zh-CN.ts';
import { Crumbs, Empty } from '../../web/components.tsx';
import { PortalLayout } from '../../web/layout.tsx';
import type { PublicDocumentSummary } from '../documents.queries.ts';
import { CATEGORIES, VALIDITIES } from '../documents.tables.ts';
import { AgencyPage, docPath, Pager, ValidityBadge } from './portal-parts.tsx';

const T = t.documents;

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
