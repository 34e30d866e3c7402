/**
 * The national format of the annual report (国办公开办函〔2021〕30号, and the 2019 trial format): the shapes of
 * tables 2–4 in the interchange JSON, and every heading and label the generator prints, character for character.
 */
import { APPLICANT_TYPES, type AppealResult, type AppealType, OUTCOME_CODES, type OutcomeCode } from './codes.ts';

/** The seven columns of table 3: six applicant types and their total. */
export const TABLE3_COLUMNS = [...APPLICANT_TYPES, 'total'] as const;
export type Table3Column = (typeof TABLE3_COLUMNS)[number];

export const TABLE3_ROW_LABELS = {
  received: '一、本年新收政府信息公开申请数量',
  carriedIn: '二、上年结转政府信息公开申请数量',
  results: '三、本年度办理结果',
  closedTotal: '（七）总计',
  carriedOut: '四、结转下年度继续办理',
  corner: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
} as const;

/** One row of table 3: a count per applicant column. */
export type ApplicantCounts = Record<Table3Column, number>;

/** Table 3 in the interchange JSON shape (`tables.applications`). `outcomes` always holds all 21 codes. */
export type Table3 = {
  received: ApplicantCounts;
  carriedIn: ApplicantCounts;
  outcomes: Record<OutcomeCode, ApplicantCounts>;
  closedTotal: ApplicantCounts;
  carriedOut: ApplicantCounts;
};

/** One appeal block of table 4: four results and their total. */
export type AppealCounts = Record<AppealResult | 'total', number>;

/** Table 4 in the interchange JSON shape (`tables.appeals`). */
export type Table4 = {
  reconsideration: AppealCounts;
  litigationDirect: AppealCounts;
  litigationAfterReconsideration: AppealCounts;
};

/** Table 2 in the interchange JSON shape (`tables.proactive`). */
export type Table2 = {
  rules: { issued: number; repealed: number; inForce: number };
  normativeDocuments: { issued: number; repealed: number; inForce: number };
  licensing: { decisions: number };
  penalties: { decisions: number };
  coercion: { decisions: number };
  fees: { amountWan: number };
};

/** A row of zeros for every table-3 column. */
export function emptyApplicantCounts(): ApplicantCounts {
  return { natural_person: 0, business: 0, research: 0, public_interest: 0, legal_services: 0, other_org: 0, total: 0 };
}

/** An empty table 3 with all 21 outcome rows present. */
export function emptyTable3(): Table3 {
  return {
    received: emptyApplicantCounts(),
    carriedIn: emptyApplicantCounts(),
    outcomes: Object.fromEntries(OUTCOME_CODES.map((c) => [c, emptyApplicantCounts()])) as Record<OutcomeCode, ApplicantCounts>,
    closedTotal: emptyApplicantCounts(),
    carriedOut: emptyApplicantCounts(),
  };
}

/** An empty table 4. */
export function emptyTable4(): Table4 {
  const block = (): AppealCounts => ({ upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 });
  return { reconsideration: block(), litigationDirect: block(), litigationAfterReconsideration: block() };
}

/** Which national format a report follows: the 2021 format from the 2021 report on, the 2019 trial format before. */
export type ReportFormat = '2021' | '2019';

/** The format of the report for a year (国办公开办函〔2021〕30号 applies from the 2021 reports on). */
export function formatForYear(year: number): ReportFormat {
  return year >= 2021 ? '2021' : '2019';
}

/** Table 2 labels of the 2021 format, character for character. */
export const TABLE2_LABELS = {
  heading: '二、主动公开政府信息情况',
  content: '信息内容',
  item1: '第二十条第（一）项',
  item5: '第二十条第（五）项',
  item6: '第二十条第（六）项',
  item8: '第二十条第（八）项',
  item9: '第二十条第（九）项',
  rules: '规章',
  normativeDocuments: '行政规范性文件',
  licensing: '行政许可',
  penalties: '行政处罚',
  coercion: '行政强制',
  fees: '行政事业性收费',
  issued: '本年制发件数',
  repealed: '本年废止件数',
  inForce: '现行有效件数',
  decisions: '本年处理决定数量',
  amountWan: '本年收费金额（单位：万元）',
} as const;

/** Table 2 labels of the 2019 trial format (国办公开办函〔2019〕60号), for 2019 and 2020 reports. */
export const TABLE2_TRIAL_LABELS = {
  normativeDocuments: '规范性文件',
  otherServices: '其他对外管理服务事项',
  procurement: '政府集中采购',
  made: '本年新制作数量',
  published: '本年新公开数量',
  total: '对外公开总数量',
  previousItems: '上一年项目数量',
  change: '本年增/减',
  decisions: '处理决定数量',
  items: '采购项目数量',
  amountWan: '采购总金额',
} as const;

/** Table 2 of the 2019 trial format in the JSON shape (`tables.proactive` of a format "2019" report). */
export type Table2Trial = {
  rules: { made: number; published: number; total: number };
  normativeDocuments: { made: number; published: number; total: number };
  licensing: { previousItems: number; change: number; decisions: number };
  otherServices: { previousItems: number; change: number; decisions: number };
  penalties: { previousItems: number; change: number; decisions: number };
  coercion: { previousItems: number; change: number; decisions: number };
  fees: { previousItems: number; change: number };
  procurement: { items: number; amountWan: number };
};

/** The single row that replaces the three （六）其他处理 sub-rows in the 2019 trial format. */
export const TRIAL_OTHER_LABEL = '（六）其他处理';

export const APPEAL_TYPE_KEYS = {
  reconsideration: 'reconsideration',
  litigation_direct: 'litigationDirect',
  litigation_after_reconsideration: 'litigationAfterReconsideration',
} as const satisfies Record<AppealType, keyof Table4>;

/** Table 4 labels, character for character. */
export const TABLE4_LABELS = {
  heading: '四、政府信息公开行政复议、行政诉讼情况',
  reconsideration: '行政复议',
  litigation: '行政诉讼',
  litigationDirect: '未经复议直接起诉',
  litigationAfterReconsideration: '复议后起诉',
  results: { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结', total: '总计' },
  carriedNote: '注：行政复议、行政诉讼数量含上年度结转数量',
} as const;

export const TABLE3_HEADING = '三、收到和处理政府信息公开申请情况';
export const TABLE3_APPLICANTS = '申请人情况';
export const TABLE3_ORGANISATIONS = '法人或其他组织';
export const TABLE3_TOTAL = '总计';

/** The six section headings of the report, both formats. */
export const SECTION_HEADINGS = {
  overview: '一、总体情况',
  proactive: TABLE2_LABELS.heading,
  applications: TABLE3_HEADING,
  appeals: TABLE4_LABELS.heading,
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项',
} as const;

/** The standard sub-headings of 一、总体情况 in order; a people's government adds the sixth. */
export const OVERVIEW_PARTS = ['active', 'onRequest', 'management', 'platforms', 'oversight', 'assessment'] as const;
export type OverviewPart = (typeof OVERVIEW_PARTS)[number];
export const OVERVIEW_HEADINGS: Record<OverviewPart, string> = {
  active: '（一）主动公开',
  onRequest: '（二）依申请公开',
  management: '（三）政府信息管理',
  platforms: '（四）平台建设',
  oversight: '（五）监督保障',
  assessment: '（六）工作考核、社会评议和责任追究结果情况',
};
