import { z } from 'zod';
import { recordAudit } from '../../audit/audit.service.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { inTransaction } from '../../db/tx.ts';
import type { Actor } from '../../shared/actor.ts';
import { DomainError, invalidState, notFound } from '../../shared/errors.ts';
import { t } from '../../shared/i18n/zh-CN.ts';
import { keepAbsent, parseInput, requiredText } from '../../shared/validation.ts';
import { bumpContentVersion } from '../content-version.ts';
import type { DocumentDeps } from '../document-store.ts';
import { authorize, canConcludeCleanup, canDecideCleanup, canEditColumnSettings, canEditSensitiveWords, canOpenCleanupRound } from '../documents.policy.ts';
import { categoryNotesSchema, dateField, disclosureSettingsSchema } from '../documents.schema.ts';
import { CATEGORIES, type Category, type CleanupDecision, type DisclosureSettingsTable } from '../documents.tables.ts';
import { applyValidity } from '../published.service.ts';
import { type DocumentCalendar, documentCalendar } from '../workdays.ts';

const E = t.documents.errors;
export const DEFAULT_LAG_DAYS = 3;
export const PUBLICATION_LIMIT_WORKDAYS = 20;

/** The agency's disclosure settings (defaults when never saved). */
export async function getDisclosureSettings(db: DbOrTrx, agencyId: number): Promise<DisclosureSettingsTable> {
  const row = await db.selectFrom('disclosureSettings').selectAll().where('agencyId', '=', agencyId).executeTakeFirst();
  return row ?? { agencyId, interpretationLagDays: DEFAULT_LAG_DAYS, guideText: null, guideUpdatedOn: null, rulesText: null, rulesUpdatedOn: null };
}

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

