/** The form of a training or meeting on disclosure work (zod); one schema serves create and update. */
import { z } from 'zod';
import { dateField } from '../records/fields.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { optionalText, requiredText } from '../shared/validation.ts';

const T = t.reports.records.trainings;

export const TRAINING_KINDS = ['training', 'meeting'] as const;

export const trainingSchema = z.object({
  heldOn: dateField(T.heldOn),
  kind: z.enum(TRAINING_KINDS, { error: T.badKind }),
  topic: requiredText(T.topic, 200),
  // Not every agency counts who came: a blank is 0, "not counted", and the report then gives no number.
  attendance: z.preprocess(
    (v) => (v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? 0 : v),
    z.coerce.number({ error: T.badAttendance }).int(T.badAttendance).min(0, T.badAttendance).max(100000, T.badAttendance),
  ),
  notes: optionalText(1000),
});
export type TrainingInput = z.infer<typeof trainingSchema>;
