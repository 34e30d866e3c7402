/**
 * The row and column codes of tables 2–4 as the CSV export and the readers use them, and helpers that build, merge and
 * read tables in either format. Codes are the interchange JSON keys; the CSV has one line per table row.
 */
import { APPLICANT_TYPE_LABELS, OUTCOME_CODES, OUTCOME_LABELS, type OutcomeCode } from '../vocabulary/codes.ts';
import {
  type ApplicantCounts,
  emptyApplicantCounts,
  emptyTable3,
  emptyTable4,
  type ReportFormat,
  TABLE3_COLUMNS,
  TABLE3_ROW_LABELS,
  TABLE4_LABELS,
  type Table2,
  type Table2Trial,
  type Table3,
  type Table3Column,
  TRIAL_OTHER_LABEL,
} from '../vocabulary/report-format.ts';
import type { FormattedTables } from './report-model.ts';

export const TABLE2_ROWS = ['rules', 'normativeDocuments', 'licensing', 'penalties', 'coercion', 'fees'] as const;
export const TABLE2_COLUMNS = ['issued', 'repealed', 'inForce', 'decisions', 'amountWan'] as const;
export const TABLE2_TRIAL_ROWS = ['rules', 'normativeDocuments', 'licensing', 'otherServices', 'penalties', 'coercion', 'fees', 'procurement'] as const;
export const TABLE2_TRIAL_COLUMNS = ['made', 'published', 'total', 'previousItems', 'change', 'decisions', 'items', 'amountWan'] as const;
export const TABLE4_ROWS = ['reconsideration', 'litigationDirect', 'litigationAfterReconsideration'] as const;
export const TABLE4_COLUMNS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
/** The 2019 trial format prints （六）其他处理 as one row; its code in the CSV. */
export const TRIAL_OTHER_ROW = 'other';

/** Table 3's rows in print order for a format: the trial format has one 其他处理 row instead of three. */
export function table3RowCodes(format: ReportFormat): string[] {
  const outcomes: string[] = format === '2019' ? [...OUTCOME_CODES.filter((c) => !c.startsWith('other.')), TRIAL_OTHER_ROW] : [...OUTCOME_CODES];
  return ['received', 'carriedIn', ...outcomes, 'closedTotal', 'carriedOut'];
}

/** A table-3 row by its CSV code (the trial format's `other` row reads as other.other). */
export function table3Row(t3: Table3, code: string): ApplicantCounts | undefined {
  if (code === 'received' || code === 'carriedIn' || code === 'closedTotal' || code === 'carriedOut') return t3[code];
  if (code === TRIAL_OTHER_ROW) return t3.outcomes['other.other'];
  return (OUTCOME_CODES as readonly string[]).includes(code) ? t3.outcomes[code as OutcomeCode] : undefined;
}

/** Folds the three 其他处理 rows into other.other, as the 2019 trial format counts them. */
export function mergeTrialOther(t3: Table3): Table3 {
  const merged = emptyApplicantCounts();
  for (const c of TABLE3_COLUMNS) merged[c] = t3.outcomes['other.no_correction'][c] + t3.outcomes['other.unpaid_fee'][c] + t3.outcomes['other.other'][c];
  return {
    ...t3,
    outcomes: { ...t3.outcomes, 'other.no_correction': emptyApplicantCounts(), 'other.unpaid_fee': emptyApplicantCounts(), 'other.other': merged },
  };
}

export function emptyTable2(): Table2 {
  return {
    rules: { issued: 0, repealed: 0, inForce: 0 },
    normativeDocuments: { issued: 0, repealed: 0, inForce: 0 },
    licensing: { decisions: 0 },
    penalties: { decisions: 0 },
    coercion: { decisions: 0 },
    fees: { amountWan: 0 },
  };
}

export function emptyTable2Trial(): Table2Trial {
  const items = () => ({ previousItems: 0, change: 0, decisions: 0 });
  return {
    rules: { made: 0, published: 0, total: 0 },
    normativeDocuments: { made: 0, published: 0, total: 0 },
    licensing: items(),
    otherServices: items(),
    penalties: items(),
    coercion: items(),
    fees: { previousItems: 0, change: 0 },
    procurement: { items: 0, amountWan: 0 },
  };
}

/** Empty tables of a format. */
export function emptyTables(format: ReportFormat): FormattedTables {
  return format === '2019'
    ? { format, tables: { proactive: emptyTable2Trial(), applications: emptyTable3(), appeals: emptyTable4() } }
    : { format, tables: { proactive: emptyTable2(), applications: emptyTable3(), appeals: emptyTable4() } };
}

/** Row labels and synonyms a reader accepts besides the codes (规范性文件 for 行政规范性文件, the printed outcome labels). */
export const ROW_SYNONYMS: Record<string, string> = {
  规章: 'rules',
  行政规范性文件: 'normativeDocuments',
  规范性文件: 'normativeDocuments',
  行政许可: 'licensing',
  其他对外管理服务事项: 'otherServices',
  行政处罚: 'penalties',
  行政强制: 'coercion',
  行政事业性收费: 'fees',
  政府集中采购: 'procurement',
  ...Object.fromEntries(OUTCOME_CODES.map((c) => [OUTCOME_LABELS[c], c])),
  [TABLE3_ROW_LABELS.received]: 'received',
  [TABLE3_ROW_LABELS.carriedIn]: 'carriedIn',
  [TABLE3_ROW_LABELS.closedTotal]: 'closedTotal',
  [TABLE3_ROW_LABELS.carriedOut]: 'carriedOut',
  [TRIAL_OTHER_LABEL]: TRIAL_OTHER_ROW,
  [TABLE4_LABELS.reconsideration]: 'reconsideration',
  [TABLE4_LABELS.litigationDirect]: 'litigationDirect',
  [TABLE4_LABELS.litigationAfterReconsideration]: 'litigationAfterReconsideration',
};

/** Column labels a reader accepts besides the codes (the applicant type names, 总计). */
export const COLUMN_SYNONYMS: Record<string, Table3Column> = {
  ...(Object.fromEntries(Object.entries(APPLICANT_TYPE_LABELS).map(([k, v]) => [v, k])) as Record<string, Table3Column>),
  总计: 'total',
};
