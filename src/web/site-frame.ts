/**
 * The footer every public page carries (国办发〔2017〕47号): the portal's shell loads it for the request (the agency's
 * fields over the platform's) and runs the handler inside this context, so PortalLayout finds it without every page
 * passing it along.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type SiteFooter = {
  sponsor: string | null;
  organizer: string | null;
  siteCode: string | null;
  icpRecord: string | null;
  psbRecord: string | null;
  address: string | null;
  phone: string | null;
  sitemapHref: string;
};

const context = new AsyncLocalStorage<SiteFooter>();

/** Runs `fn` (a request's handler) with the footer its pages show. */
export function withSiteFooter(footer: SiteFooter, fn: () => void): void {
  context.run(footer, fn);
}

/** The footer of the current request; outside one (a page rendered by a command), only the site map's link. */
export function currentSiteFooter(): SiteFooter {
  return (
    context.getStore() ?? {
      sponsor: null,
      organizer: null,
      siteCode: null,
      icpRecord: null,
      psbRecord: null,
      address: null,
      phone: null,
      sitemapHref: '/sitemap',
    }
  );
}
