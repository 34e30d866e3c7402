/** The forms of the year's 政务公开工作要点: the plan's title and its tasks (zod). */
import { z } from 'zod';
import { yearField } from '../records/fields.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { optionalText, requiredText } from '../shared/validation.ts';

const W = t.reports.records.workPoints;

export const TASK_STATUSES = ['pending', 'in_progress', 'done'] as const;

export const workTaskSchema = z.object({
  year: yearField,
  task: requiredText(W.task, 500),
  owner: requiredText(W.owner, 100),
  status: z.enum(TASK_STATUSES, { error: W.badStatus }).default('pending'),
  note: optionalText(500),
});
export type WorkTaskInput = z.infer<typeof workTaskSchema>;

export const workPlanSchema = z.object({ year: yearField, title: requiredText(W.planTitle, 200) });
