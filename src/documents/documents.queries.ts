import type { DbOrTrx } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';
import { notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { CATEGORIES, type Category, type InterpretationForm } from './documents.tables.ts';

/**
 * Read models of published documents for public pages, feeds and the API: exactly the fields the public may see
 * (no drafts, no withdrawn reasons, no review comments, no account names).
 */

export const PUBLIC_FIELDS = [
  'id',
  'agencyId',
  'indexNo',
  'title',
  'docNo',
  'issuingBody',
  'category',
  'topic',
  'issuedOn',
  'publishedOn',
  'validity',
  'validityChangedOn',
  'interpretsId',
  'interpretationForm',
  'version',
] as const;

export type PublicDocumentSummary = {
  id: number;
  agencyId: number;
  indexNo: string | null;
  title: string;
  docNo: string | null;
  issuingBody: string;
  category: Category;
  topic: string | null;
  issuedOn: string;
  publishedOn: string | null;
  validity: 'in_force' | 'amended' | 'repealed' | 'expired' | null;
  validityChangedOn: string | null;
  interpretsId: number | null;
  interpretationForm: InterpretationForm | null;
  version: number;
};

export type PublicDocument = PublicDocumentSummary & {
  bodyHtml: string;
  bodyText: string;
  attachments: { id: number; fileName: string; mediaType: string; size: number }[];
  versions: { version: number; title: string; publishedOn: string | null; replacedOn: string; reason: string }[];
  interpretations: PublicDocumentSummary[];
  interprets: PublicDocumentSummary | null;
};

/** 第二十条 item (0-based) under which each category is listed in the column. */
export const ARTICLE_ITEM_OF: Record<Category, number> = {
  rule: 0,
  normative: 0,
  policy: 0,
  interpretation: 0,
  organization: 1,
  plan: 2,
  statistics: 3,
  licensing: 4,
  enforcement: 5,
  budget: 6,
  fees: 7,
  procurement: 8,
  meeting: 14,
  proposal_reply: 14,
  news: 14,
  other: 14,
};

export const isCategory = (s: string): s is Category => (CATEGORIES as readonly string[]).includes(s);

/** The agency with its public content version (one query): what public pages are cached against. */
export async function publicAgency(db: DbOrTrx, code: string): Promise<{ agency: Agency; stamp: string }> {
  const row = await db
    .selectFrom('agencies')
    .leftJoin('contentVersions', 'contentVersions.agencyCode', 'agencies.code')
    .selectAll('agencies')
    .select('contentVersions.version as contentVersion')
    // The column home also lists the published annual reports (another module's writes).
    .select((eb) =>
      eb
        .selectFrom('annualReports')
        .select((r) => r.fn.max('annualReports.publishedAt').as('p'))
        .whereRef('annualReports.agencyId', '=', 'agencies.id')
        .where('annualReports.status', '=', 'published')
        .as('reportsPublishedAt'),
    )
    .where('agencies.code', '=', code)
    .executeTakeFirst();
  if (!row) throw notFound(t.agency.notFound);
  const { contentVersion, reportsPublishedAt, ...agency } = row;
  return { agency, stamp: `${contentVersion ?? 0}:${agency.updatedAt}:${reportsPublishedAt ?? ''}` };
}

/** The platform-wide content version (bumped with every agency's). */
export async function platformStamp(db: DbOrTrx): Promise<string> {
  const row = await db.selectFrom('contentVersions').select('version').where('agencyCode', '=', '*').executeTakeFirst();
  return String(row?.version ?? 0);
}

/** Published documents of an agency, newest first, one page, with the total. */
export async function listPublished(
  db: DbOrTrx,
  agencyId: number,
  opts: { category?: Category | undefined; page: number; pageSize: number; year?: number | undefined },
): Promise<{ total: number; items: PublicDocumentSummary[] }> {
  let base = db.selectFrom('documents').where('agencyId', '=', agencyId).where('status', '=', 'published');
  if (opts.category) base = base.where('category', '=', opts.category);
  if (opts.year) base = base.where('publishedOn', '>=', `${opts.year}-01-01`).where('publishedOn', '<=', `${opts.year}-12-31`);
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await base
    .select(PUBLIC_FIELDS)
    .orderBy('publishedOn', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize)
    .execute();
  return { total: Number(count.n), items };
}

/** Published documents by id, in the order given (search results). */
export async function publishedByIds(
  db: DbOrTrx,
  ids: number[],
): Promise<(PublicDocumentSummary & { bodyText: string; agencyCode: string; agencyName: string })[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('documents')
    .innerJoin('agencies', 'agencies.id', 'documents.agencyId')
    .select(PUBLIC_FIELDS.map((f) => `documents.${f}` as const))
    .select(['documents.bodyText', 'agencies.code as agencyCode', 'agencies.name as agencyName'])
    .where('documents.id', 'in', ids)
    .where('documents.status', '=', 'published')
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [r] : [];
  });
}

