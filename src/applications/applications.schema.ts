/**
 * What applications accept at their boundaries (zod): the portal's form (第二十九条), staff registration with the
 * receipt date (第三十一条), the console's action forms, and interchange records. Messages are Chinese, per field.
 */
import { z } from 'zod';
import { isValidCreditCode } from '../agencies/credit-code.ts';
import { isValidDate } from '../calendar/civil-date.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { optionalText, requiredText } from '../shared/validation.ts';
import { APPLICANT_TYPES, OUTCOME_CODES } from '../vocabulary/codes.ts';

const f = t.applications.form;

export const ID_TYPES = ['resident_id', 'passport', 'hk_macao', 'taiwan', 'foreign_permanent', 'credit_code', 'other'] as const;
export type IdType = (typeof ID_TYPES)[number];
export const FORMS_WANTED = ['paper', 'electronic', 'cd', 'other'] as const;
export const WAYS_WANTED = ['mail', 'email', 'pickup', 'online'] as const;
export const INTAKE_CHANNELS = ['in_person', 'mail_registered', 'mail_ordinary', 'email', 'fax', 'online', 'other'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** True for an 18-character 居民身份证 number with a correct check character (GB 11643-1999). */
export function isValidResidentId(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (RESIDENT_ID_WEIGHTS[i] as number);
  return '10X98765432'[sum % 11] === id[17];
}

/** True for a mobile number, a landline with optional area code and extension, or an international number. */
export function isValidPhone(phone: string): boolean {
  return /^(?:1[3-9]\d{9}|(?:0\d{2,3}-?)?\d{7,8}(?:-\d{1,6})?|\+\d{6,15})$/.test(phone.replace(/[\s()（）]/g, ''));
}

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : trimmed(v));

/** A required choice among `values`, with a Chinese message when missing or unknown. */
const choice = <T extends readonly [string, ...string[]]>(values: T, message: string) => z.preprocess(blankToUndefined, z.enum(values, { error: message }));

/** A 'YYYY-MM-DD' date the calendar can read. */
export const dateField = (label: string) =>
  z.preprocess(
    trimmed,
    z
      .string({ error: f.dateRequired(label) })
      .min(1, f.dateRequired(label))
      .refine(isValidDate, f.dateInvalid(label)),
  );
const optionalDate = (label: string) => z.preprocess(blankToUndefined, z.string().refine(isValidDate, f.dateInvalid(label)).optional());

/** The applicant and what is asked for: the fields of 第二十九条, shared by the portal and staff registration. */
const applicationFields = z.object({
  applicantType: choice(APPLICANT_TYPES, f.applicantTypeRequired),
  name: requiredText(f.nameLabel, 100),
  idType: choice(ID_TYPES, f.idTypeRequired),
  idNumber: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
    z.string({ error: f.idNumberRequired }).min(1, f.idNumberRequired).max(40),
  ),
  legalRep: optionalText(50),
  contact: optionalText(50),
  phone: z.preprocess(trimmed, z.string({ error: f.phoneRequired }).min(1, f.phoneRequired).max(30).refine(isValidPhone, f.phoneInvalid)),
  email: z.preprocess(blankToUndefined, z.email(f.emailInvalid).max(100).optional()),
  address: optionalText(200),
  postcode: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d{6}$/, f.postcodeInvalid)
      .optional(),
  ),
  subject: requiredText(f.subjectLabel, 200),
  description: optionalText(2000),
  formWanted: choice(FORMS_WANTED, f.formWantedRequired),
  wayWanted: choice(WAYS_WANTED, f.wayWantedRequired),
});

type ApplicationFields = z.infer<typeof applicationFields>;

/** The cross-field rules of an application: who may use which proof of identity, and what each way needs. */
function checkApplication(v: ApplicationFields, ctx: z.RefinementCtx): void {
  const isPerson = v.applicantType === 'natural_person';
  if (isPerson && v.idType === 'credit_code') ctx.addIssue({ code: 'custom', path: ['idType'], message: f.personNoCreditCode });
  if (!isPerson && v.idType !== 'credit_code' && v.idType !== 'other') ctx.addIssue({ code: 'custom', path: ['idType'], message: f.orgIdType });
  if (v.idType === 'resident_id' && !isValidResidentId(v.idNumber)) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: f.residentIdInvalid });
  if (v.idType === 'credit_code' && !isValidCreditCode(v.idNumber)) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: f.creditCodeInvalid });
  if (!isPerson && !v.contact) ctx.addIssue({ code: 'custom', path: ['contact'], message: f.contactRequired });
  if (v.wayWanted === 'email' && !v.email) ctx.addIssue({ code: 'custom', path: ['email'], message: f.emailNeeded });
  if (v.wayWanted === 'mail' && !v.address) ctx.addIssue({ code: 'custom', path: ['address'], message: f.addressNeeded });
}

