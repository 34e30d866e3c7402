/**
 * The 公开指南's rules (pure): which facts it still lacks (listed to staff, never shown to citizens as placeholders),
 * its 最近更新日期, the staff's paragraphs of a section.
 */
import type { Agency } from '../db/schema.ts';
import { chinaDate } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import type { GuideSectionKey, GuideSectionsTable, GuideSettingsTable } from './guide.tables.ts';

export type GuideSettings = Omit<GuideSettingsTable, 'agencyId' | 'acceptsEmail' | 'updatedAt'> & { acceptsEmail: boolean; updatedAt: string | null };

export type GuideData = {
  agency: Agency;
  departments: string[];
  parentName: string | null;
  /** 行政复议机关 and court, from the application settings. */
  reviewBody: string | null;
  court: string | null;
  settings: GuideSettings;
  sections: Map<GuideSectionKey, GuideSectionsTable>;
  /** The column's guide date (documents' disclosure settings), kept for guides saved before this page. */
  guideUpdatedOn: string | null;
};

/** Where staff fill a missing fact: the agency's settings, this guide's form, or the application settings. */
export type FillAt = 'facts' | 'guide' | 'applications';
export type MissingFact = { label: string; at: FillAt };

const C = t.guide.console;
const blank = (v: string | null | undefined) => !v?.trim();

/** The facts a complete guide (国办公开办函〔2019〕61号, 条例 第十二条) needs that the agency has not given. */
export function missingGuideFacts(d: GuideData): MissingFact[] {
  const a = d.agency;
  const s = d.settings;
  const out: MissingFact[] = [];
  for (const f of ['officeName', 'address', 'officeHours', 'phone', 'postcode'] as const) {
    if (blank(a[f])) out.push({ label: t.agency[f], at: 'facts' });
  }
  if (d.departments.length === 0) out.push({ label: C.departmentsMissing, at: 'facts' });
  if (s.acceptsEmail && blank(a.email)) out.push({ label: C.emailNeeded, at: 'facts' });
  const guideFields = ['functions', 'mailingAddress', 'receptionAddress', 'feePayment', 'supervisor', 'supervisorPhone', 'reviewPhone', 'courtPhone'] as const;
  for (const f of guideFields) if (blank(s[f])) out.push({ label: C[f], at: 'guide' });
  if (blank(d.reviewBody)) out.push({ label: t.applications.settings.reviewBody, at: 'applications' });
  if (blank(d.court)) out.push({ label: t.applications.settings.court, at: 'applications' });
  return out;
}

/** The guide's 最近更新日期 (China time): the latest change of anything it is generated from. */
export function guideUpdatedOn(d: GuideData): string {
  const dates = [chinaDate(d.agency.updatedAt)];
  if (d.settings.updatedAt) dates.push(chinaDate(d.settings.updatedAt));
  for (const s of d.sections.values()) dates.push(chinaDate(s.updatedAt));
  if (d.guideUpdatedOn) dates.push(d.guideUpdatedOn);
  return dates.sort().at(-1) as string;
}

/** A text as paragraphs: one per non-empty line. */
export const paragraphs = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
