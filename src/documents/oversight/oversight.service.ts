/** The oversight pages' writes: column settings, notes for empty categories, sensitive words, cleanup rounds (立改废). */
import { z } from 'zod';
import { recordAudit } from '../../audit/audit.service.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Actor } from '../../shared/actor.ts';
import { DomainError, invalidState, notFound } from '../../shared/errors.ts';
import { t } from '../../shared/i18n/zh-CN.ts';
import { keepAbsent, parseInput, requiredText } from '../../shared/validation.ts';
import { bumpContentVersion } from '../../web/content-version.ts';
import type { DocumentDeps } from '../document-store.ts';
import { authorize, canConcludeCleanup, canDecideCleanup, canEditColumnSettings, canEditSensitiveWords, canOpenCleanupRound } from '../documents.policy.ts';
import { categoryNotesSchema, dateField, disclosureSettingsSchema } from '../documents.schema.ts';
import { CATEGORIES, type Category, type CleanupDecision, type DisclosureSettingsTable } from '../documents.tables.ts';
import { applyValidity } from '../published.service.ts';
import { getDisclosureSettings, loadRound } from './oversight.queries.ts';

const E = t.documents.errors;

/** The settings as their form shows them; what a field absent from a submission keeps. */
export function disclosureSettingsForm(s: DisclosureSettingsTable): Record<string, string> {
  return { interpretationLagDays: String(s.interpretationLagDays), guideText: s.guideText ?? '', rulesText: s.rulesText ?? '' };
}

/** Saves the interpretation lag, the 公开指南 and the 公开制度 texts (admins); each text's update date moves when it changes. */
export async function updateDisclosureSettings(deps: DocumentDeps, actor: Actor, agencyId: number, input: unknown): Promise<DisclosureSettingsTable> {
  authorize(canEditColumnSettings(actor, agencyId));
  return inTransaction(deps.db, async (trx) => {
    const before = await getDisclosureSettings(trx, agencyId);
    const data = parseInput(disclosureSettingsSchema, keepAbsent(disclosureSettingsForm(before), input));
    // Saved as it was: nothing to write (not even the defaults of an agency that never saved).
    if (
      data.interpretationLagDays === before.interpretationLagDays &&
      (data.guideText ?? null) === before.guideText &&
      (data.rulesText ?? null) === before.rulesText
    ) {
      return before;
    }
    const today = deps.clock.today();
    const after: DisclosureSettingsTable = {
      agencyId,
      interpretationLagDays: data.interpretationLagDays,
      guideText: data.guideText ?? null,
      guideUpdatedOn: (data.guideText ?? null) !== before.guideText ? today : before.guideUpdatedOn,
      rulesText: data.rulesText ?? null,
      rulesUpdatedOn: (data.rulesText ?? null) !== before.rulesText ? today : before.rulesUpdatedOn,
    };
    await trx.deleteFrom('disclosureSettings').where('agencyId', '=', agencyId).execute();
    await trx.insertInto('disclosureSettings').values(after).execute();
    const agency = await trx.selectFrom('agencies').select('code').where('id', '=', agencyId).executeTakeFirstOrThrow();
    await bumpContentVersion(trx, agency.code);
    await recordAudit(trx, deps.clock, { actor, agencyId, action: 'disclosure.settings', entityType: 'agency', entityId: agencyId, before, after });
    return after;
  });
}

