/** The format's own labels for our row and column codes, for what a report did not print (a missing row, a column read by position). */
import { APPLICANT_TYPE_LABELS, type ApplicantType, OUTCOME_CODES, type OutcomeCode } from '../../vocabulary/codes.ts';
import { TABLE2_LABELS, TABLE2_TRIAL_LABELS, TABLE3_ROW_LABELS, TABLE3_TOTAL, TABLE4_LABELS, TRIAL_OTHER_LABEL } from '../../vocabulary/report-format.ts';
import { outcomeRowLabel } from '../validation.ts';
import type { TableCode } from './read-model.ts';

export function standardLabel(table: TableCode, axis: 'row' | 'col', code: string): string {
  if (table === 'applications') {
    if (axis === 'col') return code === 'total' ? TABLE3_TOTAL : (APPLICANT_TYPE_LABELS[code as ApplicantType] ?? code);
    if (code === 'other') return TRIAL_OTHER_LABEL;
    if ((OUTCOME_CODES as readonly string[]).includes(code)) return outcomeRowLabel(code as OutcomeCode);
    return (TABLE3_ROW_LABELS as Record<string, string>)[code] ?? code;
  }
  if (table === 'appeals') {
    if (axis === 'col') return (TABLE4_LABELS.results as Record<string, string>)[code] ?? code;
    return (TABLE4_LABELS as unknown as Record<string, string>)[code] ?? code;
  }
  return (TABLE2_LABELS as Record<string, string>)[code] ?? (TABLE2_TRIAL_LABELS as Record<string, string>)[code] ?? code;
}
