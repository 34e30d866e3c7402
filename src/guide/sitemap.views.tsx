/** The 网站地图 (国办发〔2017〕47号): every public section of the platform, or of one agency's column. */
import type { SafeHtml } from '#jsx/jsx-runtime';
import type { Agency } from '../db/schema.ts';
import { ARTICLE_ITEM_OF } from '../documents/documents.queries.ts';
import { CATEGORIES } from '../documents/documents.tables.ts';
import { AgencyPage, categoryPath, type FrameProps } from '../documents/portal/portal-parts.tsx';
import { agencyNav } from '../portal/nav.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { Section } from '../web/components.tsx';
import { PortalLayout } from '../web/layout.tsx';

const F = t.frame;
const D = t.documents;

/** One agency's sections: its column pages, the 15 statutory items with their categories, the feeds. */
function AgencySections({ agency, headingLevel }: { agency: Pick<Agency, 'code' | 'name'>; headingLevel: 2 | 3 }): SafeHtml {
  const code = agency.code;
  const items = D.articleItems
    .map((label, i) => ({ label, no: D.articleItemNo[i], cats: CATEGORIES.filter((c) => ARTICLE_ITEM_OF[c] === i) }))
    .filter((g) => g.cats.length > 0);
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div class="sitemap-agency">
      <ul class="sitemap-links">
        {agencyNav(code).map((n) => (
          <li>
            <a href={n.href}>{n.label}</a>
          </li>
        ))}
        <li>
          <a href={`/gk/${code}/feed.xml`}>{F.feeds}</a>
        </li>
      </ul>
      {H === 'h2' ? <h2>{F.categories}</h2> : <h3>{F.categories}</h3>}
      <ul class="sitemap-items">
        {items.map((g) => (
          <li>
            <span>
              （{g.no}）{g.label}
            </span>
            <ul>
              {g.cats.map((c) => (
                <li>
                  <a href={categoryPath(code, c)}>{D.categories[c]}</a>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function AgencySitemapPage(p: Omit<FrameProps, 'title' | 'crumbs'>): SafeHtml {
  return (
    <AgencyPage {...p} title={F.sitemap} crumbs={[{ label: F.sitemap }]}>
      <section class="card sitemap" aria-labelledby="sitemap-title">
        <h1 id="sitemap-title">{F.sitemap}</h1>
        <p class="muted">{F.sitemapLead}</p>
        <AgencySections agency={p.agency} headingLevel={2} />
      </section>
    </AgencyPage>
  );
}

/** The platform's map: its own pages, then each agency's column (collapsed lists would hide links from search engines). */
export function PlatformSitemapPage({ agencies, elder }: { agencies: Agency[]; elder: boolean }): SafeHtml {
  return (
    <PortalLayout title={F.sitemap} currentPath="/sitemap" elder={elder}>
      <section class="card sitemap" aria-labelledby="sitemap-title">
        <h1 id="sitemap-title">{F.sitemap}</h1>
        <p class="muted">{F.sitemapLead}</p>
        <ul class="sitemap-links">
          <li>
            <a href="/">{F.platformHome}</a>
          </li>
          <li>
            <a href="/search">{F.platformSearch}</a>
          </li>
          <li>
            <a href="/workdays">{F.workdays}</a>
          </li>
        </ul>
      </section>
      {agencies.map((a) => (
        <Section title={F.agencySections(a.name)} id={`sm-${a.code}`}>
          <AgencySections agency={a} headingLevel={3} />
        </Section>
      ))}
    </PortalLayout>
  );
}
