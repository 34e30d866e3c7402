import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { type Child, raw, type SafeHtml } from '#jsx/jsx-runtime';
import type { Agency } from '../db/schema.ts';
import type { Actor } from '../shared/actor.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { CsrfField } from './components.tsx';
import { currentSiteFooter, type SiteFooter } from './site-frame.ts';

/** The stylesheet's content hash: assets are cached for a week, so a changed stylesheet must have a new address. */
export const ASSET_VERSION = createHash('sha256')
  .update(fs.readFileSync(new URL('./assets/site.css', import.meta.url)))
  .digest('hex')
  .slice(0, 10);
const DOCTYPE = raw('<!doctype html>');

export type NavItem = { label: string; href: string };

type DocProps = { title: string; elder?: boolean; bodyClass?: string; canonical?: string | undefined; description?: string; children?: Child };

function Document(p: DocProps): SafeHtml {
  return (
    <>
      {DOCTYPE}
      <html lang="zh-CN" class={p.elder ? 'elder' : undefined}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{p.title}</title>
          {p.description ? <meta name="description" content={p.description} /> : null}
          {p.canonical ? <link rel="canonical" href={p.canonical} /> : null}
          <link rel="stylesheet" href={`/assets/site.css?v=${ASSET_VERSION}`} />
          <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        </head>
        <body class={p.bodyClass}>
          <a class="skip" href="#main">
            {t.site.skipToContent}
          </a>
          {p.children}
        </body>
      </html>
    </>
  );
}

export type PortalPageProps = {
  title: string;
  /** The agency whose portal this page belongs to; the platform's own pages have none. */
  agency?: Pick<Agency, 'code' | 'name'> | undefined;
  nav?: NavItem[];
  currentPath: string;
  elder: boolean;
  canonical?: string | undefined;
  description?: string;
  children?: Child;
};

/** The public portal's page frame: masthead, navigation, footer, and the 适老化 switch. */
export function PortalLayout(p: PortalPageProps): SafeHtml {
  const brandName = p.agency?.name ?? t.site.platformName;
  const brandHref = p.agency ? `/gk/${p.agency.code}/` : '/';
  const fullTitle = p.agency ? `${p.title} - ${p.agency.name}` : `${p.title} - ${t.site.platformName}`;
  const elderHref = `/elder?on=${p.elder ? '0' : '1'}&back=${encodeURIComponent(p.currentPath)}`;
  return (
    <Document title={fullTitle} elder={p.elder} canonical={p.canonical} description={p.description}>
      <div class="topbar">
        <div class="wrap">
          <span>{t.site.platformName}</span>
          <span>
            <a href={elderHref}>{p.elder ? t.site.elderModeOff : t.site.elderMode}</a>
          </span>
        </div>
      </div>
      <header class="masthead">
        <div class="wrap">
          <a class="brand" href={brandHref}>
            <span class="brand-name">{brandName}</span>
            <span class="brand-sub">{p.agency ? t.nav.disclosureColumn : t.site.footerNote}</span>
          </a>
        </div>
      </header>
      {p.nav && p.nav.length > 0 ? <MainNav items={p.nav} currentPath={p.currentPath} /> : null}
      <main id="main">
        <div class="wrap">{p.children}</div>
      </main>
      <SiteFooterView footer={currentSiteFooter()} />
    </Document>
  );
}

const navLinks = (items: NavItem[], currentPath: string) => (
  <ul>
    {items.map((item) => (
      <li>
        <a href={item.href} aria-current={item.href === currentPath ? 'page' : undefined}>
          {item.label}
        </a>
      </li>
    ))}
  </ul>
);

/**
 * The column navigation: a row of links on wide screens; on a phone one row, a <details> that opens the list (no
 * JavaScript, keyboard and screen reader work as for any disclosure widget). Only one of the two is displayed.
 */
function MainNav({ items, currentPath }: { items: NavItem[]; currentPath: string }): SafeHtml {
  const current = items.find((i) => i.href === currentPath);
  return (
    <nav class="mainnav" aria-label="主导航">
      <div class="wrap nav-wide">{navLinks(items, currentPath)}</div>
      <details class="wrap nav-narrow">
        <summary>
          {t.frame.menu}
          {current ? <span class="nav-current">：{current.label}</span> : null}
        </summary>
        {navLinks(items, currentPath)}
      </details>
    </nav>
  );
}

