/**
 * The codes of the national annual-report format (国办公开办函〔2021〕30号) as the interchange spec names them:
 * table 3's applicant columns and outcome rows, table 4's appeal kinds and results. Labels are exact, character for
 * character, because the generator prints them and importers match them.
 */

export const APPLICANT_TYPES = ['natural_person', 'business', 'research', 'public_interest', 'legal_services', 'other_org'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];
/** The seven columns of table 3: six applicant types and their total. */
export const TABLE3_COLUMNS = [...APPLICANT_TYPES, 'total'] as const;
export type Table3Column = (typeof TABLE3_COLUMNS)[number];

export const APPLICANT_TYPE_LABELS: Record<ApplicantType, string> = {
  natural_person: '自然人',
  business: '商业企业',
  research: '科研机构',
  public_interest: '社会公益组织',
  legal_services: '法律服务机构',
  other_org: '其他',
};

/** The 21 outcome rows of table 3 (2021 format), in print order. */
export const OUTCOME_CODES = [
  'granted',
  'partial',
  'refused.state_secret',
  'refused.law_prohibited',
  'refused.security_stability',
  'refused.third_party_rights',
  'refused.internal_affairs',
  'refused.process_information',
  'refused.enforcement_file',
  'refused.administrative_query',
  'unavailable.not_held',
  'unavailable.needs_creation',
  'unavailable.unclear_after_correction',
  'not_processed.complaint',
  'not_processed.duplicate',
  'not_processed.publication',
  'not_processed.excessive',
  'not_processed.confirmation',
  'other.no_correction',
  'other.unpaid_fee',
  'other.other',
] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

export const OUTCOME_LABELS: Record<OutcomeCode, string> = {
  granted: '（一）予以公开',
  partial: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  'refused.state_secret': '1.属于国家秘密',
  'refused.law_prohibited': '2.其他法律行政法规禁止公开',
  'refused.security_stability': '3.危及“三安全一稳定”',
  'refused.third_party_rights': '4.保护第三方合法权益',
  'refused.internal_affairs': '5.属于三类内部事务信息',
  'refused.process_information': '6.属于四类过程性信息',
  'refused.enforcement_file': '7.属于行政执法案卷',
  'refused.administrative_query': '8.属于行政查询事项',
  'unavailable.not_held': '1.本机关不掌握相关政府信息',
  'unavailable.needs_creation': '2.没有现成信息需要另行制作',
  'unavailable.unclear_after_correction': '3.补正后申请内容仍不明确',
  'not_processed.complaint': '1.信访举报投诉类申请',
  'not_processed.duplicate': '2.重复申请',
  'not_processed.publication': '3.要求提供公开出版物',
  'not_processed.excessive': '4.无正当理由大量反复申请',
  'not_processed.confirmation': '5.要求行政机关确认或重新出具已获取信息',
  'other.no_correction': '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  'other.unpaid_fee': '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  'other.other': '3.其他',
};

/** The group headings printed above outcome sub-rows. */
export const OUTCOME_GROUP_LABELS = {
  refused: '（三）不予公开',
  unavailable: '（四）无法提供',
  not_processed: '（五）不予处理',
  other: '（六）其他处理',
} as const;

export const TABLE3_ROW_LABELS = {
  received: '一、本年新收政府信息公开申请数量',
  carriedIn: '二、上年结转政府信息公开申请数量',
  results: '三、本年度办理结果',
  closedTotal: '（七）总计',
  carriedOut: '四、结转下年度继续办理',
  corner: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
} as const;

export const APPEAL_TYPES = ['reconsideration', 'litigation_direct', 'litigation_after_reconsideration'] as const;
export type AppealType = (typeof APPEAL_TYPES)[number];
export const APPEAL_RESULTS = ['upheld', 'corrected', 'other', 'pending'] as const;
export type AppealResult = (typeof APPEAL_RESULTS)[number];

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
