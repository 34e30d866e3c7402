/** Saving an agency's application settings (its admins), audited in the same transaction. */
import { recordAudit } from '../audit/audit.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import { inTransaction } from '../db/tx.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { forbidden } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { keepAbsent, parseInput } from '../shared/validation.ts';
import { canEditApplicationSettings } from './settings.policy.ts';
import { applicationSettings, settingsForm } from './settings.queries.ts';
import { type ApplicationSettings, settingsSchema } from './settings.schema.ts';

type Deps = { db: DbOrTrx; clock: Clock };

/** Saves the settings; a field absent from `input` keeps its value; a save that changes nothing writes nothing. */
export async function saveApplicationSettings(deps: Deps, actor: Actor, agencyId: number, input: Record<string, unknown>): Promise<ApplicationSettings> {
  if (!canEditApplicationSettings(actor, agencyId)) throw forbidden(t.applications.settings.adminOnly);
  return inTransaction(deps.db, async (trx) => {
    const before = await applicationSettings(trx, agencyId);
    const data = parseInput(settingsSchema, keepAbsent(settingsForm(before), input));
    const values = {
      docNumberPattern: data.docNumberPattern,
      reviewBody: data.reviewBody ?? null,
      court: data.court ?? null,
      answerDownloadDays: data.answerDownloadDays,
    };
    const after: ApplicationSettings = { ...values, saved: true };
    // Posted back as shown (defaults included) writes nothing: the defaults hold until someone changes a value.
    if (Object.entries(values).every(([k, v]) => before[k as keyof ApplicationSettings] === v)) return before;
    const now = deps.clock.now().toISOString();
    await trx
      .insertInto('applicationSettings')
      .values({ agencyId, ...values, updatedAt: now })
      .onConflict((oc) => oc.column('agencyId').doUpdateSet({ ...values, updatedAt: now }))
      .execute();
    await recordAudit(trx, deps.clock, {
      actor,
      agencyId,
      action: 'application_settings.save',
      entityType: 'application_settings',
      entityId: agencyId,
      before,
      after,
    });
    return after;
  });
}
