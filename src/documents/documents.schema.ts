import { z } from 'zod';
import { isValidDate } from '../calendar/civil-date.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { optionalText, requiredText } from '../shared/validation.ts';
import { CATEGORIES, INTERPRETATION_FORMS, VALIDITIES } from './documents.tables.ts';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);

export const dateField = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.string({ error: t.documents.errors.fill(label) }).refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isValidDate(s), t.documents.errors.date),
  );
export const optionalDate = z.preprocess(
  blankToUndefined,
  z
    .string()
    .refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && isValidDate(s), t.documents.errors.date)
    .optional(),
);

const f = t.documents.fields;

/** The fields of a document that an editor drafts (and an import supplies). */
export const draftSchema = z
  .object({
    title: requiredText(f.title, 300),
    ref: z.preprocess(blankToUndefined, z.string().max(60).regex(/^\S+$/, t.documents.errors.refSpaces).optional()),
    indexNo: optionalText(80),
    docNo: optionalText(80),
    issuingBody: optionalText(100),
    category: z.enum(CATEGORIES, { error: t.documents.errors.choose(f.category) }),
    topic: optionalText(50),
    issuedOn: dateField(f.issuedOn),
    publishedOn: optionalDate,
    body: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().max(500_000, t.documents.errors.bodyTooLong)),
    validity: z.preprocess(blankToUndefined, z.enum(VALIDITIES).optional()),
    validityChangedOn: optionalDate,
    interpretsId: z.preprocess((v) => (v === '' || v === null ? undefined : typeof v === 'string' ? Number(v) : v), z.number().int().positive().optional()),
    interpretationForm: z.preprocess(blankToUndefined, z.enum(INTERPRETATION_FORMS).optional()),
  })
  .superRefine((d, ctx) => {
    const normative = d.category === 'rule' || d.category === 'normative';
    if (!normative && d.validity) ctx.addIssue({ code: 'custom', path: ['validity'], message: t.documents.errors.validityOnlyNormative });
    if (normative && d.validity && d.validity !== 'in_force' && !d.validityChangedOn) {
      ctx.addIssue({ code: 'custom', path: ['validityChangedOn'], message: t.documents.errors.validityDateRequired });
    }
    if (d.category !== 'interpretation' && d.interpretsId) {
      ctx.addIssue({ code: 'custom', path: ['interpretsId'], message: t.documents.errors.interpretsNotInterpretation });
    }
    if (d.publishedOn && d.publishedOn < d.issuedOn) ctx.addIssue({ code: 'custom', path: ['publishedOn'], message: t.documents.errors.publishedBeforeIssued });
  });
export type DraftInput = z.input<typeof draftSchema>;
export type DraftData = z.output<typeof draftSchema>;

export const commentSchema = z.object({ comment: requiredText(t.documents.admin.comment, 1000) });
export const reasonSchema = z.object({
  reason: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().min(1, t.documents.errors.reasonRequired).max(1000)),
});

export const validityChangeSchema = z
  .object({ validity: z.enum(VALIDITIES, { error: t.documents.errors.validityRequired }), changedOn: optionalDate })
  .refine((d) => d.validity === 'in_force' || d.changedOn, { path: ['changedOn'], message: t.documents.errors.validityDateRequired });

export const correctionSchema = z.object({
  title: requiredText(f.title, 300),
  docNo: optionalText(80),
  body: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().max(500_000)),
  reason: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().min(1, t.documents.errors.reasonRequired).max(1000)),
});

export const disclosureSettingsSchema = z.object({
  interpretationLagDays: z.coerce.number().int(t.documents.errors.integer).min(0, t.documents.errors.between(0, 60)).max(60, t.documents.errors.between(0, 60)),
  guideText: optionalText(50_000),
  rulesText: optionalText(50_000),
});

/** Notes for categories with nothing published, one optional field `note_<category>` each. */
export const categoryNotesSchema = z.object(Object.fromEntries(CATEGORIES.map((c) => [`note_${c}`, optionalText(200)])));
