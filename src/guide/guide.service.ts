/** Saving the guide's facts and the staff's text per section (the agency's admins), audited, the column's pages dropped. */
import { canOnAgency } from '../agencies/agencies.policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import { inTransaction } from '../db/tx.ts';
import { touchGuideUpdatedOn } from '../documents/oversight/oversight.service.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { forbidden } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { keepAbsent, parseInput } from '../shared/validation.ts';
import { bumpContentVersion } from '../web/content-version.ts';
import type { GuideSettings } from './guide.model.ts';
import { guideSections, guideSettings } from './guide.queries.ts';
import { guideSectionsSchema, guideSettingsSchema } from './guide.schema.ts';
import { GUIDE_SECTIONS, type GuideSectionKey, type GuideSectionMode, type GuideSectionsTable } from './guide.tables.ts';

type Deps = { db: DbOrTrx; clock: Clock };

const SETTING_FIELDS = [
  'functions',
  'mailingAddress',
  'receptionAddress',
  'feePayment',
  'supervisor',
  'supervisorPhone',
  'complaintChannels',
  'reviewPhone',
  'courtPhone',
] as const;

export const canEditGuide = (actor: Actor, agencyId: number) => canOnAgency(actor, 'edit-facts', { id: agencyId });

/** The guide's facts as their form shows them (also what a field absent from a submission keeps). */
export function guideSettingsForm(s: GuideSettings): Record<string, string> {
  return { ...Object.fromEntries(SETTING_FIELDS.map((f) => [f, s[f] ?? ''])), acceptsEmail: s.acceptsEmail ? 'on' : '' };
}

/** The sections' texts as their form shows them. */
export function guideSectionsForm(sections: Map<GuideSectionKey, GuideSectionsTable>): Record<string, string> {
  return Object.fromEntries(
    GUIDE_SECTIONS.flatMap((k) => [
      [`mode_${k}`, sections.get(k)?.mode ?? 'append'],
      [`body_${k}`, sections.get(k)?.body ?? ''],
    ]),
  );
}

async function published(trx: DbOrTrx, clock: Clock, agencyId: number): Promise<void> {
  const agency = await trx.selectFrom('agencies').select('code').where('id', '=', agencyId).executeTakeFirstOrThrow();
  await touchGuideUpdatedOn(trx, agencyId, clock.today());
  await bumpContentVersion(trx, agency.code);
}

/** Saves the guide's facts; a field absent from the input keeps its value, a save that changes nothing writes nothing. */
export async function saveGuideSettings(deps: Deps, actor: Actor, agencyId: number, input: Record<string, unknown>): Promise<GuideSettings> {
  if (!canEditGuide(actor, agencyId)) throw forbidden(t.guide.console.adminOnly);
  return inTransaction(deps.db, async (trx) => {
    const before = await guideSettings(trx, agencyId);
    const data = parseInput(guideSettingsSchema, keepAbsent(guideSettingsForm(before), input));
    const values = { ...Object.fromEntries(SETTING_FIELDS.map((f) => [f, data[f] ?? null])), acceptsEmail: data.acceptsEmail } as Omit<
      GuideSettings,
      'updatedAt'
    >;
    if (SETTING_FIELDS.every((f) => values[f] === before[f]) && values.acceptsEmail === before.acceptsEmail) return before;
    const now = deps.clock.now().toISOString();
    const row = { ...values, acceptsEmail: values.acceptsEmail ? 1 : 0, updatedAt: now };
    await trx
      .insertInto('guideSettings')
      .values({ agencyId, ...row })
      .onConflict((oc) => oc.column('agencyId').doUpdateSet(row))
      .execute();
    const after: GuideSettings = { ...values, updatedAt: now };
    await published(trx, deps.clock, agencyId);
    await recordAudit(trx, deps.clock, { actor, agencyId, action: 'guide.settings', entityType: 'agency', entityId: agencyId, before, after });
    return after;
  });
}

/** Saves the staff's text of every section: an empty text removes the section's row (the generated text alone shows). */
export async function saveGuideSections(deps: Deps, actor: Actor, agencyId: number, input: Record<string, unknown>): Promise<void> {
  if (!canEditGuide(actor, agencyId)) throw forbidden(t.guide.console.adminOnly);
  await inTransaction(deps.db, async (trx) => {
    const current = await guideSections(trx, agencyId);
    const data = parseInput(guideSectionsSchema, keepAbsent(guideSectionsForm(current), input)) as Record<string, string | undefined>;
    const now = deps.clock.now().toISOString();
    const changed: { section: GuideSectionKey; before: GuideSectionsTable | null; after: { mode: GuideSectionMode; body: string } | null }[] = [];
    for (const k of GUIDE_SECTIONS) {
      const body = data[`body_${k}`];
      const mode = (data[`mode_${k}`] ?? 'append') as GuideSectionMode;
      const old = current.get(k) ?? null;
      if (!body) {
        if (old) {
          await trx.deleteFrom('guideSections').where('agencyId', '=', agencyId).where('section', '=', k).execute();
          changed.push({ section: k, before: old, after: null });
        }
        continue;
      }
      if (old && old.body === body && old.mode === mode) continue;
      await trx
        .insertInto('guideSections')
        .values({ agencyId, section: k, mode, body, updatedAt: now })
        .onConflict((oc) => oc.columns(['agencyId', 'section']).doUpdateSet({ mode, body, updatedAt: now }))
        .execute();
      changed.push({ section: k, before: old, after: { mode, body } });
    }
    if (changed.length === 0) return;
    await published(trx, deps.clock, agencyId);
    await recordAudit(trx, deps.clock, { actor, agencyId, action: 'guide.sections', entityType: 'agency', entityId: agencyId, after: changed });
  });
}