/** Saves the notes shown for categories with nothing published (admins); a blank field removes its note. */
export async function updateCategoryNotes(deps: DocumentDeps, actor: Actor, agencyId: number, input: unknown): Promise<Map<Category, string>> {
  authorize(canEditColumnSettings(actor, agencyId));
  return inTransaction(deps.db, async (trx) => {
    const before = await trx.selectFrom('categoryNotes').selectAll().where('agencyId', '=', agencyId).execute();
    const current = Object.fromEntries(before.map((r) => [`note_${r.category}`, r.note]));
    const data = parseInput(categoryNotesSchema, keepAbsent(current, input)) as Record<string, string | undefined>;
    const now = deps.clock.now().toISOString();
    const after = CATEGORIES.flatMap((category) => {
      const note = data[`note_${category}`];
      if (!note) return [];
      const old = before.find((r) => r.category === category);
      return [{ agencyId, category, note, updatedAt: old?.note === note ? old.updatedAt : now }];
    });
    await trx.deleteFrom('categoryNotes').where('agencyId', '=', agencyId).execute();
    if (after.length > 0) await trx.insertInto('categoryNotes').values(after).execute();
    const agency = await trx.selectFrom('agencies').select('code').where('id', '=', agencyId).executeTakeFirstOrThrow();
    await bumpContentVersion(trx, agency.code);
    const asObject = (rows: { category: string; note: string }[]) => Object.fromEntries(rows.map((r) => [r.category, r.note]));
    await recordAudit(trx, deps.clock, {
      actor,
      agencyId,
      action: 'disclosure.category_notes',
      entityType: 'agency',
      entityId: agencyId,
      before: asObject(before),
      after: asObject(after),
    });
    return new Map(after.map((r) => [r.category, r.note]));
  });
}

/** Adds a sensitive word (admins and reviewers). */
export async function addSensitiveWord(deps: DocumentDeps, actor: Actor, agencyId: number, input: unknown): Promise<void> {
  authorize(canEditSensitiveWords(actor, agencyId));
  const { word } = parseInput(z.object({ word: requiredText(t.documents.admin.word, 50) }), input);
  await inTransaction(deps.db, async (trx) => {
    const hit = await trx.selectFrom('sensitiveWords').select('id').where('agencyId', '=', agencyId).where('word', '=', word).executeTakeFirst();
    if (hit) throw new DomainError('CONFLICT', E.wordTaken, { word: E.wordTaken });
    const row = await trx.insertInto('sensitiveWords').values({ agencyId, word }).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, deps.clock, { actor, agencyId, action: 'sensitive_word.add', entityType: 'sensitive_word', entityId: row.id, after: row });
  });
}

/** Removes a sensitive word (admins and reviewers). */
export async function removeSensitiveWord(deps: DocumentDeps, actor: Actor, agencyId: number, id: number): Promise<void> {
  authorize(canEditSensitiveWords(actor, agencyId));
  await inTransaction(deps.db, async (trx) => {
    const row = await trx.selectFrom('sensitiveWords').selectAll().where('agencyId', '=', agencyId).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound();
    await trx.deleteFrom('sensitiveWords').where('id', '=', id).execute();
    await recordAudit(trx, deps.clock, { actor, agencyId, action: 'sensitive_word.remove', entityType: 'sensitive_word', entityId: id, before: row });
  });
}

// --- 规范性文件清理 (立改废) ---

