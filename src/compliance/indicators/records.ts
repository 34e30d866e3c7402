import { interpretationReport, latePublications } from '../../documents/oversight/oversight.queries.ts';
import { t } from '../../shared/i18n/zh-CN.ts';
import type { Indicator } from '../indicator.ts';

const C = t.compliance;

/** Applications answered within their period, and none open past it (《条例》第三十三条). */
export const applicationsOnTimeIndicator: Indicator = {
  code: 'applications.on_time',
  title: C.indicators.applicationsOnTime,
  rule: C.rules.article33,
  weight: 15,
  run: async ({ db, agency, year, today }) => {
    const late = await db
      .selectFrom('applications')
      .select(['id', 'ref', 'dueOn', 'closedOn', 'isOpen'])
      .where('agencyId', '=', agency.id)
      .where('dueOn', 'is not', null)
      .where((eb) =>
        eb.or([
          eb.and([eb('isOpen', '=', 1), eb('dueOn', '<', today)]),
          eb.and([eb('closedOn', '>=', `${year}-01-01`), eb('closedOn', '<=', `${year}-12-31`), eb('closedOn', '>', eb.ref('dueOn'))]),
        ]),
      )
      .orderBy('dueOn')
      .execute();
    // Distinct keys: an overdue case is rectified by answering it (its item closes), a late answer stays on the record.
    return late.map((a) => ({
      key: `application:${a.id}:${a.isOpen ? 'overdue' : 'late'}`,
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
  run: async ({ db, agency, year }) =>
    (await latePublications(db, agency.id, year)).map((d) => ({
      key: `document:${d.id}:late`,
      message: C.publishedLate(d.title, d.workdays, d.provisional),
      href: `documents/${d.id}`,
    })),
};

/** Every normative document of the year has its interpretation, published within the agency's limit. */
export const interpretationIndicator: Indicator = {
  code: 'documents.interpretation',
  title: C.indicators.interpretation,
  rule: C.indicators.interpretationRule,
  weight: 10,
  run: async ({ db, agency, year }) => {
    const { lagDays, items } = await interpretationReport(db, agency.id, { issuedIn: year });
    return items
      .filter((i) => i.late)
      .map((i) => ({
        key: `document:${i.id}:interpretation`,
        message: i.interpretation ? C.interpretationLate(i.title, i.interpretation.workdays, lagDays) : C.interpretationMissing(i.title),
        href: `documents/${i.id}`,
      }));
  },
};
