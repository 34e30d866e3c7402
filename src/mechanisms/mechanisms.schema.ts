/** The form of a 工作机制 record: a leading group's setting-up or adjustment, or a rule (zod); one schema for create and update. */
import { z } from 'zod';
import { checkbox, dateField } from '../records/fields.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { optionalText, requiredText } from '../shared/validation.ts';

const T = t.reports.records.mechanisms;

export const MECHANISM_KINDS = ['leading_group', 'rule'] as const;

// The name is printed inside 《》 (a rule) or as is (a group): the form takes it without the brackets.
const bareName = z.preprocess((v) => (typeof v === 'string' ? v.replace(/^《(.*)》$/, '$1') : v), requiredText(T.name, 100));

export const mechanismSchema = z.object({
  kind: z.enum(MECHANISM_KINDS, { error: T.badKind }),
  name: bareName,
  adoptedOn: dateField(T.adoptedOn),
  adjusted: checkbox,
  reason: optionalText(100),
  detail: optionalText(500),
});
export type MechanismInput = z.infer<typeof mechanismSchema>;