/** Opens a cleanup round listing every in-force normative document (leaders, admins). */
export async function createCleanupRound(deps: DocumentDeps, actor: Actor, agencyId: number, input: unknown): Promise<{ id: number }> {
  authorize(canOpenCleanupRound(actor, agencyId));
  const { title } = parseInput(z.object({ title: requiredText(t.documents.admin.roundTitle, 100) }), input);
  return inTransaction(deps.db, async (trx) => {
    const round = await trx
      .insertInto('cleanupRounds')
      .values({ agencyId, title, status: 'open', effectiveOn: null, createdAt: deps.clock.now().toISOString(), appliedAt: null, publishedAt: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    const docs = await trx
      .selectFrom('documents')
      .select('id')
      .where('agencyId', '=', agencyId)
      .where('status', '=', 'published')
      .where('category', 'in', ['normative', 'rule'])
      .where('validity', '=', 'in_force')
      .execute();
    for (const d of docs) await trx.insertInto('cleanupDecisions').values({ roundId: round.id, documentId: d.id, decision: null, note: null }).execute();
    await recordAudit(trx, deps.clock, {
      actor,
      agencyId,
      action: 'cleanup.create',
      entityType: 'cleanup_round',
      entityId: round.id,
      after: { ...round, documents: docs.length },
    });
    return { id: round.id };
  });
}

const decisionSchema = z.object({
  decisions: z.array(z.object({ documentId: z.number().int(), decision: z.enum(['keep', 'amend', 'repeal']), note: z.string().max(500).optional() })),
});

/** Records decisions (keep, amend, repeal) on documents of an open round (editors, leaders, admins). */
export async function recordCleanupDecisions(deps: DocumentDeps, actor: Actor, agencyId: number, roundId: number, input: unknown): Promise<void> {
  authorize(canDecideCleanup(actor, agencyId));
  const { decisions } = parseInput(decisionSchema, input);
  await inTransaction(deps.db, async (trx) => {
    const round = await loadRound(trx, agencyId, roundId);
    if (round.status !== 'open') throw invalidState(E.roundNotOpen);
    for (const d of decisions) {
      await trx
        .updateTable('cleanupDecisions')
        .set({ decision: d.decision, note: d.note?.trim() || null })
        .where('roundId', '=', roundId)
        .where('documentId', '=', d.documentId)
        .execute();
    }
    await recordAudit(trx, deps.clock, { actor, agencyId, action: 'cleanup.decide', entityType: 'cleanup_round', entityId: roundId, after: decisions });
  });
}

const VALIDITY_OF: Record<CleanupDecision, 'in_force' | 'amended' | 'repealed'> = { keep: 'in_force', amend: 'amended', repeal: 'repealed' };

/** Applies every decision of a round on its effective date (leaders): amended and repealed documents change validity. */
export async function applyCleanupRound(deps: DocumentDeps, actor: Actor, agencyId: number, roundId: number, input: unknown): Promise<void> {
  authorize(canConcludeCleanup(actor, agencyId));
  const { effectiveOn } = parseInput(z.object({ effectiveOn: dateField(t.documents.admin.effectiveOn) }), input);
  await inTransaction(deps.db, async (trx) => {
    const round = await loadRound(trx, agencyId, roundId);
    if (round.status !== 'open') throw invalidState(E.roundNotOpen);
    const items = await trx.selectFrom('cleanupDecisions').selectAll().where('roundId', '=', roundId).execute();
    if (items.some((i) => i.decision === null)) throw new DomainError('VALIDATION', E.roundIncomplete, { decisions: E.roundIncomplete });
    for (const i of items) {
      if (i.decision && i.decision !== 'keep') await applyValidity(trx, deps.clock, actor, agencyId, i.documentId, VALIDITY_OF[i.decision], effectiveOn);
    }
    await trx
      .updateTable('cleanupRounds')
      .set({ status: 'applied', effectiveOn, appliedAt: deps.clock.now().toISOString() })
      .where('id', '=', roundId)
      .execute();
    await recordAudit(trx, deps.clock, { actor, agencyId, action: 'cleanup.apply', entityType: 'cleanup_round', entityId: roundId, after: { effectiveOn } });
  });
}

/** Publishes an applied round's result list in the column (leaders). */
export async function publishCleanupRound(deps: DocumentDeps, actor: Actor, agencyId: number, roundId: number): Promise<void> {
  authorize(canConcludeCleanup(actor, agencyId));
  await inTransaction(deps.db, async (trx) => {
    const round = await loadRound(trx, agencyId, roundId);
    if (round.status !== 'applied') throw invalidState(E.wrongState(t.documents.admin.roundStatuses[round.status]));
    await trx.updateTable('cleanupRounds').set({ status: 'published', publishedAt: deps.clock.now().toISOString() }).where('id', '=', roundId).execute();
    const agency = await trx.selectFrom('agencies').select('code').where('id', '=', agencyId).executeTakeFirstOrThrow();
    await bumpContentVersion(trx, agency.code);
    await recordAudit(trx, deps.clock, { actor, agencyId, action: 'cleanup.publish', entityType: 'cleanup_round', entityId: roundId });
  });
}

/**
 * Moves the 公开指南's update date (the guide module saves its facts and sections; the column home and the
 * self-check read the date here), inside the caller's transaction.
 */
export async function touchGuideUpdatedOn(trx: DbOrTrx, agencyId: number, today: string): Promise<void> {
  const before = await getDisclosureSettings(trx, agencyId);
  if (before.guideUpdatedOn === today) return;
  await trx.deleteFrom('disclosureSettings').where('agencyId', '=', agencyId).execute();
  await trx
    .insertInto('disclosureSettings')
    .values({ ...before, guideUpdatedOn: today })
    .execute();
}