/** Counts of published documents per category of an agency. */
export async function countsByCategory(db: DbOrTrx, agencyId: number, publishedBy?: string): Promise<Map<Category, number>> {
  const rows = await db
    .selectFrom('documents')
    .select(['category', (eb) => eb.fn.countAll<number>().as('n')])
    .where('agencyId', '=', agencyId)
    .where('status', '=', 'published')
    .$if(publishedBy !== undefined, (q) => q.where('publishedOn', '<=', publishedBy as string))
    .groupBy('category')
    .execute();
  return new Map(rows.map((r) => [r.category, Number(r.n)]));
}

/** A published document with what its page shows, or NOT_FOUND; a withdrawn one answers `withdrawn`. */
export async function getPublishedDocument(db: DbOrTrx, agencyId: number, id: number): Promise<PublicDocument | 'withdrawn'> {
  const doc = await db
    .selectFrom('documents')
    .select([...PUBLIC_FIELDS, 'bodyHtml', 'bodyText', 'status'])
    .where('id', '=', id)
    .where('agencyId', '=', agencyId)
    .executeTakeFirst();
  if (!doc || (doc.status !== 'published' && doc.status !== 'withdrawn')) throw notFound(t.documents.errors.notFound);
  if (doc.status === 'withdrawn') return 'withdrawn';
  const [attachments, versions, interpretations, interprets] = await Promise.all([
    db.selectFrom('attachments').select(['id', 'fileName', 'mediaType', 'size']).where('documentId', '=', id).orderBy('id').execute(),
    db
      .selectFrom('documentVersions')
      .select(['version', 'title', 'publishedOn', 'replacedOn', 'reason'])
      .where('documentId', '=', id)
      .orderBy('version', 'desc')
      .execute(),
    db.selectFrom('documents').select(PUBLIC_FIELDS).where('interpretsId', '=', id).where('status', '=', 'published').orderBy('publishedOn').execute(),
    doc.interpretsId
      ? db.selectFrom('documents').select(PUBLIC_FIELDS).where('id', '=', doc.interpretsId).where('status', '=', 'published').executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const { status: _status, ...rest } = doc;
  return { ...rest, attachments, versions, interpretations, interprets: interprets ?? null };
}

/** An attachment of a published document (bytes included), or NOT_FOUND. */
export async function getPublishedAttachment(db: DbOrTrx, agencyId: number, documentId: number, attachmentId: number) {
  const row = await db
    .selectFrom('attachments')
    .innerJoin('documents', 'documents.id', 'attachments.documentId')
    .select(['attachments.fileName', 'attachments.mediaType', 'attachments.content', 'attachments.sha256'])
    .where('attachments.id', '=', attachmentId)
    .where('attachments.documentId', '=', documentId)
    .where('documents.agencyId', '=', agencyId)
    .where('documents.status', '=', 'published')
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** The years from the agency's first to its latest publication, newest first (search filters); two index reads. */
export async function publishedYears(db: DbOrTrx, agencyId?: number): Promise<number[]> {
  let q = db.selectFrom('documents').where('status', '=', 'published');
  if (agencyId !== undefined) q = q.where('agencyId', '=', agencyId);
  const first = await q.select('publishedOn').orderBy('publishedOn').limit(1).executeTakeFirst();
  const last = await q.select('publishedOn').orderBy('publishedOn', 'desc').limit(1).executeTakeFirst();
  if (!first?.publishedOn || !last?.publishedOn) return [];
  const years: number[] = [];
  for (let y = Number(last.publishedOn.slice(0, 4)); y >= Number(first.publishedOn.slice(0, 4)); y--) years.push(y);
  return years;
}

/** Distinct issuing bodies of an agency's published documents (search filter). */
export async function issuingBodies(db: DbOrTrx, agencyId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('documents')
    .select('issuingBody')
    .distinct()
    .where('agencyId', '=', agencyId)
    .where('status', '=', 'published')
    .orderBy('issuingBody')
    .limit(50)
    .execute();
  return rows.map((r) => r.issuingBody);
}

/** Which agency publishes a document, by id alone (the API's document address carries no agency). */
export async function documentAgency(db: DbOrTrx, id: number): Promise<{ agencyId: number; code: string } | undefined> {
  return db
    .selectFrom('documents')
    .innerJoin('agencies', 'agencies.id', 'documents.agencyId')
    .select(['documents.agencyId', 'agencies.code'])
    .where('documents.id', '=', id)
    .executeTakeFirst();
}

/** One chunk of an agency's published documents for its sitemaps, in id order. */
export async function sitemapDocuments(
  db: DbOrTrx,
  agencyId: number,
  chunk: number,
  size: number,
): Promise<{ id: number; publishedOn: string | null; updatedAt: string }[]> {
  return db
    .selectFrom('documents')
    .select(['id', 'publishedOn', 'updatedAt'])
    .where('agencyId', '=', agencyId)
    .where('status', '=', 'published')
    .orderBy('id')
    .limit(size)
    .offset((chunk - 1) * size)
    .execute();
}
