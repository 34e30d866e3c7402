/** The form of an item on the rectification list (zod); one schema serves create and update. */
import { z } from 'zod';
import { dateField, optionalDate } from '../records/fields.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { optionalText, requiredText } from '../shared/validation.ts';

const R = t.reports.records.rectification;

export const RECTIFICATION_SOURCES = ['inspection', 'evaluation', 'supervision', 'self_check', 'public', 'other'] as const;

export const rectificationSchema = z
  .object({
    problem: requiredText(R.problem, 500),
    source: z.enum(RECTIFICATION_SOURCES, { error: R.badSource }),
    sourceDetail: optionalText(200),
    foundOn: dateField(R.foundOn),
    measure: requiredText(R.measure, 1000),
    owner: requiredText(R.owner, 100),
    dueOn: dateField(R.dueOn),
    closedOn: optionalDate(R.closedOn),
  })
  .refine((v) => v.dueOn >= v.foundOn, { path: ['dueOn'], message: R.dueBeforeFound })
  .refine((v) => !v.closedOn || v.closedOn >= v.foundOn, { path: ['closedOn'], message: R.closedBeforeFound });
export type RectificationInput = z.infer<typeof rectificationSchema>;

/** The date an item is closed (销号) on. */
export const closedOnField = dateField(R.closedOn);
