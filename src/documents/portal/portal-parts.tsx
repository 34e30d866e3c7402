/** What the public pages of 主动公开 share: addresses, the agency frame, validity badges, lists, the pager, the search box. */
import type { SafeHtml } from '#jsx/jsx-runtime';
import type { Agency } from '../../db/schema.ts';
import { agencyNav } from '../../portal/nav.ts';
import { t } from '../../shared/i18n/zh-CN.ts';
import { Crumbs } from '../../web/components.tsx';
import { PortalLayout } from '../../web/layout.tsx';
import type { PublicDocumentSummary } from '../documents.queries.ts';
import type { Category, Validity } from '../documents.tables.ts';

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

export function Feeds({ base }: { base: string }): SafeHtml {
  return (
    <p class="feeds">
      {P.feed}：<a href={`${base}/feed.xml`}>{P.rss}</a> · <a href={`${base}/atom.xml`}>{P.atom}</a>
    </p>
  );
}

export type FrameProps = {
  agency: Agency;
  elder: boolean;
  currentPath: string;
  canonical: string;
  title: string;
  crumbs: { label: string; href?: string }[];
  children?: SafeHtml | (SafeHtml | null)[] | null;
};

export function AgencyPage(p: FrameProps): SafeHtml {
  return (
    <PortalLayout title={p.title} agency={p.agency} nav={agencyNav(p.agency.code)} currentPath={p.currentPath} elder={p.elder} canonical={p.canonical}>
      <Crumbs items={[{ label: t.site.home, href: '/' }, { label: p.agency.name, href: `/gk/${p.agency.code}/` }, ...p.crumbs]} />
      {p.children}
    </PortalLayout>
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
