import { t } from '../shared/i18n/zh-CN.ts';
import type { NavItem } from '../web/layout.tsx';

/** Navigation of an agency's portal; later modules add their entries here. */
export function agencyNav(code: string): NavItem[] {
  return [
    { label: t.site.home, href: `/gk/${code}/` },
    { label: t.nav.guide, href: `/gk/${code}/guide` },
    { label: t.documents.portal.rules, href: `/gk/${code}/rules` },
    { label: t.nav.catalogue, href: `/gk/${code}/list` },
    { label: t.documents.search.title, href: `/gk/${code}/search` },
    { label: t.nav.apply, href: `/gk/${code}/apply` },
    { label: t.nav.track, href: `/gk/${code}/track` },
    { label: t.nav.reports, href: `/gk/${code}/reports` },
    { label: t.performance.title, href: `/gk/${code}/performance` },
  ];
}