/** The footer by 国办发〔2017〕47号: the site map, 主办/承办单位, contact, 网站标识码, the records, the 党政机关 mark. */
function SiteFooterView({ footer: f }: { footer: SiteFooter }): SafeHtml {
  const F = t.frame;
  return (
    <footer class="site">
      <div class="wrap site-footer">
        <span class="gov-mark" role="img" aria-label={F.partyGovMarkTitle}>
          <span aria-hidden="true">{F.partyGovMark}</span>
        </span>
        <div>
          <p>
            <a href={f.sitemapHref}>{F.sitemap}</a>
          </p>
          {f.sponsor || f.organizer ? (
            <p>
              {f.sponsor ? (
                <span class="footer-item">
                  {F.sponsor}：{f.sponsor}
                </span>
              ) : null}
              {f.organizer ? (
                <span class="footer-item">
                  {F.organizer}：{f.organizer}
                </span>
              ) : null}
            </p>
          ) : null}
          {f.address || f.phone ? (
            <p>
              {f.address ? (
                <span class="footer-item">
                  {F.address}：{f.address}
                </span>
              ) : null}
              {f.phone ? (
                <span class="footer-item">
                  {F.phone}：{f.phone}
                </span>
              ) : null}
            </p>
          ) : null}
          {f.siteCode || f.icpRecord || f.psbRecord ? (
            <p>
              {f.siteCode ? (
                <span class="footer-item">
                  {F.siteCode}：{f.siteCode}
                </span>
              ) : null}
              {f.icpRecord ? (
                <span class="footer-item">
                  <a href="https://beian.miit.gov.cn/" rel="noopener">
                    {f.icpRecord}
                  </a>
                </span>
              ) : null}
              {f.psbRecord ? <span class="footer-item">{f.psbRecord}</span> : null}
            </p>
          ) : null}
          <p class="muted-inverse">{t.site.footerNote}</p>
        </div>
      </div>
    </footer>
  );
}

export type AdminPageProps = {
  title: string;
  actor: Actor | null;
  csrfToken?: string | undefined;
  agency?: Pick<Agency, 'code' | 'name'> | undefined;
  sideNav?: { heading: string; items: NavItem[] }[];
  currentPath: string;
  children?: Child;
};

/** The admin console's frame: who is signed in, the agency being worked on, and the module navigation. */
export function AdminLayout(p: AdminPageProps): SafeHtml {
  const userName = p.actor?.kind === 'user' ? p.actor.name : null;
  return (
    <Document title={`${p.title} - ${t.admin.consoleTitle}`} bodyClass="console">
      <header class="masthead">
        <div class="wrap">
          <a class="brand" href="/admin">
            <span class="brand-name">
              {t.site.platformName} · {t.admin.consoleTitle}
            </span>
            {p.agency ? <span class="brand-sub">{p.agency.name}</span> : null}
          </a>
          {userName && p.csrfToken ? (
            <div class="userbox">
              <span>
                {t.admin.signedInAs}：{userName}
              </span>
              <a href="/admin/account/password">{t.auth.changePassword}</a>
              <form method="post" action="/admin/logout">
                <CsrfField token={p.csrfToken} />
                <button type="submit" class="linkish">
                  {t.auth.logout}
                </button>
              </form>
            </div>
          ) : null}
        </div>
      </header>
      <main id="main">
        <div class="wrap">
          {p.sideNav && p.sideNav.length > 0 ? (
            <div class="console-body">
              <nav class="sidenav" aria-label="工作模块">
                {p.sideNav.map((group) => (
                  <>
                    <h2>{group.heading}</h2>
                    <ul>
                      {group.items.map((item) => (
                        <li>
                          <a href={item.href} aria-current={item.href === p.currentPath ? 'page' : undefined}>
                            {item.label}
                          </a>
                        </li>
                      ))}
                    </ul>
                  </>
                ))}
              </nav>
              <div>{p.children}</div>
            </div>
          ) : (
            p.children
          )}
        </div>
      </main>
    </Document>
  );
}

/** A plain page for errors, shared by portal and console. */
export function ErrorPage({ status, title, message, elder }: { status: number; title: string; message: string; elder?: boolean }): SafeHtml {
  return (
    <PortalLayout title={title} currentPath="" elder={elder ?? false}>
      <section class="card" aria-labelledby="err-title">
        <h1 id="err-title">{title}</h1>
        <p>{message}</p>
        <p class="muted">
          {t.errors.errorCode}：{status}
        </p>
        <p>
          <a class="btn secondary" href="/">
            {t.site.backHome}
          </a>
        </p>
      </section>
    </PortalLayout>
  );
}
