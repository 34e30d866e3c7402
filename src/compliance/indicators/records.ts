import { interpretationReport, latePublications } from '../../documents/oversight/oversight.queries.ts';
import { t } from '../../shared/i18n/zh-CN.ts';
import { type Indicator, unchecked, yearRange } from '../indicator.ts';

const C = t.compliance;

/**
 * Applications answered within their period, and none open past it (《条例》第三十三条), over the applications of the
 * year: received in it or due in it. An open case counts as overdue once its due date has passed (as of today, or of
 * the year's end for a closed year only if still open); a case answered after its due date counts as late whenever it
 * was answered. A case of 2026 never touches a 2022 check.
 */
export const applicationsOnTimeIndicator: Indicator = {
  code: 'applications.on_time',
  title: C.indicators.applicationsOnTime,
  rule: C.rules.article33,
  weight: 15,
  run: async ({ db, agency, year, today }) => {
    const { from, to } = yearRange(year);
    const ofYear = db
      .selectFrom('applications')
      .where('agencyId', '=', agency.id)
      .where('dueOn', 'is not', null)
      .where((eb) => eb.or([eb.and([eb('receivedOn', '>=', from), eb('receivedOn', '<=', to)]), eb.and([eb('dueOn', '>=', from), eb('dueOn', '<=', to)])]));
    const late = await ofYear
      .select(['id', 'ref', 'dueOn', 'closedOn', 'isOpen'])
      .where((eb) => eb.or([eb.and([eb('isOpen', '=', 1), eb('dueOn', '<', today)]), eb.and([eb('isOpen', '=', 0), eb('closedOn', '>', eb.ref('dueOn'))])]))
      .orderBy('dueOn')
      .orderBy('id')
      .execute();
    if (late.length === 0) {
      // Nothing to judge: no application of the year whose due date has come (or that was answered).
      const judged = await ofYear
        .select('id')
        .where((eb) => eb.or([eb('isOpen', '=', 0), eb('dueOn', '<', today)]))
        .limit(1)
        .executeTakeFirst();
      if (!judged) return unchecked(C.unchecked.noApplications(year));
    }
    // Distinct keys, one record: an overdue case answered late keeps counting (its item closes as 已整改，仍计扣分).
    return late.map((a) => ({
      key: `application:${a.id}:${a.isOpen ? 'overdue' : 'late'}`,
      record: `application:${a.id}`,
      message: a.isOpen ? C.openOverdue(a.ref, a.dueOn) : C.answeredLate(a.ref, a.closedOn, a.dueOn),
      href: `applications/${a.id}`,
    }));
  },
};

/** Documents published within 20 working days of being formed (《条例》第二十六条). */
export const documentsTimelinessIndicator: Indicator = {
  code: 'documents.timeliness',
  title: C.indicators.documentsTimeliness,
  rule: C.rules.article26,
  weight: 10,
  run: async ({ db, agency, year }) => {
    const { from, to } = yearRange(year);
    const any = await db
      .selectFrom('documents')
      .select('id')
      .where('agencyId', '=', agency.id)
      .where('status', '=', 'published')
      .where('publishedOn', '>=', from)
      .where('publishedOn', '<=', to)
      .limit(1)
      .executeTakeFirst();
    if (!any) return unchecked(C.unchecked.noDocuments(year));
    return (await latePublications(db, agency.id, year)).map((d) => ({
      key: `document:${d.id}:late`,
      message: C.publishedLate(d.title, d.workdays, d.provisional),
      href: `documents/${d.id}`,
    }));
  },
};

/** Every normative document of the year has its interpretation, published within the agency's limit. */
export const interpretationIndicator: Indicator = {
  code: 'documents.interpretation',
  title: C.indicators.interpretation,
  rule: C.indicators.interpretationRule,
  weight: 10,
  run: async ({ db, agency, year }) => {
    const { lagDays, items } = await interpretationReport(db, agency.id, { issuedIn: year });
    if (items.length === 0) return unchecked(C.unchecked.noNormative(year));
    return items
      .filter((i) => i.late)
      .map((i) => ({
        key: `document:${i.id}:interpretation`,
        message: i.interpretation ? C.interpretationLate(i.title, i.interpretation.workdays, lagDays) : C.interpretationMissing(i.title),
        href: `documents/${i.id}`,
      }));
  },
};
