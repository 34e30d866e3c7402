/**
 * The printed labels of tables 2–4 as published reports really print them, matched loosely: brackets half- or
 * full-width, numbering left out or different, remarks in brackets dropped, known slips (三类内容事务信息, 只计这一情况),
 * header variants (现行有效件, 本年(2023)制发件数, 现行有效件数（历史累计）). Each matcher returns our code or undefined.
 */
import { type AppealResult, OUTCOME_CODES, type OutcomeCode } from '../../vocabulary/codes.ts';
import type { Table3Column } from '../../vocabulary/report-format.ts';
import { normaliseLabel } from './grid.ts';

/** The label without its numbering (（一） 1. 一、) and without remarks in brackets. */
export function labelStem(label: string): string {
  return normaliseLabel(label)
    .replace(/^[（]?[一二三四五六七八九十0-9]+[）、.]?/, '')
    .replace(/（[^（）]*）/g, '')
    .replace(/[：:]$/, '');
}

/** Table 2 rows (both layouts). */
export function table2Row(label: string): string | undefined {
  const s = labelStem(label);
  if (s === '规章') return 'rules';
  if (s.endsWith('规范性文件')) return 'normativeDocuments';
  if (s === '行政许可') return 'licensing';
  if (s.startsWith('其他对外管理服务')) return 'otherServices';
  if (s === '行政处罚') return 'penalties';
  if (s === '行政强制') return 'coercion';
  if (s.includes('行政事业性收费')) return 'fees';
  if (s.includes('政府集中采购')) return 'procurement';
  return undefined;
}

/** Table 2 columns of either layout, from the header as printed. */
export function table2Column(label: string): string | undefined {
  const s = normaliseLabel(label).replace(/（[^（）]*）/g, '');
  if (s.includes('制发')) return 'issued';
  if (s.includes('废止')) return 'repealed';
  if (s.includes('现行有效')) return 'inForce';
  if (s.includes('新制作')) return 'made';
  if (s.includes('新公开')) return 'published';
  if (s.includes('对外公开总')) return 'total';
  if (s.includes('上一年项目')) return 'previousItems';
  // Printed 本年增/减, 本年增减, and (one township's page) 本年增/ with 减 lost.
  if (s.startsWith('本年增') || s.includes('增/减') || s.includes('增减')) return 'change';
  if (s.includes('处理决定')) return 'decisions';
  if (s.includes('采购项目数')) return 'items';
  if (s.includes('收费金额') || s.includes('采购总金额')) return 'amountWan';
  return undefined;
}

/** The columns of table 2 each row has, per layout. */
export const TABLE2_SHAPE: Record<'2021' | '2019', Record<string, readonly string[]>> = {
  '2021': {
    rules: ['issued', 'repealed', 'inForce'],
    normativeDocuments: ['issued', 'repealed', 'inForce'],
    licensing: ['decisions'],
    penalties: ['decisions'],
    coercion: ['decisions'],
    fees: ['amountWan'],
  },
  '2019': {
    rules: ['made', 'published', 'total'],
    normativeDocuments: ['made', 'published', 'total'],
    licensing: ['previousItems', 'change', 'decisions'],
    otherServices: ['previousItems', 'change', 'decisions'],
    penalties: ['previousItems', 'change', 'decisions'],
    coercion: ['previousItems', 'change', 'decisions'],
    fees: ['previousItems', 'change'],
    procurement: ['items', 'amountWan'],
  },
};

const APPLICANT_HEADERS: Record<string, Table3Column> = {
  自然人: 'natural_person',
  商业企业: 'business',
  科研机构: 'research',
  社会公益组织: 'public_interest',
  法律服务机构: 'legal_services',
  其他: 'other_org',
  总计: 'total',
  合计: 'total',
};

/** A table-3 column header (自然人, 商业企业 … 其他, 总计). */
export const table3Column = (label: string): Table3Column | undefined => APPLICANT_HEADERS[normaliseLabel(label)];

