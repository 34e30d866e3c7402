import { countsByCategory } from '../../documents/documents.queries.ts';
import { CATEGORIES } from '../../documents/documents.tables.ts';
import { getCategoryNotes, getDisclosureSettings } from '../../documents/oversight/oversight.queries.ts';
import { chinaDate } from '../../shared/clock.ts';
import { t } from '../../shared/i18n/zh-CN.ts';
import { type Finding, type Indicator, yearRange } from '../indicator.ts';

const D = t.compliance.docs;

// The facts a generated guide cannot do without: who handles requests, where, and how to call them.
const GUIDE_FACTS = ['officeName', 'address', 'phone'] as const;

/**
 * The 公开指南 exists and is current: the agency's own text dated by its last save, or the generated one (which needs
 * the office's name, address and phone) dated by the agency's facts, as the column shows it. A date in or after the
 * checked year passes: only the latest update is stored, so a later one cannot tell about the year.
 */
export const guideIndicator: Indicator = {
  code: 'column.guide',
  title: D.guide,
  rule: D.guideRule,
  weight: 5,
  run: async ({ db, agency, year }) => {
    const settings = await getDisclosureSettings(db, agency.id);
    if (!settings.guideText) {
      const missing = GUIDE_FACTS.filter((f) => !agency[f]?.trim());
      if (missing.length > 0) return [{ key: 'guide:missing', message: D.guideMissing(missing.map((f) => t.agency[f]).join('、')), href: 'settings' }];
    }
    const updatedOn = settings.guideUpdatedOn ?? chinaDate(new Date(agency.updatedAt));
    if (updatedOn >= `${year}-01-01`) return [];
    return [{ key: 'guide:stale', message: D.guideStale(updatedOn, year), href: settings.guideText ? 'disclosure-settings' : 'settings' }];
  },
};

/**
 * The 公开目录 (/gk/:code/list, every published document) exists by the end of the year and was updated in it:
 * something was published or corrected in the year; and every entry published in the year carries its 索引号.
 */
export const catalogueIndicator: Indicator = {
  code: 'column.catalogue',
  title: D.catalogue,
  rule: D.catalogueRule,
  weight: 5,
  run: async ({ db, agency, year }) => {
    const { from, to } = yearRange(year);
    const published = () => db.selectFrom('documents').where('documents.agencyId', '=', agency.id).where('documents.status', '=', 'published');
    const [any, inYear, corrected, noIndex] = await Promise.all([
      published().select('id').where('publishedOn', '<=', to).limit(1).executeTakeFirst(),
      published().select('id').where('publishedOn', '>=', from).where('publishedOn', '<=', to).limit(1).executeTakeFirst(),
      published()
        .innerJoin('documentVersions', 'documentVersions.documentId', 'documents.id')
        .select('documents.id')
        .where('documentVersions.replacedOn', '>=', from)
        .where('documentVersions.replacedOn', '<=', to)
        .limit(1)
        .executeTakeFirst(),
      published().select(['id', 'title']).where('indexNo', 'is', null).where('publishedOn', '>=', from).where('publishedOn', '<=', to).orderBy('id').execute(),
    ]);
    const findings: Finding[] = [];
    if (!any) findings.push({ key: 'catalogue:empty', message: D.catalogueEmpty, href: 'documents' });
    else if (!inYear && !corrected) findings.push({ key: 'catalogue:stale', message: D.catalogueStale(year), href: 'documents' });
    for (const d of noIndex) findings.push({ key: `document:${d.id}:index_no`, message: D.indexNoMissing(d.title), href: `documents/${d.id}` });
    return findings;
  },
};

/**
 * No category of the column is empty at the end of the year (nothing published in it by then) without the agency's
 * note saying why (a bare "本栏目暂无公开信息" is what evaluators count as 空白栏目); the 公开制度 page needs its text.
 * The notes and the rules text have no history: they are read as they stand now (docs/compliance.md).
 */
export const emptyCategoriesIndicator: Indicator = {
  code: 'column.empty_categories',
  title: D.emptyCategories,
  rule: D.emptyCategoriesRule,
  weight: 5,
  run: async ({ db, agency, year }) => {
    const [counts, notes, settings] = await Promise.all([
      countsByCategory(db, agency.id, yearRange(year).to),
      getCategoryNotes(db, agency.id),
      getDisclosureSettings(db, agency.id),
    ]);
    const findings: Finding[] = CATEGORIES.filter((c) => !counts.get(c) && !notes.get(c)).map((c) => ({
      key: `category:${c}:empty`,
      message: D.categoryEmpty(t.documents.categories[c]),
      href: 'disclosure-settings#category-notes',
    }));
    if (!settings.rulesText?.trim()) findings.push({ key: 'column:rules:empty', message: D.rulesEmpty, href: 'disclosure-settings' });
    return findings;
  },
};
