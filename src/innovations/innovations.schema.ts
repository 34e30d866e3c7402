/** The form of a 工作创新 record (zod); one schema serves create and update. */
import { z } from 'zod';
import { dateField } from '../records/fields.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { requiredText } from '../shared/validation.ts';

const T = t.reports.records.innovations;

export const innovationSchema = z.object({
  notedOn: dateField(T.notedOn),
  title: requiredText(T.title, 100),
  summary: requiredText(T.summary, 1000),
});
export type InnovationInput = z.infer<typeof innovationSchema>;
