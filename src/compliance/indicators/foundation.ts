import type { Agency } from '../../db/schema.ts';
import { t } from '../../shared/i18n/zh-CN.ts';
import type { Finding, Indicator } from '../indicator.ts';

const CONTACT_FIELDS = ['officeName', 'address', 'officeHours', 'phone', 'fax', 'email', 'postcode'] as const;

/** The contact facts the 公开指南 must give (第十二条) that the agency has not filled in. */
export function missingContactFacts(agency: Pick<Agency, (typeof CONTACT_FIELDS)[number]>): Finding[] {
  return CONTACT_FIELDS.filter((f) => !agency[f]?.trim()).map((f) => ({
    key: `contact:${f}`,
    message: t.compliance.missingContact(t.agency[f]),
    href: 'settings',
  }));
}

/** 公开指南 contact facts complete (《条例》第十二条). */
export const guideContactIndicator: Indicator = {
  code: 'guide.contact',
  title: t.compliance.indicators.guideContact,
  rule: t.compliance.rules.article12,
  weight: 5,
  run: async ({ agency }) => missingContactFacts(agency),
};
