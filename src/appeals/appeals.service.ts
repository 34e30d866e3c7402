/**
 * Appeals about disclosure (行政复议, 行政诉讼 filed directly or after reconsideration), linked to an application where
 * there is one, with the result as of today. Table 4 counts them (applications/statistics.ts). Writes are audited in
 * the same transaction.
 */
import { z } from 'zod';
import { findApplicationByRef } from '../applications/applications.repo.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { isValidDate } from '../calendar/civil-date.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError, forbidden, notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { keepAbsent, optionalText, parseInput } from '../shared/validation.ts';
import { APPEAL_RESULTS, APPEAL_TYPES, type AppealResult, type AppealType } from '../vocabulary/codes.ts';
import { canHandleAppeals } from './appeals.policy.ts';

type Deps = { db: DbOrTrx; clock: Clock };
const U = t.applications.appealsUi;

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);
const dateField = (label: string) => z.preprocess(blank, z.string({ error: `请填写${label}` }).refine(isValidDate, `${label}应为有效日期（YYYY-MM-DD）`));
const optionalDate = (label: string) => z.preprocess(blank, z.string().refine(isValidDate, `${label}应为有效日期（YYYY-MM-DD）`).optional());

/** The appeal form (and the appeal interchange record's core): the rules between result and decision date. */
export const appealFormSchema = z
  .object({
    ref: z.preprocess(blank, z.string().max(40).optional()),
    type: z.preprocess(blank, z.enum(APPEAL_TYPES, { error: U.typeRequired })),
    filedOn: dateField(U.filedOn),
    applicationRef: z.preprocess(blank, z.string().max(40).optional()),
    result: z.preprocess(blank, z.enum(APPEAL_RESULTS, { error: U.resultRequired }).default('pending')),
    decidedOn: optionalDate(U.decidedOn),
    note: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.result === 'pending' && v.decidedOn) ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: U.pendingWithDecision });
    if (v.result !== 'pending' && !v.decidedOn) ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: U.decisionNeeded });
    if (v.decidedOn && v.decidedOn < v.filedOn) ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: U.decidedBeforeFiled });
  });

const PREFIX: Record<AppealType, string> = { reconsideration: 'FY', litigation_direct: 'SS', litigation_after_reconsideration: 'SS' };

async function nextAppealRef(db: DbOrTrx, agencyId: number, type: AppealType, filedOn: string): Promise<string> {
  const prefix = `${PREFIX[type]}-${filedOn.slice(0, 4)}-`;
  const rows = await db.selectFrom('appeals').select('ref').where('agencyId', '=', agencyId).where('ref', 'like', `${prefix}%`).execute();
  const max = rows.reduce((m, r) => Math.max(m, Number(r.ref.slice(prefix.length)) || 0), 0);
  return `${prefix}${String(max + 1).padStart(2, '0')}`;
}

/** An appeal of the agency with its linked application's ref. */
export type AppealView = {
  id: number;
  ref: string;
  type: AppealType;
  filedOn: string;
  result: AppealResult;
  decidedOn: string | null;
  note: string | null;
  applicationId: number | null;
  applicationRef: string | null;
};

/** The agency's appeals, newest first (optionally one year of filing, or one application's). */
export async function listAppeals(
  db: DbOrTrx,
  agencyId: number,
  filter: { year?: number | undefined; applicationId?: number; id?: number } = {},
): Promise<AppealView[]> {
  let q = db
    .selectFrom('appeals')
    .leftJoin('applications', 'applications.id', 'appeals.applicationId')
    .select([
      'appeals.id',
      'appeals.ref',
      'appeals.type',
      'appeals.filedOn',
      'appeals.result',
      'appeals.decidedOn',
      'appeals.note',
      'appeals.applicationId',
      'applications.ref as applicationRef',
    ])
    .where('appeals.agencyId', '=', agencyId);
  if (filter.year) q = q.where('appeals.filedOn', '>=', `${filter.year}-01-01`).where('appeals.filedOn', '<=', `${filter.year}-12-31`);
  if (filter.applicationId) q = q.where('appeals.applicationId', '=', filter.applicationId);
  if (filter.id) q = q.where('appeals.id', '=', filter.id);
  return q.orderBy('appeals.filedOn', 'desc').orderBy('appeals.id', 'desc').execute();
}

