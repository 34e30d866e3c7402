/** The reads of the oversight pages (and of the portal, the self-check and the performance figures that show them). */
import type { DbOrTrx } from '../../db/database.ts';
import { notFound } from '../../shared/errors.ts';
import type { Category, DisclosureSettingsTable } from '../documents.tables.ts';
import { type DocumentCalendar, documentCalendar } from '../workdays.ts';

export const DEFAULT_LAG_DAYS = 3;
export const PUBLICATION_LIMIT_WORKDAYS = 20;

/** The agency's disclosure settings (defaults when never saved). */
export async function getDisclosureSettings(db: DbOrTrx, agencyId: number): Promise<DisclosureSettingsTable> {
  const row = await db.selectFrom('disclosureSettings').selectAll().where('agencyId', '=', agencyId).executeTakeFirst();
  return row ?? { agencyId, interpretationLagDays: DEFAULT_LAG_DAYS, guideText: null, guideUpdatedOn: null, rulesText: null, rulesUpdatedOn: null };
}

/** The agency's notes for categories with nothing published. */
export async function getCategoryNotes(db: DbOrTrx, agencyId: number): Promise<Map<Category, string>> {
  const rows = await db.selectFrom('categoryNotes').select(['category', 'note']).where('agencyId', '=', agencyId).execute();
  return new Map(rows.map((r) => [r.category, r.note]));
}

/** The agency's sensitive words, alphabetically. */
export async function listSensitiveWords(db: DbOrTrx, agencyId: number): Promise<{ id: number; word: string }[]> {
  return db.selectFrom('sensitiveWords').select(['id', 'word']).where('agencyId', '=', agencyId).orderBy('word').execute();
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

export async function loadRound(db: DbOrTrx, agencyId: number, roundId: number) {
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
