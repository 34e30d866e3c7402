/**
 * What the console says of a case's progress, read from its dates and events (pure): the answer's stage after the
 * letter leaves (sent, delivered, archived — not "待发送" any more), an answer given after the due date (逾期, with
 * its working days), and an extension request left undecided when an older case was answered.
 */
import type { WorkCalendar } from '../calendar/day-table.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import type { AnswerState } from './applications.tables.ts';

const S = t.applications.caseStatus;

/** The answer's stage in words: the stored answer state until the letter is sent, then the case's own dates. */
export function answerStageOf(row: { answerState: AnswerState; closedOn: string | null; deliveredOn: string | null; archivedOn: string | null }): string {
  if (row.archivedOn) return S.archived(row.archivedOn);
  if (row.deliveredOn) return S.delivered(row.deliveredOn);
  if (row.closedOn) return S.sent(row.closedOn);
  return t.applications.answerStates[row.answerState];
}

/**
 * How late an answer was: the working days after the due date up to the answer (0 for a rest day just after it), or
 * null when on time or not answered. The same rule as the interchange's `overdue` (deadlines.isOverdue).
 */
export function lateAnswerDays(calendar: WorkCalendar, row: { dueOn: string | null; closedOn: string | null }): number | null {
  if (!row.dueOn || !row.closedOn || row.closedOn <= row.dueOn) return null;
  return calendar.workdaysBetween(row.dueOn, row.closedOn).days;
}

/** The last extension request of a log that was neither approved, refused nor withdrawn (older cases closed with one). */
export function undecidedExtensionOf(log: readonly { type: string; eventOn: string; dataJson: string | null }[]): { on: string; days: number } | null {
  let open: { on: string; days: number } | null = null;
  for (const e of log) {
    if (e.type === 'extension_requested') open = { on: e.eventOn, days: Number((JSON.parse(e.dataJson ?? '{}') as { days?: unknown }).days ?? 0) };
    else if (e.type === 'extended' || e.type === 'extension_refused' || e.type === 'extension_withdrawn') open = null;
  }
  return open;
}
