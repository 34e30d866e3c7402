/**
 * The applicant answers a 补正 online, from the tracking page: the route has checked their token (the tracking number
 * and query code were right a short while ago); this checks the case still awaits a correction, records
 * `correction_received` through the case service's own path (the clock restarts as when staff record it), keeps the
 * text and the files with the case, and tells the handler — all in one transaction. Received the day it is submitted
 * (第三十一条: on this platform the applicant's submission and the system's acceptance are the same act).
 */
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { systemActor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError, invalidState, notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { fieldErrorsOf } from '../shared/validation.ts';
import { queueHandlerCorrectionNotice } from './applicant-notices.ts';
import { lockApplication } from './applications.repo.ts';
import { checkAttachments, type UploadedFile } from './attachments.ts';
import { performCaseAction } from './case.service.ts';

type Deps = { db: DbOrTrx; clock: Clock; config?: Pick<Config, 'publicUrl'> | undefined };

const C = t.notifications.correction;
/** Who the log and the audit trail name for an online 补正 (never the applicant's name). */
export const APPLICANT_CORRECTION_ACTOR = systemActor(C.actorName);
/** The longest 补正 text. */
export const MAX_CORRECTION_TEXT = 5000;

const correctionSchema = z.object({
  text: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, C.textRequired).max(MAX_CORRECTION_TEXT, C.textTooLong)),
});

export type CorrectionResult = { receivedOn: string; dueOn: string | null; provisional: boolean; files: number };

/** True while the case waits for the applicant's 补正. */
export const awaitsCorrection = (status: string) => status === 'awaiting_correction';

/** Records the applicant's online 补正 of application `id` of `agency`. */
export async function answerCorrectionOnline(
  deps: Deps,
  agency: Agency,
  id: number,
  values: Record<string, string>,
  uploads: readonly UploadedFile[],
): Promise<CorrectionResult> {
  const checked = await checkAttachments(uploads);
  const parsed = correctionSchema.safeParse(values);
  const fields = parsed.success ? {} : fieldErrorsOf(parsed.error);
  if (checked.error) fields.attachments = checked.error;
  if (!parsed.success || checked.error) throw new DomainError('VALIDATION', t.errors.validation, fields);
  const today = deps.clock.today();
  const now = deps.clock.now().toISOString();
  return inTransaction(deps.db, async (trx) => {
    const row = await lockApplication(trx, agency.id, id);
    if (!row || row.isProbe === 1) throw notFound();
    if (!awaitsCorrection(row.status)) throw invalidState(C.notAwaiting);
    const { row: updated } = await performCaseAction({ ...deps, db: trx }, APPLICANT_CORRECTION_ACTOR, agency, id, 'receive_correction', {
      on: today,
      text: parsed.data.text,
    });
    for (const file of checked.files) {
      await trx
        .insertInto('applicationAttachments')
        .values({
          applicationId: id,
          agencyId: agency.id,
          filename: file.filename,
          contentType: file.contentType,
          size: file.data.length,
          data: file.data,
          createdAt: now,
          source: 'correction',
        })
        .execute();
    }
    await queueHandlerCorrectionNotice(trx, deps, agency, updated, today, checked.files.length);
    return { receivedOn: today, dueOn: updated.dueOn, provisional: updated.provisional === 1, files: checked.files.length };
  });
}
