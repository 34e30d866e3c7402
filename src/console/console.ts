import type { FastifyReply, FastifyRequest } from 'fastify';
import { canOnAgency } from '../agencies/agencies.policy.ts';
import { findAgencyByCode } from '../agencies/agencies.service.ts';
import type { Agency } from '../db/schema.ts';
import type { Actor } from '../shared/actor.ts';
import { DomainError, notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import type { NavItem } from '../web/layout.tsx';

/** The annual report's entries: the report and the records it is drafted from. */
function reportsNav(base: string): { heading: string; items: NavItem[] } {
  const r = t.reports;
  return {
    heading: r.console.nav,
    items: [
      { label: r.console.title, href: `${base}/reports` },
      { label: r.figures.title, href: `${base}/figures` },
      { label: r.records.proposals.heading, href: `${base}/proposals` },
      { label: r.records.trainings.heading, href: `${base}/trainings` },
      { label: r.records.workPoints.heading, href: `${base}/work-points` },
      { label: r.records.rectification.heading, href: `${base}/rectification` },
      { label: r.records.mechanisms.heading, href: `${base}/mechanisms` },
      { label: r.records.innovations.heading, href: `${base}/innovations` },
    ],
  };
}

/** The 主动公开 entries of the console navigation. */
function documentsNav(agency: Agency, actor: Actor): NavItem[] {
  const base = `/admin/${agency.code}`;
  const A = t.documents.admin;
  const items: NavItem[] = [
    { label: A.list, href: `${base}/documents` },
    { label: A.reviewQueue, href: `${base}/review` },
    { label: A.interpretations, href: `${base}/interpretations` },
    { label: A.timeliness, href: `${base}/timeliness` },
    { label: A.cleanup, href: `${base}/cleanup` },
    { label: A.sensitiveWords, href: `${base}/sensitive-words` },
  ];
  if (canOnAgency(actor, 'edit-facts', agency)) items.push({ label: A.settings, href: `${base}/disclosure-settings` });
  return items;
}

export type UserActor = Extract<Actor, { kind: 'user' }>;

/** The signed-in user, or UNAUTHENTICATED (which sends a browser to the login page). */
export function requireUser(request: FastifyRequest): UserActor {
  if (request.actor.kind !== 'user') throw new DomainError('UNAUTHENTICATED', t.auth.mustLogin);
  return request.actor;
}

/** The signed-in platform superadmin; platform pages read as absent to everyone else. */
export function requireSuperadmin(request: FastifyRequest): UserActor {
  const actor = requireUser(request);
  if (!actor.isSuperadmin) throw notFound();
  return actor;
}

/**
 * The agency named in the URL, for a user who works there. Another agency's pages read as not found, so the
 * console never confirms that an agency or record the user may not see exists.
 */
export async function consoleAgency(request: FastifyRequest<{ Params: { agency: string } }>): Promise<{ actor: UserActor; agency: Agency }> {
  const actor = requireUser(request);
  const agency = await findAgencyByCode(request.server.deps.db, request.params.agency);
  if (!agency || !canOnAgency(actor, 'view-console', agency)) throw notFound();
  return { actor, agency };
}

/** A fresh CSRF token for the forms of the page being rendered. */
export function csrfToken(reply: FastifyReply): string {
  return reply.generateCsrf();
}

/** The console's side navigation for an agency; entries show only to roles that may use them. */
export function consoleNav(agency: Agency, actor: Actor): { heading: string; items: NavItem[] }[] {
  const base = `/admin/${agency.code}`;
  const manage: NavItem[] = [];
  if (canOnAgency(actor, 'edit-facts', agency)) {
    manage.push({ label: t.admin.settings, href: `${base}/settings` });
    manage.push({ label: t.guide.console.title, href: `${base}/guide` }, { label: t.frame.console.title, href: `${base}/site` });
  }
  if (canOnAgency(actor, 'manage-users', agency)) manage.push({ label: t.admin.users, href: `${base}/users` });
  if (canOnAgency(actor, 'view-audit', agency)) manage.push({ label: t.admin.audit, href: `${base}/audit` });
  return [
    {
      heading: t.admin.modules,
      items: [
        { label: t.admin.agencyHome, href: `${base}` },
        { label: t.applications.queue, href: `${base}/applications` },
        { label: t.applications.proactive.nav, href: `${base}/applications/suggestions` },
        { label: t.applications.appeals, href: `${base}/appeals` },
        { label: t.compliance.title, href: `${base}/compliance` },
        { label: t.performance.title, href: `${base}/performance` },
        ...(canOnAgency(actor, 'view-city', agency) ? [{ label: t.city.nav, href: `${base}/city` }] : []),
      ],
    },
    { heading: t.documents.module, items: documentsNav(agency, actor) },
    reportsNav(base),
    { heading: '机关管理', items: manage },
  ];
}
