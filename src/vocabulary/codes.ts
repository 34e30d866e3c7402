/**
 * The legal vocabulary shared by the modules (applications, appeals, the annual report, performance, the city view):
 * the codes of the national annual-report format (国办公开办函〔2021〕30号) as the interchange spec names them —
 * applicant types, the outcome of an application (table 3's rows), appeal kinds and results (table 4). Labels are
 * exact, character for character, because the generator prints them and importers match them.
 */

export const APPLICANT_TYPES = ['natural_person', 'business', 'research', 'public_interest', 'legal_services', 'other_org'] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];

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

export const APPEAL_TYPES = ['reconsideration', 'litigation_direct', 'litigation_after_reconsideration'] as const;
export type AppealType = (typeof APPEAL_TYPES)[number];
export const APPEAL_RESULTS = ['upheld', 'corrected', 'other', 'pending'] as const;
export type AppealResult = (typeof APPEAL_RESULTS)[number];
