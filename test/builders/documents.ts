import type { DbOrTrx } from '../../src/db/database.ts';
import { approve, confirmSecrecyReview, createDraft, type DocumentRow, submitForReview } from '../../src/documents/documents.service.ts';
import type { IndexableDocument } from '../../src/search/search.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { type Clock, fixedClock } from '../../src/shared/clock.ts';
import { t } from '../../src/shared/i18n/zh-CN.ts';

let seq = 0;
export const ALL_CHECKS = t.documents.checklist.map((_, i) => String(i));

/** A draft document with sensible fields; override any. */
export function buildDraft(
  db: DbOrTrx,
  agencyId: number,
  overrides: Record<string, unknown> = {},
  clock: Clock = fixedClock('2022-06-13T02:00:00Z'),
): Promise<DocumentRow> {
  seq++;
  return createDraft({ db, clock }, systemActor('测试'), agencyId, {
    title: `关于做好第${seq}批工业企业技术改造项目申报工作的通知`,
    category: 'policy',
    issuedOn: '2022-06-10',
    body: `<p>各县（市、区）工业和信息化局：现将第${seq}批技术改造项目申报有关事项通知如下。</p>`,
    ...overrides,
  });
}

/** A document taken through 保密审查 and approval by the system actor: published on the clock's day unless it says. */
export async function buildPublished(
  db: DbOrTrx,
  agencyId: number,
  overrides: Record<string, unknown> = {},
  clock: Clock = fixedClock('2022-06-13T02:00:00Z'),
): Promise<DocumentRow> {
  const deps = { db, clock };
  const actor = systemActor('测试');
  const d = await buildDraft(db, agencyId, overrides, clock);
  await submitForReview(deps, actor, agencyId, d.id);
  await confirmSecrecyReview(deps, actor, agencyId, d.id, { checklist: ALL_CHECKS });
  return approve(deps, actor, agencyId, d.id);
}

/**
 * Published `documents` rows for search corpora given as IndexableDocuments (their ids kept), written directly in
 * multi-row INSERTs: search tests need thousands, without the workflow. The search index is the caller's.
 */
export async function insertPublishedRows(db: DbOrTrx, docs: readonly IndexableDocument[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 200) {
    await db
      .insertInto('documents')
      .values(
        docs.slice(i, i + 200).map((d) => ({
          id: d.id,
          agencyId: d.agencyId,
          ref: `R-${d.id}`,
          title: d.title,
          docNo: d.docNo,
          issuingBody: d.issuingBody,
          category: d.category as 'policy',
          issuedOn: d.publishedOn,
          publishedOn: d.publishedOn,
          bodyHtml: '',
          bodyText: d.bodyText,
          status: 'published' as const,
          version: 1,
          createdBy: 'test',
          createdAt: '2023-01-01T00:00:00Z',
          updatedAt: '2023-01-01T00:00:00Z',
        })),
      )
      .execute();
  }
}