/** The agency's notes for categories with nothing published. */
export async function getCategoryNotes(db: DbOrTrx, agencyId: number): Promise<Map<Category, string>> {
  const rows = await db.selectFrom('categoryNotes').select(['category', 'note']).where('agencyId', '=', agencyId).execute();
  return new Map(rows.map((r) => [r.category, r.note]));
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

/** The agency's sensitive words, alphabetically. */
export async function listSensitiveWords(db: DbOrTrx, agencyId: number): Promise<{ id: number; word: string }[]> {
  return db.selectFrom('sensitiveWords').select(['id', 'word']).where('agencyId', '=', agencyId).orderBy('word').execute();
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

/** The documents that must have an interpretation (解读): 规章 and 行政规范性文件. */
export const INTERPRETED_CATEGORIES = ['normative', 'rule'] as const;

export type InterpretationStatus = {
  id: number;
  category: string;
  title: string;
  docNo: string | null;
  publishedOn: string;
  interpretation: { id: number; title: string; publishedOn: string; workdays: number; provisional: boolean } | null;
  late: boolean;
};

/**
 * Published 规章 and 行政规范性文件 with their first published interpretation and how many working days it followed
 * the document; `late` when none exists yet or it came after the agency's limit (default 3 working days).
 */
export async function interpretationReport(
  db: DbOrTrx,
  agencyId: number,
  options: { issuedIn?: number } = {},
): Promise<{ lagDays: number; items: InterpretationStatus[] }> {
  const { interpretationLagDays: lagDays } = await getDisclosureSettings(db, agencyId);
  const docs = await db
    .selectFrom('documents')
    .select(['id', 'category', 'title', 'docNo', 'publishedOn'])
    .where('agencyId', '=', agencyId)
    .where('status', '=', 'published')
    .where('category', 'in', INTERPRETED_CATEGORIES)
    .$if(options.issuedIn !== undefined, (q) => q.where('issuedOn', '>=', `${options.issuedIn}-01-01`).where('issuedOn', '<=', `${options.issuedIn}-12-31`))
    .orderBy('publishedOn', 'desc')
    .execute();
  // Interpretations looked up by interprets_id in chunks: the index on it is the short way in, and a chunk stays
  // far below SQLite's 32,766 bound parameters whatever the number of documents. Status is checked here, not in SQL,
  // so the planner cannot prefer the agency's whole list.
  const interps: { id: number; title: string; publishedOn: string | null; interpretsId: number | null; status: string }[] = [];
  for (let i = 0; i < docs.length; i += 500) {
    const ids = docs.slice(i, i + 500).map((d) => d.id);
    const rows = await db
      .selectFrom('documents')
      .select(['id', 'title', 'publishedOn', 'interpretsId', 'status', 'agencyId'])
      .where('interpretsId', 'in', ids)
      .execute();
    for (const r of rows) if (r.status === 'published' && r.agencyId === agencyId) interps.push(r);
  }
  interps.sort((a, b) => ((a.publishedOn ?? '') < (b.publishedOn ?? '') ? -1 : 1));
  const calendar = await documentCalendar(db);
  const items = docs.map((d): InterpretationStatus => {
    const first = interps.find((i) => i.interpretsId === d.id);
    const publishedOn = d.publishedOn ?? '';
    if (!first?.publishedOn) return { id: d.id, category: d.category, title: d.title, docNo: d.docNo, publishedOn, interpretation: null, late: true };
    const { days, provisional } = calendar.workdaysBetween(publishedOn, first.publishedOn);
    return {
      id: d.id,
      category: d.category,
      title: d.title,
      docNo: d.docNo,
      publishedOn,
      interpretation: { id: first.id, title: first.title, publishedOn: first.publishedOn, workdays: days, provisional },
      late: days > lagDays,
    };
  });
  return { lagDays, items };
}

/**
 * interpretationReport's figures for many agencies at once (the performance pages): per agency, the documents issued
 * in `year` it looks at, how many have a published interpretation, and how many within the agency's limit. Two
 * queries whatever the number of agencies.
 */
export async function interpretationCounts(
  db: DbOrTrx,
  calendar: Pick<DocumentCalendar, 'workdaysBetween'>,
  agencyIds: readonly number[],
  year: number,
): Promise<Map<number, { documents: number; interpreted: number; interpretedOnTime: number }>> {
  const out = new Map<number, { documents: number; interpreted: number; interpretedOnTime: number }>();
  if (agencyIds.length === 0) return out;
  const [settings, rows] = await Promise.all([
    db.selectFrom('disclosureSettings').select(['agencyId', 'interpretationLagDays']).where('agencyId', 'in', agencyIds).execute(),
    db
      .selectFrom('documents as d')
      .leftJoin('documents as i', (join) => join.onRef('i.interpretsId', '=', 'd.id').onRef('i.agencyId', '=', 'd.agencyId').on('i.status', '=', 'published'))
      .select(['d.agencyId', 'd.id', 'd.publishedOn', (eb) => eb.fn.min('i.publishedOn').as('firstOn')])
      .where('d.agencyId', 'in', agencyIds)
      .where('d.status', '=', 'published')
      .where('d.category', 'in', INTERPRETED_CATEGORIES)
      .where('d.issuedOn', '>=', `${year}-01-01`)
      .where('d.issuedOn', '<=', `${year}-12-31`)
      .groupBy(['d.agencyId', 'd.id', 'd.publishedOn'])
      .execute(),
  ]);
  const lag = new Map(settings.map((s) => [Number(s.agencyId), s.interpretationLagDays]));
  for (const r of rows) {
    const id = Number(r.agencyId);
    const c = out.get(id) ?? { documents: 0, interpreted: 0, interpretedOnTime: 0 };
    out.set(id, c);
    c.documents++;
    if (r.firstOn === null || r.firstOn === undefined) continue;
    c.interpreted++;
    if (r.publishedOn && calendar.workdaysBetween(r.publishedOn, String(r.firstOn)).days <= (lag.get(id) ?? DEFAULT_LAG_DAYS)) c.interpretedOnTime++;
  }
  return out;
}

export type LateDocument = { id: number; title: string; category: string; issuedOn: string; publishedOn: string; workdays: number; provisional: boolean };

/** Published documents whose 发布日期 lies more than 20 working days after their 成文日期 (第二十六条). */
export async function latePublications(db: DbOrTrx, agencyId: number, year?: number): Promise<LateDocument[]> {
  let q = db
    .selectFrom('documents')
    .select(['id', 'title', 'category', 'issuedOn', 'publishedOn'])
    .where('agencyId', '=', agencyId)
    .where('status', '=', 'published');
  if (year) q = q.where('publishedOn', '>=', `${year}-01-01`).where('publishedOn', '<=', `${year}-12-31`);
  const rows = await q.orderBy('publishedOn', 'desc').execute();
  const calendar = await documentCalendar(db);
  const out: LateDocument[] = [];
  for (const r of rows) {
    if (!r.publishedOn) continue;
    const { days, provisional } = calendar.workdaysBetween(r.issuedOn, r.publishedOn);
    if (days > PUBLICATION_LIMIT_WORKDAYS) out.push({ ...r, publishedOn: r.publishedOn, workdays: days, provisional });
  }
  return out;
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

async function loadRound(db: DbOrTrx, agencyId: number, roundId: number) {
  const round = await db.selectFrom('cleanupRounds').selectAll().where('id', '=', roundId).where('agencyId', '=', agencyId).executeTakeFirst();
  if (!round) throw notFound();
  return round;
}

/** A round with its documents and decisions. */
export async function getCleanupRound(db: DbOrTrx, agencyId: number, roundId: number) {
  const round = await loadRound(db, agencyId, roundId);
  const items = await db
    .selectFrom('cleanupDecisions')
    .innerJoin('documents', 'documents.id', 'cleanupDecisions.documentId')
    .select([
      'documents.id',
      'documents.title',
      'documents.docNo',
      'documents.publishedOn',
      'documents.validity',
      'cleanupDecisions.decision',
      'cleanupDecisions.note',
    ])
    .where('cleanupDecisions.roundId', '=', roundId)
    .orderBy('documents.publishedOn')
    .execute();
  return { round, items };
}

/** The agency's cleanup rounds, newest first; `publishedOnly` for the portal. */
export async function listCleanupRounds(db: DbOrTrx, agencyId: number, publishedOnly = false) {
  let q = db.selectFrom('cleanupRounds').selectAll().where('agencyId', '=', agencyId);
  if (publishedOnly) q = q.where('status', '=', 'published');
  return q.orderBy('id', 'desc').execute();
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