/** The portal's application form. */
export const onlineApplicationSchema = applicationFields
  // The box asking for the query code by mail (off unless ticked: the code is otherwise shown only on the receipt).
  .extend({ mailQueryCode: z.preprocess((v) => v === 'on' || v === true, z.boolean()) })
  .superRefine(checkApplication);
export type OnlineApplicationInput = z.infer<typeof onlineApplicationSchema>;

/** An application registered by staff: the same fields, the channel it came by and its receipt date (第三十一条). */
export const staffApplicationSchema = applicationFields
  .extend({
    channel: choice(INTAKE_CHANNELS, f.channelRequired),
    receivedOn: dateField(f.receivedOnLabel),
    // E-mail: the day the mail reached the agency's mailbox (the receipt date where the agency keeps the 2015 reading).
    emailArrivedOn: optionalDate(t.applications.clock.form.emailArrivedOnLabel),
    ref: z.preprocess(
      blankToUndefined,
      z
        .string()
        .max(40)
        .regex(/^[\w.\-/（）()〔〕]+$/, f.refInvalid)
        .optional(),
    ),
  })
  .superRefine(checkApplication);
export type StaffApplicationInput = z.infer<typeof staffApplicationSchema>;

/** Lines of a textarea as a list of non-empty items (a 补正 notice lists every item to correct). */
const lines = (message: string) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(/\r?\n/)
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(z.string().max(500)).min(1, message).max(30),
  );

export const actionSchemas = {
  confirm: z.object({ on: dateField(f.onLabel) }),
  discard: z.object({ reason: requiredText(f.reasonLabel, 500) }),
  request_correction: z.object({
    on: dateField(f.onLabel),
    items: lines(f.itemsRequired),
    replyBy: optionalDate(f.replyByLabel),
    lateReason: optionalText(500),
  }),
  // `text`: the applicant's own words when the 补正 was answered online.
  receive_correction: z.object({ on: dateField(f.onLabel), note: optionalText(500), text: optionalText(5000) }),
  start_consultation: z.object({
    on: dateField(f.onLabel),
    party: choice(['third_party', 'agency'] as const, f.partyRequired),
    partyName: optionalText(100),
    note: optionalText(500),
    // The day the other party received the request: its 15 working days run from it (第三十二条); default the start.
    receivedOn: optionalDate(t.applications.clock.form.consultationReceivedOnLabel),
  }),
  end_consultation: z.object({ on: dateField(f.onLabel), note: optionalText(500) }),
  request_extension: z.object({
    on: dateField(f.onLabel),
    days: z.coerce.number({ error: f.daysInvalid }).int(f.daysInvalid).min(1, f.daysInvalid).max(20, f.daysInvalid),
    reason: requiredText(f.extensionReasonLabel, 500),
  }),
  approve_extension: z.object({ on: dateField(f.onLabel) }),
  refuse_extension: z.object({ note: requiredText(f.noteLabel, 500) }),
  withdraw_extension: z.object({ note: optionalText(500) }),
  issue_fee_notice: z.object({
    on: dateField(f.onLabel),
    schedule: choice(['per_application', 'per_page'] as const, f.scheduleRequired),
    pages: z.preprocess(blankToUndefined, z.coerce.number({ error: f.pagesInvalid }).int(f.pagesInvalid).min(1, f.pagesInvalid).max(1_000_000).optional()),
    howToPay: requiredText(f.howToPayLabel, 500),
  }),
  record_fee_payment: z.object({ on: dateField(f.onLabel) }),
  record_fee_notice_delivery: z.object({ on: dateField(f.onLabel), method: optionalText(100) }),
  set_longer_period: z.object({
    on: dateField(f.onLabel),
    dueOn: dateField(t.applications.clock.form.longerDueOnLabel),
    reason: requiredText(t.applications.clock.form.longerReasonLabel, 1000),
  }),
  draft_answer: z.object({ outcome: choice(OUTCOME_CODES, f.outcomeRequired) }),
  save_answer: z.object({
    outcome: choice(OUTCOME_CODES, f.outcomeRequired),
    legalBasis: optionalText(500),
    letter: requiredText(f.letterLabel, 20000),
    submit: z.preprocess((v) => v === '1' || v === 'true', z.boolean()),
  }),
  return_answer: z.object({ note: requiredText(f.noteLabel, 500) }),
  sign_answer: z.object({ letter: z.preprocess(blankToUndefined, z.string().max(20000).optional()) }),
  send_answer: z.object({ on: dateField(f.onLabel) }),
  deliver: z.object({ on: dateField(f.onLabel), method: requiredText(f.deliveryMethodLabel, 100) }),
  archive: z.object({ on: dateField(f.onLabel) }),
  assign: z.object({ handlerId: z.coerce.number({ error: f.handlerRequired }).int().positive(f.handlerRequired) }),
} as const;

export type ActionName = keyof typeof actionSchemas;
export type ActionInput<A extends ActionName> = z.infer<(typeof actionSchemas)[A]>;
