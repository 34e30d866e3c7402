/** A report's deadline as the console prints it: the date that applies and how far away it is, or how late it was. */
import type { SafeHtml } from '#jsx/jsx-runtime';
import { t } from '../shared/i18n/zh-CN.ts';
import { type Deadline, daysBetween } from './deadline.ts';

const C = t.reports.console;

/** The deadline in words: the date that applies, and how far away it is. */
export function DeadlineText({ deadline, today }: { deadline: Deadline; today: string }): SafeHtml {
  const days = daysBetween(today, deadline.due);
  return (
    <span>
      {deadline.due}（{deadline.local ? C.localDeadline(deadline.local) : C.legalDeadline(deadline.legal)}）{' '}
      <strong class={days < 0 ? 'overdue' : undefined}>{days > 0 ? C.daysLeft(days) : days === 0 ? C.dueToday : C.overdue(-days)}</strong>
    </span>
  );
}

/** A published report's date against its deadline: on time, or how many days late. */
export function PublishedAgainstDeadline({ deadline, publishedOn }: { deadline: Deadline; publishedOn: string }): SafeHtml {
  const late = daysBetween(deadline.due, publishedOn);
  return (
    <span>
      {deadline.due}；{late > 0 ? <strong class="overdue">{C.publishedLate(publishedOn, late)}</strong> : C.publishedOnTime(publishedOn)}
    </span>
  );
}
