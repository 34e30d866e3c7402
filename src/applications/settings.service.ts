/** Saving an agency's application settings (its admins), audited in the same transaction. */
import { recordAudit } from '../audit/audit.service.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import { inTransaction } from '../db/tx.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError, forbidden } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { keepAbsent, parseInput } from '../shared/validation.ts';
import { applyEmailReceiptRule, type MovedReceipt } from './receipt-rule.ts';
import { canEditApplicationSettings } from './settings.policy.ts';
import { agencyMembers, applicationSettings, settingsForm } from './settings.queries.ts';
import { type ApplicationSettings, approverIdsOf, type ExtensionApprovers, settingsSchema } from './settings.schema.ts';

type Deps = { db: DbOrTrx; clock: Clock };

const K = t.applications.clock.settings;

/** The saved settings and the open e-mail cases whose receipt date (and due date) moved with them. */
export type SavedSettings = ApplicationSettings & { moved: MovedReceipt[] };

const sameApprovers = (a: ExtensionApprovers, b: ExtensionApprovers) => a.role === b.role && a.userIds.join(',') === b.userIds.join(',');

/**
 * Saves the settings; a field absent from `input` keeps its value; a save that changes nothing writes nothing. A new
 * e-mail receipt rule recomputes the agency's open e-mail cases in the same transaction (listed in the audit entry).
 */
export async function saveApplicationSettings(deps: Deps, actor: Actor, agencyId: number, input: Record<string, unknown>): Promise<SavedSettings> {
  if (!canEditApplicationSettings(actor, agencyId)) throw forbidden(t.applications.settings.adminOnly);
  const calendar = await loadWorkCalendar(deps.db);
  return inTransaction(deps.db, async (trx) => {
    const before = await applicationSettings(trx, agencyId);
    const shown = settingsForm(before);
    const merged = keepAbsent(shown, input);
    const data = parseInput(settingsSchema, merged);
    // The designated users: the form's boxes when it has any, else those saved before.
    const hasBoxes = Object.keys(input).some((k) => k.startsWith('approver_'));
    const approvers: ExtensionApprovers = { userIds: hasBoxes ? approverIdsOf(input) : [...before.extensionApprovers.userIds], role: data.approverRole };
    if (approvers.userIds.length === 0 && approvers.role === null) {
      throw new DomainError('VALIDATION', t.errors.validation, { approverRole: K.approverRequired });
    }
    if (approvers.userIds.length > 0) {
      const members = new Set((await agencyMembers(trx, agencyId)).map((m) => m.id));
      if (approvers.userIds.some((id) => !members.has(id))) throw new DomainError('VALIDATION', t.errors.validation, { approverRole: K.approverNotMember });
    }
    const values = {
      docNumberPattern: data.docNumberPattern,
      reviewBody: data.reviewBody ?? null,
      court: data.court ?? null,
      answerDownloadDays: data.answerDownloadDays,
      emailReceipt: data.emailReceipt,
    };
    const after: ApplicationSettings = { ...values, extensionApprovers: approvers, saved: true };
    // Posted back as shown (defaults included) writes nothing: the defaults hold until someone changes a value.
    const unchanged = Object.entries(values).every(([k, v]) => before[k as keyof ApplicationSettings] === v);
    if (unchanged && sameApprovers(before.extensionApprovers, approvers)) return { ...before, moved: [] };
    const now = deps.clock.now().toISOString();
    const stored = {
      ...values,
      extensionApproverRole: approvers.role,
      extensionApproverIds: approvers.userIds.length > 0 ? JSON.stringify(approvers.userIds) : null,
    };
    await trx
      .insertInto('applicationSettings')
      .values({ agencyId, ...stored, updatedAt: now })
      .onConflict((oc) => oc.column('agencyId').doUpdateSet({ ...stored, updatedAt: now }))
      .execute();
    const moved =
      before.emailReceipt === after.emailReceipt
        ? []
        : await applyEmailReceiptRule(trx, calendar, { agencyId, rule: after.emailReceipt, actor, now, today: deps.clock.today() });
    await recordAudit(trx, deps.clock, {
      actor,
      agencyId,
      action: 'application_settings.save',
      entityType: 'application_settings',
      entityId: agencyId,
      before,
      after: { ...after, ...(moved.length > 0 ? { moved } : {}) },
    });
    return { ...after, moved };
  });
}