/** Validates the form against the agency's records: a known application, a free ref, no date after today. */
async function checkAgainstRecords(db: DbOrTrx, clock: Clock, agency: Agency, data: z.infer<typeof appealFormSchema>, selfId: number | null) {
  const fields: Record<string, string> = {};
  const today = clock.today();
  if (data.filedOn > today) fields.filedOn = U.future;
  if (data.decidedOn && data.decidedOn > today) fields.decidedOn = U.future;
  let applicationId: number | null = null;
  if (data.applicationRef) {
    const app = await findApplicationByRef(db, agency.id, data.applicationRef);
    if (!app) fields.applicationRef = U.applicationUnknown;
    else applicationId = app.id;
  }
  if (data.ref) {
    const taken = await db.selectFrom('appeals').select('id').where('agencyId', '=', agency.id).where('ref', '=', data.ref).executeTakeFirst();
    if (taken && taken.id !== selfId) fields.ref = U.refTaken;
  }
  if (Object.keys(fields).length > 0) throw new DomainError('VALIDATION', t.errors.validation, fields);
  return applicationId;
}

/** Registers an appeal (staff of the agency), audited. */
export async function createAppeal(deps: Deps, actor: Actor, agency: Agency, values: Record<string, string>): Promise<AppealView> {
  if (!canHandleAppeals(actor, agency.id)) throw forbidden();
  const data = parseInput(appealFormSchema, values);
  return inTransaction(deps.db, async (trx) => {
    const applicationId = await checkAgainstRecords(trx, deps.clock, agency, data, null);
    const ref = data.ref ?? (await nextAppealRef(trx, agency.id, data.type, data.filedOn));
    const now = deps.clock.now().toISOString();
    const row = await trx
      .insertInto('appeals')
      .values({
        agencyId: agency.id,
        ref,
        type: data.type,
        filedOn: data.filedOn,
        applicationId,
        result: data.result,
        decidedOn: data.decidedOn ?? null,
        note: data.note ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, deps.clock, { actor, agencyId: agency.id, action: 'appeal.create', entityType: 'appeal', entityId: row.id, after: row });
    return { ...row, applicationRef: data.applicationRef ?? null };
  });
}

/** An appeal as its edit form shows it; what a field absent from a submission keeps. */
export function appealForm(a: AppealView): Record<string, string> {
  return {
    ref: a.ref,
    type: a.type,
    filedOn: a.filedOn,
    applicationRef: a.applicationRef ?? '',
    result: a.result,
    decidedOn: a.decidedOn ?? '',
    note: a.note ?? '',
  };
}

/** Updates an appeal (typically its result and decision date; an absent field keeps its value), audited with before and after. */
export async function updateAppeal(deps: Deps, actor: Actor, agency: Agency, id: number, values: Record<string, string>): Promise<void> {
  if (!canHandleAppeals(actor, agency.id)) throw forbidden();
  await inTransaction(deps.db, async (trx) => {
    const before = await trx.selectFrom('appeals').selectAll().where('agencyId', '=', agency.id).where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound();
    const data = parseInput(appealFormSchema, keepAbsent(appealForm(await getAppeal(trx, agency.id, id)), values));
    const applicationId = await checkAgainstRecords(trx, deps.clock, agency, data, id);
    const after = await trx
      .updateTable('appeals')
      .set({
        ref: data.ref ?? before.ref,
        type: data.type,
        filedOn: data.filedOn,
        applicationId,
        result: data.result,
        decidedOn: data.decidedOn ?? null,
        note: data.note ?? null,
        updatedAt: deps.clock.now().toISOString(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, deps.clock, { actor, agencyId: agency.id, action: 'appeal.update', entityType: 'appeal', entityId: id, before, after });
  });
}

/** One appeal of the agency, or NOT_FOUND. */
export async function getAppeal(db: DbOrTrx, agencyId: number, id: number): Promise<AppealView> {
  const [found] = await listAppeals(db, agencyId, { id });
  if (!found) throw notFound();
  return found;
}
