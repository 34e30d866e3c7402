import { interpretationReport, latePublications } from '../../documents/oversight.service.ts';
import type { Indicator } from '../indicator.ts';

/** Applications answered within their period, and none open past it (《条例》第三十三条). */
export const applicationsOnTimeIndicator: Indicator = {
  code: 'applications.on_time',
  title: '依申请公开在法定期限内答复，没有超过期限仍未办结的申请',
  rule: '《条例》第三十三条',
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
    return late.map((a) => ({
      key: `application:${a.id}`,
      message: a.isOpen ? `申请 ${a.ref} 已超过答复期限（${a.dueOn}）仍未办结` : `申请 ${a.ref} 于 ${a.closedOn} 答复，晚于答复期限 ${a.dueOn}`,
      href: `applications/${a.id}`,
    }));
  },
};

/** Documents published within 20 working days of being formed (《条例》第二十六条). */
export const documentsTimelinessIndicator: Indicator = {
  code: 'documents.timeliness',
  title: '主动公开的政府信息自形成之日起20个工作日内公开',
  rule: '《条例》第二十六条',
  weight: 10,
  run: async ({ db, agency, year }) =>
    (await latePublications(db, agency.id, year)).map((d) => ({
      key: `document:${d.id}:late`,
      message: `《${d.title}》成文后第 ${d.workdays} 个工作日才公开${d.provisional ? '（按临时日历计算）' : ''}`,
      href: `documents/${d.id}`,
    })),
};

/** Every normative document of the year has its interpretation, published within the agency's limit. */
export const interpretationIndicator: Indicator = {
  code: 'documents.interpretation',
  title: '规章和行政规范性文件均配套解读，并在规定的工作日内发布',
  rule: '政策解读“三同步”；本机关规定的解读时限',
  weight: 10,
  run: async ({ db, agency, year }) => {
    const { lagDays, items } = await interpretationReport(db, agency.id, { issuedIn: year });
    return items
      .filter((i) => i.late)
      .map((i) => ({
        key: `document:${i.id}:interpretation`,
        message: i.interpretation
          ? `《${i.title}》的解读在文件公开后第 ${i.interpretation.workdays} 个工作日才发布（时限 ${lagDays} 个工作日）`
          : `《${i.title}》尚无政策解读`,
        href: `documents/${i.id}`,
      }));
  },
};
