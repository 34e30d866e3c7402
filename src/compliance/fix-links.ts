/**
 * Where the viewer fixes a finding (issue 16, fix links by role). A finding stores a console path (`settings`,
 * `documents/7` …); this module decides, with the policies that guard those pages and their actions, whether the
 * viewer's role can open the page (else no link) and fix the problem there (else the roles that can are named).
 */
import { canOnAgency } from '../agencies/agencies.policy.ts';
import { can as canOnApplications } from '../applications/applications.policy.ts';
import type { Agency, Role } from '../db/schema.ts';
import { canChangePublished, canEditColumnSettings, canEditDrafts, canLinkInterpretation } from '../documents/documents.policy.ts';
import { canTake } from '../reports/reports.policy.ts';
import { type Actor, hasRole } from '../shared/actor.ts';
import { t } from '../shared/i18n/zh-CN.ts';

export type FixLink = { href: string | null; who: string | null };

type Rule = { match: RegExp; open: (actor: Actor, agency: Agency) => boolean; fix: (actor: Actor, agencyId: number) => boolean; who: readonly Role[] };

const member = (a: Actor, g: Agency) => canOnAgency(a, 'view-console', g);
const roles = (who: readonly Role[]) => (a: Actor, agencyId: number) => hasRole(a, agencyId, who);

// Each page a finding links to: who can open it, and whose action there fixes the problem (by the module's policy).
const RULES: Rule[] = [
  { match: /^settings(#|$)/, open: (a, g) => canOnAgency(a, 'edit-facts', g), fix: (a, id) => hasRole(a, id, ['admin']), who: ['admin'] },
  { match: /^disclosure-settings(#|$)/, open: (a, g) => canEditColumnSettings(a, g.id), fix: canEditColumnSettings, who: ['admin'] },
  // A published document is corrected, its validity changed or withdrawn by a leader or admin.
  { match: /^documents\/\d+/, open: member, fix: canChangePublished, who: ['leader', 'admin'] },
  { match: /^documents(#|$)/, open: member, fix: canEditDrafts, who: ['editor', 'admin'] },
  {
    match: /^applications\/\d+/,
    open: (a, g) => canOnApplications(a, 'view', g.id),
    fix: (a, id) => canOnApplications(a, 'handle', id),
    who: ['editor', 'admin'],
  },
  { match: /^reports\/\d+/, open: member, fix: (a, id) => canTake(a, id, 'edit'), who: ['admin', 'editor'] },
  { match: /^compliance(#|$)/, open: member, fix: roles(['admin', 'editor', 'reviewer', 'leader']), who: [] },
];

// An interpretation is linked to its document by an editor, leader or admin (not only a leader or admin).
const INTERPRETATION: Pick<Rule, 'fix' | 'who'> = { fix: canLinkInterpretation, who: ['editor', 'leader', 'admin'] };

/**
 * The link the viewer gets for a finding (`base` is the agency's console, `/admin/:code`) and, when the viewer's role
 * cannot fix the problem there, who can. A path the policies do not know is linked as is.
 */
export function fixLink(actor: Actor, agency: Agency, base: string, finding: { key: string; href?: string | undefined }): FixLink {
  if (!finding.href) return { href: null, who: null };
  if (finding.href.startsWith('/')) return { href: finding.href, who: null };
  const rule = RULES.find((r) => r.match.test(finding.href as string));
  if (!rule) return { href: `${base}/${finding.href}`, who: null };
  const { fix, who } = /^document:\d+:interpretation$/.test(finding.key) ? INTERPRETATION : rule;
  const canFix = fix(actor, agency.id);
  return { href: rule.open(actor, agency) ? `${base}/${finding.href}` : null, who: canFix ? null : who.map((r) => t.compliance.fixRoles[r]).join('或') };
}
