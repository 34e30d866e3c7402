/** The forms of the records the annual report speaks of (zod); one schema serves create and update. */
import { z } from 'zod';
import { t } from '../shared/i18n/zh-CN.ts';
import { optionalText, requiredText } from '../shared/validation.ts';

const r = t.reports.records;

/** A real calendar date as 'YYYY-MM-DD'. */
export const dateField = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: r.dateRequired(label) })
      .regex(/^\d{4}-\d{2}-\d{2}$/, r.badDate(label))
      .refine((s) => {
        const d = new Date(`${s}T00:00:00Z`);
        return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
      }, r.badDate(label)),
  );

const optionalDate = (label: string) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), dateField(label).optional());

export const yearField = z.coerce
  .number({ error: t.reports.figures.badYear })
  .int(t.reports.figures.badYear)
  .min(2008, t.reports.figures.badYear)
  .max(2299, t.reports.figures.badYear);

/** A checkbox: present ("on", "1", "true", true) means yes. */
const checkbox = z.preprocess((v) => v === true || v === 'on' || v === '1' || v === 'true' || v === 1, z.boolean());

export const PROPOSAL_KINDS = ['cppcc', 'npc'] as const;
export const SATISFACTION = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;

export const proposalSchema = z.object({
  year: yearField,
  kind: z.enum(PROPOSAL_KINDS, { error: r.proposals.badKind }),
  number: requiredText(r.proposals.number, 50),
  title: requiredText(r.proposals.title, 200),
  session: requiredText(r.proposals.session, 100),
  handledOn: optionalDate(r.proposals.handledOn),
  onTime: checkbox,
  replyPublished: checkbox,
  satisfaction: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(SATISFACTION, { error: r.proposals.badSatisfaction }).optional()),
});
export type ProposalInput = z.infer<typeof proposalSchema>;

export const TRAINING_KINDS = ['training', 'meeting'] as const;
export const trainingSchema = z.object({
  heldOn: dateField(r.trainings.heldOn),
  kind: z.enum(TRAINING_KINDS, { error: r.trainings.badKind }),
  topic: requiredText(r.trainings.topic, 200),
  attendance: z.coerce
    .number({ error: r.trainings.badAttendance })
    .int(r.trainings.badAttendance)
    .min(1, r.trainings.badAttendance)
    .max(100000, r.trainings.badAttendance),
  notes: optionalText(1000),
});
export type TrainingInput = z.infer<typeof trainingSchema>;

export const TASK_STATUSES = ['pending', 'in_progress', 'done'] as const;
export const workTaskSchema = z.object({
  year: yearField,
  task: requiredText(r.workPoints.task, 500),
  owner: requiredText(r.workPoints.owner, 100),
  status: z.enum(TASK_STATUSES, { error: r.workPoints.badStatus }).default('pending'),
  note: optionalText(500),
});
export type WorkTaskInput = z.infer<typeof workTaskSchema>;

export const workPlanSchema = z.object({ year: yearField, title: requiredText(r.workPoints.planTitle, 200) });

export const RECTIFICATION_SOURCES = ['inspection', 'evaluation', 'supervision', 'self_check', 'public', 'other'] as const;
export const rectificationSchema = z
  .object({
    problem: requiredText(r.rectification.problem, 500),
    source: z.enum(RECTIFICATION_SOURCES, { error: r.rectification.badSource }),
    sourceDetail: optionalText(200),
    foundOn: dateField(r.rectification.foundOn),
    measure: requiredText(r.rectification.measure, 1000),
    owner: requiredText(r.rectification.owner, 100),
    dueOn: dateField(r.rectification.dueOn),
    closedOn: optionalDate(r.rectification.closedOn),
  })
  .refine((v) => v.dueOn >= v.foundOn, { path: ['dueOn'], message: r.rectification.dueBeforeFound })
  .refine((v) => !v.closedOn || v.closedOn >= v.foundOn, { path: ['closedOn'], message: r.rectification.closedBeforeFound });
export type RectificationInput = z.infer<typeof rectificationSchema>;