/** Whether a label belongs to table 3's header (so a row holding it is a header row, not the 总计 row). */
export const isTable3Header = (label: string) => {
  const s = normaliseLabel(label);
  return s === '申请人情况' || s === '法人或其他组织' || (s in APPLICANT_HEADERS && s !== '总计' && s !== '合计');
};

const OUTCOME_KEYWORDS: [string, OutcomeCode][] = [
  ['予以公开', 'granted'],
  ['部分公开', 'partial'],
  ['国家秘密', 'refused.state_secret'],
  ['法律行政法规禁止', 'refused.law_prohibited'],
  ['三安全一稳定', 'refused.security_stability'],
  ['第三方', 'refused.third_party_rights'],
  ['内部事务', 'refused.internal_affairs'],
  ['三类内', 'refused.internal_affairs'],
  ['过程性', 'refused.process_information'],
  ['执法案卷', 'refused.enforcement_file'],
  ['行政查询', 'refused.administrative_query'],
  ['不掌握', 'unavailable.not_held'],
  ['另行制作', 'unavailable.needs_creation'],
  ['补正后', 'unavailable.unclear_after_correction'],
  ['信访', 'not_processed.complaint'],
  ['重复申请', 'not_processed.duplicate'],
  ['公开出版物', 'not_processed.publication'],
  ['大量反复', 'not_processed.excessive'],
  ['重新出具', 'not_processed.confirmation'],
  ['逾期不补正', 'other.no_correction'],
  ['缴纳费用', 'other.unpaid_fee'],
];

/** What a table-3 row label is: a data row's code, a group heading, or nothing we know. */
export type Table3Label = { kind: 'row'; code: string } | { kind: 'group'; group: string } | undefined;

/** Table 3's rows. `other` is the 2019 layout's single （六）其他处理 row; `3.其他` under （六） is other.other. */
export function table3Label(label: string, inOtherGroup: boolean): Table3Label {
  const s = labelStem(label);
  if (s === '') return undefined;
  if (s.includes('本年新收')) return { kind: 'row', code: 'received' };
  if (s.includes('上年结转')) return { kind: 'row', code: 'carriedIn' };
  if (s.includes('结转下年度')) return { kind: 'row', code: 'carriedOut' };
  if (s === '总计' && normaliseLabel(label).startsWith('（七）')) return { kind: 'row', code: 'closedTotal' };
  if (s.includes('本年度办理结果')) return { kind: 'group', group: 'results' };
  for (const [word, code] of OUTCOME_KEYWORDS) if (s.includes(word)) return { kind: 'row', code };
  if (s === '不予公开' || s === '无法提供' || s === '不予处理') return { kind: 'group', group: s };
  if (s === '其他处理') return { kind: 'row', code: 'other' };
  if (s === '其他' && inOtherGroup) return { kind: 'row', code: 'other.other' };
  if (s === '总计') return { kind: 'row', code: 'closedTotal' };
  return undefined;
}

export const TABLE3_OUTCOME_ROWS: readonly string[] = OUTCOME_CODES;

/** Table 4's blocks and results, from the header texts above a column (or a row's label in a transposed table). */
export function table4Block(texts: readonly string[]): 'reconsideration' | 'litigationDirect' | 'litigationAfterReconsideration' | undefined {
  const all = texts.map(normaliseLabel);
  if (all.some((s) => s.includes('未经复议') || s.includes('直接起诉'))) return 'litigationDirect';
  if (all.some((s) => s.includes('复议后起诉'))) return 'litigationAfterReconsideration';
  if (all.some((s) => s.includes('行政复议'))) return 'reconsideration';
  return undefined;
}

export function table4Result(text: string): AppealResult | 'total' | undefined {
  const s = normaliseLabel(text);
  if (s.includes('维持')) return 'upheld';
  if (s.includes('纠正')) return 'corrected';
  if (s.includes('其他结果')) return 'other';
  if (s.includes('尚未审结') || s.includes('未审结')) return 'pending';
  if (s === '总计' || s === '合计' || s === '小计') return 'total';
  return undefined;
}
